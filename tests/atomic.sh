#!/bin/sh
# Issue 7 item 4, no lost data: `gradus plan -o OUT` writes OUT.tmp.XXXXXX
# and renames it over OUT (src/cli/util.c cli_write_output), so a failed
# run never leaves a half-written OUT or a temporary file, and never
# changes an OUT that was there before. Each case below forces a failure
# and compares OUT byte for byte with what was there.
#
# What "failure" means for -o: a gated profile (tiers 10-14) is not a
# failure. Its screening result (and for review and above the referral
# sheet) is what `plan` writes instead of a plan, to -o as to stdout, with
# the tier's exit code: the person's printout says "see a doctor" rather
# than keeping last month's plan. Cases g1-g2 check that it is written
# whole and equals what stdout gets.
#
# Not tested here: -o /dev/full (the temporary file would be created in
# /dev and, as root, renamed over the device node: the rename design does
# not suit device targets); a disk that fills up (needs a small
# filesystem, which needs mount rights). A mid-write failure is forced
# instead with a file-size limit (ulimit -f): write() then fails with
# EFBIG once the limit is reached, after part of the plan is written.
set -u
: "${GRADUS:?set GRADUS to the gradus command}"
src=${GRADUS_SRC:-.}
good=$src/profiles/examples/margaret-sarcopenia.cfg
gated=$src/profiles/examples/neuro-suspected.cfg
incomplete=$src/tests/data/screen/unanswered.cfg
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fail=0 cases=0

bad() {
	echo "FAIL $case: $*"
	fail=1
}

# start a case: a fresh folder $d holding OUT with known old content
begin() {
	case=$1
	cases=$((cases + 1))
	d=$tmp/$case
	mkdir -p "$d"
	chmod 777 "$d"
	out=$d/plan.txt
	printf 'the plan printed last month\n' >"$out"
	cp "$out" "$d/old"
}

# run gradus; sets $code, $d/stdout, $d/stderr
run() {
	"$@" >"$d/stdout" 2>"$d/stderr"
	code=$?
}

expect_code() {
	[ "$code" = "$1" ] || bad "exit $code, expected $1 ($(head -c 300 "$d/stderr"))"
}

unchanged() {
	cmp -s "$d/old" "$out" || bad "OUT changed"
}

no_temp() {
	for t in "$out".tmp.*; do
		[ -e "$t" ] && bad "temporary file left behind: $t"
	done
}

says() {
	grep -q "$1" "$d/stderr" || bad "stderr does not say '$1': $(head -c 300 "$d/stderr")"
}

# --- a: runs that fail before writing anything --------------------------
sed 's/^  age = 78;/  age = "old";/' "$good" >"$tmp/invalid.cfg"

begin a1-invalid-no-out
rm -f "$out"
run "$GRADUS" plan "$tmp/invalid.cfg" -o "$out"
expect_code 3
[ -e "$out" ] && bad "OUT created by a failed run"
no_temp

begin a2-invalid-keeps-out
run "$GRADUS" plan "$tmp/invalid.cfg" -o "$out"
expect_code 3; unchanged; no_temp

begin a3-missing-profile
run "$GRADUS" plan "$tmp/no-such.cfg" -o "$out"
expect_code 1; unchanged; no_temp

begin a4-bad-template-file
printf 'format = 1;\ntemplate = { id = 5; };\n' >"$d/t.cfg"
run "$GRADUS" plan "$good" --template "$d/t.cfg" -o "$out"
expect_code 3; unchanged; no_temp

begin a5-usage
run "$GRADUS" plan "$good" --weeks 99 -o "$out"
expect_code 2; unchanged; no_temp

begin a6-every-format-invalid
for f in text json html fhir ics; do
	run "$GRADUS" plan "$tmp/invalid.cfg" -f $f -o "$out"
	expect_code 3; unchanged; no_temp
done

# --- b: the target cannot be written -----------------------------------
begin b1-no-such-folder
run "$GRADUS" plan "$good" -o "$d/no/such/plan.txt"
expect_code 1; says "cannot write"; unchanged
[ -e "$d/no" ] && bad "created a folder"

begin b2-parent-is-a-file
run "$GRADUS" plan "$good" -o "$out/plan.txt"
expect_code 1; says "cannot write"; unchanged; no_temp

begin b3-out-is-a-folder
rm -f "$out"
mkdir "$out"
printf 'keep\n' >"$out/inside"
run "$GRADUS" plan "$good" -o "$out"
expect_code 1; says "cannot write"; no_temp
[ "$(cat "$out/inside" 2>/dev/null)" = keep ] || bad "the folder's content changed"
rmdir "$out" 2>/dev/null && bad "folder replaced"
rm -rf "$out"

begin b4-unwritable-folder
# file modes do not bind root: as root, run gradus as 'nobody'
as=""
if [ "$(id -u)" = 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	else
		as=skip
	fi
fi
# 'nobody' must reach the build and the profile (a clone inside a 0700
# folder it cannot): running the command is not proof enough (it needs no
# library of the build), so it must check the profile cleanly
if [ -n "$as" ] && [ "$as" != skip ] && ! $as "$GRADUS" check "$good" >/dev/null 2>&1; then
	echo "NOT RUN $case: 'nobody' cannot read this build's files (a private parent folder)"
elif [ "$as" = skip ]; then
	echo "NOT RUN $case: root without setpriv, file modes do not apply"
else
	chmod 755 "$d"
	chmod 644 "$out"
	run $as "$GRADUS" plan "$good" -o "$out"
	expect_code 1; says "cannot write"; unchanged; no_temp
	chmod 777 "$d"
fi

# --- c: the write itself fails, after part of the plan is written ------
"$GRADUS" plan "$good" >"$tmp/full-plan.txt" 2>/dev/null
size=$(wc -c <"$tmp/full-plan.txt")
[ "$size" -gt 4096 ] || { case=c0; bad "the plan is only $size bytes, too small for the size-limit cases"; }

begin c1-write-fails-midway
# ulimit -f 2: files stop at 1 KiB (or 2 KiB: the unit is the shell's);
# SIGXFSZ ignored, so write() returns EFBIG and gradus must clean up
run sh -c 'trap "" XFSZ; ulimit -f 2; exec "$0" "$@"' "$GRADUS" plan "$good" -o "$out"
expect_code 1; says "cannot write"; unchanged; no_temp

begin c2-killed-midway
# SIGXFSZ left at its default: gradus is killed in the middle of write().
# OUT must survive; a killed process cannot remove its temporary file,
# which is left as OUT.tmp.XXXXXX (never as OUT): reported, then removed.
run sh -c 'trap - XFSZ; ulimit -f 2; exec "$0" "$@"' "$GRADUS" plan "$good" -o "$out"
[ "$code" -gt 128 ] || [ "$code" = 1 ] || bad "exit $code, expected a signal (or 1)"
unchanged
for t in "$out".tmp.*; do
	if [ -e "$t" ]; then
		[ "$(wc -c <"$t")" -lt "$size" ] || bad "the temporary file is complete?"
		echo "note $case: killed by signal $((code - 128)); $t left behind (expected), OUT intact"
		rm -f "$t"
	fi
done

# --- g: gated and incomplete profiles write their screening ------------
begin g1-gated-writes-screening
run "$GRADUS" plan "$gated" -o "$out"
expect_code 12; no_temp
"$GRADUS" plan "$gated" >"$d/expected" 2>/dev/null
cmp -s "$d/expected" "$out" || bad "OUT is not the screening and referral stdout gets"
grep -q "week 1 of" "$out" && bad "a gated profile got a plan"
[ -s "$d/stdout" ] && bad "printed to stdout as well as to -o"

begin g2-incomplete-writes-screening
run "$GRADUS" plan "$incomplete" -f json -o "$out"
expect_code 10; no_temp
"$GRADUS" plan "$incomplete" -f json >"$d/expected" 2>/dev/null
cmp -s "$d/expected" "$out" || bad "OUT is not the screening stdout gets"

# --- s: a successful run replaces OUT whole ----------------------------
begin s1-success-replaces
run "$GRADUS" plan "$good" -o "$out"
expect_code 0; no_temp
cmp -s "$tmp/full-plan.txt" "$out" || bad "OUT differs from the plan stdout gets"
[ -s "$d/stdout" ] && bad "printed to stdout as well as to -o"

begin s2-every-format
for f in text json html fhir ics; do
	run "$GRADUS" plan "$good" -f $f -o "$out"
	expect_code 0; no_temp
	"$GRADUS" plan "$good" -f $f >"$d/expected" 2>/dev/null
	cmp -s "$d/expected" "$out" || bad "-f $f: OUT differs from stdout"
done

begin s3-mode
(umask 027 && "$GRADUS" plan "$good" -o "$d/new.txt" 2>/dev/null)
perm=$(stat -c %a "$d/new.txt" 2>/dev/null)
[ "$perm" = 640 ] || bad "a new OUT has mode $perm, expected 640 (0666 less the umask 027)"

begin s4-concurrent-writers
# five runs writing five formats to one OUT at once: OUT ends as one of
# them, whole (rename replaces atomically), and no temporary file stays
for f in text json html fhir ics; do
	"$GRADUS" plan "$good" -f $f >"$d/expected.$f" 2>/dev/null
done
for f in text json html fhir ics; do
	"$GRADUS" plan "$good" -f $f -o "$out" 2>/dev/null &
done
wait
whole=no
for f in text json html fhir ics; do
	cmp -s "$d/expected.$f" "$out" && whole=yes
done
[ $whole = yes ] || bad "OUT is not one whole plan after concurrent runs"
no_temp

begin s5-device-stays-a-device
# -o /dev/stdout (or /dev/null) writes through: renaming over it would
# replace the device node (and as root it could)
"$GRADUS" plan "$good" -o /dev/stdout >"$d/through" 2>/dev/null
"$GRADUS" plan "$good" >"$d/expected" 2>/dev/null
cmp -s "$d/expected" "$d/through" || bad "-o /dev/stdout did not write to stdout"
"$GRADUS" plan "$good" -o /dev/null 2>/dev/null || bad "-o /dev/null failed"
[ -c /dev/null ] || bad "/dev/null is no longer a device"

begin s6-link-is-followed
# -o through a link writes the file it names and keeps the link
"$GRADUS" plan "$good" >"$d/expected" 2>/dev/null
printf 'old\n' >"$d/target.txt"
ln -s target.txt "$d/link.txt"
"$GRADUS" plan "$good" -o "$d/link.txt" 2>/dev/null
[ -L "$d/link.txt" ] || bad "the link was replaced by a file"
cmp -s "$d/expected" "$d/target.txt" || bad "the link's target does not hold the plan"

# --- f: pipes (issue 15, item 4) -----------------------------------------
begin f1-fifo-without-reader
# before: open() waited for a reader for ever
mkfifo "$d/fifo"
run timeout 60 "$GRADUS" plan "$good" -o "$d/fifo"
expect_code 1; says "cannot write $d/fifo: it is a pipe (FIFO) that no program is reading"
[ -p "$d/fifo" ] || bad "the pipe was replaced"

begin f2-fifo-with-reader
mkfifo "$d/fifo"
# The reader opens the pipe before gradus runs: a `cat` started in the
# background may not have opened it yet on a busy machine, and gradus
# then rightly finds no reader (and the cat waits for ever). Opened
# without waiting for a writer, it reads until the writer has been and
# gone (a read before any writer came returns nothing: it waits on).
python3 -c '
import os, sys, time
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_NONBLOCK)
open(sys.argv[3], "w").close()
os.set_blocking(fd, True)
got, end = b"", time.monotonic() + 60
with open(sys.argv[2], "wb") as out:
    while time.monotonic() < end:
        b = os.read(fd, 65536)
        if b:
            got += b
            out.write(b)
        elif got:
            break
        else:
            time.sleep(0.01)
' "$d/fifo" "$d/got" "$d/reading" &
reader=$!
n=0
while [ ! -e "$d/reading" ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
run timeout 60 "$GRADUS" plan "$good" -o "$d/fifo"
expect_code 0
wait $reader
cmp -s "$tmp/full-plan.txt" "$d/got" || bad "the reader did not get the plan"
[ -p "$d/fifo" ] || bad "the pipe was replaced"

# --- m: the mode of a replaced file (issue 15, item 8) ------------------
begin m1-mode-kept
chmod 600 "$out"
run sh -c 'umask 022; exec "$0" "$@"' "$GRADUS" plan "$good" -o "$out"
expect_code 0; no_temp
perm=$(stat -c %a "$out")
[ "$perm" = 600 ] || bad "a 0600 OUT became $perm"
cmp -s "$tmp/full-plan.txt" "$out" || bad "OUT is not the plan"

begin m2-mode-kept-wider
chmod 664 "$out"
run sh -c 'umask 077; exec "$0" "$@"' "$GRADUS" plan "$good" -o "$out"
expect_code 0
perm=$(stat -c %a "$out")
[ "$perm" = 664 ] || bad "a 0664 OUT became $perm (umask 077)"

# --- d: "-" is stdout (issue 15, item 8) --------------------------------
begin d1-dash-is-stdout
# run in $d, where a file named "-" would show
ex=$(cd "$src/profiles/examples" && pwd)
for cmdline in "plan $ex/margaret-sarcopenia.cfg" \
	"plan $ex/margaret-sarcopenia.cfg -f json" "plan $ex/neuro-suspected.cfg" \
	"exercises -f html" "exercise show bed-ankle-pumps" \
	"review $ex/margaret-sarcopenia.cfg $ex/logs/margaret-log-weeks1-3.cfg --weeks 2"; do
	(cd "$d" && "$GRADUS" $cmdline >"$d/expected" 2>/dev/null)
	(cd "$d" && "$GRADUS" $cmdline -o - >"$d/got" 2>"$d/stderr")
	[ -s "$d/expected" ] || bad "$cmdline: no output"
	cmp -s "$d/expected" "$d/got" || bad "$cmdline -o -: stdout differs"
	[ -e "$d/-" ] && { bad "$cmdline -o -: wrote a file named '-'"; rm -f "$d/-"; }
done

begin d2-referral-dash
run sh -c 'cd "$0" && exec "$@"' "$d" "$GRADUS" screen "$ex/neuro-suspected.cfg" --referral -
expect_code 2; says "referral"
[ -e "$d/-" ] && bad "wrote a file named '-'"

# --- l: links (issue 15, item 8; docs/hazards.md "Output files") -------
begin l1-link-chain-mode
# a link to a link to a file in another folder: that file is replaced,
# keeping its mode; both links stay
mkdir "$d/real" "$d/links"
printf 'old\n' >"$d/real/plan.txt"
chmod 640 "$d/real/plan.txt"
ln -s ../real/plan.txt "$d/links/one"
ln -s one "$d/links/two"
run "$GRADUS" plan "$good" -o "$d/links/two"
expect_code 0
[ -L "$d/links/one" ] && [ -L "$d/links/two" ] || bad "a link was replaced"
cmp -s "$tmp/full-plan.txt" "$d/real/plan.txt" || bad "the file at the end of the links does not hold the plan"
[ "$(stat -c %a "$d/real/plan.txt")" = 640 ] || bad "the file's mode changed"
ls "$d/real" "$d/links" | grep -q '[.]tmp[.]' && bad "temporary file left behind"

begin l2-dangling-link
# a link to nothing: refused (the file would be made wherever it points)
ln -s "$d/nowhere/plan.txt" "$d/dangling"
mkdir "$d/nowhere"
run "$GRADUS" plan "$good" -o "$d/dangling"
expect_code 1; says "it is a link to a file that does not exist"
[ -e "$d/nowhere/plan.txt" ] && bad "the link's target was created"
[ -L "$d/dangling" ] || bad "the link was replaced"

begin l3-link-planted-in-a-shared-folder
# /tmp-like: anyone may write, only owners delete (1777); a link there
# made by another user must not choose which file gradus replaces
if [ "$(id -u)" != 0 ]; then
	echo "NOT RUN $case: needs root to make a link owned by another user"
else
	mkdir "$d/sticky"
	chmod 1777 "$d/sticky"
	printf 'precious\n' >"$d/precious"
	cp "$d/precious" "$d/precious.old"
	ln -s ../precious "$d/sticky/plan.txt"
	chown -h nobody "$d/sticky/plan.txt"
	run "$GRADUS" plan "$good" -o "$d/sticky/plan.txt"
	expect_code 1; says "is a link made by another user in a shared folder"
	cmp -s "$d/precious.old" "$d/precious" || bad "the file the planted link names was replaced"
	# the same through a planted link to a folder
	ln -s .. "$d/sticky/dir"
	chown -h nobody "$d/sticky/dir"
	run "$GRADUS" plan "$good" -o "$d/sticky/dir/precious"
	expect_code 1; says "is a link made by another user in a shared folder"
	cmp -s "$d/precious.old" "$d/precious" || bad "replaced through a planted folder link"
	# one's own link there is followed
	ln -s ../precious "$d/sticky/mine.txt"
	run "$GRADUS" plan "$good" -o "$d/sticky/mine.txt"
	expect_code 0
	cmp -s "$tmp/full-plan.txt" "$d/precious" || bad "one's own link was not followed"
fi

if [ $fail = 0 ]; then
	echo "$cases -o cases: no lost or partial output"
fi
exit $fail
