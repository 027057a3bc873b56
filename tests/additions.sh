#!/bin/sh
# Issue 16, items 2 and 3: a therapist's own templates and exercises.
# - `template show ID --source` prints the template's file itself, byte
#   for byte (built-in or added), and `gradus check` accepts it;
# - `template new ID --from T` writes T's file with the id ID, which check
#   accepts and which clashes with nothing;
# - --templates DIR and --catalogue DIR add to the built-in ones (an id
#   of a built-in one replaces it), and the listings say where each came
#   from; an added exercise that breaks a built-in ladder or template is
#   an error told at the added file's line.
set -u
: "${GRADUS:?set GRADUS to the gradus command}"
src=${GRADUS_SRC:-.}
margaret=$src/profiles/examples/margaret-sarcopenia.cfg
home=$src/profiles/templates/sarcopenia-home.cfg
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 cases=0

# expect CODE NAME COMMAND...: the exit code of COMMAND (stdout in
# $tmp/out, stderr in $tmp/err)
expect() {
	want=$1 name=$2
	shift 2
	cases=$((cases + 1))
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL $name: exit $got, expected $want"
		sed 's/^/  | /' "$tmp/err" | head -8
		fail=1
		return 1
	fi
	return 0
}

# has NAME FILE PATTERN: FILE (out or err) has a line matching PATTERN
has() {
	cases=$((cases + 1))
	if ! grep -q -e "$3" "$tmp/$2"; then
		echo "FAIL $1: no line matching '$3' in std$2:"
		sed 's/^/  | /' "$tmp/$2" | head -8
		fail=1
	fi
}

# 1. --source of a built-in template: its file, byte for byte
expect 0 "show --source" "$GRADUS" template show sarcopenia-home --source &&
	if ! cmp -s "$tmp/out" "$home"; then
		echo "FAIL show --source: not the file $home"
		fail=1
	fi
cp "$tmp/out" "$tmp/copy.cfg"
expect 0 "check the --source copy" "$GRADUS" check "$tmp/copy.cfg"

# 2. template new: renamed, checked, and -o writes the same
expect 0 "template new" "$GRADUS" template new margaret-home --from sarcopenia-home
cp "$tmp/out" "$tmp/new.cfg"
has "template new" out '^  id = "margaret-home";$'
cases=$((cases + 1))
if [ "$(diff "$home" "$tmp/new.cfg" | grep -c '^[<>]')" != 2 ]; then
	echo "FAIL template new: more than the id line changed"
	diff "$home" "$tmp/new.cfg" | head
	fail=1
fi
expect 0 "check the new template" "$GRADUS" check "$tmp/new.cfg"
mkdir "$tmp/my"
expect 0 "template new -o" "$GRADUS" template new margaret-home \
	--from sarcopenia-home -o "$tmp/my/margaret-home.cfg"
cases=$((cases + 1))
cmp -s "$tmp/new.cfg" "$tmp/my/margaret-home.cfg" ||
	{ echo "FAIL template new -o: not what stdout had"; fail=1; }
expect 2 "template new, a built-in id" "$GRADUS" template new sarcopenia-gym \
	--from sarcopenia-home
has "template new, a built-in id" err "there is a template 'sarcopenia-gym' already (built-in)"
expect 2 "template new, a bad id" "$GRADUS" template new My_Home --from sarcopenia-home
expect 2 "template new, no such template" "$GRADUS" template new x --from nope
has "template new, no such template" err "one of: bed-level, chair-based"

# 3. --templates DIR holding only a new template adds it
expect 0 "plan --templates (a new template only)" "$GRADUS" plan "$margaret" \
	--templates "$tmp/my"
expect 0 "plan --templates --template margaret-home" "$GRADUS" plan "$margaret" \
	--templates "$tmp/my" --template margaret-home -f json
has "plan --template margaret-home" out '"template":	"margaret-home"'
expect 0 "templates --templates" "$GRADUS" templates --templates "$tmp/my"
has "templates --templates" out "^sarcopenia-home .*(built-in)$"
has "templates --templates" out "^margaret-home "
has "templates --templates" out "$tmp/my/margaret-home.cfg"
expect 0 "templates -f json --templates" "$GRADUS" templates -f json --templates "$tmp/my"
has "templates -f json" out "\"from\":	\"$tmp/my/margaret-home.cfg\""
has "templates -f json" out '"from":	"built-in"'
expect 0 "show --source of an added template" "$GRADUS" template show margaret-home \
	--source --templates "$tmp/my"
cmp -s "$tmp/out" "$tmp/my/margaret-home.cfg" ||
	{ echo "FAIL show --source of an added template: not its file"; fail=1; }

# a file with a built-in id replaces that template, keeping its place
mkdir "$tmp/same"
sed 's/^  name = .*/  name = "Our own home program";/' "$home" >"$tmp/same/home.cfg"
expect 0 "templates, a built-in id replaced" "$GRADUS" templates --templates "$tmp/same"
has "templates, a built-in id replaced" out "^sarcopenia-home      Our own home program ($tmp/same/home.cfg)"
cases=$((cases + 1))
[ "$(grep -c '^sarcopenia-home' "$tmp/out")" = 1 ] ||
	{ echo "FAIL templates: sarcopenia-home listed twice"; fail=1; }
# --template FILE with a built-in id replaces it too (was: duplicate id)
expect 0 "plan --template FILE with a built-in id" "$GRADUS" plan "$margaret" \
	--template "$tmp/same/home.cfg"
has "plan --template FILE with a built-in id" out "^Program: Our own home program$"

# 4. --catalogue DIR holding one new exercise adds it
mkdir "$tmp/cat"
cat >"$tmp/cat/mine.cfg" <<'EOF'
format = 1;
exercises = (
  {
    id = "towel-squeeze";
    name = "Squeeze a rolled towel";
    pattern = "grip";
    muscles = ["forearm"];
    regions = ["arms"];
    position = "seated";
    level = 1;
    equipment = ["chair"];
    load = "bodyweight";
    avoid_with = [];
    steps = ["Sit tall and hold a rolled towel in one hand.",
             "Squeeze it hard for a slow count of three, then let go."];
    cues = ["Breathe out as you squeeze."];
    safety = ["Stop if your hand or wrist hurts."];
    caregiver = ["Hand over the towel and count out loud."];
  }
);
EOF
expect 0 "exercises --catalogue (a new exercise only)" "$GRADUS" exercises \
	--pattern grip --catalogue "$tmp/cat"
has "exercises --catalogue" out "^towel-squeeze  *Squeeze a rolled towel$"
has "exercises --catalogue" out "^  *grip, seated, level 1, bodyweight; from"
has "exercises --catalogue" out "$tmp/cat/mine.cfg$"
has "exercises --catalogue" out "^bed-fist-squeeze "
expect 0 "plan --catalogue (a new exercise only)" "$GRADUS" plan "$margaret" \
	--catalogue "$tmp/cat"
expect 0 "check a catalogue file of one new exercise" "$GRADUS" check "$tmp/cat/mine.cfg"
has "check a catalogue file" out "1 file checked: 1 catalogue (1 exercise), 0 templates, 0 profiles; no errors"

# an exercise with a built-in id that drops its ladder links: an error
# at the added file, naming the built-in exercise that links to it
mkdir "$tmp/broken"
sed -e 's/"towel-squeeze"/"sit-to-stand-arms"/' -e 's/"grip"/"sit_to_stand"/' \
	"$tmp/cat/mine.cfg" >"$tmp/broken/legs.cfg"
expect 3 "--catalogue breaking a built-in ladder" "$GRADUS" plan "$margaret" \
	--catalogue "$tmp/broken"
has "--catalogue breaking a built-in ladder" err "^$tmp/broken/legs.cfg:3: error: .*the built-in exercise '[a-z-]*', exercises/legs.cfg:[0-9]*, links to 'sit-to-stand-arms', which this file replaces"
expect 3 "check of that file" "$GRADUS" check "$tmp/broken/legs.cfg"
has "check of that file" err "^$tmp/broken/legs.cfg:3: error: "

# exercises that take away the only ones a built-in template can use
# (bed-level: a press exercise at level 2 or below): an error at the
# added file, naming the template
mkdir "$tmp/press"
python3 - "$src/exercises/upper.cfg" "$tmp/press/upper.cfg" <<'EOF'
import sys
text = open(sys.argv[1]).read()
for ex in ("bed-overhead-reach", "seated-arm-raise"):
    i = text.index('id = "%s"' % ex)
    j = text.index("level =", i)
    text = text[:j] + "level = 3" + text[text.index(";", j):]
open(sys.argv[2], "w").write(text)
EOF
expect 3 "--catalogue breaking a built-in template" "$GRADUS" templates \
	--catalogue "$tmp/press"
has "--catalogue breaking a built-in template" err "^$tmp/press/upper.cfg:[0-9]*: error: the built-in template 'bed-level' (profiles/templates/bed-level.cfg:[0-9]*) needs a 'press' exercise at level 2 or below"

[ $fail = 0 ] && echo "ok: $cases checks"
exit $fail
