#!/bin/sh
# Issue 16, item 2: `meson install` gives an installed user everything to
# copy and read: the templates, the catalogue files, the example profiles
# and logs, the JSON Schemas and the documents, under the data and doc
# folders (the man page, FILES, names them). Installs the build directory
# $1 into a temporary DESTDIR; every shipped file must be there, byte for
# byte, and the installed files pass `gradus check`.
set -u
: "${GRADUS:?set GRADUS to the gradus command}"
build=${1:?usage: install.sh BUILDDIR}
src=${GRADUS_SRC:-.}
meson=${MESON:-meson}
if ! command -v "$meson" >/dev/null 2>&1; then
	echo "meson not found: skipped"
	exit 77
fi
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
if ! "$meson" install -C "$build" --no-rebuild --destdir "$dest" --quiet \
	>"$dest.log" 2>&1; then
	cat "$dest.log"
	rm -f "$dest.log"
	echo "FAIL meson install"
	exit 1
fi
rm -f "$dest.log"
prefix=$("$meson" introspect "$build" --buildoptions |
	python3 -c 'import json,sys; o={x["name"]:x["value"] for x in json.load(sys.stdin)}; print(o["prefix"] + "/" + o["datadir"])')
share=$dest$prefix
fail=0
same() { # installed file $1, source file $2
	if ! cmp -s "$1" "$2"; then
		echo "FAIL $2 is not installed as $1"
		fail=1
	fi
}
for f in "$src"/profiles/templates/*.cfg; do
	same "$share/gradus/templates/${f##*/}" "$f"
done
for f in "$src"/exercises/*.cfg; do
	same "$share/gradus/exercises/${f##*/}" "$f"
done
for f in "$src"/profiles/examples/*.cfg; do
	same "$share/gradus/examples/${f##*/}" "$f"
done
for f in "$src"/profiles/examples/logs/*.cfg; do
	same "$share/gradus/examples/logs/${f##*/}" "$f"
done
for f in "$src"/docs/schema/*; do
	same "$share/gradus/schema/${f##*/}" "$f"
done
for f in "$src"/README.md "$src"/docs/*.md; do
	same "$share/doc/gradus/${f##*/}" "$f"
done
for f in "$src"/docs/images/*; do
	same "$share/doc/gradus/images/${f##*/}" "$f"
done
same "$share/man/man1/gradus.1" "$src/docs/gradus.1"
# what was installed is what gradus reads
if ! "$GRADUS" check "$share/gradus/exercises" "$share/gradus/templates" \
	"$share/gradus/examples" >"$dest/check.out" 2>&1; then
	cat "$dest/check.out"
	echo "FAIL gradus check of the installed files"
	fail=1
fi
[ $fail = 0 ] && echo "ok: templates, catalogue, examples, schemas and docs installed"
exit $fail
