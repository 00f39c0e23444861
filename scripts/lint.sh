#!/usr/bin/env bash
# The lint gate of make test. Every tool is pinned and fetched through the
# Go module proxy with `go run module@version`, so a fresh clone needs no
# manual step. Any finding fails the build.
#
#   scripts/lint.sh          all checks
#   scripts/lint.sh fast     all but govulncheck (no database to build)
set -euo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
TAGS=(-tags migrated_fynedo,no_emoji)
STATICCHECK=honnef.co/go/tools/cmd/staticcheck@v0.8.2
GOCYCLO=github.com/fzipp/gocyclo/cmd/gocyclo@v0.6.0
GOVULNCHECK=golang.org/x/vuln/cmd/govulncheck@v1.9.0
# the vulnerability database, as a module: the machine reaches the module
# proxy but not vuln.go.dev, so the database is built from this snapshot
VULNDB=golang.org/x/vulndb
VULNDB_VERSION=v0.0.0-20261105234957-e22db6528018

step() { printf '== %s\n' "$*"; }

step "gofmt -l"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.git/*'))
if [ -n "$unformatted" ]; then
  echo "not formatted (run gofmt -w):"
  echo "$unformatted"
  exit 1
fi

step "go vet"
$GO vet "${TAGS[@]}" ./...

step "staticcheck"
$GO run "$STATICCHECK" "${TAGS[@]}" ./...

step "gocyclo -over 15 (production code)"
$GO run "$GOCYCLO" -over 15 -ignore '_test\.go|scripts/' .

step "funclen -over 60 (production code)"
$GO run ./scripts/funclen -over 60 .

if [ "${1:-}" = fast ]; then
  exit 0
fi

step "govulncheck"
db="${TMPDIR:-/tmp}/studiopartner-vulndb-$VULNDB_VERSION"
if [ ! -f "$db/index/db.json" ]; then
  # go run fetches the whole module, the data beside the command
  src="$($GO env GOMODCACHE)/$VULNDB@$VULNDB_VERSION/data/osv"
  rm -rf "$db.tmp"
  $GO run "$VULNDB/cmd/indexdb@$VULNDB_VERSION" -vulns "$src" -out "$db.tmp"
  rm -rf "$db"
  mv "$db.tmp" "$db"
fi
$GO run "$GOVULNCHECK" -db "file://$db" "${TAGS[@]}" ./...
