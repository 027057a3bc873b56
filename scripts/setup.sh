#!/bin/sh
# Installs what gradus needs to build and test (Debian 12 packages) when it
# is missing, then configures and builds gradus in ./build.
# Usage: scripts/setup.sh            (build only)
set -eu
cd "$(dirname "$0")/.."

PKGS="gcc meson ninja-build pkg-config python3 libconfig-dev libcjson-dev libcmocka-dev"
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
fi
ninja -C build >&2
