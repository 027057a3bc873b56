#!/usr/bin/env python3
"""Every text output fits an 80-column terminal (issue 15, item 6).

Renders every text output of gradus -- the plan (normal, --large-print
with --explain, --week), the exercise guide in it, the screening result,
the referral sheet (after the result and written with --referral FILE),
the review, `exercise show ID`, `exercises`, `rules`, `templates`,
`template show ID`, the log to fill in (`log new`), the summary of
`check` and every help text -- for
every example profile and log, and for generated ones that push the
widths: names of 35, 80 and 200 characters (200 is refused by the
profile check: its message is checked too), names in CJK wide
characters, with combining marks ('e' + U+0301) and with emoji, long
caregiver and contact names, the longest phone numbers, long log notes,
and a test catalogue and template folder whose exercise, program and
phase names (and some ids) are as long as the checks allow.

No line may take more than 80 columns, measured here by Python's
unicodedata (UAX #11 East Asian Width: W and F take 2 columns; combining
and format characters take none), independently of the C code; the
boxes of every record grid row start in column 23. Lines on stderr that
are diagnostics (FILE:LINE: error: ..., gradus: ...) stay one line on
purpose, for tools that read them, and are not measured.

Run from the source root with $GRADUS set to the built command;
GRADUS_COLUMNS_SHOW=N prints N failures (200)."""
import concurrent.futures
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

G = os.environ["GRADUS"]
WIDTH = 80


def columns(line):
    """Display columns of a line in a terminal."""
    n = 0
    for c in line:
        if c == "\t":
            n = (n // 8 + 1) * 8
            continue
        cat = unicodedata.category(c)
        if (cat in ("Mn", "Me", "Cf", "Cc") or unicodedata.combining(c)) and c != "\u00ad":
            continue
        n += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return n


def cut(s, limit):
    """s cut to at most `limit` bytes of UTF-8, at a character."""
    b = s.encode()[:limit]
    return b.decode(errors="ignore")


def grow(s, limit):
    """s repeated (with spaces) and cut to fill `limit` bytes."""
    out = s
    while len(out.encode()) < limit:
        out += " " + s
    return cut(out, limit).rstrip()


# person.name: at most 80 bytes (200 is refused)
NAMES = {
    "name35": "Margaret Alexandra Featherstonehaugh"[:35],
    "name80": cut(grow("Margaret Alexandra Featherstonehaugh-Smythe", 80), 80),
    "name80-one-word": ("Wolfeschlegelsteinhausenbergerdorff" * 3)[:80],
    "name200": "M" * 200,
    "cjk": "山田花子" * 6 + "さく",
    "cjk-spaced": grow("山田 花子", 80),
    "combining": grow("Rene\u0301e Zoe\u0308 Ame\u0301lie", 80),
    "emoji": grow("Grandma \U0001F475 Rose \U0001F339", 80),
}
LONG_NAME = NAMES["name80"]
CONTACT = cut(grow("Dr Maria Fernanda Gutiérrez-Villanueva 山田", 80), 80)
PHONE = "+44 (0) 20 7946 0958"           # 20 characters, the most allowed
CAREGIVER = cut(grow("Thomas Featherstonehaugh (son) and 花子", 80), 80)
CAUSE = cut(grow("a long stay in hospital after a fall on the stairs at home;"
                 " Unbelievablylongwordwithoutanyspaceatallinthecause", 300), 300)
CLEARED_BY = cut(grow("Dr Maria Fernanda Gutiérrez-Villanueva (neurologist)", 120), 120)
NOTE = cut(grow("Felt tired; Averyveryverylongwordthatdoesnotfitanywhereonthe"
                "lineatallbecauseitislongerthaneightycolumnsofanyterminal 疲れた", 300), 300)

failures = []
runs = 0


def check_text(label, text, stderr=False):
    for i, line in enumerate(text.split("\n"), 1):
        # the record grid: the boxes of every row start in column 23
        m = re.match(r" ?\d+ (.*?)\[ \]", line)
        if m and not stderr and columns(line[:m.end() - 3]) != 22:
            failures.append("%s: line %d: a record grid row out of line: %s" % (label, i, line))
        if stderr and re.match(r"(\S+?(:\d+)?: (error|warning|note): |gradus: )", line):
            continue
        w = columns(line)
        if w > WIDTH:
            failures.append("%s: line %d: %d columns: %s" % (label, i, w, line[:100]))


def run(label, args, expect_ok=True, files=()):
    r = subprocess.run([G, *args], capture_output=True)
    out = r.stdout.decode("utf-8", errors="replace")
    err = r.stderr.decode("utf-8", errors="replace")
    res = [(label, out, False), (label + " (stderr)", err, True)]
    for f in files:
        if os.path.exists(f):
            with open(f, encoding="utf-8", errors="replace") as fh:
                res.append((label + " " + os.path.basename(f), fh.read(), False))
            os.unlink(f)
    bad = None
    if expect_ok and r.returncode in (1, 2, 3):
        bad = "%s: exit %d (the generated input must be valid): %s" % (
            label, r.returncode, err.strip()[:300])
    return res, bad


def sub_person_name(text, name):
    return re.sub(r'(person:\s*\{[^}]*?\bname\s*=\s*)"[^"]*"',
                  lambda m: m.group(1) + '"' + name + '"', text, count=1, flags=re.S)


def set_key(text, key, value, count=0):
    """Every `key = "v"` (the first `count`) with v replaced by value(v)."""
    return re.sub(r'(\b' + key + r'\s*=\s*)"([^"]*)"',
                  lambda m: m.group(1) + '"' + value(m.group(2)) + '"', text, count=count)


def long_all(text):
    """The longest name, caregiver, contacts, cause and clearance."""
    text = sub_person_name(text, LONG_NAME)
    if re.search(r'\bcaregiver\s*=\s*"', text):
        text = set_key(text, "caregiver", lambda v: CAREGIVER)
    text = set_key(text, "cause", lambda v: CAUSE)
    text = set_key(text, "by", lambda v: CLEARED_BY)
    if not re.search(r"^contacts\s*:", text, re.M):
        text += ('\ncontacts: {\n  therapist = { name = "%s"; phone = "%s"; };\n'
                 '  doctor = { name = "%s"; phone = "%s"; };\n};\n'
                 % (CONTACT, PHONE, CONTACT, PHONE))
    return text


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


EX_SUFFIXES = [
    " - a much longer name to test the columns of every table and page",
    " 椅子から立ち上がる練習とゆっくり座る練習",
    " Extraordinarilylongsinglewordwithoutanyspaceatallforthetest",
    " cafe\u0301 ope\u0301ra de\u0301ja\u0300 vu",
    " \U0001F4AA\U0001F3FD strong \U0001F9D3 \U0001F9B5 legs",
]


def test_catalogue(tmp):
    """The built-in exercises with names as long as allowed (120 bytes),
    some starting with wide characters, and ids of 64 characters where
    no example and no ladder link names the exercise."""
    d = os.path.join(tmp, "catalogue")
    os.makedirs(d)
    named = "".join(read(f) for f in glob.glob("profiles/examples/**/*.cfg", recursive=True))
    n = [0]

    def longer(m):
        s = EX_SUFFIXES[n[0] % len(EX_SUFFIXES)]
        n[0] += 1
        name = s.strip() + " " + m.group(2) if n[0] % 3 == 0 else m.group(2) + s + s
        return m.group(1) + '"' + cut(name, 120) + '"'
    texts = {f: re.sub(r'(\bname\s*=\s*)"([^"]*)"', longer, read(f))
             for f in sorted(glob.glob("exercises/*.cfg"))}
    # the folder is added to the built-in catalogue: an exercise renamed
    # is a new one, so only one outside every ladder may be (a built-in
    # neighbour would name the old id)
    linked = set(re.findall(r'\b(?:easier|harder)\s*=\s*"([^"]+)"',
                            "".join(texts.values())))
    for i, e in enumerate(ids("exercises/*.cfg", "id")):
        if i % 3 == 0 and '"%s"' % e not in named and e not in linked:
            long_id = (e + "-with-a-long-id" * 5)[:64].rstrip("-")
            for f in texts:
                texts[f] = texts[f].replace('"%s"' % e, '"%s"' % long_id)
    for f, text in texts.items():
        write(os.path.join(d, os.path.basename(f)), text)
    return d


def test_templates(tmp):
    """The built-in templates with long program and phase names."""
    d = os.path.join(tmp, "templates")
    os.makedirs(d)
    phases = ["Getting started " + "a" * 44, "山田花子さくら" * 2 + "ゆっくり",
              "Building strength step by step, slowly but surely every week"]
    for f in sorted(glob.glob("profiles/templates/*.cfg")):
        t = read(f)
        t = set_key(t, "name", lambda v: cut(v + " 椅子 " + v + " - a longer program name", 120),
                    count=1)
        k = [0]

        def phase(m):
            k[0] += 1
            return m.group(1) + '"' + cut(phases[k[0] % 3], 60) + '"'
        t = re.sub(r'(\{\s*name\s*=\s*)"([^"]*)"', phase, t)
        t = set_key(t, "description", lambda v: v + " Averyveryverylongwordthatdoesnotfit"
                    "anywhereonthelineatallbecauseitislongerthaneighty")
        write(os.path.join(d, os.path.basename(f)), t)
    return d


def ids(pattern, key):
    out = []
    for f in sorted(glob.glob(pattern)):
        out += re.findall(r'^\s*' + key + r'\s*=\s*"([^"]+)"', read(f), re.M)
    return out


def main():
    tmp = tempfile.mkdtemp(prefix="gradus-columns-")
    jobs = []       # (label, args, expect_ok, files)
    try:
        cat = test_catalogue(tmp)
        tpl = test_templates(tmp)
        examples = sorted(glob.glob("profiles/examples/*.cfg"))
        data = sorted(glob.glob("tests/data/**/*.cfg", recursive=True))
        logs = sorted(glob.glob("profiles/examples/logs/*.cfg"))

        # profiles: the examples and test data as they are, and the
        # examples (and the profiles with contacts or a referral) with
        # every generated name, and with everything long at once
        profiles = [(p, False) for p in examples + data]
        grown = examples + ["tests/data/contacts/us-chest-pain.cfg",
                            "tests/data/contacts/us.cfg",
                            "tests/data/html/all-red-flags.cfg"]
        for key, name in list(NAMES.items()) + [("long-all", None)]:
            for p in grown:
                text = read(p)
                text = long_all(text) if name is None else sub_person_name(text, name)
                q = os.path.join(tmp, key, os.path.basename(p))
                write(q, text)
                profiles.append((q, key != "name200"))

        for i, (p, ok) in enumerate(profiles):
            ref = os.path.join(tmp, "ref-%d.txt" % i)
            jobs += [
                (p + " plan", ["plan", p], ok, ()),
                (p + " plan --large-print --explain",
                 ["plan", p, "--large-print", "--explain"], ok, ()),
                (p + " plan --week 2", ["plan", p, "--week", "2"], False, ()),
                (p + " log new", ["log", "new", p, "--weeks", "1-2"], False, ()),
                (p + " screen", ["screen", p], False, ()),
                (p + " screen --referral", ["screen", p, "--referral", ref], False, (ref,)),
            ]
        for p in examples + [os.path.join(tmp, "long-all", os.path.basename(e)) for e in examples]:
            jobs += [
                (p + " plan (test catalogue)", ["plan", p, "--catalogue", cat], True, ()),
                (p + " plan --explain (test catalogue)",
                 ["plan", p, "--catalogue", cat, "--explain", "--large-print"], True, ()),
                (p + " plan (test templates)", ["plan", p, "--templates", tpl], True, ()),
                (p + " log new (test catalogue)",
                 ["log", "new", p, "--weeks", "1-2", "--catalogue", cat], True, ()),
                (p + " plan --explain (test templates)",
                 ["plan", p, "--templates", tpl, "--explain", "--large-print"], True, ()),
            ]

        # the review: Margaret as she is and with every generated name,
        # her logs as they are and with long notes
        margarets = ["profiles/examples/margaret-sarcopenia.cfg"] + [
            os.path.join(tmp, k, "margaret-sarcopenia.cfg")
            for k in list(NAMES) + ["long-all"] if k != "name200"]
        long_logs = []
        for lg in logs:
            q = os.path.join(tmp, "logs", os.path.basename(lg))
            write(q, set_key(read(lg), "notes", lambda v: NOTE))
            long_logs.append(q)
        for m in margarets:
            for lg in logs + long_logs:
                jobs += [
                    (m + " review " + lg, ["review", m, lg], True, ()),
                    (m + " review --explain " + lg,
                     ["review", m, lg, "--explain", "--large-print"], True, ()),
                ]
        for lg in logs:
            jobs.append((lg + " review (test catalogue)",
                         ["review", margarets[0], lg, "--catalogue", cat], True, ()))

        # the catalogue, the templates, the rules and the help texts
        for c, d in (([], "exercises"), (["--catalogue", cat], cat)):
            jobs.append(("exercises " + " ".join(c), ["exercises", *c], True, ()))
            for e in ids(os.path.join(d, "*.cfg"), "id"):
                jobs.append(("exercise show %s %s" % (e, " ".join(c)),
                             ["exercise", "show", e, *c], True, ()))
        for t in ([], ["--templates", tpl]):
            jobs.append(("templates " + " ".join(t), ["templates", *t], True, ()))
            for i in ids("profiles/templates/*.cfg", "id"):
                jobs.append(("template show %s %s" % (i, " ".join(t)),
                             ["template", "show", i, *t], True, ()))
        jobs.append(("check", ["check", "exercises", "profiles"], True, ()))
        jobs.append(("check (test catalogue and templates)",
                     ["check", cat, tpl, os.path.join(tmp, "long-all")], True, ()))
        jobs.append(("rules", ["rules"], True, ()))
        jobs.append(("gradus (no command)", [], False, ()))
        jobs.append(("gradus --help", ["--help"], True, ()))
        for c in ("plan", "screen", "review", "batch", "rules", "check",
                  "exercises", "exercise", "templates", "template"):
            jobs.append(("gradus help " + c, ["help", c], True, ()))
            jobs.append(("gradus %s --help" % c, [c, "--help"], True, ()))

        bad_inputs = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
            for res, bad in ex.map(lambda j: run(j[0], j[1], j[2], j[3]), jobs):
                for label, text, is_err in res:
                    check_text(label, text, is_err)
                if bad:
                    bad_inputs.append(bad)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    for b in bad_inputs:
        print("FAIL " + b)
    limit = int(os.environ.get("GRADUS_COLUMNS_SHOW", "200"))
    for f in failures[:limit]:
        print("FAIL " + f)
    if len(failures) > limit:
        print("... and %d more" % (len(failures) - limit))
    grid = sum("out of line" in f for f in failures)
    print("%d runs, %d lines wider than %d columns, %d record grid rows out of line, "
          "%d invalid generated inputs"
          % (len(jobs), len(failures) - grid, WIDTH, grid, len(bad_inputs)))
    return 1 if failures or bad_inputs else 0


if __name__ == "__main__":
    sys.exit(main())
