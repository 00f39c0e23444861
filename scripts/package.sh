#!/usr/bin/env bash
# make package: builds into dist/
#   StudioPartner-VERSION-linux-amd64.tar.xz  the program, its menu entry and
#       icon, and a Makefile that installs them for the user or for everyone
#   StudioPartner-VERSION-windows-amd64.zip   the portable Windows program
#   StudioPartner-VERSION-setup.exe           the Windows installer (NSIS)
#   SHA256SUMS
# The version comes from FyneApp.toml; nothing in the source tree changes.
# With SIGN_CERT and SIGN_KEY (PEM files; SIGN_PASS if the key has one) the
# Windows programs and the installer are signed with osslsigncode.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(go run ./scripts/version)
stage=$(mktemp -d)
syso="rsrc_windows_amd64.syso"
trap 'rm -rf "$stage"; rm -f "$syso"' EXIT
mkdir -p dist
rm -f dist/StudioPartner-* dist/SHA256SUMS # only this version's files and sums
# the same tree gives the same archives: names sorted, owner and time fixed
stamp=$(git log -1 --format=%ct 2>/dev/null || date +%s)

# Linux
name="StudioPartner-$version-linux-amd64"
root="$stage/$name"
mkdir -p "$root/icons"
CGO_ENABLED=1 GOOS=linux GOARCH=amd64 go build -tags migrated_fynedo,no_emoji -ldflags "-s -w" -o "$root/studiopartner" .
cp packaging/linux/de.studiopartner.app.desktop packaging/linux/Makefile "$root/"
cp assets/icon.png "$root/icons/de.studiopartner.app.png"
cp README.md "$root/README.md"
rm -f "dist/$name.tar.xz"
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$stamp" -cJf "dist/$name.tar.xz" "$name"

# Windows: the icon, version and manifest go into the programs as a .syso
# that only a Windows build links; the window build and its console twin
# for scripts (exit statuses, output that waits) differ only in linking
win="$stage/StudioPartner-$version"
res="$stage/res"
mkdir -p "$win" "$res"
go run ./scripts/winres "$res" "$version"
(cd "$res" && x86_64-w64-mingw32-windres -O coff -o app.syso app.rc)
cp "$res/app.syso" "$syso"
wbuild() {
  CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
    go build -tags migrated_fynedo,no_emoji -ldflags "-s -w $1" -o "$2" .
}
wbuild "-H=windowsgui" "$win/studiopartner.exe"
wbuild "" "$win/studiopartner-cli.exe"
rm -f "$syso"
sed 's/$/\r/' README.md > "$win/README.txt"
bash scripts/sign.sh "$win/studiopartner.exe" "$win/studiopartner-cli.exe"
zip="dist/StudioPartner-$version-windows-amd64.zip"
rm -f "$zip"
touch -d "@$stamp" "$win" "$win"/*
(cd "$stage" && 7z a -tzip -mx=9 -bd -bso0 "$OLDPWD/$zip" "StudioPartner-$version" >/dev/null)
cp "$res/app.ico" "$res/strings.nsh" "$win/"
parts=(${version//./ } 0 0 0 0)
setup="dist/StudioPartner-$version-setup.exe"
makensis -V2 -DVERSION="$version" -DVERSION4="${parts[0]}.${parts[1]}.${parts[2]}.${parts[3]}" \
  -DSTAGE="$win" -DOUTFILE="$PWD/$setup" packaging/windows/installer.nsi
bash scripts/sign.sh "$setup"

shopt -s nullglob
(cd dist && artifacts=(*.tar.xz *.exe *.zip) && sha256sum -- "${artifacts[@]}" > SHA256SUMS)
echo "dist/$name.tar.xz"
echo "$zip"
echo "$setup"
cat dist/SHA256SUMS
