#!/bin/sh
# FHIR R4 validation of `gradus plan -f fhir` for every example profile
# (plans, and the referral Bundle of a gated profile) and of `gradus review
# -f fhir` for every example log, each as a collection and as a
# transaction Bundle (--fhir-bundle), with third-party validators from npm
# (tests/validate/fhir/validate.js says which); then fhir-doses.py: every
# exercise's ServiceRequest carries the dose of every week of the plan,
# the same as `gradus plan -f json`.
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
# gradus exits 0 with a plan, 10-14 with a referral Bundle
run() {
	out=$1
	shift
	code=0
	"$GRADUS" "$@" >"$out" || code=$?
	case $code in
	0 | 1[0-4]) ;;
	*) echo "$*: gradus exit $code"; exit 1 ;;
	esac
	files="$files $out"
}
for cfg in profiles/examples/*.cfg; do
	name=$(basename "$cfg" .cfg)
	run "$work/out/$name.json" plan "$cfg" -f fhir
	run "$work/out/$name.transaction.json" plan "$cfg" -f fhir --fhir-bundle transaction
	"$GRADUS" plan "$cfg" -f json >"$work/out/$name.plan" || true
done
for log in profiles/examples/logs/*.cfg; do
	name=review-$(basename "$log" .cfg)
	run "$work/out/$name.json" review profiles/examples/margaret-sarcopenia.cfg "$log" -f fhir
	run "$work/out/$name.transaction.json" review profiles/examples/margaret-sarcopenia.cfg "$log" -f fhir --fhir-bundle transaction
	"$GRADUS" review profiles/examples/margaret-sarcopenia.cfg "$log" -f json >"$work/out/$name.plan" || true
done
# shellcheck disable=SC2086
node "$work/validate.js" $files

# Every exercise's ServiceRequest carries the dose of every week it is
# done in, as `gradus plan -f json` (NAME.plan next to NAME.json and
# NAME.transaction.json) has it: one orderDetail per dose phase, the
# phases of an exercise covering each of its weeks exactly once. The
# transaction Bundle holds the same resources, each POSTed.
# shellcheck disable=SC2086
python3 - $files <<'PY'
import json, re, sys
bad = 0
def err(f, m):
    global bad
    bad += 1
    print(f"{f}: error: {m}")
def ext(e, url):
    return [x for x in e.get("extension", []) if x["url"] == url]
def val(d, key):
    v = [x for x in d["extension"] if x["url"] == key]
    if not v:
        return None
    x = v[0]
    for k in ("valueInteger", "valueBoolean", "valueCode"):
        if k in x:
            return x[k]
    return x["valueQuantity"]["value"]
def expect(item, deload):
    """The numbers an orderDetail must hold for this week's item."""
    l = item["load"]
    e = {"lighterWeek": deload, "sets": item["sets"],
         "affectedSideSets": item["affected_sets"],
         "repsMin": item["reps"]["min"], "repsMax": item["reps"]["max"],
         "perSide": item["per_side"], "hold": item["hold_s"] or None,
         "loadKind": l["kind"],
         "load": l["value"] if l["kind"] in ("ankle_weight", "dumbbell") else None,
         "band": l["band"], "machineStep": l["machine_step"],
         "support": item["support"],
         "effortMin": item["effort"]["min"], "effortMax": item["effort"]["max"],
         "rest": item["rest_s"] if item["sets"] > 1 else None}
    return e
def expand(plan):
    """gradus-plan/2 with each session's items written out (the doses of
    docs/schema/README.md, "Reading gradus-plan/2"), each with its
    exercise's name and per_side."""
    ex = {e["id"]: e for e in plan["exercises"]}
    weeks = {w["number"]: dict(w, sessions=[dict(s, items=[]) for s in w["sessions"]])
             for w in plan["weeks"]}
    for slot in plan["items"]:
        for dose in slot:
            w = weeks[dose["week"]]
            which = dose["sessions"]
            for i in (range(len(w["sessions"])) if which is None else which):
                e = ex[dose["exercise"]]
                w["sessions"][i]["items"].append(dict(dose, name=e["name"], per_side=e["per_side"]))
    return dict(plan, weeks=[weeks[w["number"]] for w in plan["weeks"]])
for f in sys.argv[1:]:
    b = json.load(open(f))
    base = re.sub(r"(\.transaction)?\.json$", "", f)
    plan = json.load(open(base + ".plan"))
    plan = plan.get("plan", plan if "weeks" in plan else None)
    if plan is not None:
        plan = expand(plan)
    tx = b["type"] == "transaction"
    if tx:
        col = json.load(open(base + ".json"))
        if len(col["entry"]) != len(b["entry"]):
            err(f, "not the entries of the collection")
        for e, c in zip(b["entry"], col["entry"]):
            r = dict(c["resource"])
            r.pop("id", None)
            if e["fullUrl"] != c["fullUrl"] or e["resource"] != r:
                err(f, f"{e['fullUrl']}: not the resource of the collection")
            if e.get("request") != {"method": "POST", "url": r["resourceType"]}:
                err(f, f"{e['fullUrl']}: request {e.get('request')}")
    srs = {}
    for e in b["entry"]:
        r = e["resource"]
        if r["resourceType"] == "ServiceRequest" and r["intent"] == "plan":
            srs[r["code"]["text"]] = r
    if plan is None:
        if srs:
            err(f, "exercise requests without a plan")
        continue
    done = {}   # exercise name -> weeks it is done in
    for wk in plan["weeks"]:
        for s in wk["sessions"]:
            for it in s["items"]:
                done.setdefault(it["name"], set()).add(wk["number"])
                sr = srs.get(it["name"])
                if sr is None:
                    err(f, f"no ServiceRequest for {it['name']}")
                    continue
                cover = [d for d in sr.get("orderDetail", [])
                         if ext(d, "urn:gradus:fhir:exercise-dose") and
                         val(ext(d, "urn:gradus:fhir:exercise-dose")[0], "firstWeek") <= wk["number"] <=
                         val(ext(d, "urn:gradus:fhir:exercise-dose")[0], "lastWeek")]
                if len(cover) != 1:
                    err(f, f"{it['name']}: week {wk['number']} in {len(cover)} dose phases, not 1")
                    continue
                d = ext(cover[0], "urn:gradus:fhir:exercise-dose")[0]
                for k, v in expect(it, wk["deload"]).items():
                    if val(d, k) != v:
                        err(f, f"{it['name']}: week {wk['number']}: {k} {val(d, k)}, the plan has {v}")
    for name, sr in srs.items():
        weeks, texts = set(), []
        for d in sr.get("orderDetail", []):
            x = ext(d, "urn:gradus:fhir:exercise-dose")[0]
            a, z = val(x, "firstWeek"), val(x, "lastWeek")
            weeks |= set(range(a, z + 1))
            head = f"Week {a}" if a == z else f"Weeks {a} to {z}"
            if not d["text"].startswith(head):
                err(f, f"{name}: phase {a}-{z} says {d['text'][:20]!r}")
            texts.append(d["text"])
        if weeks != done.get(name, set()):
            err(f, f"{name}: doses for weeks {sorted(weeks)}, done in weeks {sorted(done.get(name, set()))}")
        if sr.get("patientInstruction") != " ".join(texts):
            err(f, f"{name}: patientInstruction is not every phase's dose")
    if not bad:
        print(f"{f}: every week's dose of {len(srs)} exercises, as in the plan")
sys.exit(1 if bad else 0)
PY

# The validators must reject each of these broken variants of a plan.
python3 - "$work/out/margaret-sarcopenia.json" "$work/out" "$work/out/margaret-sarcopenia.transaction.json" <<'PY'
import copy, json, sys
base = json.load(open(sys.argv[1]))
tx = json.load(open(sys.argv[3]))
def first(b, t):
    return [e["resource"] for e in b["entry"] if e["resource"]["resourceType"] == t][0]
def intent(b): first(b, "ServiceRequest")["intent"] = "planned"        # required value set
def unknown(b): first(b, "ServiceRequest")["dose"] = 3                  # no such element
def status(b): del first(b, "CarePlan")["status"]                       # 1..1
def date(b): first(b, "CarePlan")["period"]["start"] = "2026-13-01"     # not a date
def number(b): first(b, "ServiceRequest")["occurrenceTiming"]["repeat"]["frequency"] = "3"
def dangling(b): first(b, "Goal")["subject"]["reference"] = "urn:uuid:00000000-0000-5000-8000-000000000000"
def norequest(b): del b["entry"][2]["request"]                       # bdl-3
def badmethod(b): b["entry"][0]["request"]["method"] = "PUSH"          # http-verb
def nourl(b): del b["entry"][1]["request"]["url"]                       # 1..1
def requestincollection(b): b["type"] = "collection"                    # bdl-3
for f in (intent, unknown, status, date, number, dangling):
    b = copy.deepcopy(base)
    f(b)
    json.dump(b, open(f"{sys.argv[2]}/bad-{f.__name__}.json", "w"))
for f in (norequest, badmethod, nourl, requestincollection):
    b = copy.deepcopy(tx)
    f(b)
    json.dump(b, open(f"{sys.argv[2]}/bad-tx-{f.__name__}.json", "w"))
PY
for bad in "$work"/out/bad-*.json; do
	if node "$work/validate.js" "$bad" >/dev/null 2>&1; then
		echo "validate.js accepted a broken Bundle: $bad"
		exit 1
	fi
	echo "rejected, as it should be: $(basename "$bad")"
done
