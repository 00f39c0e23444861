package sqlstore

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"studiopartner/data"
	"studiopartner/data/pgtest"
)

// testCA is a certificate authority made for one test.
type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pem  []byte
}

func newTestCA(t *testing.T, name string) testCA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		KeyUsage: x509.KeyUsageCertSign, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return testCA{cert: cert, key: key, pem: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}
}

// issue makes a server certificate for localhost, signed by the CA.
func (ca testCA) issue(t *testing.T) (certPEM, keyPEM []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "localhost"},
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder})
}

// A studio server speaking TLS with a certificate of the studio's own
// authority (made by the test) is reached with the certificate checked;
// with the authority of someone else the connection is refused with its
// own message, before anything is sent.
func TestServerCertificateChecked(t *testing.T) {
	bothEngines(t) // a server of its own, in the SQLite pass
	studio, stranger := newTestCA(t, "Studio CA"), newTestCA(t, "Someone else")
	cert, key := studio.issue(t)
	srv, err := pgtest.StartTLS(cert, key)
	if errors.Is(err, pgtest.ErrMissing) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	dir := t.TempDir()
	ours, theirs := filepath.Join(dir, "studio-ca.pem"), filepath.Join(dir, "other-ca.pem")
	os.WriteFile(ours, studio.pem, 0o600)
	os.WriteFile(theirs, stranger.pem, 0o600)
	ctx := context.Background()
	s, err := OpenServer(ctx, srv.URL+"?sslmode=verify-full&sslrootcert="+ours)
	if err != nil {
		t.Fatalf("with the studio's authority: %v", err)
	}
	if _, err := s.CountClients(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = OpenServer(ctx, srv.URL+"?sslmode=verify-full&sslrootcert="+theirs)
	var e *data.Error
	if !errors.As(err, &e) || e.Key != keyServerCertificate {
		t.Fatalf("with another authority: %v", err)
	}
}
