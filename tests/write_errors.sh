#!/bin/sh
# Issue 15, item 5: output that cannot be written is an error. Every
# command and option that prints to stdout is run twice: with stdout on
# /dev/null, where it must give its usual exit code, and on /dev/full
# (every write fails with ENOSPC), where it must exit 1 ("a file could
# not be read or written", the exit-code table) and say on stderr
# "gradus: cannot write to standard output: No space left on device".
# Before the fix `--version`, `--help`, `help plan`, `exercises`,
# `templates`, `template show` and `check DIR` exited 0 there.
#
# Also -o /dev/full (a device is written in place): exit 1, "cannot
# write /dev/full".
set -u
: "${GRADUS:?set GRADUS to the gradus command}"
cd "${GRADUS_SRC:-.}" || exit 1
if [ ! -c /dev/full ]; then
	echo "FAIL: no /dev/full on this machine"
	exit 1
fi
ex=profiles/examples
p=$ex/margaret-sarcopenia.cfg
gated=$ex/neuro-suspected.cfg
log=$ex/logs/margaret-log-weeks1-3.cfg
unanswered=tests/data/screen/unanswered.cfg
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0

# full CODE ARGS...: exit CODE on /dev/null, 1 and the message on /dev/full
full() {
	want=$1
	shift
	n=$((n + 1))
	"$GRADUS" "$@" >/dev/null 2>"$tmp/err"
	code=$?
	if [ $code != "$want" ]; then
		echo "FAIL gradus $*: exit $code on /dev/null, expected $want: $(head -c 300 "$tmp/err")"
		fail=1
		return
	fi
	"$GRADUS" "$@" >/dev/full 2>"$tmp/err"
	code=$?
	if [ $code != 1 ]; then
		echo "FAIL gradus $* >/dev/full: exit $code, expected 1"
		fail=1
	fi
	if ! grep -q "^gradus: cannot write to standard output: No space left on device$" "$tmp/err"; then
		echo "FAIL gradus $* >/dev/full: stderr does not say it: $(head -c 300 "$tmp/err")"
		fail=1
	fi
	if [ "$(grep -c "cannot write" "$tmp/err")" -gt 1 ]; then
		echo "FAIL gradus $* >/dev/full: the failure is told more than once"
		fail=1
	fi
}

full 0 --version
full 0 --help
full 0 -h
full 0 help
for c in plan screen review batch rules check exercises exercise templates template; do
	full 0 help $c
	full 0 $c --help
done

for f in text json html fhir ics; do
	full 0 plan $p -f $f
	full 0 review $p $log -f $f --weeks 2
done
full 0 plan $p --week 2 --explain
full 0 plan $p -f html --large-print --weeks 2
full 0 plan $p -o -
full 0 plan $p -f json -o -
full 12 plan $gated
full 12 plan $gated -f json
full 10 plan $unanswered

full 0 screen $p
full 0 screen $p -f json
full 12 screen $gated
full 12 screen $gated -f json
full 10 screen $unanswered
full 12 screen $gated --referral "$tmp/referral.txt"
full 12 screen $gated --referral "$tmp/referral.html" --referral-format html

full 0 batch $p $gated
echo "$p" >"$tmp/list"
n=$((n + 1))
"$GRADUS" batch <"$tmp/list" >/dev/full 2>"$tmp/err"
code=$?
[ $code = 1 ] && grep -q "cannot write to standard output" "$tmp/err" ||
	{ echo "FAIL batch <list >/dev/full: exit $code: $(head -c 300 "$tmp/err")"; fail=1; }

full 0 rules
full 0 rules -f json
full 0 check $p
full 0 check $ex
full 0 check $ex exercises profiles/templates
full 0 exercises
full 0 exercises -f json
full 0 exercises -f html
full 0 exercises -f html -o -
full 0 exercises --pattern warmup
full 0 exercises --position bed -f json
full 0 exercise show bed-ankle-pumps
full 0 exercise show bed-ankle-pumps -f html
full 0 exercise show bed-ankle-pumps -o -
full 0 templates
full 0 templates -f json
full 0 template show bed-level

# -o naming a device: written in place, and its error told
n=$((n + 1))
"$GRADUS" plan $p -o /dev/full >/dev/null 2>"$tmp/err"
code=$?
[ $code = 1 ] && grep -q "^gradus: cannot write /dev/full: No space left on device$" "$tmp/err" ||
	{ echo "FAIL plan -o /dev/full: exit $code: $(head -c 300 "$tmp/err")"; fail=1; }

# a stdout closed before the start: written to, an error; not written
# to (-o FILE), none
n=$((n + 1))
"$GRADUS" --version >&- 2>"$tmp/err"
code=$?
[ $code = 1 ] && grep -q "cannot write to standard output" "$tmp/err" ||
	{ echo "FAIL --version >&-: exit $code: $(head -c 300 "$tmp/err")"; fail=1; }
n=$((n + 1))
"$GRADUS" plan $p -o "$tmp/plan.txt" >&- 2>"$tmp/err"
code=$?
[ $code = 0 ] || { echo "FAIL plan -o FILE >&-: exit $code: $(head -c 300 "$tmp/err")"; fail=1; }

[ $fail = 0 ] && echo "$n runs: every write error gives exit 1 and says so"
exit $fail
