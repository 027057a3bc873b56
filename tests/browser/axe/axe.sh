#!/bin/sh
# Issue 14, item 8: every HTML output of every example passes axe-core
# (WCAG 2.1 A and AA, and best practice) in Debian's Chromium, with 0
# violations:
#   * the plan of every example profile, in normal and in large print
#     (for a gated profile, the screening page it prints instead);
#   * the referral sheet (screen --referral-format html) of every profile
#     the screening sends to a doctor;
#   * the review of each example log against margaret-sarcopenia.cfg,
#     normal and large print;
#   * the same for tests/data/html/*.cfg and tests/data/screen/hostile.cfg
#     (the most exercises, every red flag, markup in the names);
#   * the catalogue booklet (gradus exercises -f html) once gradus has it.
# Each file is checked with screen and with print media, and every <svg>
# must be role="img" with a text alternative (axe alone does not see an
# <svg> without a role). axe.js prints each violation (file, media, rule,
# impact, HTML snippet).
#
# axe-core and puppeteer-core are pinned in package-lock.json next to this
# script and installed with `npm ci` into $GRADUS_AXE_CACHE (by default
# build/tests/browser/axe under the source root, never into the source
# tree), again only when package-lock.json changes. puppeteer-core drives
# the installed Chromium ($CHROMIUM or `command -v chromium`) and never
# downloads a browser.
#
# Usage: GRADUS=build/src/cli/gradus tests/browser/axe/axe.sh
# Run from the source root (meson does). Exit: 0 no violation, 1 a
# violation or an error, 77 (skipped) when Chromium is not installed --
# 1 (failed) instead when CI=true.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../../.." && pwd)
gradus=${GRADUS:-$src/build/src/cli/gradus}

chromium=${CHROMIUM:-}
[ -n "$chromium" ] || chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
	if [ "${CI:-}" = true ]; then
		echo "axe.sh: FAIL: Chromium is not installed (scripts/setup.sh --test installs it); CI=true, where a validation that cannot run fails" >&2
		exit 1
	fi
	echo "axe.sh: Chromium is not installed (scripts/setup.sh --test installs it); skipped" >&2
	exit 77
fi

# ---- install the pinned axe-core and puppeteer-core (once per lock file) ----
cache=${GRADUS_AXE_CACHE:-}
if [ -z "$cache" ]; then
	if [ -d "$src/build" ]; then
		cache=$src/build/tests/browser/axe
	else
		cache=${TMPDIR:-/tmp}/gradus-axe-$(id -u)
	fi
fi
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
case "$cache/" in
"$src/tests/"* | "$src/docs/"* | "$src/src/"*)
	echo "axe.sh: refusing to install into the source tree ($cache)" >&2
	exit 1 ;;
esac

install_axe() {
	if [ -f "$cache/node_modules/axe-core/axe.min.js" ] &&
	   [ -d "$cache/node_modules/puppeteer-core" ] &&
	   cmp -s "$here/package-lock.json" "$cache/package-lock.json"; then
		return 0
	fi
	if ! command -v npm >/dev/null 2>&1; then
		echo "axe.sh: npm is needed to install axe-core (scripts/setup.sh --test installs it)" >&2
		return 1
	fi
	echo "axe.sh: installing axe-core and puppeteer-core into $cache" >&2
	rm -f "$cache/package-lock.json"
	cp "$here/package.json" "$cache/package.json"
	cp "$here/package-lock.json" "$cache/package-lock.json.new"
	mv "$cache/package-lock.json.new" "$cache/package-lock.json"
	# --ignore-scripts: no install script runs, so nothing is downloaded
	# but the pinned packages themselves.
	if ! (cd "$cache" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund \
		--ignore-scripts --prefer-offline --loglevel=error >&2); then
		rm -f "$cache/package-lock.json"
		echo "axe.sh: npm ci failed" >&2
		return 1
	fi
}

# Parallel tests share the cache: install under a lock.
if command -v flock >/dev/null 2>&1; then
	exec 9>"$cache/.lock"
	flock 9
	install_axe
	flock -u 9
	exec 9>&-
else
	install_axe
fi

# ---- every HTML output ----
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
start=2026-12-01  # the examples' own start: after every date in them

# run EXPECTED_CODES OUT -- gradus arguments: writes OUT, fails on an exit
# code not in the list
run() {
	codes=$1 out=$2
	shift 3
	rc=0
	"$gradus" "$@" >"$tmp/$out" 2>"$tmp/err" || rc=$?
	case " $codes " in
	*" $rc "*) ;;
	*)	echo "FAIL: gradus $* exited $rc" >&2
		cat "$tmp/err" >&2
		exit 1 ;;
	esac
}

cd "$src"
for p in profiles/examples/*.cfg tests/data/html/*.cfg tests/data/screen/hostile.cfg; do
	n=$(echo "$p" | sed 's,/,_,g; s,\.cfg$,,')
	# a gated profile prints its screening page (exit 10 to 14)
	run "0 10 11 12 13 14" "$n.plan.html" -- plan "$p" -f html --start $start
	run "0 10 11 12 13 14" "$n.plan-large.html" -- plan "$p" -f html --start $start --large-print
	# the sheet is written only when the screening sends to a doctor
	"$gradus" screen "$p" --start $start --referral "$tmp/$n.referral.html" \
		--referral-format html >/dev/null 2>&1 || true
	if [ -f "$tmp/$n.referral.html" ] && [ ! -s "$tmp/$n.referral.html" ]; then
		rm -f "$tmp/$n.referral.html"
	fi
done
for l in profiles/examples/logs/*.cfg; do
	n=$(basename "$l" .cfg)
	run "0 10 11 12 13 14" "$n.review.html" -- review \
		profiles/examples/margaret-sarcopenia.cfg "$l" -f html
	run "0 10 11 12 13 14" "$n.review-large.html" -- review \
		profiles/examples/margaret-sarcopenia.cfg "$l" -f html --large-print
done
# the catalogue booklet (issue 14, item 3), once gradus has it
if "$gradus" exercises -f html >"$tmp/exercises.html" 2>/dev/null; then :; else
	rm -f "$tmp/exercises.html"
fi
if ! ls "$tmp"/*.referral.html >/dev/null 2>&1; then
	echo "FAIL: no referral sheet was written" >&2
	exit 1
fi

cd "$tmp"
CHROMIUM=$chromium NODE_PATH=$cache/node_modules node "$here/axe.js" *.html
