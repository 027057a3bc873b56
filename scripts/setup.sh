#!/bin/sh
# Installs what gradus needs to build and test (Debian 12 packages) when it
# is missing, then configures and builds gradus in ./build.
# Usage: scripts/setup.sh            build what is needed to run gradus
#        scripts/setup.sh --test     also what the test suite needs
set -eu
cd "$(dirname "$0")/.."

PKGS="gcc meson ninja-build pkg-config python3 libconfig-dev libcjson-dev libcmocka-dev"
if [ "${1:-}" = "--test" ]; then
	# valgrind for the memory runs; libical (an independent RFC 5545
	# parser) to validate calendars; Chromium, poppler and fonts to print
	# the HTML to PDF and count pages as a person would see them, and to
	# run axe-core on every HTML output (npm installs axe-core and
	# puppeteer-core, pinned in tests/browser/axe/, into build/ on the
	# first test run; puppeteer-core drives this Chromium).
	# GNU time (/usr/bin/time -f %M) for the batch memory test.
	# clang and its runtime (libFuzzer, sanitizers) for the fuzz smoke runs.
	PKGS="$PKGS valgrind libical-dev chromium poppler-utils fonts-dejavu-core time"
	PKGS="$PKGS clang libclang-rt-14-dev"
	command -v npm >/dev/null 2>&1 || PKGS="$PKGS npm"
fi
missing=""
for p in $PKGS; do
	dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "setup: installing:$missing" >&2
	if [ "$(id -u)" = 0 ]; then
		SUDO=""
	elif command -v sudo >/dev/null 2>&1; then
		SUDO="sudo"
	else
		echo "setup: please install as root:$missing" >&2
		exit 1
	fi
	$SUDO apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >&2
fi

if [ ! -f build/build.ninja ]; then
	meson setup build -Dwerror=true >&2
elif [ -n "$missing" ] ||
	grep -q "dependency libical found: NO" build/meson-logs/meson-log.txt 2>/dev/null; then
	# build/ was configured before these packages were there (say by
	# scripts/demo.sh, then scripts/test.sh): meson keeps what it found
	# then, so look again, or the calendar validation is left out
	echo "setup: reconfiguring build/ for what was installed" >&2
	meson setup --reconfigure build -Dwerror=true >&2
fi
ninja -C build >&2
