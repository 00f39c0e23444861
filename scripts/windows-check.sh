#!/usr/bin/env bash
# make windows-check: runs wine_test.go — the portable Windows program and
# the installer that make package put in dist/, under Wine and Xvfb, as a
# Windows user named "Jürgen Müller", and the store's Windows-specific
# tests built for Windows. Builds dist/ first if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(go run ./scripts/version)
if [ ! -s "dist/StudioPartner-$version-setup.exe" ] || [ ! -s "dist/StudioPartner-$version-windows-amd64.zip" ]; then
  bash scripts/package.sh >/dev/null
fi
WINE_DIST="$PWD/dist" go test -tags migrated_fynedo,no_emoji,wine -count=1 -timeout 30m -run '^TestWindows' -v . 2>&1 |
  grep -v '^=== \(RUN\|PAUSE\|CONT\)'
exit "${PIPESTATUS[0]}"
