#!/usr/bin/env python3
"""Generate the hostile-input corpus of tests/bad (issue 7).

Usage: gen.py OUTDIR [SRCROOT]      (run.py calls it; so can you, to look)

Writes OUTDIR/cases/NNN-name/... and OUTDIR/manifest.json: a list of
cases, each

  {"name": ..., "path": file or folder to give gradus,
   "cmds": {"check": [allowed exit codes], "plan": [allowed exit codes]},
   "files": [names an error line may carry (the input and what it
             includes)],
   "privdrop": true when the case needs a user that file modes apply to,
   "note": why the case is hostile}

Everything is derived from the shipped files, so the corpus follows the
formats as they change. Exit codes (README and man page): 1 = a file
could not be read, 3 = invalid input. Big inputs (the 1 MB strings, the
9 MB file) are generated here, never committed.
"""
import json
import os
import random
import re
import shutil
import stat
import sys

IO, INVALID = 1, 3
BOTH_INVALID = {"check": [INVALID], "plan": [INVALID]}
BOTH_IO = {"check": [IO], "plan": [IO]}
PLAN_INVALID = {"plan": [INVALID]}

MARGARET = "profiles/examples/margaret-sarcopenia.cfg"
TEMPLATE = "profiles/templates/sarcopenia-home.cfg"
CATALOGUE = "exercises/warmup.cfg"

# a setting on one line: name = "text" | [ ... ] | true/false | number ;
SETTING = re.compile(
    r'\b([a-z_][a-z0-9_]*)(\s*[=:]\s*)'
    r'("(?:[^"\\\n]|\\.)*"|\[[^\]\n]*\]|true|false|[-+]?[0-9][0-9.eExXa-fA-FL+-]*)'
    r'(\s*;)')


class Corpus:
    def __init__(self, out, root):
        self.out = out
        self.root = root
        self.cases = []
        self.dir = os.path.join(out, "cases")

    def read(self, rel):
        with open(os.path.join(self.root, rel), "rb") as fh:
            return fh.read()

    def _case_dir(self, name):
        d = os.path.join(self.dir, "%03d-%s" % (len(self.cases) + 1, name))
        os.makedirs(d)
        return d

    def add(self, name, data, note, cmds=None, fname="input.cfg"):
        """One file holding `data` (bytes)."""
        d = self._case_dir(name)
        path = os.path.join(d, fname)
        with open(path, "wb") as fh:
            fh.write(data)
        self.cases.append({"name": name, "path": path,
                           "cmds": cmds or BOTH_INVALID,
                           "files": [fname], "privdrop": False,
                           "note": note})
        return d

    def add_files(self, name, files, main, note, cmds=None, privdrop=False):
        """Several files in one folder; `main` is given to gradus."""
        d = self._case_dir(name)
        for fname, data in files.items():
            with open(os.path.join(d, fname), "wb") as fh:
                fh.write(data)
        self.cases.append({"name": name, "path": os.path.join(d, main),
                           "cmds": cmds or BOTH_INVALID,
                           "files": sorted(files), "privdrop": privdrop,
                           "note": note})
        return d

    def add_path(self, name, path, note, cmds, files=None, privdrop=False):
        self.cases.append({"name": name, "path": path, "cmds": cmds,
                           "files": files or [os.path.basename(path)],
                           "privdrop": privdrop, "note": note})


def broken_cuts(text):
    """Offsets where the prefix text[:k] cannot be a complete file: inside
    a string, or inside an open { ( [ (outside /* */ comments)."""
    out = []
    depth = 0
    i = 0
    n = len(text)
    in_str = in_line_comment = in_block = False
    while i < n:
        c = text[i]
        broken = (in_str or depth > 0) and not in_block
        if broken and i > 0:
            out.append(i)
        if in_str:
            if c == "\\":
                i += 1
            elif c == '"':
                in_str = False
        elif in_line_comment:
            if c == "\n":
                in_line_comment = False
        elif in_block:
            if text.startswith("*/", i):
                in_block = False
                i += 1
        elif c == '"':
            in_str = True
        elif c == "#" or text.startswith("//", i):
            in_line_comment = True
        elif text.startswith("/*", i):
            in_block = True
        elif c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        i += 1
    return out


def wrong_value(v):
    """A value of another type than `v` (as written in the file)."""
    if v.startswith('"'):
        return "42"
    if v.startswith("["):
        return '"not a list"'
    if v in ("true", "false"):
        return "1"
    return '"%s"' % v


def gen(out, root):
    if os.path.isdir(out):
        # a previous run may have left a mode-000 file or folder
        for dirpath, dirnames, _ in os.walk(out):
            for dn in dirnames:
                os.chmod(os.path.join(dirpath, dn), 0o755)
        shutil.rmtree(out)
    os.makedirs(out)
    c = Corpus(out, root)
    rng = random.Random(7)
    margaret = c.read(MARGARET).decode()
    template = c.read(TEMPLATE).decode()

    # -- 0. controls: the files the cases below break are valid
    c.add_path("control-profile", os.path.join(root, MARGARET),
               "control: the profile most cases break", {"check": [0], "plan": [0]})
    c.add_path("control-template", os.path.join(root, TEMPLATE),
               "control: the template the template cases break", {"check": [0]})
    c.add_path("control-catalogue", os.path.join(root, CATALOGUE),
               "control: the catalogue file the catalogue cases break", {"check": [0]})

    # -- 1. truncated shipped files: cut inside a string or an open group
    shipped = []
    for sub in ("exercises", "profiles/examples", "profiles/templates",
                "profiles/examples/logs"):
        if not os.path.isdir(os.path.join(root, sub)):
            continue
        for f in sorted(os.listdir(os.path.join(root, sub))):
            if f.endswith(".cfg"):
                shipped.append(sub + "/" + f)
    for rel in shipped:
        text = c.read(rel).decode()
        cuts = broken_cuts(text)
        for j in range(8):
            k = cuts[(j * len(cuts)) // 8 + len(cuts) // 16]
            c.add("truncated-%s-at-%d" % (os.path.basename(rel)[:-4], k),
                  text[:k].encode(), "%s cut at byte %d of %d" % (rel, k, len(text)))

    # -- 2. empty and nearly empty files
    for name, data in [("empty", b""), ("only-spaces", b"   \n\t\n"),
                       ("only-comments", b"# nothing here\n// nor here\n/* nor */\n"),
                       ("unterminated-comment", b"format = 1;\n/* never closed\n"),
                       ("only-semicolon", b";\n")]:
        c.add(name, data, "no settings")
    c.add("string-then-syntax-error", b'""\n',
          "libconfig 1.5 leaks the string here (suppressed: fuzz/lsan.supp)")

    # -- 3. numbers libconfig wraps or turns into infinity
    huge = ["2147483648", "-2147483649", "4294967296", "4294967371",
            "9223372036854775807", "9223372036854775808",
            "18446744073709551616", "99999999999999999999999999",
            "0x80000000", "0xFFFFFFFF", "0x100000000",
            "9223372036854775807L", "9223372036854775808L",
            "-9223372036854775808L", "0x7fffffffffffffffL",
            "0xffffffffffffffffL", "1e400", "-1e400", "1e308",
            "1.7976931348623157e308", "4.9e-324", "1e-400", "-0.0"]
    for key, where in (("age", "person"), ("weight_kg", "person"),
                       ("minutes", "setup")):
        pat = re.compile(r"(\n  %s = )[^;]*;" % key)
        assert pat.search(margaret), key
        for v in huge:
            c.add("number-%s.%s-%s" % (where, key, v.replace(".", "_")),
                  pat.sub(lambda m: m.group(1) + v + ";", margaret, 1).encode(),
                  "%s.%s = %s" % (where, key, v))
    for v in ("2147483648", "-1e400"):
        c.add("number-resting_bp-" + v,
              margaret.replace("[138, 84]", "[%s, 84]" % v).encode(),
              "health.resting_bp = [%s, 84]" % v)
        c.add("number-template-max_rpe-" + v,
              re.sub(r"max_rpe = 7;", "max_rpe = %s;" % v, template, 1).encode(),
              "template max_rpe = %s" % v)

    # -- 4. NaN and infinity, spelled every way (libconfig 1.5 has no
    # literal for them: each is a syntax error or a non-finite number)
    nans = ["nan", "NaN", "NAN", "-nan", "+nan", "inf", "-inf", "+inf",
            "Inf", "INF", "infinity", "Infinity", "-Infinity", "1.#INF",
            "1.#QNAN", "nan(0x1)", "0x1p1024", "1e999", "-1e999", ".inf",
            "'NaN'", '"NaN"', "1e309"]
    for key in ("weight_kg", "age"):
        pat = re.compile(r"(\n  %s = )[^;]*;" % key)
        for v in nans:
            c.add("nan-%s-%s" % (key, re.sub(r"[^A-Za-z0-9+-]", "_", v)),
                  pat.sub(lambda m: m.group(1) + v + ";", margaret, 1).encode(),
                  "person.%s = %s" % (key, v))
    c.add("nan-ankle-weights",
          margaret.replace("[0.5, 1.0, 1.5, 2.0]", "[0.5, 1e400, -1e400, 2.0]").encode(),
          "infinite ankle weights")

    # -- 5. one-megabyte strings, very long lines, too large a file
    mb = 1024 * 1024
    c.add("1mb-name", margaret.replace('"Margaret"', '"' + "a" * mb + '"').encode(),
          "person.name of 1 MiB")
    c.add("1mb-cause", re.sub(r'cause = "[^"]*"', 'cause = "' + "b" * mb + '"',
                              margaret, 1).encode(), "condition.cause of 1 MiB")
    c.add("1mb-key", margaret.replace("  age = 78;", "  " + "k" * mb + " = 78;").encode(),
          "a key name of 1 MiB")
    c.add("1mb-escapes", margaret.replace('"Margaret"', '"' + "\\xff" * (mb // 4) + '"').encode(),
          "1 MiB of \\xff escapes: not UTF-8")
    c.add("1mb-exclude-id", margaret.replace(
        "setup: {", 'setup: {\n  exclude = ["' + "x" * mb + '"];', 1).encode(),
          "an exercise id of 1 MiB in setup.exclude")
    c.add("1mb-one-line", (margaret.replace("\n", " ") + "#" + "c" * mb + "\nage = ;").encode(),
          "the whole file on one line, a 1 MiB comment, then an error")
    c.add("1mb-catalogue-step",
          c.read(CATALOGUE).decode().replace(
              'steps = [', 'steps = [ "' + "s" * mb + '",', 1).encode(),
          "a 1 MiB step in a catalogue")
    c.add("9mb-file", (margaret + "\n" + ("# padding line\n" * (9 * mb // 15))).encode(),
          "larger than gradus reads (8 MiB)")
    c.add("100k-days", margaret.replace('["mon", "wed", "fri"]',
                                        "[" + ", ".join(['"mon"'] * 100000) + "]").encode(),
          "setup.days with 100,000 entries")
    c.add("100k-exclude", margaret.replace(
        "setup: {", "setup: {\n  exclude = [" + ", ".join(['"floor-bridge"'] * 100000) + "];", 1).encode(),
          "setup.exclude with 100,000 entries")
    c.add("20k-unknown-keys", margaret.replace(
        "  age = 78;", "  age = 78;\n" + "".join("  k%d = %d;\n" % (i, i) for i in range(20000))).encode(),
          "20,000 unknown keys, each reported")
    c.add("20k-exercises", ("format = 1;\nexercises = (\n" +
                            ",\n".join('{ id = "e%d"; }' % i for i in range(20000)) +
                            "\n);\n").encode(),
          "20,000 exercises with missing keys")

    # -- 6. deep nesting (bison's stack ends at 10,000 levels)
    # (libconfig 1.5's parser stops between 4,000 and 5,000 levels with
    # "memory exhausted"; 4,000 parses, and must then be refused)
    for depth in (100, 4000, 5000, 10000, 100000):
        c.add("deep-lists-%d" % depth,
              ("a = " + "(" * depth + ")" * depth + ";\n").encode(),
              "%d nested lists" % depth)
        c.add("deep-groups-%d" % depth,
              ("a = " + "{ a = " * depth + "1;" + " };" * depth + "\n").encode(),
              "%d nested groups" % depth)
    c.add("deep-in-person", margaret.replace(
        "  age = 78;", "  age = 78;\n  x = " + "{ x = " * 4000 + "1;" + " };" * 4000).encode(),
          "4,000 nested groups inside person")
    c.add("deep-arrays", ("a = " + "[" * 50 + "1" + "]" * 50 + ";\n").encode(),
          "arrays cannot nest")
    c.add("deep-unclosed", ("a = " + "(" * 20000 + "\n").encode(), "20,000 open lists")

    # -- 7. wrong types everywhere: every one-line setting of a profile,
    # a template and a catalogue exercise gets a value of another type
    for label, rel, text in (("profile", MARGARET, margaret),
                             ("template", TEMPLATE, template)):
        for m in SETTING.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if "#" in text[line_start:m.start()]:
                continue
            key, val = m.group(1), m.group(3)
            bad = text[:m.start(3)] + wrong_value(val) + text[m.end(3):]
            lineno = text.count("\n", 0, m.start()) + 1
            c.add("type-%s-%s-line%d" % (label, key, lineno), bad.encode(),
                  "%s line %d: %s = %s" % (rel, lineno, key, wrong_value(val)))
    cat = c.read(CATALOGUE).decode()
    first = cat.index("{", cat.index("exercises"))
    end = cat.index("\n  }", first) + 3  # the exercise's own closing brace
    one = "format = 1;\nexercises = (\n  " + cat[first:end + 1] + "\n);\n"
    c.add_files("control-one-exercise", {"one.cfg": one.encode()}, "one.cfg",
                "control: the catalogue the next cases break must be valid",
                {"check": [0]})
    for m in SETTING.finditer(one):
        key, val = m.group(1), m.group(3)
        bad = one[:m.start(3)] + wrong_value(val) + one[m.end(3):]
        c.add("type-catalogue-%s" % key, bad.encode(),
              "exercise %s = %s" % (key, wrong_value(val)))
    for grp in ("person", "condition", "red_flags", "health", "setup", "equipment"):
        pat = re.compile(r"(\b%s)(: | = )\{.*?\n(  )?\};" % grp, re.S)
        assert pat.search(margaret), grp
        c.add("type-group-%s" % grp,
              pat.sub(lambda m: m.group(1) + " = 5;", margaret, 1).encode(),
              "%s = 5 instead of a group" % grp)
    c.add("type-format-text", margaret.replace("format = 1;", 'format = "1";').encode(),
          'format = "1"')
    c.add("type-mixed-array", margaret.replace("[138, 84]", "[138, 84.5]").encode(),
          "mixed int and float in an array")
    c.add("type-duplicate-key", margaret.replace("  age = 78;", "  age = 78;\n  age = 79;").encode(),
          "duplicate key")

    # -- 8. text that is not UTF-8, control characters, bad names
    bad_utf8 = {"ff": b"\xff", "fe": b"\xfe", "c0-80-overlong-nul": b"\xc0\x80",
                "c1-bf-overlong": b"\xc1\xbf", "e0-80-af-overlong-slash": b"\xe0\x80\xaf",
                "f0-80-80-af-overlong": b"\xf0\x80\x80\xaf",
                "ed-a0-80-surrogate": b"\xed\xa0\x80", "f4-90-beyond-10ffff": b"\xf4\x90\x80\x80",
                "f8-five-bytes": b"\xf8\x88\x80\x80\x80", "lone-continuation": b"\x80",
                "truncated-c3": b"\xc3", "latin1-e9": b"Marl\xe9ne"}
    mb_bytes = margaret.encode()
    for name, seq in bad_utf8.items():
        c.add("utf8-name-" + name, mb_bytes.replace(b'"Margaret"', b'"Ma' + seq + b'"'),
              "person.name with bytes %s" % seq.hex())
    for name, seq in (("ff", b"\xff"), ("e0-80-af", b"\xe0\x80\xaf")):
        c.add("utf8-caregiver-" + name, mb_bytes.replace(b'"Tom (son)"', b'"Tom' + seq + b'"'),
              "setup.caregiver with bytes %s" % seq.hex())
        c.add("utf8-key-" + name, mb_bytes.replace(b"  age = 78;", b"  a" + seq + b"ge = 78;"),
              "a key name with bytes %s" % seq.hex())
        c.add("utf8-word-" + name, mb_bytes.replace(b'"female"', b'"fe' + seq + b'male"'),
              "a vocabulary word with bytes %s" % seq.hex())
        c.add("utf8-template-" + name, template.encode().replace(
            b'name = "Home', b'name = "H' + seq + b'ome', 1),
              "template name with bytes %s" % seq.hex())
        c.add("utf8-catalogue-" + name, one.encode().replace(b'name = "', b'name = "' + seq, 1),
              "exercise name with bytes %s" % seq.hex())
    for name, esc in (("tab", "\\t"), ("newline", "\\n"), ("escape-01", "\\x01"),
                      ("escape-7f", "\\x7f"), ("escape-00", "\\x00x")):
        c.add("control-char-" + name, margaret.replace('"Margaret"', '"Mar' + esc + 'garet"').encode(),
              "person.name with %s" % esc)
    # issue 15: valid UTF-8 that must not reach a page or a terminal
    for name, seq in (("c1-9b-csi", "\u009b"), ("c1-85-nel", "\u0085"),
                      ("u2028-line-separator", "\u2028"), ("u2029-paragraph-separator", "\u2029"),
                      ("u202e-right-to-left-override", "\u202e"), ("u2066-isolate", "\u2066"),
                      ("u200f-rtl-mark", "\u200f"), ("u061c-arabic-letter-mark", "\u061c")):
        c.add("text-control-" + name,
              mb_bytes.replace(b'"Margaret"', b'"Mar' + seq.encode() + b'garet"'),
              "person.name with U+%04X" % ord(seq))
    c.add("bom", b"\xef\xbb\xbf" + mb_bytes, "UTF-8 byte order mark")
    c.add("utf16", margaret.encode("utf-16"), "UTF-16 text")

    # -- 9. NUL bytes
    c.add("nul-start", b"\0" + mb_bytes, "a NUL byte first")
    c.add("nul-middle", mb_bytes[:500] + b"\0" + mb_bytes[500:], "a NUL byte inside")
    c.add("nul-end", mb_bytes + b"\0", "a NUL byte last")
    c.add("nul-in-string", mb_bytes.replace(b'"Margaret"', b'"Mar\0garet"'), "a NUL byte in a string")

    # -- 10. not a gradus file at all
    for i in range(6):
        c.add("random-bytes-%d" % i, bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4096))),
              "random bytes (seed 7)")
    c.add("random-text", "".join(rng.choice("{}()[];=:\",.#/*@ \nabc123") for _ in range(4000)).encode(),
          "random punctuation")
    c.add("json", b'{"format": 1, "person": {"name": "Margaret"}}\n', "JSON")
    c.add("html", b"<!DOCTYPE html><html><body>gradus</body></html>\n", "HTML")
    c.add("yaml", b"format: 1\nperson:\n  name: Margaret\n", "YAML")
    c.add("crlf-broken", margaret.replace("\n", "\r\n").replace("age = 78;", "age = ;").encode(),
          "CRLF line ends and an error")
    c.add("template-as-profile", template.encode(), "a template given to plan", PLAN_INVALID)
    c.add("catalogue-as-profile", c.read(CATALOGUE), "a catalogue given to plan", PLAN_INVALID)
    c.add("unknown-kind", b"format = 1;\nsomething = 1;\n", "no key that tells the kind")

    # -- 11. dates that are not real dates
    for d in ("2026-02-30", "2026-13-01", "0000-00-00", "2026-12-1", "99999-01-01",
              "2026-12-01T10:00", "1899-12-31", "2200-01-01", "", "today"):
        c.add("date-start-" + (d or "empty"), margaret.replace('"2026-12-01"', '"%s"' % d, 1).encode(),
              "setup.start = %r" % d)
    c.add("date-start-number", margaret.replace('"2026-12-01"', "20261201", 1).encode(),
          "setup.start as a number")

    # -- 12. files that cannot be read
    c.add_path("missing-file", os.path.join(c.dir, "no-such-file.cfg"),
               "a file that does not exist", BOTH_IO)
    d = c._case_dir("missing-folder")
    c.add_path("missing-folder", os.path.join(d, "no", "such", "folder.cfg"),
               "a folder that does not exist", BOTH_IO, ["folder.cfg"])
    d = c._case_dir("folder-instead-of-file")
    sub = os.path.join(d, "profile.cfg")
    os.makedirs(sub)
    with open(os.path.join(sub, "broken.cfg"), "wb") as fh:
        fh.write(b"format = ;\n")
    c.add_path("folder-instead-of-file", sub,
               "a folder named like a profile: check searches it (and finds an "
               "error), plan refuses it", {"check": [INVALID], "plan": [IO]},
               ["profile.cfg", "broken.cfg"])
    d = c._case_dir("empty-folder")
    c.add_path("empty-folder", d, "an empty folder given to plan", {"plan": [IO]})
    d = c._case_dir("dangling-symlink")
    os.symlink("nowhere.cfg", os.path.join(d, "link.cfg"))
    c.add_path("dangling-symlink", os.path.join(d, "link.cfg"), "a symlink to nothing", BOTH_IO)
    d = c._case_dir("symlink-loop")
    os.symlink("b.cfg", os.path.join(d, "a.cfg"))
    os.symlink("a.cfg", os.path.join(d, "b.cfg"))
    c.add_path("symlink-loop", os.path.join(d, "a.cfg"), "symlinks in a loop", BOTH_IO)
    d = c._case_dir("fifo")
    os.mkfifo(os.path.join(d, "pipe.cfg"))
    c.add_path("fifo", os.path.join(d, "pipe.cfg"), "a named pipe (would block if read)", BOTH_IO)
    c.add_path("dev-null", "/dev/null", "a character device", BOTH_IO, ["/dev/null"])
    c.add_path("name-too-long", os.path.join(c.dir, "x" * 5000 + ".cfg"),
               "a name longer than the system allows", BOTH_IO, ["x" * 5000 + ".cfg"])
    c.add_path("empty-name", "", "an empty file name", BOTH_IO, [""])
    d = c.add_files("unreadable", {"secret.cfg": mb_bytes}, "secret.cfg",
                    "a file with mode 000 (run as an unprivileged user when root)",
                    BOTH_IO, privdrop=True)
    os.chmod(os.path.join(d, "secret.cfg"), 0)
    d = c._case_dir("unsearchable-folder")
    os.makedirs(os.path.join(d, "locked"))
    shutil.copyfile(os.path.join(root, MARGARET), os.path.join(d, "locked", "p.cfg"))
    os.chmod(os.path.join(d, "locked"), 0)
    c.add_path("unsearchable-folder", os.path.join(d, "locked", "p.cfg"),
               "a file in a folder with mode 000", BOTH_IO, ["p.cfg"], privdrop=True)
    gradus = os.environ.get("GRADUS")
    if gradus and os.path.isfile(gradus):
        d = c._case_dir("executable")
        shutil.copyfile(gradus, os.path.join(d, "gradus.cfg"))
        c.add_path("executable", os.path.join(d, "gradus.cfg"), "the gradus program itself",
                   BOTH_INVALID, ["gradus.cfg"])

    # -- 13. @include: missing, recursive, hostile targets
    def inc(path):
        return ('@include "%s"\n' % path).encode()
    c.add_files("include-missing", {"p.cfg": inc("missing.cfg") + mb_bytes}, "p.cfg",
                "@include of a file that does not exist")
    c.add_files("include-self", {"self.cfg": inc("self.cfg")}, "self.cfg",
                "a file that includes itself")
    c.add_files("include-mutual", {"a.cfg": inc("b.cfg"), "b.cfg": inc("a.cfg")}, "a.cfg",
                "two files including each other")
    c.add_files("include-self-profile", {"p.cfg": mb_bytes + b"\n" + inc("p.cfg")}, "p.cfg",
                "a whole profile that includes itself at the end")
    chain = {"c%02d.cfg" % i: inc("c%02d.cfg" % (i + 1)) for i in range(12)}
    chain["c12.cfg"] = b"format = 1;\n"
    c.add_files("include-chain-12", chain, "c00.cfg", "12 files each including the next")
    fan = {"f%d.cfg" % i: inc("f%d.cfg" % (i + 1)) * 10 for i in range(9)}
    fan["f9.cfg"] = b"# empty\n"
    c.add_files("include-fan-out", fan, "f0.cfg",
                "9 levels of 10 includes each: a billion reads if followed")
    d = c.add_files("include-folder", {"p.cfg": inc(".")}, "p.cfg",
                    "@include of a folder (libconfig's scanner exit()ed on it)")
    d = c.add_files("include-subfolder", {"p.cfg": inc("sub")}, "p.cfg", "@include of a folder")
    os.makedirs(os.path.join(d, "sub"))
    d = c.add_files("include-fifo", {"p.cfg": inc("pipe")}, "p.cfg",
                    "@include of a named pipe (would block)")
    os.mkfifo(os.path.join(d, "pipe"))
    up = "../" * (out.count("/") + 6)
    c.add_files("include-dev-zero", {"p.cfg": inc(up + "dev/zero")}, "p.cfg",
                "@include of /dev/zero (endless)")
    c.add_files("include-dev-null", {"p.cfg": inc(up + "dev/null") + b"format = ;\n"}, "p.cfg",
                "@include of /dev/null, then an error")
    # a /proc file says it is empty, then reads as more (or as an error):
    # the pre-scan read nothing, libconfig's scanner exit()ed on EIO
    c.add_files("include-proc-self-mem", {"p.cfg": inc(up + "proc/self/mem")}, "p.cfg",
                "@include of /proc/self/mem (size 0, reading it fails)")
    c.add_files("include-broken", {"p.cfg": inc("part.cfg") + mb_bytes, "part.cfg": b"x = ;\n"},
                "p.cfg", "@include of a file with a syntax error")
    c.add_files("include-binary", {"p.cfg": inc("bin.cfg"),
                                   "bin.cfg": b"\x7fELF\0\0\0\x01\x02garbage\0"}, "p.cfg",
                "@include of a binary file")
    # issue 15: a NUL byte in an included file hid the @include after it
    # from the pre-scan (libconfig reads on): a folder exit()ed, a FIFO hung
    c.add_files("include-nul-hides-folder", {"p.cfg": inc("inc.cfg") + mb_bytes,
                                             "inc.cfg": b"# c \0 h\n" + inc(".")}, "p.cfg",
                "@include of a file whose NUL byte hides an @include of a folder")
    d = c.add_files("include-nul-hides-fifo", {"p.cfg": inc("inc.cfg") + mb_bytes,
                                               "inc.cfg": b"# c \0 h\n" + inc("pipe")}, "p.cfg",
                    "@include of a file whose NUL byte hides an @include of a named pipe")
    os.mkfifo(os.path.join(d, "pipe"))
    c.add_files("include-duplicate", {"p.cfg": inc("part.cfg") + mb_bytes,
                                      "part.cfg": b"format = 1;\n"}, "p.cfg",
                "@include that repeats a key of the file")
    d = c.add_files("include-lone-backslash", {"p.cfg": inc("\\sub")}, "p.cfg",
                    "@include \"\\sub\" of a folder: libconfig drops the '\\' (and prints it)")
    os.makedirs(os.path.join(d, "sub"))
    c.add_files("include-lone-backslash-file", {"p.cfg": inc("\\part.cfg"),
                                                "part.cfg": mb_bytes}, "p.cfg",
                "@include \"\\part.cfg\": libconfig would print '\\' on stdout")
    c.add_files("include-unterminated", {"p.cfg": b'@include "never closed\n' + mb_bytes}, "p.cfg",
                "@include with no closing quote")
    d = c.add_files("include-unreadable", {"p.cfg": inc("secret.cfg"), "secret.cfg": b"format = 1;\n"},
                    "p.cfg", "@include of a file with mode 000", privdrop=True)
    os.chmod(os.path.join(d, "secret.cfg"), 0)

    with open(os.path.join(out, "manifest.json"), "w") as fh:
        json.dump(c.cases, fh, indent=1)
    return c.cases


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: gen.py OUTDIR [SRCROOT]")
    root = sys.argv[2] if len(sys.argv) == 3 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..")
    cases = gen(os.path.abspath(sys.argv[1]), root)
    print("%d cases in %s" % (len(cases), sys.argv[1]))


if __name__ == "__main__":
    main()
