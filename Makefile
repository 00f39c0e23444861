# Studio Partner — the two commands a newcomer needs are `make run` and
# `make test`; both install what is missing first.

GO    ?= go
# the Go release the program is built and tested with; the go command
# fetches it through the module proxy the first time (about 76 MB)
GOTOOLCHAIN ?= go1.27.3
export GOTOOLCHAIN
TAGS  := -tags migrated_fynedo,no_emoji
BIN   := studiopartner
XVFB  := xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session --

.PHONY: run build deps deps-package windows-check sign-check update-check test vet lint lint-fast unit translations fuzz-brief fuzz smoke bench screenshots clean package package-check

run: build
	./$(BIN) $(ARGS)

build: deps
	$(GO) build $(TAGS) -o $(BIN) .

deps:
	@bash scripts/install-deps.sh

# also the MinGW cross compiler, Wine, NSIS, 7-Zip and osslsigncode
deps-package:
	@bash scripts/install-deps.sh package

FUZZTIME ?= 10s
# a new input is minimised for at most this long, so a brief run keeps fuzzing
FUZZMIN  ?= 2s

test: deps lint unit translations fuzz-brief smoke package-check windows-check sign-check update-check

vet:
	$(GO) vet $(TAGS) ./...

# gofmt, go vet, staticcheck, gocyclo -over 15, funclen -over 60 and
# govulncheck, each pinned in scripts/lint.sh; any finding fails
lint: deps
	@bash scripts/lint.sh

# the same without govulncheck, for a quick look while working
lint-fast: deps
	@bash scripts/lint.sh fast

unit:
	$(GO) test $(TAGS) -race -timeout 40m ./...
	$(GO) test $(TAGS) -count=1 -run 'TestImportManyRows' ./data/sqlstore
	STUDIO_TEST_ENGINE=postgres $(GO) test $(TAGS) -count=1 -timeout 30m ./data/sqlstore

# both language files hold the same keys, plural forms and variables, and
# every key the code uses exists
translations:
	$(GO) test $(TAGS) -count=1 -run 'TestParity|TestKeysUsedExist|TestEnumsTranslated|TestOneWordOneMeaning|TestNoBrokenArrows' ./translations

# money and date input, spreadsheets and CSV imports never panic; each target runs
# briefly in make test, longer with make fuzz
fuzz-brief:
	$(GO) test -run '^$$' -fuzz '^FuzzParseMoney$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMIN) ./data
	$(GO) test -run '^$$' -fuzz '^FuzzParseLocalDate$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMIN) ./data
	$(GO) test -run '^$$' -fuzz '^FuzzReadSheet$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMIN) ./data/exchange
	$(GO) test -run '^$$' -fuzz '^FuzzImportCSV$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMIN) ./data/sqlstore

fuzz:
	$(MAKE) fuzz-brief FUZZTIME=2m

# the real window under a virtual display: it must paint and save a PNG;
# built with -race so threading mistakes in the window show up
smoke: deps
	$(GO) build $(TAGS) -race -o $(BIN)-race .
	SMOKE_BIN=$(CURDIR)/$(BIN)-race $(GO) test $(TAGS),smoke -count=1 -run 'TestSmoke|TestKeyboardAtStart' -v .

bench: deps
	$(GO) test $(TAGS) -run '^$$' -bench . -benchtime 1000x -timeout 120m ./data/... ./reports/... | tee bench.txt
	$(XVFB) $(GO) run $(TAGS) ./scripts/startup bench.txt
	$(GO) run ./scripts/figures bench.txt README.md

# the README's pictures, from the real window on a demo studio: the clients
# screen with a search typed and the first match open, in German and English
SHOTDB := /tmp/studiopartner-shots.db
screenshots: build
	rm -f $(SHOTDB) $(SHOTDB)-*
	./$(BIN) --db $(SHOTDB) demo --clients 300
	$(XVFB) ./$(BIN) --db $(SHOTDB) --lang de --page clients --search mueller --screenshot docs/screenshot.png --force
	$(XVFB) ./$(BIN) --db $(SHOTDB) --lang en --page clients --search mueller --screenshot docs/screenshot-en.png --force

# dist/: the Linux package, the Windows installer and portable zip, and
# SHA256SUMS (the version from FyneApp.toml); signed with SIGN_CERT=cert.pem
# SIGN_KEY=key.pem
package: deps-package
	@bash scripts/package.sh

# builds the packages, installs the Linux one for a scratch user, runs it,
# uninstalls it
package-check: deps-package
	@bash scripts/package-check.sh

# the Windows program and installer from dist/ under Wine and Xvfb, and the
# store's Windows-specific tests (make package-check builds dist/ first)
windows-check: deps-package
	@bash scripts/windows-check.sh

# signing with a throwaway certificate verifies; no certificate, no signature
sign-check: deps-package
	@bash scripts/sign-check.sh

# the previous release's database opened by this tree: nothing lost
update-check: deps
	@bash scripts/update-check.sh

clean:
	rm -rf dist
	rm -f $(BIN) $(BIN)-race bench.txt *.test *.prof *.out
	find . -name '*.test' -not -path './.git/*' -delete
