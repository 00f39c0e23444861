#!/usr/bin/env bash
# make package-check: builds the Linux package as a user gets it, unpacks it
# into a scratch folder, installs it for a user with its own Makefile, and
# checks that the installed program answers --version with FyneApp.toml's
# version, that the menu entry points at it, that the sums hold, that
# uninstalling leaves a studio's data alone, and that the tree is unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(git status --porcelain 2>/dev/null || true)
out=$(bash scripts/package.sh)
pkg=${out%%$'\n'*}
version=$(go run ./scripts/version)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
(cd dist && sha256sum --check --quiet SHA256SUMS)
tar -C "$scratch" -xJf "$pkg"
dir="$scratch/StudioPartner-$version-linux-amd64"
prefix="$scratch/home/.local"
mkdir -p "$scratch/home/.config/StudioPartner"
echo keep > "$scratch/home/.config/StudioPartner/studiopartner.db"
make -s -C "$dir" install PREFIX="$prefix" HOME="$scratch/home" >/dev/null
got=$("$prefix/bin/studiopartner" --version)
[ "$got" = "Studio Partner $version" ] || { echo "package-check: the installed program says '$got'" >&2; exit 1; }
grep -qx "Exec=$prefix/bin/studiopartner" "$prefix/share/applications/de.studiopartner.app.desktop" ||
  { echo "package-check: the menu entry does not start the installed program" >&2; exit 1; }
[ -s "$prefix/share/icons/hicolor/256x256/apps/de.studiopartner.app.png" ] || { echo "package-check: no icon" >&2; exit 1; }
make -s -C "$dir" uninstall PREFIX="$prefix" HOME="$scratch/home" >/dev/null
[ ! -e "$prefix/bin/studiopartner" ] || { echo "package-check: uninstall left the program" >&2; exit 1; }
[ "$(cat "$scratch/home/.config/StudioPartner/studiopartner.db")" = keep ] || { echo "package-check: uninstall touched the data" >&2; exit 1; }
after=$(git status --porcelain 2>/dev/null || true)
[ "$before" = "$after" ] || { echo "package-check: make package changed the tree:" >&2; echo "$after" >&2; exit 1; }
echo "package-check: $pkg installs, answers $version and uninstalls cleanly"
