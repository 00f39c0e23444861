#!/usr/bin/env bash
# scripts/sign.sh FILE… signs Windows programs and installers in place with
# osslsigncode (Authenticode, SHA-256), when SIGN_CERT and SIGN_KEY name a
# certificate and its key (PEM; SIGN_PASS if the key has a password);
# without them it does nothing. make package calls it.
set -euo pipefail
[ -n "${SIGN_CERT:-}" ] && [ -n "${SIGN_KEY:-}" ] || exit 0
for f in "$@"; do
  osslsigncode sign -certs "$SIGN_CERT" -key "$SIGN_KEY" ${SIGN_PASS:+-pass "$SIGN_PASS"} \
    -n "Studio Partner" -h sha256 -in "$f" -out "$f.signed" >/dev/null
  mv "$f.signed" "$f"
done
