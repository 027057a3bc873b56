#!/bin/sh
# FHIR R4 validation of `gradus plan -f fhir` for every example profile
# (plans, and the referral Bundle of a gated profile) with third-party
# validators from npm (tests/validate/fhir/validate.js says which).
# Usage: fhir-validate.sh WORKDIR   (run from the source root, $GRADUS set)
# The validators are installed with `npm ci` into WORKDIR (in the build
# tree, never the source tree); later runs reuse them while the lock file
# is unchanged, and validation itself needs no network.
# Exit 77 (skipped) when node or npm is missing; 1 (failed) when CI=true.
set -eu
work=$1
src=tests/validate/fhir
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	if [ "${CI:-}" = true ]; then
		echo "FAIL: node/npm not installed (scripts/setup.sh --test installs them); CI=true, where a validation that cannot run fails"
		exit 1
	fi
	echo "node/npm not installed (scripts/setup.sh --test installs them): skipped"
	exit 77
fi
mkdir -p "$work/out"
if ! cmp -s "$src/package-lock.json" "$work/package-lock.json" ||
   [ ! -d "$work/node_modules/fhir" ]; then
	cp "$src/package.json" "$src/package-lock.json" "$work/"
	npm ci --prefix "$work" --cache "$work/.npm-cache" --no-audit --no-fund \
		--loglevel=error
fi
cp "$src/validate.js" "$work/"

rm -f "$work"/out/*.json
files=""
for cfg in profiles/examples/*.cfg; do
	name=$(basename "$cfg" .cfg)
	out="$work/out/$name.json"
	code=0
	"$GRADUS" plan "$cfg" -f fhir >"$out" || code=$?
	case $code in
	0 | 1[0-4]) ;;
	*) echo "$cfg: gradus exit $code"; exit 1 ;;
	esac
	files="$files $out"
done
# shellcheck disable=SC2086
node "$work/validate.js" $files

# The validators must reject each of these broken variants of a plan.
python3 - "$work/out/margaret-sarcopenia.json" "$work/out" <<'PY'
import copy, json, sys
base = json.load(open(sys.argv[1]))
def first(b, t):
    return [e["resource"] for e in b["entry"] if e["resource"]["resourceType"] == t][0]
def intent(b): first(b, "ServiceRequest")["intent"] = "planned"        # required value set
def unknown(b): first(b, "ServiceRequest")["dose"] = 3                  # no such element
def status(b): del first(b, "CarePlan")["status"]                       # 1..1
def date(b): first(b, "CarePlan")["period"]["start"] = "2026-13-01"     # not a date
def number(b): first(b, "ServiceRequest")["occurrenceTiming"]["repeat"]["frequency"] = "3"
def dangling(b): first(b, "Goal")["subject"]["reference"] = "urn:uuid:00000000-0000-5000-8000-000000000000"
for f in (intent, unknown, status, date, number, dangling):
    b = copy.deepcopy(base)
    f(b)
    json.dump(b, open(f"{sys.argv[2]}/bad-{f.__name__}.json", "w"))
PY
for bad in "$work"/out/bad-*.json; do
	if node "$work/validate.js" "$bad" >/dev/null 2>&1; then
		echo "validate.js accepted a broken Bundle: $bad"
		exit 1
	fi
	echo "rejected, as it should be: $(basename "$bad")"
done
