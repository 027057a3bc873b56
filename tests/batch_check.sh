#!/bin/sh
# Issue 7: `gradus batch` says for each profile exactly what `gradus plan
# -f json` says for it alone: the same exit code, the same JSON document
# (plan or screening result) and, for a bad profile, the same errors.
# The document in the line is, byte for byte, what `gradus plan -f json`
# prints without the layout between its tokens (issue 17: batch has the
# library print it compact, no pretty print then minify).
# Checked over the examples, a few bad files, files whose names need
# escapes, and generated profiles (bench/genprofiles). Also: one line per profile in the order given,
# a progress bar only on a terminal, and exit 1 when stdout cannot be
# written.
#
# usage: batch_check.sh GENPROFILES WORKDIR   (GRADUS: the command)
set -u
gen=$1
work=$2
rm -rf "$work"
mkdir -p "$work" || exit 1
"$gen" -s 7 60 "$work/gen" || exit 1
# file names the line must escape as cJSON does: a quote, a backslash,
# a tab, a control byte, UTF-8
odd1="$work/odd \"quoted\" back\\slash.cfg"
odd2=$(printf '%s/tab\there \001 caf\303\251.cfg' "$work")
cp profiles/examples/margaret-sarcopenia.cfg "$odd1" || exit 1
cp profiles/examples/neuro-suspected.cfg "$odd2" || exit 1
set -- profiles/examples/*.cfg tests/data/screen/*.cfg \
	tests/diag/profile-many-errors.cfg tests/data/missing.cfg profiles \
	"$odd1" "$odd2" "$work"/gen/*.cfg
"$GRADUS" batch --weeks 4 "$@" > "$work/out" 2> "$work/err"
code=$?
fail=0
python3 - "$GRADUS" "$code" "$work/out" "$work/err" "$@" <<'PY' || fail=1
import json, subprocess, sys
gradus, code, out, err = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
files = sys.argv[5:]
lines = open(out, encoding="utf-8").read().split("\n")
assert lines[-1] == "", "output does not end with a newline"
lines = lines[:-1]
bad = []


def compact(text):
    """JSON text without the spaces, tabs and line ends between tokens."""
    out, inside, escaped = [], False, False
    for ch in text:
        if inside:
            out.append(ch)
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                inside = False
        elif ch == '"':
            inside = True
            out.append(ch)
        elif ch not in " \t\r\n":
            out.append(ch)
    return "".join(out)


if len(lines) != len(files):
    bad.append("%d lines for %d profiles" % (len(lines), len(files)))
worst = {"plan": 0, "gated": 0, "invalid": 3, "io_error": 1}
want_code = 0
for f, line in zip(files, lines):
    o = json.loads(line)
    keys = list(o)
    r = subprocess.run([gradus, "plan", f, "-f", "json", "--weeks", "4"],
                       capture_output=True)
    if o["file"] != f:
        bad.append("%s: line says file %r" % (f, o["file"]))
    if o["exit_code"] != r.returncode:
        bad.append("%s: exit_code %d, gradus plan exits %d" % (f, o["exit_code"], r.returncode))
    status = {0: "plan", 1: "io_error"}.get(r.returncode,
             "gated" if 10 <= r.returncode <= 14 else "invalid")
    if o["status"] != status:
        bad.append("%s: status %s, expected %s" % (f, o["status"], status))
    if status in ("plan", "gated"):
        key = "plan" if status == "plan" else "screening"
        if keys != ["file", "status", "exit_code", key]:
            bad.append("%s: keys %s" % (f, keys))
        elif o[key] != json.loads(r.stdout):
            bad.append("%s: %s differs from gradus plan -f json" % (f, key))
        else:
            head = json.dumps({k: o[k] for k in keys[:3]}, ensure_ascii=False,
                              separators=(",", ":"))
            raw = line[len(head) + len(key) + 3:-1]
            if not line.startswith(head[:-1] + ',"%s":' % key) or \
                    raw != compact(r.stdout.decode()):
                bad.append("%s: the line's %s is not gradus plan -f json "
                           "without its layout, byte for byte" % (f, key))
    else:
        errors = [l for l in r.stderr.decode().splitlines() if ": error: " in l or l.startswith("error: ")]
        if keys != ["file", "status", "exit_code", "errors"]:
            bad.append("%s: keys %s" % (f, keys))
        elif o["errors"] != errors or not errors:
            bad.append("%s: errors %s, gradus plan printed %s" % (f, o["errors"], errors))
    if status == "io_error":
        want_code = 1
    elif status == "invalid" and want_code == 0:
        want_code = 3
if code != want_code:
    bad.append("batch exit code %d, expected %d" % (code, want_code))
if "\r" in open(err, encoding="utf-8", errors="replace").read():
    bad.append("a progress bar on stderr, which is not a terminal")
for b in bad:
    print(b)
counts = {}
for line in lines:
    s = json.loads(line)["status"]
    counts[s] = counts.get(s, 0) + 1
print("%d profiles checked against gradus plan: %s" % (len(lines), counts))
sys.exit(1 if bad else 0)
PY

# stdout that cannot be written: exit 1 with a message
if [ -w /dev/full ]; then
	"$GRADUS" batch profiles/examples/bed-level.cfg > /dev/full 2> "$work/full-err"
	c=$?
	if [ $c != 1 ] || ! grep -q "cannot write to standard output" "$work/full-err"; then
		echo "batch > /dev/full: exit $c, stderr:"
		cat "$work/full-err"
		fail=1
	fi
fi

# the progress bar, on a terminal only (script(1) gives one)
if command -v script > /dev/null 2>&1 &&
   script -qec "true" /dev/null > /dev/null 2>&1; then
	script -qec "\"$GRADUS\" batch --weeks 1 profiles/examples/bed-level.cfg profiles/examples/neuro-suspected.cfg tests/diag/profile-age-range.cfg > /dev/null" \
		/dev/null > "$work/tty" 2>&1
	if ! grep -q '\[####################\] 3/3' "$work/tty" ||
	   ! grep -q 'gradus: 3 profiles: plan 1, gated 1, invalid 1, unreadable 0' "$work/tty"; then
		echo "no progress bar on a terminal; got:"
		cat -A "$work/tty"
		fail=1
	fi
else
	echo "script(1) cannot give a terminal here: progress bar not checked"
fi
[ $fail = 0 ] && rm -rf "$work"
exit $fail
