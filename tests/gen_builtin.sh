#!/bin/sh
# Issue 17, item 4: the built-in catalogue and templates are compiled to C
# tables by src/gen/gen_builtin.c, and a built-in file with an error fails
# the build. Run from the source root:
#   tests/gen_builtin.sh GENERATOR BUILT_TABLES.c WARMUP_BROKEN.cfg \
#       BED_LEVEL_BROKEN.cfg EXPECTED
#  1. on the built-in files with exercises/warmup.cfg and
#     profiles/templates/bed-level.cfg replaced by copies with errors
#     (tests/data/builtin/*-broken.cfg): exit 1, every error printed as
#     FILE:LINE: error: ..., naming the copies as under the source root
#     (EXPECTED, tests/data/builtin/broken.expected), no C file written;
#  2. on the files as shipped: exit 0, and the very file the build made.
set -u
gen=$1
built=$2
warmup=$3
bed=$4
expected=$5
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

"$gen" --root . -o "$tmp/broken.c" \
	--catalogue $(ls exercises/*.cfg | grep -v '/warmup\.cfg$') \
	"$warmup" \
	--templates $(ls profiles/templates/*.cfg | grep -v '/bed-level\.cfg$') \
	"$bed" 2>"$tmp/err"
code=$?
if [ "$code" != 1 ]; then
	echo "broken files: exit $code, expected 1"
	fail=1
fi
if ! diff -u "$expected" "$tmp/err"; then
	echo "broken files: stderr differs from $expected"
	fail=1
fi
if [ -e "$tmp/broken.c" ]; then
	echo "broken files: a C file was written"
	fail=1
fi

"$gen" --root . -o "$tmp/shipped.c" --catalogue exercises/*.cfg \
	--templates profiles/templates/*.cfg 2>"$tmp/err"
code=$?
if [ "$code" != 0 ] || [ -s "$tmp/err" ]; then
	echo "shipped files: exit $code, expected 0 and no diagnostics:"
	cat "$tmp/err"
	fail=1
elif ! cmp -s "$built" "$tmp/shipped.c"; then
	echo "shipped files: the tables differ from the build's $built"
	fail=1
fi
[ $fail = 0 ] && echo "ok: a broken built-in file fails with FILE:LINE; the shipped ones give the build's tables"
exit $fail
