# The README's two commands: `make demo` and `make test`. Everything else is a helper they call.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Debian packages Qt needs at run time: the virtual keyboard links PulseAudio; GL, fonts and D-Bus for any
# window; the xcb (X11) and Wayland platform plugins' libraries, which a desktop install often lacks (without
# libxcb-cursor0, -icccm4 and -keysyms1 Qt cannot open a window on X11 at all). systemd: its systemd-analyze
# and units, for the test that verifies packaging/systemd/ (tests/packaging/test_units.py). postgresql: the
# Vendure tests' private database cluster (initdb/pg_ctl from /usr/lib/postgresql/*/bin; no service started).
# Accessibility (issue 17): Qt TextToSpeech's speechd engine speaks through speech-dispatcher and espeak-ng; the
# AT-SPI test runs the kiosk on Xvfb in a D-Bus session with at-spi2-core and reads it with python3-gi +
# gir1.2-atspi-2.0.
APT_PACKAGES := libpulse0 libxkbcommon0 libegl1 libgl1 libfontconfig1 libdbus-1-3 \
	libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
	libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1 libwayland-client0 libwayland-cursor0 systemd \
	postgresql speech-dispatcher espeak-ng at-spi2-core xvfb dbus python3-gi gir1.2-atspi-2.0

.PHONY: demo test lint test-fast test-vendure-next bench soak bench-live-vendure soak-vendure screenshots system-deps clean i18n faults fleet-bench fuzz package test-package bench-package package-deps

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found; install Python 3.11 (Debian: apt install python3.11 python3.11-venv)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "make: installing$$missing"; \
			(apt-get install -y -qq $$missing || (apt-get update -qq && apt-get install -y -qq $$missing)) >/dev/null; \
		else \
			echo "make: missing system packages:$$missing (run: sudo apt install$$missing)"; \
		fi; \
	fi

demo: system-deps $(STAMP)
	$(BIN)/kiosk demo

lint: $(STAMP)
	$(BIN)/ruff check kiosk tests packaging
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pyside6-qmllint --max-warnings 0 -I resources/qml resources/qml/Kiosk/*.qml resources/qml/Kiosk/*/*.qml

# The whole suite includes the real Vendure server: without Node.js 20+ and npm it fails and says so rather
# than skipping those tests (KIOSK_REQUIRE_VENDURE=0 make test skips them on a machine without Node).
KIOSK_REQUIRE_VENDURE ?= 1
test: system-deps $(STAMP) lint
	QT_QPA_PLATFORM=offscreen KIOSK_REQUIRE_VENDURE=$(filter-out 0,$(KIOSK_REQUIRE_VENDURE)) $(BIN)/pytest -q -m "not slow" -p no:cacheprovider

test-fast: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -m "not slow and not vendure" -p no:cacheprovider

# The Vendure tests of `make test` against another Vendure (docs/deploy-vendure.md, "Trying the next Vendure"):
# VENDURE_NEXT's @vendure/* packages are installed into their own cache folder (next-<version>-<hash>), the
# KioskPlugin compiled against them and the sample shop seeded; vendure/package.json stays on the pinned release.
# Not part of `make test`. e.g. make test-vendure-next VENDURE_NEXT=3.8.0-minor-202609120217
VENDURE_NEXT ?=
test-vendure-next: system-deps $(STAMP)
	@test -n "$(VENDURE_NEXT)" || { echo "make: name the Vendure to try: make test-vendure-next VENDURE_NEXT=<version> (npm view @vendure/core versions)"; exit 2; }
	QT_QPA_PLATFORM=offscreen KIOSK_REQUIRE_VENDURE=1 KIOSK_VENDURE_NEXT=$(VENDURE_NEXT) \
		$(BIN)/pytest -q -m "vendure and not slow" -p no:cacheprovider $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/kiosk bench

# An hour of the running kiosk (issue 15, docs/performance.md): the demo store changes itself every 3 s while
# the kiosk polls at its default 30 s, a product page open and a line in the cart; RSS at the end against the
# start, plus the live figures (freshness, idle poll, 10k batch). `kiosk bench` runs a 2-minute version at a
# 1 s refresh (as many passes as this hour). SOAK_S=600 for a shorter one.
SOAK_S ?= 3600
SOAK_SIZE ?= 1000000
soak: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/kiosk bench --live-only --catalog-size $(SOAK_SIZE) --soak-s $(SOAK_S) \
		--soak-interval-s 30 --soak-change-s 3 --default-interval-samples 0

# The same live figures against Vendure on PostgreSQL (issue 15; the server, worker and cluster that
# `kiosk bench --vendure` starts, VENDURE_VARIANTS seeded): changes through the Admin API timed to the screen at a
# 1 s refresh and on LIVE_DEFAULT_SAMPLES real changes at the default 30 s, the idle poll, a 10k-product batch in
# one journaled SQL transaction, and a 2-minute soak at a 1 s refresh. About 10 minutes on 2 cores.
# `make soak-vendure` is the hour at 30 s with a change through the Admin API every 3 s.
VENDURE_VARIANTS ?= 100000
LIVE_DEFAULT_SAMPLES ?= 4
bench-live-vendure: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/kiosk bench --vendure-only --live-only --vendure-variants $(VENDURE_VARIANTS) \
		--default-interval-samples $(LIVE_DEFAULT_SAMPLES)
soak-vendure: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/kiosk bench --vendure-only --live-only --vendure-variants $(VENDURE_VARIANTS) \
		--soak-s $(SOAK_S) --soak-interval-s 30 --soak-change-s 3 --default-interval-samples 0

# The full fault run (docs/faults.md): 500 kill -9s behind a fault proxy, both negative controls, GUI stall.
# About 20-30 minutes on 2 cores; `make test` runs a short version of each part. FAULT_KILLS=50 for a quick one.
FAULT_KILLS ?= 500
faults: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.faults --kills $(FAULT_KILLS)

# Nightly-style scanner fuzzing (docs/scanning.md): the scan router's property test at FUZZ_EXAMPLES examples
# (`make test` runs 10,000, 24-27 s of CPU); 200,000 take about 9 minutes on one core.
FUZZ_EXAMPLES ?= 200000
fuzz: $(STAMP)
	KIOSK_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -q -p no:cacheprovider tests/core/scanning/test_router_fuzz.py

# The fleet bench (tests/faults/fleet.py): PostgreSQL, two Vendure servers on one database + one worker, 50
# headless kiosks behind fault proxies, one server killed -9 mid-run; `make test` runs a short version.
FLEET_KIOSKS ?= 50
FLEET_ORDERS ?= 20
# mean seconds between one kiosk's orders; 0.05 sends back to back and measures the servers' capacity instead
FLEET_GAP_S ?= 10
fleet-bench: system-deps $(STAMP)
	$(BIN)/python -m tests.faults.fleet --kiosks $(FLEET_KIOSKS) --orders $(FLEET_ORDERS) --gap-s $(FLEET_GAP_S)

screenshots: system-deps $(STAMP)
	$(BIN)/kiosk screenshot --out docs/screenshots --size 1080x1920 --lang en --suffix=-portrait-en
	$(BIN)/kiosk screenshot --out docs/screenshots --size 1920x1080 --lang es --suffix=-landscape-es

i18n: $(STAMP)
	$(BIN)/pyside6-lupdate resources/qml/Kiosk/*.qml resources/qml/Kiosk/*/*.qml -ts resources/i18n/kiosk_es.ts
	$(BIN)/python tools/fill_translations.py
	$(BIN)/pyside6-lupdate -pluralonly resources/qml/Kiosk/*.qml resources/qml/Kiosk/*/*.qml -ts resources/i18n/kiosk_en.ts
	$(BIN)/python tools/fill_translations.py resources/i18n/kiosk_en.ts

# Deployment (docs/operations.md): `make package` builds the PyInstaller one-dir bundle, smoke-tests it outside
# the venv and wraps it in build/package/endless-aisle-kiosk_<version>_amd64.deb (KIOSK_VERSION=... to stamp
# another version). `make test-package` (CI runs it after `make test`) tests the bundle and package with real
# parts: cage headless + grim, a notify socket, systemd-analyze verify, update and rollback. Slow: ~5 min build.
# The .deb's Depends (packaging/build.py DEPENDS; tests/packaging/test_units.py keeps the two equal): the
# install test runs `dpkg -i` with no network on this machine's own root, as a store machine would have them.
PACKAGE_DEPENDS := adduser systemd cage xwayland libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 \
	libdbus-1-3 libwayland-client0 libwayland-cursor0 libwayland-egl1 libpulse0 libglib2.0-0
PACKAGE_APT := grim $(PACKAGE_DEPENDS)
PACKAGE_STAMP := $(VENV)/.package-installed

$(PACKAGE_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,package]'
	@touch $(PACKAGE_STAMP)

package-deps:
	@missing=""; for p in $(PACKAGE_APT); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "make: installing$$missing"; \
			(apt-get install -y -qq $$missing || (apt-get update -qq && apt-get install -y -qq $$missing)) >/dev/null; \
		else \
			echo "make: missing system packages:$$missing (run: sudo apt install$$missing)"; exit 1; \
		fi; \
	fi

package: system-deps $(PACKAGE_STAMP)
	$(BIN)/python packaging/build.py

test-package: package package-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -s -p no:cacheprovider packaging/tests

bench-package: package package-deps
	$(BIN)/python packaging/bench.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build
