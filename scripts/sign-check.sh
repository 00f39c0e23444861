#!/usr/bin/env bash
# make sign-check: with a throwaway self-signed certificate, scripts/sign.sh
# signs copies of the Windows program and installer from dist/ and
# osslsigncode verifies both signatures against that certificate; without
# a certificate nothing is signed.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(go run ./scripts/version)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
7z e -y -o"$scratch" "dist/StudioPartner-$version-windows-amd64.zip" "StudioPartner-$version/studiopartner.exe" >/dev/null
cp "dist/StudioPartner-$version-setup.exe" "$scratch/setup.exe"
SIGN_CERT= SIGN_KEY= bash scripts/sign.sh "$scratch/setup.exe"
if osslsigncode verify -in "$scratch/setup.exe" >/dev/null 2>&1; then
  echo "sign-check: signed without a certificate" >&2; exit 1
fi
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Studio Partner test signing" \
  -keyout "$scratch/key.pem" -out "$scratch/cert.pem" 2>/dev/null
SIGN_CERT="$scratch/cert.pem" SIGN_KEY="$scratch/key.pem" bash scripts/sign.sh "$scratch/studiopartner.exe" "$scratch/setup.exe"
for f in studiopartner.exe setup.exe; do
  out=$(osslsigncode verify -CAfile "$scratch/cert.pem" -in "$scratch/$f" 2>&1) ||
    { echo "sign-check: $f does not verify:" >&2; echo "$out" >&2; exit 1; }
  grep -q "Signature verification: ok" <<<"$out" || { echo "sign-check: $f: $out" >&2; exit 1; }
done
echo "sign-check: the program and the installer signed and verified"
