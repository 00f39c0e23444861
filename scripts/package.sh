#!/usr/bin/env bash
# make package: the Linux package dist/StudioPartner-VERSION-linux-amd64.tar.xz
# (the program, its menu entry and icon, and a Makefile that installs them
# for the user or for everyone) and SHA256SUMS beside it. The version comes
# from FyneApp.toml; nothing in the source tree changes.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(go run ./scripts/version)
name="StudioPartner-$version-linux-amd64"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
mkdir -p "$root/icons" dist
CGO_ENABLED=1 GOOS=linux GOARCH=amd64 go build -tags migrated_fynedo -ldflags "-s -w" -o "$root/studiopartner" .
cp packaging/linux/de.studiopartner.app.desktop packaging/linux/Makefile "$root/"
cp assets/icon.png "$root/icons/de.studiopartner.app.png"
cp README.md "$root/README.md"
# the same tree gives the same archive: names sorted, owner and time fixed
stamp=$(git log -1 --format=%ct 2>/dev/null || date +%s)
rm -f "dist/$name.tar.xz"
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$stamp" -cJf "dist/$name.tar.xz" "$name"
shopt -s nullglob
(cd dist && artifacts=(*.tar.xz *.exe *.zip) && sha256sum -- "${artifacts[@]}" > SHA256SUMS)
echo "dist/$name.tar.xz"
cat dist/SHA256SUMS
