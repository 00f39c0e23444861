package sqlstore

import (
	"context"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// wireCounter counts the round trips a server connection makes: each time
// the program, having sent something, waits for the server's answer. It is
// what a network's delay is paid for, whatever the statements were.
type wireCounter struct{ trips atomic.Int64 }

// dial opens a connection to the server that counts its round trips.
func (w *wireCounter) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	d := net.Dialer{KeepAlive: 30 * time.Second}
	c, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return &countedConn{Conn: c, w: w}, nil
}

// countedConn is a connection whose first read after a write counts one
// round trip.
type countedConn struct {
	net.Conn
	w     *wireCounter
	mu    sync.Mutex
	wrote bool
}

func (c *countedConn) Write(b []byte) (int, error) {
	c.mu.Lock()
	c.wrote = true
	c.mu.Unlock()
	return c.Conn.Write(b)
}

func (c *countedConn) Read(b []byte) (int, error) {
	c.mu.Lock()
	if c.wrote {
		c.wrote = false
		c.w.trips.Add(1)
	}
	c.mu.Unlock()
	return c.Conn.Read(b)
}
