# RayFix — the two commands a newcomer needs are `make run` and `make test`.
# Both install the missing Debian/Ubuntu packages first (make deps).

GO        ?= go
BIN       := bin/rayfix
PKGS      := ./...
# Debug builds leave out migrated_fynedo so Fyne warns about widget access
# from the wrong goroutine; release packaging adds it.
GOFLAGS_BUILD ?=

.PHONY: all deps build release debug run test lint cross package package-windows package-macos unit bench fuzz screenshots install uninstall clean

all: build

deps:
	@bash scripts/deps.sh

build: deps
	$(GO) build $(GOFLAGS_BUILD) -o $(BIN) .

# release: stripped, reproducible paths, and Fyne's fyne.Do migration on
# (no wrong-thread warnings). debug: keeps Fyne's warnings (the default build).
release: deps
	$(GO) build -trimpath -ldflags "-s -w" -tags migrated_fynedo -o $(BIN) .

debug: deps
	$(GO) build -o $(BIN) .

run: build
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
		echo "No display found: run 'make run' from a desktop session (or start Xvfb and set DISPLAY)."; exit 1; fi
	./$(BIN)

# lint: go vet, gofmt and staticcheck clean (staticcheck.conf says which
# checks and why), the complexity limits (scripts/complexity.sh: no function
# above 25, at most 20 above 15, none above 15 that is new or got more
# complex), and the AppStream metadata and the menu entry valid.
STATICCHECK := bin/staticcheck
GOCYCLO     := bin/gocyclo
$(STATICCHECK):
	GOBIN=$(CURDIR)/bin $(GO) install honnef.co/go/tools/cmd/staticcheck@v0.7.0
$(GOCYCLO):
	GOBIN=$(CURDIR)/bin $(GO) install github.com/fzipp/gocyclo/cmd/gocyclo@v0.6.0
lint: deps $(STATICCHECK) $(GOCYCLO)
	$(GO) vet $(PKGS)
	$(STATICCHECK) $(PKGS)
	bash scripts/complexity.sh $(GOCYCLO)
	appstreamcli validate --no-net assets/io.rayfix.app.metainfo.xml
	desktop-file-validate assets/io.rayfix.app.desktop
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

# test: lint, then every test under a virtual display (Xvfb) and a real,
# unlocked gnome-keyring on a private D-Bus session (scripts/test-env.sh).
# cross: the engine (VPN and proxy detection), the core (keychain, API) and
# the CLI build and vet — their build-tagged tests included — for macOS and
# Windows; the Fyne window needs each OS's C toolchain (package-windows
# builds it for Windows; macOS needs a Mac).
CORE_PKGS := ./diagnose/... ./app/... ./cfapi/... ./siteplan/... ./planner/... ./tfexport/... ./impact/... ./changes/... ./events/... ./advice/... ./fakecf/... ./internal/... ./cli/...
cross:
	for t in darwin/amd64 darwin/arm64 windows/amd64; do \
		GOOS=$${t%/*} GOARCH=$${t#*/} CGO_ENABLED=0 $(GO) build $(CORE_PKGS) || exit 1; \
		GOOS=$${t%/*} GOARCH=$${t#*/} CGO_ENABLED=0 $(GO) vet $(CORE_PKGS) || exit 1; done

# package: the Linux package (dist/RayFix.tar.xz: binary, desktop file,
# AppStream metadata, icons at every size, and a Makefile with install,
# uninstall and user-install honouring PREFIX and DESTDIR): made by Fyne's
# own packager in release mode, completed by scripts/package-linux.sh.
FYNE_TOOL := bin/fyne
$(FYNE_TOOL):
	GOBIN=$(CURDIR)/bin $(GO) install fyne.io/tools/cmd/fyne@v1.7.4

package: deps $(FYNE_TOOL)
	bash scripts/fyne-package.sh linux RayFix.tar.xz
	bash scripts/package-linux.sh dist/RayFix.tar.xz dist/RayFix.tar.xz

# package-windows: dist/RayFix.exe cross-built with mingw-w64 from Debian's
# packages (icon and version info embedded by Fyne's packager). About 8
# minutes on 2 cores the first time (GLFW's C code and the Go standard
# library for Windows), seconds after that; make test runs it so that CI
# proves the Windows build links.
package-windows: deps $(FYNE_TOOL)
	@bash scripts/deps.sh gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64
	CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ bash scripts/fyne-package.sh windows RayFix.exe

# package-macos: dist/RayFix.app, on a Mac only (Fyne's packager needs
# Apple's SDK and cgo; Xcode's command line tools and Go are enough).
package-macos: $(FYNE_TOOL)
	@[ "$$(uname -s)" = Darwin ] || { echo "package-macos runs on a Mac: see README, Install, macOS"; exit 1; }
	bash scripts/fyne-package.sh darwin RayFix.app

# The three builds run side by side: each spends minutes compiling GLFW's C
# code on one core the first time.
# Every package runs under the race detector, the Fyne screens included:
# their workers fetch, page and retry in parallel and hand results to
# widgets through fyne.Do. Only the end-to-end tests (which drive the built
# binary) and the packaging checks run without it.
RACE_PKGS := $(CORE_PKGS) ./ui/... ./assets/... ./bench/...
GUI_PKGS  := . ./e2e/...
test: deps lint cross
	$(MAKE) -j2 --output-sync=target build package package-windows
	RAYFIX_REQUIRE_PACKAGE=1 RAYFIX_REQUIRE_WINDOWS=1 bash scripts/test-env.sh sh -c \
		'$(GO) test -count=1 -race -timeout 20m $(RACE_PKGS) && $(GO) test -count=1 -timeout 20m $(GUI_PKGS)'
	@$(GO) test -count=1 -run 'TestCorpus' -v ./diagnose | grep -E 'corpus score|SKIP|no corpus' || true

unit:
	$(GO) test -count=1 $(PKGS)

# bench: ratios against baselines measured in the same run (see README).
bench: deps build
	bash scripts/test-env.sh bash scripts/bench.sh

# fuzz: FUZZTIME per target (default 2m).
FUZZTIME ?= 2m
fuzz:
	$(GO) test ./diagnose/address -run '^$$' -fuzz '^FuzzNormalizeURL$$' -fuzztime $(FUZZTIME)
	$(GO) test ./diagnose -run '^$$' -fuzz '^FuzzClassifyPage$$' -fuzztime $(FUZZTIME)
	$(GO) test ./app/ruleslang -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)
	$(GO) test ./app/ruleslang -run '^$$' -fuzz '^FuzzEval$$' -fuzztime $(FUZZTIME)

# screenshots: the README's pictures, taken from the real window by the e2e tests.
SCREENS := start verdict-1020 message paste owner-connect owner-sites owner-overview owner-rules \
	owner-preview owner-impact owner-changes owner-lookup owner-blocked owner-simulate owner-health
screenshots: deps
	bash scripts/test-env.sh $(GO) test -count=1 -run TestRealWindow ./e2e
	mkdir -p docs/screenshots
	for f in $(SCREENS); do convert out/screenshots/$$f.png -crop 820x700+0+0 +repage docs/screenshots/$$f.png; done
	# the verdict at the narrowest window in each of the twelve languages
	mkdir -p out/screenshots/languages
	RAYFIX_SCREENSHOTS=$(CURDIR)/out/screenshots/languages bash scripts/test-env.sh $(GO) test -count=1 -run TestEveryLanguageFitsTheNarrowestWindow ./ui
	cp out/screenshots/languages/narrow-de.png docs/screenshots/narrow-verdict-de.png
	cp out/screenshots/languages/narrow-ja.png docs/screenshots/narrow-verdict-ja.png
	cd out/screenshots/languages && montage $(foreach l,en es pt-BR fr de ru uk tr id vi zh-CN ja,narrow-$(l).png) \
		-resize 50% -tile 4x3 -geometry +6+6 -background '#202020' PNG8:$(CURDIR)/docs/screenshots/languages.png

# install/uninstall honour PREFIX and DESTDIR (packagers set DESTDIR).
PREFIX ?= /usr/local
SIZES := 16 24 32 48 64 128 256 512
install:
	@[ -x $(BIN) ] || { echo "Build RayFix first: make release   (then: sudo make install)"; exit 1; }
	install -Dm755 $(BIN) $(DESTDIR)$(PREFIX)/bin/rayfix
	install -Dm644 assets/io.rayfix.app.desktop $(DESTDIR)$(PREFIX)/share/applications/io.rayfix.app.desktop
	install -Dm644 assets/io.rayfix.app.metainfo.xml $(DESTDIR)$(PREFIX)/share/metainfo/io.rayfix.app.metainfo.xml
	install -Dm644 assets/icon.svg $(DESTDIR)$(PREFIX)/share/icons/hicolor/scalable/apps/io.rayfix.app.svg
	for s in $(SIZES); do install -Dm644 assets/icons/icon-$$s.png $(DESTDIR)$(PREFIX)/share/icons/hicolor/$${s}x$${s}/apps/io.rayfix.app.png; done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/rayfix $(DESTDIR)$(PREFIX)/share/applications/io.rayfix.app.desktop \
		$(DESTDIR)$(PREFIX)/share/metainfo/io.rayfix.app.metainfo.xml $(DESTDIR)$(PREFIX)/share/icons/hicolor/scalable/apps/io.rayfix.app.svg
	for s in $(SIZES); do rm -f $(DESTDIR)$(PREFIX)/share/icons/hicolor/$${s}x$${s}/apps/io.rayfix.app.png; done

clean:
	rm -rf bin dist
