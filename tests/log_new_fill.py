#!/usr/bin/env python3
"""Issue 16, item 6, done when: `gradus log new` on each example gives a
file that, with its blanks filled the way the example log fills them,
reviews exactly like the example log (text, JSON and HTML, byte for byte).

For each example log (profiles/examples/logs/*.cfg) this runs `gradus log
new` on its profile for the weeks the log covers (1 to the last week with
a session or a check-in) from the log's plan_start, then fills the blanks
of the generated text from the example's values, matching sessions by
date and exercises by id:
  - reps = [] becomes the reps of each set (`sets = 2; reps = 10;` is
    [10, 10]), effort = "" and pain = "" the numbers, next_morning_ok = ""
    true or false; a blank the example does not fill stays blank (it is
    "not written down", as the key left out is);
  - each red-flag question the example answers gets its answer.
What a pre-filled log cannot say, the filler writes as a caregiver would,
and counts (printed at the end of each example):
  - a session of the plan the example has no session for (not done) is
    deleted; a session of the example on a day the plan has none is added;
  - an exercise of the plan the example does not list is deleted; one the
    example lists that the plan has no line for (a caregiver writing in an
    exercise the sheet did not have) is added with the example's values;
    the exercises keep the example's order (the review lists them in the
    order first logged);
  - the keys a caregiver adds beside the blanks (load_kg, band,
    machine_step, support, notes), the check-ins' ill, hospital and
    notes, the re-tests (measures) and the doctor's clearance are copied;
  - a red-flag question the example does not ask (its check-ins list a
    few) is deleted, and a check-in of a week the example has none for is
    deleted: a left blank would be unanswered, which stops the review.
Then `gradus review PROFILE LOG` of the filled log and of the example,
each copied to the same relative name in its own folder, must print the
same bytes with the same exit code; and `gradus check` of the filled log
is clean (no errors).

Run from the source root with $GRADUS set to the built command."""
import datetime
import glob
import os
import re
import subprocess
import sys
import tempfile

G = os.environ["GRADUS"]
PROFILE = os.path.abspath("profiles/examples/margaret-sarcopenia.cfg")
fail = 0


# ---- a small libconfig reader: enough for the logs (groups, lists,
# arrays, strings, numbers, booleans; # // /* */ comments) ----

TOKEN = re.compile(r'''\s+|\#[^\n]*|//[^\n]*|/\*.*?\*/|
    (?P<str>"(?:[^"\\]|\\.)*")|
    (?P<num>[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?)|
    (?P<word>[A-Za-z_][A-Za-z0-9_\-]*)|
    (?P<punct>[=:;,{}()\[\]])''', re.S | re.X)


def tokens(text):
    pos = 0
    out = []
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise ValueError("cannot read at %r" % text[pos:pos + 30])
        pos = m.end()
        for kind in ("str", "num", "word", "punct"):
            if m.group(kind) is not None:
                out.append((kind, m.group(kind)))
    return out


class Reader:
    def __init__(self, text):
        self.t = tokens(text)
        self.i = 0

    def peek(self):
        return self.t[self.i] if self.i < len(self.t) else (None, None)

    def take(self):
        self.i += 1
        return self.t[self.i - 1]

    def settings(self, end):
        d = {}
        while self.peek()[1] != end and self.peek()[0] is not None:
            _, key = self.take()
            self.take()  # = or :
            d[key] = self.value()
            if self.peek()[1] in (";", ","):
                self.take()
        if end:
            self.take()
        return d

    def value(self):
        kind, v = self.take()
        if kind == "str":
            return bytes(v[1:-1], "utf-8").decode("unicode_escape").encode(
                "latin-1").decode("utf-8")
        if kind == "num":
            return float(v) if re.search(r"[.eE]", v) else int(v)
        if kind == "word":
            return {"true": True, "false": False}[v.lower()]
        if v == "{":
            return self.settings("}")
        close = ")" if v == "(" else "]"
        items = []
        while self.peek()[1] != close:
            items.append(self.value())
            if self.peek()[1] == ",":
                self.take()
        self.take()
        return items


def parse(text):
    return Reader(text).settings(None)


# ---- writing values back ----

def lit(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(v, float):
        return repr(v)
    return str(v)


def reps_of(e):
    if isinstance(e["reps"], list):
        return e["reps"]
    return [e["reps"]] * e["sets"]


EXTRA = ("load_kg", "band", "machine_step", "support", "notes")


def fill_entry(line, e):
    """The generated entry line with its blanks filled from e."""
    line = line.replace("reps = []", "reps = [%s]" % ", ".join(
        str(r) for r in reps_of(e)))
    for k in ("effort", "pain", "next_morning_ok"):
        if k in e:
            line = line.replace('%s = ""' % k, "%s = %s" % (k, lit(e[k])))
    extra = "".join(" %s = %s;" % (k, lit(e[k])) for k in EXTRA if k in e)
    return line.replace(" }", extra + " }", 1) if extra else line


def new_entry(e):
    keys = "".join(" %s = %s;" % (k, lit(e[k]))
                   for k in ("effort", "pain", "next_morning_ok") + EXTRA
                   if k in e)
    return '      { id = "%s"; reps = [%s];%s }' % (
        e["id"], ", ".join(str(r) for r in reps_of(e)), keys)


def blocks(lines, opener):
    """(start, end) line indexes of the top-level groups of a list that
    start with `opener` (two spaces, then "{ date" or "{ week")."""
    out, start = [], None
    for i, line in enumerate(lines):
        if line.startswith("  " + opener):
            start = i
        elif start is not None and re.match(r"^(    \); \}|  \}),?$", line):
            out.append((start, i))
            start = None
    return out


def fill_sessions(gen_lines, ex, counts):
    gen = {}
    for s, e in blocks(gen_lines, "{ date"):
        date = re.search(r'date = "([0-9-]+)"', gen_lines[s]).group(1)
        gen[date] = gen_lines[s:e + 1]
    ex_sessions = {s["date"]: s for s in ex["sessions"]}
    counts["sessions deleted (not done)"] = len(set(gen) - set(ex_sessions))
    counts["sessions added"] = len(set(ex_sessions) - set(gen))
    out = []
    for date in sorted(ex_sessions):
        s = ex_sessions[date]
        head = '  { date = "%s";' % date
        if "notes" in s:
            head += " notes = %s;" % lit(s["notes"])
        out.append(head)
        out.append("    exercises = (")
        lines = gen.get(date, [])
        ids = {}
        for i, line in enumerate(lines):
            m = re.search(r'\{ id = "([^"]+)"', line)
            if m:
                # the dose comment: the '#' lines before; the entry: from
                # its { to the line that closes it
                c = i
                while c > 0 and lines[c - 1].lstrip().startswith("#"):
                    c -= 1
                e = i
                while not lines[e].rstrip(",").endswith("}"):
                    e += 1
                ids[m.group(1)] = ("\n".join(lines[c:i]),
                                   "\n".join(lines[i:e + 1]).rstrip(","))
        counts["exercises deleted (not done)"] += len(
            set(ids) - {e["id"] for e in s["exercises"]}) if date in gen else 0
        rows = []
        for e in s["exercises"]:
            if e["id"] in ids:
                comment, line = ids[e["id"]]
                rows += [comment, fill_entry(line, e)]
            else:
                counts["exercises added"] += 1
                rows += ["      # added: not in the plan", new_entry(e)]
        for i in range(1, len(rows), 2):
            if i + 1 < len(rows):
                rows[i] += ","
        out += rows
        out.append("    ); },")
    if out:
        out[-1] = "    ); }"
    return out


def fill_weeks(gen_lines, ex, counts):
    ex_weeks = {w["week"]: w for w in ex.get("weeks", [])}
    out = []
    for s, e in blocks(gen_lines, "{ week"):
        week = int(re.search(r"week = (\d+)", gen_lines[s]).group(1))
        if week not in ex_weeks:
            counts["check-ins deleted (none in the example)"] += 1
            continue
        w = ex_weeks[week]
        rf = w.get("red_flags", {})
        for line in gen_lines[s:e]:
            m = re.match(r'^      ([a-z_]+) = "";', line)
            if m and m.group(1) not in rf:
                counts["questions deleted (not asked)"] += 1
                continue
            if m:
                line = line.replace('""', lit(rf[m.group(1)]), 1)
            out.append(line)
        out.append("".join("    %s = %s;\n" % (k, lit(w[k]))
                           for k in ("ill", "hospital", "notes") if k in w)
                   + "  },")
    if out:
        out[-1] = out[-1][:-1]
    return out


def fill(gen, ex):
    counts = {k: 0 for k in (
        "sessions deleted (not done)", "sessions added",
        "exercises deleted (not done)", "exercises added",
        "check-ins deleted (none in the example)",
        "questions deleted (not asked)")}
    lines = gen.split("\n")
    head = lines[:lines.index("sessions = (")]
    text = "\n".join(head) + "\nsessions = (\n"
    text += "\n".join(fill_sessions(lines, ex, counts)) + "\n);\n\n"
    if ex.get("weeks"):
        text += "weeks = (\n" + "\n".join(fill_weeks(lines, ex, counts)) + "\n);\n"
    if "measures" in ex:
        text += "measures = (\n" + ",\n".join(
            "  { " + " ".join("%s = %s;" % (k, lit(v)) for k, v in m.items()) + " }"
            for m in ex["measures"]) + "\n);\n"
        counts["re-tests added"] = len(ex["measures"])
    if "clearance" in ex:
        text += "clearance = { %s };\n" % " ".join(
            "%s = %s;" % (k, lit(v)) for k, v in ex["clearance"].items())
    return text, counts


def last_week(ex):
    start = datetime.date.fromisoformat(ex["plan_start"])
    weeks = [(datetime.date.fromisoformat(s["date"]) - start).days // 7 + 1
             for s in ex["sessions"]]
    weeks += [w["week"] for w in ex.get("weeks", [])]
    return max(weeks)


def review(folder, name, opts):
    r = subprocess.run([G, "review", PROFILE, name, *opts], cwd=folder,
                       capture_output=True)
    return r.returncode, r.stdout, r.stderr


def check_example(path):
    global fail
    name = os.path.basename(path)
    ex = parse(open(path, encoding="utf-8").read())
    weeks = "1-%d" % last_week(ex)
    g = subprocess.run([G, "log", "new", PROFILE, "--weeks", weeks,
                        "--start", ex["plan_start"]],
                       capture_output=True, text=True)
    if g.returncode != 0:
        print("FAIL %s: log new exit %d: %s" % (name, g.returncode, g.stderr))
        fail += 1
        return
    filled, counts = fill(g.stdout, ex)
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        open(os.path.join(a, name), "w", encoding="utf-8").write(
            open(path, encoding="utf-8").read())
        open(os.path.join(b, name), "w", encoding="utf-8").write(filled)
        c = subprocess.run([G, "check", name], cwd=b, capture_output=True,
                           text=True)
        if c.returncode != 0:
            print("FAIL %s: check of the filled log, exit %d:\n%s" % (
                name, c.returncode, c.stderr))
            fail += 1
        for opts in ([], ["-f", "json"], ["-f", "html"], ["--weeks", "1"],
                     ["-f", "json", "--weeks", "2"]):
            want, got = review(a, name, opts), review(b, name, opts)
            if want != got:
                print("FAIL %s: review %s differs (exit %d vs %d)" % (
                    name, " ".join(opts), want[0], got[0]))
                for x, y in zip(want[1].decode().split("\n"),
                                got[1].decode().split("\n")):
                    if x != y:
                        print("  example: %s\n  filled:  %s" % (x, y))
                        break
                if want[2] != got[2]:
                    print("  stderr: %r vs %r" % (want[2][:300], got[2][:300]))
                fail += 1
    print("%s: weeks %s; %s" % (name, weeks, ", ".join(
        "%s %d" % (k, v) for k, v in counts.items() if v) or "nothing added or deleted"))


paths = sorted(glob.glob("profiles/examples/logs/*.cfg"))
if not paths:
    print("FAIL: no example logs")
    sys.exit(1)
for p in paths:
    check_example(p)
print("%d passed, %d failed" % (len(paths) - min(fail, len(paths)), min(fail, len(paths))))
sys.exit(1 if fail else 0)
