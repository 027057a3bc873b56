#!/bin/sh
# Validates JSON files against a JSON Schema (draft 2020-12) with ajv-cli
# and ajv-formats, the versions pinned in package-lock.json next to this
# script.
#
# Usage: tests/validate/schema/validate.sh SCHEMA FILE...
#            every FILE must be valid
#        tests/validate/schema/validate.sh --invalid SCHEMA FILE...
#            every FILE must be well-formed JSON that the schema rejects
# Exits 0 when all files are as expected, non-zero otherwise.
#
# The validator is installed with `npm ci` into $GRADUS_SCHEMA_CACHE, by
# default build/tests/validate/schema under the source root (never into the
# source tree), and reinstalled only when package-lock.json changes.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../../.." && pwd)

want_valid=1
if [ "${1:-}" = "--invalid" ]; then
	want_valid=0
	shift
fi
if [ $# -lt 2 ]; then
	echo "usage: $0 [--invalid] SCHEMA FILE..." >&2
	exit 2
fi
schema=$1
shift

# ---- install the pinned validator (once per lock file) ----
cache=${GRADUS_SCHEMA_CACHE:-}
if [ -z "$cache" ]; then
	if [ -d "$src/build" ]; then
		cache=$src/build/tests/validate/schema
	else
		cache=${TMPDIR:-/tmp}/gradus-schema-validate-$(id -u)
	fi
fi
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
case "$cache/" in
"$src/tests/"* | "$src/docs/"* | "$src/src/"*)
	echo "validate.sh: refusing to install into the source tree ($cache)" >&2
	exit 2 ;;
esac
ajv=$cache/node_modules/.bin/ajv

install_validator() {
	if [ -x "$ajv" ] && cmp -s "$here/package-lock.json" "$cache/package-lock.json"; then
		return 0
	fi
	if ! command -v npm >/dev/null 2>&1; then
		echo "validate.sh: npm is needed to install ajv-cli (scripts/setup.sh --test installs it)" >&2
		return 1
	fi
	echo "validate.sh: installing ajv-cli and ajv-formats into $cache" >&2
	rm -f "$cache/package-lock.json"
	cp "$here/package.json" "$cache/package.json"
	cp "$here/package-lock.json" "$cache/package-lock.json.new"
	mv "$cache/package-lock.json.new" "$cache/package-lock.json"
	if ! (cd "$cache" && npm ci --no-audit --no-fund --ignore-scripts \
		--prefer-offline --loglevel=error >&2); then
		rm -f "$cache/package-lock.json"
		echo "validate.sh: npm ci failed" >&2
		return 1
	fi
	[ -x "$ajv" ]
}

# Parallel tests share the cache: install under a lock.
if command -v flock >/dev/null 2>&1; then
	exec 9>"$cache/.lock"
	flock 9
	install_validator
	flock -u 9
	exec 9>&-
else
	install_validator
fi

# ---- copy the inputs to 1.json, 2.json, ... ----
# ajv-cli picks its parser from the file extension and expands glob
# characters, so it only ever sees files we name. Each input must be
# well-formed JSON: no duplicate keys (JSON.parse would quietly keep the
# last one), no NaN or Infinity.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" "$@" <<'EOF'
import json, shutil, sys
def pairs(kv):
    d = {}
    for k, v in kv:
        if k in d:
            raise ValueError("duplicate key %r" % k)
        d[k] = v
    return d
def bad_constant(c):
    raise ValueError("%s is not JSON" % c)
tmp, files = sys.argv[1], sys.argv[2:]
with open(tmp + "/names", "w") as names:
    for i, f in enumerate(files, 1):
        try:
            with open(f, encoding="utf-8") as fh:
                json.load(fh, object_pairs_hook=pairs, parse_constant=bad_constant)
        except (OSError, ValueError) as e:
            sys.exit("%s: not well-formed JSON: %s" % (f, e))
        shutil.copy(f, "%s/%d.json" % (tmp, i))
        names.write("%d.json\t%s\n" % (i, f))
EOF
n=$#

# ---- validate ----
set -- --spec=draft2020 --strict=true --strict-types=false --all-errors \
	--errors=text -c ajv-formats -s "$schema"
i=0
while [ $i -lt $n ]; do
	i=$((i + 1))
	set -- "$@" -d "$tmp/$i.json"
done
status=0
if [ $want_valid = 1 ]; then
	"$ajv" validate "$@" >"$tmp/log" 2>&1 || status=$?
else
	"$ajv" test --invalid "$@" >"$tmp/log" 2>&1 || status=$?
fi
# Report under the names we were given.
python3 - "$tmp" "$want_valid" <<'EOF'
import sys
tmp, want_valid = sys.argv[1], sys.argv[2] == "1"
names = dict(l.rstrip("\n").split("\t", 1) for l in open(tmp + "/names"))
for line in open(tmp + "/log"):
    line = line.rstrip("\n")
    for k, v in names.items():
        line = line.replace(tmp + "/" + k, v)
    if not want_valid:
        line = line.replace(" passed test", " rejected, as it must be:")
        line = line.replace(" failed test", " ACCEPTED, but it must be rejected")
    print(line)
EOF
if [ $status != 0 ]; then
	if [ $want_valid = 1 ]; then
		echo "FAIL: not valid against $schema (ajv exit $status)" >&2
	else
		echo "FAIL: not every file was rejected by $schema (ajv exit $status)" >&2
	fi
	exit 1
fi
exit 0
