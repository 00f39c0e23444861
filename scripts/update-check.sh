#!/usr/bin/env bash
# make update-check: an update keeps the studio's data. Builds the previous
# release (the newest tag v* other than FyneApp.toml's version; in a clone
# without tags, the commit before FyneApp.toml took its version) and this
# tree, lets the old program make a studio with backups, and opens it with
# the new one: the clients and payments are all there, the backups too,
# and when the schema grew, a copy of the database as the old program left
# it was kept first (backups/studiopartner-before-update-….db) and the old
# program now refuses the database with its "newer version" message,
# leaving it unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(go run ./scripts/version)
prev=$(git tag -l 'v*' --sort=-v:refname | grep -vx "v$version" | head -n 1 || true)
fileVersion() { git show "$1:FyneApp.toml" 2>/dev/null | sed -n 's/^ *Version = "\(.*\)"/\1/p'; }
if [ -z "$prev" ]; then
  # a clone without tags: the commit just before FyneApp.toml took this version
  for c in $(git log --format=%H -- FyneApp.toml 2>/dev/null); do
    if [ "$(fileVersion "$c")" = "$version" ] && [ -n "$(fileVersion "$c^")" ] && [ "$(fileVersion "$c^")" != "$version" ]; then
      prev="$c^"
      break
    fi
  done
fi
if [ -z "$prev" ]; then
  if [ "$(git rev-parse --is-shallow-repository)" = true ]; then
    echo "update-check: this clone is shallow and has no release tags; skipped (git fetch --tags --unshallow)" >&2
    exit 0
  fi
  echo "update-check: no earlier release tag (v*) to update from" >&2
  exit 1
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/old"
git archive "$prev" | tar -x -C "$scratch/old"
(cd "$scratch/old" && go build -tags migrated_fynedo -o "$scratch/studiopartner-old" .)
go build -tags migrated_fynedo,no_emoji -o "$scratch/studiopartner-new" .
old="$scratch/studiopartner-old"
new="$scratch/studiopartner-new"
data="$scratch/Jürgen Müller/StudioPartner"
db="$data/studiopartner.db"
mkdir -p "$data"
fail() { echo "update-check: $*" >&2; exit 1; }
schema() { "$1" --lang en --db "$db" check | grep -o 'schema version [0-9]*' | grep -o '[0-9]*$'; }
rows() { # the lines of one exported table
  rm -rf "$scratch/export"
  "$1" --db "$db" export "$scratch/export" >/dev/null
  wc -l < "$scratch/export/$2.csv"
}

"$old" --db "$db" demo --clients 80 >/dev/null
"$old" --db "$db" backup >/dev/null
old_schema=$(schema "$old")
clients=$(rows "$old" clients)
payments=$(rows "$old" payments)
backups=$(ls "$data/backups" | wc -l)

new_schema=$(schema "$new")  # the first start of the new program
[ "$(rows "$new" clients)" = "$clients" ] || fail "clients lost in the update from $prev"
[ "$(rows "$new" payments)" = "$payments" ] || fail "payments lost in the update from $prev"
kept=$(ls "$data/backups" | grep -c 'before-update-' || true)
[ "$(ls "$data/backups" | grep -vc 'before-update-')" -ge "$backups" ] || fail "the update removed backups"

if [ "$new_schema" -gt "$old_schema" ]; then
  [ "$kept" = 1 ] || fail "$kept copies kept before the update from schema $old_schema to $new_schema, want 1"
  copy=$(ls "$data/backups"/*before-update-*.db)
  got=$("$old" --lang en --db "$copy" check | grep -o 'schema version [0-9]*' | grep -o '[0-9]*$')
  [ "$got" = "$old_schema" ] || fail "the copy before the update has schema $got, want $old_schema"
  sum=$(sha256sum < "$db")
  if msg=$("$old" --lang en --db "$db" check 2>&1); then fail "$prev opened a database of schema $new_schema"; fi
  grep -q "newer version" <<<"$msg" || fail "$prev said '$msg' about a newer database"
  [ "$(sha256sum < "$db")" = "$sum" ] || fail "$prev changed the newer database it refused"
  echo "update-check: $prev (schema $old_schema) to $version (schema $new_schema): data kept, a copy made first, the old program refuses the newer file"
else
  [ "$kept" = 0 ] || fail "a copy was kept though the schema did not change"
  "$old" --db "$db" check >/dev/null || fail "$prev can no longer open the database"
  echo "update-check: $prev to $version (both schema $new_schema): data kept"
fi
