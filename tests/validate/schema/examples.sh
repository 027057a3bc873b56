#!/bin/sh
# Test 'schema-validate': the JSON of every example profile against the
# schemas in docs/schema/, with a real validator (validate.sh: ajv-cli).
#   - `gradus screen -f json` of every example -> gradus-screening-1
#   - `gradus plan -f json` (the profile's own length, and --weeks 12) of
#     every example: a plan (exit 0) -> gradus-plan-2; a gated profile
#     (exit 10-14) -> gradus-screening-1; neuro-suspected.cfg must be gated
#   - `gradus plan -f json --weeks 52` of the profiles in profiles/ here,
#     which reach what the examples never do (loads in kg, every support
#     and change) -> gradus-plan-2
#   - `gradus review -f json` of every example session log (with the
#     profile it belongs to) -> gradus-review-1, and the plan or screening
#     result each embeds -> gradus-plan-2 or gradus-screening-1
#   - `gradus screen` and `gradus plan` of tests/data/screen/*.cfg (the
#     ones gradus refuses with exit 2 or 3 are skipped)
#   - the JSON golden outputs (tests/golden/*/out) -> the schema of their
#     "format"
# Then checks.py checks what a JSON Schema cannot say (min <= max, dates
# inside their week, ...). Run from the source root with $GRADUS set.
set -eu
: "${GRADUS:?set GRADUS to the built gradus command}"
cd "${GRADUS_SRC:-$(dirname "$0")/../../..}"

dir=tests/validate/schema
plan_schema=docs/schema/gradus-plan-2.schema.json
review_schema=docs/schema/gradus-review-1.schema.json
screen_schema=docs/schema/gradus-screening-1.schema.json
src=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/plan" "$tmp/screening" "$tmp/review" "$tmp/in-review"
fail=0

# run NAME ARGS...: gradus ARGS > NAME.json, filed by exit code under plan/
# (0 for `plan`) or screening/ (`screen`, and a gated `plan`: 10-14); any
# other exit code fails, unless $skip lists it
skip=
run() {
	out=$1
	shift
	code=0
	"$GRADUS" "$@" >"$tmp/$out.json" 2>"$tmp/stderr" || code=$?
	case $1:$code in
	plan:0) mv "$tmp/$out.json" "$tmp/plan/" ;;
	plan:1[0-4] | screen:0 | screen:1[0-4]) mv "$tmp/$out.json" "$tmp/screening/" ;;
	review:0 | review:1[0-4]) mv "$tmp/$out.json" "$tmp/review/" ;;
	*)
		case " $skip " in
		*" $code "*) echo "skipped: gradus $* (exit $code, no JSON)" ;;
		*) echo "FAIL: gradus $*: exit $code"; cat "$tmp/stderr"; fail=1 ;;
		esac ;;
	esac
}

for cfg in profiles/examples/*.cfg; do
	name=$(basename "$cfg" .cfg)
	run "screen-$name" screen -f json "$cfg"
	run "plan-$name" plan -f json "$cfg"
	run "plan-$name-12" plan -f json --weeks 12 "$cfg"
done
# profiles of our own whose plans have what the examples lack (kg loads,
# every support and change), over a year
for cfg in "$dir"/profiles/*.cfg; do
	run "plan-$(basename "$cfg" .cfg)-52" plan -f json --weeks 52 "$cfg"
done
# the screening test profiles (every tier); some are meant to be refused
skip="2 3"
for cfg in tests/data/screen/*.cfg; do
	name=$(basename "$cfg" .cfg)
	run "screen-data-$name" screen -f json "$cfg"
	run "plan-data-$name" plan -f json "$cfg"
done
skip=
# every example session log, reviewed with its profile (the log's
# file name starts with the profile's first word)
for log in profiles/examples/logs/*.cfg; do
	name=$(basename "$log" .cfg)
	cfg=$(ls profiles/examples/"${name%%-log-*}"*.cfg | head -n 1)
	run "review-$name" review -f json "$cfg" "$log"
done
if [ "$(ls "$tmp/review" | wc -l)" -lt 6 ]; then
	echo "FAIL: fewer than 6 example logs were reviewed"
	fail=1
fi
if ! [ -f "$tmp/screening/plan-neuro-suspected.json" ] ||
	! [ -f "$tmp/screening/plan-neuro-suspected-12.json" ]; then
	echo "FAIL: gradus plan profiles/examples/neuro-suspected.cfg was not gated"
	fail=1
fi

# JSON golden outputs, by their format
python3 - "$tmp" tests/golden/*/out <<'EOF2'
import json, shutil, sys
dest = {"gradus-plan/2": "plan", "gradus-screening/1": "screening",
        "gradus-review/1": "review"}
for out in sys.argv[2:]:
    try:
        with open(out, encoding="utf-8") as fh:
            fmt = json.load(fh).get("format")
    except (ValueError, AttributeError):
        continue
    if fmt in dest:
        shutil.copy(out, "%s/%s/golden-%s.json" % (sys.argv[1], dest[fmt], out.split("/")[-2]))
EOF2

# the plan or screening result inside each review, on its own (for the
# schemas; checks.py checks them as part of their review)
python3 - "$tmp" <<'EOF3'
import glob, json, os, sys
tmp = sys.argv[1]
for f in glob.glob(tmp + "/review/*.json"):
    d = json.load(open(f, encoding="utf-8"))
    base = os.path.basename(f)[:-5]
    for key, kind in (("plan", "plan"), ("screening", "screening")):
        if d.get(key):
            with open("%s/in-review/%s-%s.json" % (tmp, kind, base), "w", encoding="utf-8") as fh:
                json.dump(d[key], fh, ensure_ascii=False)
EOF3

cd "$tmp"
n_plan=$(find plan -name '*.json' | wc -l)
n_screen=$(find screening -name '*.json' | wc -l)
echo "validating $n_plan plans against $plan_schema"
[ "$n_plan" -gt 0 ] || { echo "FAIL: no plan was produced"; fail=1; }
"$src/$dir/validate.sh" "$src/$plan_schema" plan/*.json in-review/plan-*.json || fail=1
echo "validating $n_screen screening results against $screen_schema"
"$src/$dir/validate.sh" "$src/$screen_schema" screening/*.json in-review/screening-*.json || fail=1
echo "validating $(ls review | wc -l) reviews against $review_schema"
"$src/$dir/validate.sh" "$src/$review_schema" review/*.json || fail=1
if [ $fail = 0 ]; then
	echo "checking what the schemas cannot express"
	python3 "$src/$dir/checks.py" plan/*.json screening/*.json review/*.json || fail=1
fi
cd "$src"
exit $fail
