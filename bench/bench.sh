#!/bin/sh
# The batch benchmark (issue 7): how fast `gradus batch` plans many
# profiles, against `gradus check` over the same files (the floor:
# reading and checking the inputs), and whether its memory grows.
#
#     bench/bench.sh [N...]          default: 1000 10000
#
# For each N: writes N random valid profiles (bench/genprofiles, fixed
# seed: the same files on every machine), then times
#     gradus batch --weeks 12 < LIST > /dev/null     (12-week plans)
#     gradus check DIR > /dev/null
# on one core (taskset -c 0 when available), with hyperfine when it is
# installed, otherwise RUNS runs (default 5) and the median. Prints
# profiles and plans per second (about half the generated profiles are
# gated by screening and give no plan: plans/s counts only the plans),
# the batch/check ratio and the peak RSS of each run (/usr/bin/time),
# in wall time and in CPU time (user + sys: on a busy machine wall time
# is mostly waiting; the verdicts against the targets use CPU time).
# bench/stages (built alongside) splits the CPU time into its steps.
#
# Uses a release build in build-release/ (configured on first use).
# Environment: RUNS (runs per command), BUILD (build folder).
set -eu
cd "$(dirname "$0")/.."
build=${BUILD:-build-release}
runs=${RUNS:-5}
[ $# -gt 0 ] || set -- 1000 10000

if [ ! -f "$build/build.ninja" ]; then
	meson setup "$build" --buildtype=release -Dtests=false >&2
fi
ninja -C "$build" src/cli/gradus bench/genprofiles >&2
gradus=$build/src/cli/gradus
gen=$build/bench/genprofiles
pin=""
command -v taskset > /dev/null 2>&1 && pin="taskset -c 0"
timer=""
[ -x /usr/bin/time ] && timer=/usr/bin/time
hf=""
command -v hyperfine > /dev/null 2>&1 && hf=hyperfine
data=$build/bench-data
mkdir -p "$data"

# ---- the machine ----
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
cc_version=$( (cc --version 2>/dev/null || echo unknown) | head -n 1)
buildtype=$(meson introspect --buildoptions "$build" 2>/dev/null |
	python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "buildtype"))' 2>/dev/null || echo "?")
echo "machine: $(nproc) CPUs (${cpu:-unknown CPU}), ${mem:-? memory}; $cc_version; buildtype $buildtype"
echo "method: ${pin:-no taskset (not pinned)}; ${hf:-median of $runs runs}${hf:+ ($runs runs, 1 warm-up)}; peak RSS ${timer:-not measured (/usr/bin/time missing)}"
echo

# one_run CMD...: runs CMD (stdin from $input) under /usr/bin/time;
# sets wall, cpu (user + sys) and rss.
one_run() {
	if [ -n "$timer" ]; then
		$timer -f '%e %U %S %M' -o "$data/time" "$@" < "$input" > /dev/null 2>&1 || true
		set -- $(tail -n 1 "$data/time")
		wall=$1 cpu=$(echo "$2 $3" | awk '{ print $1 + $2 }') rss=$4
	else
		t0=$(date +%s.%N)
		"$@" < "$input" > /dev/null 2>&1 || true
		t1=$(date +%s.%N)
		wall=$(echo "$t0 $t1" | awk '{ print $2 - $1 }') cpu="" rss=""
	fi
}

# measure NAME CMD...: sets ${NAME}_wall (median seconds), ${NAME}_cpu,
# ${NAME}_rss (KiB, the largest seen).
measure() {
	name=$1
	shift
	: > "$data/runs"
	if [ -n "$hf" ]; then
		# hyperfine runs the line through sh: quote the words
		line=""
		for w in "$@"; do line="$line '$w'"; done
		if hyperfine --help 2>/dev/null | grep -q -- '--input'; then
			hyperfine -i -N --warmup 1 --runs "$runs" --input "$input" \
				--export-json "$data/hf.json" -- "$line" > /dev/null
		else # hyperfine < 1.16: through sh, whose start it subtracts
			hyperfine -i --warmup 1 --runs "$runs" --export-json "$data/hf.json" \
				-- "$line < '$input'" > /dev/null
		fi
		python3 - "$data/hf.json" >> "$data/runs" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
cpu = (r["user"] + r["system"])
print(r["median"], cpu, "")
PY
		one_run "$@" # peak RSS
		echo "- - $rss" >> "$data/runs"
	else
		i=0
		while [ $i -lt "$runs" ]; do
			one_run "$@"
			echo "$wall ${cpu:--} ${rss:--}" >> "$data/runs"
			i=$((i + 1))
		done
	fi
	set -- $(python3 - "$data/runs" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
def med(i):
    v = [float(r[i]) for r in rows if len(r) > i and r[i] not in ("-", "")]
    return "%.4f" % statistics.median(v) if v else "-"
rss = [int(r[2]) for r in rows if len(r) > 2 and r[2] not in ("-", "")]
print(med(0), med(1), max(rss) if rss else "-")
PY
)
	eval "${name}_wall=$1 ${name}_cpu=$2 ${name}_rss=$3"
}

rm -f "$data/results"
for n in "$@"; do
	dir=$data/p$n
	if [ ! -f "$dir.done" ]; then
		rm -rf "$dir"
		"$gen" "$n" "$dir"
		touch "$dir.done"
	fi
	ls "$dir"/*.cfg > "$data/list-$n" 2>/dev/null ||
		find "$dir" -name '*.cfg' | sort > "$data/list-$n"
	# what came of the profiles (about half are gated by screening)
	input=$data/list-$n
	"$gradus" batch --weeks 12 < "$input" 2>/dev/null |
		sed -n 's/^{"file":"[^"]*","status":"\([a-z_]*\)".*/\1/p' |
		sort | uniq -c > "$data/status-$n" || true
	measure batch $pin "$gradus" batch --weeks 12
	input=/dev/null
	measure check $pin "$gradus" check "$dir"
	echo "$n $batch_wall $batch_cpu $batch_rss $check_wall $check_cpu $check_rss" \
		"$(tr '\n' ' ' < "$data/status-$n")" >> "$data/results"
	echo "N = $n done" >&2
done
python3 - "$data/results" <<'PY'
import sys
rows = []
for line in open(sys.argv[1]):
    w = line.split()
    n = int(w[0])
    num = lambda x: None if x == "-" else float(x)
    st = {w[i + 1]: int(w[i]) for i in range(7, len(w) - 1, 2)}
    rows.append(dict(n=n, bw=num(w[1]), bc=num(w[2]), brss=num(w[3]),
                     cw=num(w[4]), cc=num(w[5]), crss=num(w[6]), st=st))
def f(v, spec):
    return "-" if v is None else format(v, spec)
for r in rows:
    plans = r["st"].get("plan", 0)
    print("N = %d: %d plans, %d gated, %d invalid, %d unreadable" % (
        r["n"], plans, r["st"].get("gated", 0), r["st"].get("invalid", 0),
        r["st"].get("io_error", 0)))
    print("  batch --weeks 12  %s s wall, %s s CPU   %s profiles/s, %s plans/s wall"
          " (%s plans per CPU s)   peak RSS %s KiB" % (
        f(r["bw"], ".3f"), f(r["bc"], ".3f"), f(r["n"] / r["bw"], ".0f"),
        f(plans / r["bw"], ".0f"),
        f(plans / r["bc"] if r["bc"] else None, ".0f"), f(r["brss"], ".0f")))
    print("  check             %s s wall, %s s CPU   %s profiles/s%s   peak RSS %s KiB" % (
        f(r["cw"], ".3f"), f(r["cc"], ".3f"), f(r["n"] / r["cw"], ".0f"),
        " " * 34, f(r["crss"], ".0f")))
    print("  batch / check     %s (wall), %s (CPU)" % (
        f(r["bw"] / r["cw"], ".2f"),
        f(r["bc"] / r["cc"] if r["bc"] and r["cc"] else None, ".2f")))
print()
# Per core: plans per CPU second of the batch process (user + sys),
# which other load on the machine barely changes; wall time when CPU
# time was not measured.
print("targets (issue 7; %s):" % ("CPU time" if all(r["bc"] and r["cc"] for r in rows) else "wall time"))
for r in rows:
    plans = r["st"].get("plan", 0)
    cpu = r["bc"] and r["cc"]
    rate = plans / (r["bc"] if cpu else r["bw"])
    ratio = r["bc"] / r["cc"] if cpu else r["bw"] / r["cw"]
    print("  N = %-6d >= 5000 twelve-week plans/s per core: %.0f  %s" % (
        r["n"], rate, "met" if rate >= 5000 else "MISSED"))
    print("  N = %-6d batch <= 1.5 x check: %.2f  %s" % (
        r["n"], ratio, "met" if ratio <= 1.5 else "MISSED"))
if len(rows) > 1 and rows[0]["brss"] and rows[-1]["brss"]:
    g = rows[-1]["brss"] / rows[0]["brss"]
    print("  peak RSS at N = %d <= 1.1 x at N = %d: %.3f  %s" % (
        rows[-1]["n"], rows[0]["n"], g, "met" if g <= 1.1 else "MISSED"))
PY
