# The two commands of the README: `make run` and `make test`. Both set up what is
# missing first: the Debian/Ubuntu packages Fyne needs to build, and Go modules.
GO ?= go
APT_PACKAGES := gcc pkg-config libgl1-mesa-dev xorg-dev
# What the tests start or call besides: a throwaway PostgreSQL cluster, xmllint
# for the FA(3) schema, pdftotext for PDF text, zbarimg for QR codes.
TEST_APT_PACKAGES := postgresql libxml2-utils poppler-utils zbar-tools
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
export PATH := $(PATH):/usr/local/go/bin

.PHONY: run test soak soak-fuzz deps testdeps sysdeps build vet lint package clean

run: deps
	$(GO) run ./cmd/kontor

# Packages whose own code starts no goroutine run their tests without the race
# detector (it makes the pure-Go SQLite about ten times slower): what they call
# that does start goroutines is raced in its own package. store/demo's one
# goroutine is raced by its small generations (RACED_DEMO_TESTS); the tests of
# store and store/team that start goroutines (two programs opening a file, a
# backup read while written, a sync beside a writer, a kill or a restart of the
# server) run raced too (RACED_STORE_TESTS, RACED_TEAM_TESTS).
# domain/race_test.go checks the lists against the code.
PLAIN_PACKAGES := ./cmd/kontorctl ./store ./store/bench ./store/demo ./store/ksef ./store/team ./store/xfer
RACED_DEMO_TESTS := TestDemo(Progress|RefusesNonEmptyDatabase|CancelledLeavesNothing)
RACED_STORE_TESTS := Test(BackupIsNeverVisibleHalfWritten|ImportChecksWithoutTheLock|OpenTwiceAtOnce)
RACED_TEAM_TESTS := Test(KillDuringSyncConverges|JoinDroppedMidway|ConnectionDroppedMidSync|ServerRestartMidSync|CursorNeverSkipsALaterCommit|ConcurrentWritersAndPuller)
# The walk through every dialog at three sizes runs on the test's goroutine
# (the screens' work inline): a data-shape test, run without the race detector.
UNRACED_UI_TESTS := TestEveryDialogFitsAndClosesOnEscape

test: testdeps vet lint
	CGO_ENABLED=0 $(GO) build -o /dev/null ./cmd/kontorctl
	$(GO) test -race -count=1 -timeout 8m -skip '$(UNRACED_UI_TESTS)' $$($(GO) list ./... | grep -v -x -F $(patsubst ./%,-e kontor/%,$(PLAIN_PACKAGES)))
	$(GO) test -race -count=1 -timeout 8m -run '$(RACED_DEMO_TESTS)' ./store/demo
	$(GO) test -race -count=1 -timeout 8m -run '$(RACED_STORE_TESTS)' ./store
	$(GO) test -race -count=1 -timeout 8m -run '$(RACED_TEAM_TESTS)' ./store/team
	$(GO) test -count=1 -timeout 8m $(PLAIN_PACKAGES)
	$(GO) test -count=1 -timeout 8m -run '$(UNRACED_UI_TESTS)' ./ui

# make soak: the fault-injection suite's long run (README, "Reliability"). The
# kill, two-writer, bad-file, full-disk and round-trip tests run their soak
# rounds (SOAK times over) on the large dataset, made once into SOAK_DIR; then
# every fuzz target runs for SOAK_FUZZ. The log and a summary go to SOAK_DIR.
SOAK ?= 1
SOAK_FUZZ ?= 60s
SOAK_DIR ?= $(HOME)/.cache/kontor-soak
# The large dataset is made once per schema (the number of migrations), so a
# file made before a migration was added or renumbered is never reused.
SOAK_LARGE = $(SOAK_DIR)/large-schema$(words $(wildcard store/migrations/*.sql)).db
SOAK_TESTS := TestKillImport|TestKillBackup|TestKillStatements|TestTwoWriters|TestFullDisk|TestBadDatabaseFiles|TestBadCSVFiles|TestRoundTripEveryKind
FUZZ_PACKAGES := ./domain ./store/xfer
soak: testdeps
	mkdir -p $(SOAK_DIR)
	CGO_ENABLED=0 $(GO) build -o $(SOAK_DIR)/kontorctl ./cmd/kontorctl
	@test -s $(SOAK_LARGE) || { rm -f $(SOAK_DIR)/large-new.db; \
		$(SOAK_DIR)/kontorctl --db $(SOAK_DIR)/large-new.db demo --accounts 20000 --seed 1 --today 2026-11-27 && \
		mv $(SOAK_DIR)/large-new.db $(SOAK_LARGE); }
	KONTOR_SOAK=$(SOAK) KONTOR_SOAK_DATASET=$(SOAK_LARGE) $(GO) test -count=1 -timeout 8h -v \
		-run '^($(SOAK_TESTS))$$' ./cmd/kontorctl 2>&1 | tee $(SOAK_DIR)/soak.log
	@grep -q '^ok' $(SOAK_DIR)/soak.log || { echo "make soak: the fault tests failed (see above)"; exit 1; }
	@$(MAKE) --no-print-directory soak-fuzz
	@echo "soak summary ($(SOAK_DIR)/soak.log):"; grep -hE 'runs killed|full disk:|bad files:|CSV:|round trip:|two writers:|^--- (PASS|FAIL)|^ok|^FAIL|^fuzz' $(SOAK_DIR)/soak.log | sed 's/^ *//'

# make soak-fuzz: only the fuzz half of make soak, its lines added to the log.
soak-fuzz:
	mkdir -p $(SOAK_DIR)
	@for pkg in $(FUZZ_PACKAGES); do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "fuzz $$pkg $$target for $(SOAK_FUZZ)" | tee -a $(SOAK_DIR)/soak.log; \
			corpus=$$(ls $$pkg/testdata/fuzz/$$target 2>/dev/null | wc -l); \
			$(GO) test -run XXX -fuzz "^$$target$$" -fuzztime $(SOAK_FUZZ) $$pkg > $(SOAK_DIR)/fuzz.log 2>&1; status=$$?; \
			grep -v '^fuzz: elapsed' $(SOAK_DIR)/fuzz.log | tail -4; grep 'fuzz: elapsed' $(SOAK_DIR)/fuzz.log | tail -1 >> $(SOAK_DIR)/soak.log; \
			if [ $$status -ne 0 ] && [ $$(ls $$pkg/testdata/fuzz/$$target 2>/dev/null | wc -l) -eq $$corpus ] && \
				grep -q 'context deadline exceeded' $(SOAK_DIR)/fuzz.log; then \
				echo "fuzz $$target: stopped by Go's own fuzztime race (golang/go#75804, fixed in Go 1.27), no failing input" | tee -a $(SOAK_DIR)/soak.log; \
			elif [ $$status -ne 0 ]; then echo "make soak: $$target failed; its input is in $$pkg/testdata/fuzz/$$target"; exit 1; fi; \
		done; \
	done

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) vet ./...

build: deps
	mkdir -p bin
	$(GO) build -o bin/kontor ./cmd/kontor
	CGO_ENABLED=0 $(GO) build -o bin/kontorctl ./cmd/kontorctl
	cp FyneApp.toml bin/

# A Linux desktop bundle (binary, icon, .desktop entry) in dist/. fyne package
# reads FyneApp.toml through cmd/kontor's link to it and bumps its Build number;
# the file is restored so a package build leaves the tree as it was.
FYNE := $(shell $(GO) env GOPATH)/bin/fyne
package: deps
	@test -x $(FYNE) || $(GO) install fyne.io/tools/cmd/fyne@v1.7.2
	cp FyneApp.toml .FyneApp.toml.keep
	$(FYNE) package --target linux --src cmd/kontor --icon ../../assets/icon.png --release; \
		status=$$?; mv .FyneApp.toml.keep FyneApp.toml; exit $$status
	mkdir -p dist && mv Kontor.tar.xz dist/

lint:
	$(GO) run $(STATICCHECK) ./...

deps: sysdeps
	$(GO) mod download

testdeps: deps
	@$(MAKE) --no-print-directory sysdeps APT_PACKAGES="$(TEST_APT_PACKAGES)"

# Installs the system packages Fyne needs when any is missing: as root directly,
# otherwise through sudo; without either it says what to install and stops.
sysdeps:
	@command -v dpkg-query >/dev/null 2>&1 || { echo "Not a Debian/Ubuntu system: make sure a C compiler, pkg-config and the OpenGL and X11 development headers are installed."; exit 0; }; \
	missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "Installing system packages:$$missing"; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "Kontor needs these packages; run as root: apt-get install$$missing"; exit 1; fi; \
	$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq$$missing

clean:
	rm -rf bin dist
