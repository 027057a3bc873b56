#!/usr/bin/env python3
"""Every source key resolves in docs/sources.md (issue 16).

A source key printed by any output (`gradus rules -f json`, the "source"
fields of every example's plan, screening and review in JSON), written as a
source string in the screening, plan or review code, or cited in brackets
([VIVI], [ACSM2009, NSCA2019]) in a code comment, a template or exercise
file, or a document, must be a key of the table in docs/sources.md; D and M
(our own choice; commonly taught) must be explained there. A source string
is "KEY, KEY" optionally followed by "; note: KEY" (the note says which
part is our choice); anything else, such as a bare description, fails.

Run from the source root with $GRADUS set to the built command."""
import glob
import json
import os
import re
import subprocess
import sys

G = os.environ["GRADUS"]
START = "2026-12-01"
KEY = re.compile(r"^[A-Z][A-Z0-9]*$")
fail = []

# ---- the defined keys ----
doc = open("docs/sources.md", encoding="utf-8").read()
defined = set(re.findall(r"^\| ([A-Z][A-Z0-9]*) \|", doc, re.M))
for mark in ("D", "M"):
    if f"**{mark}**" in doc:
        defined.add(mark)
    else:
        fail.append(f"docs/sources.md: the mark {mark} is not explained (**{mark}**)")


n_sources = [0]


def check_source(s, where):
    """A source string: 'KEY, KEY' then optionally '; note: KEY'."""
    n_sources[0] += 1
    main, semi, note = s.partition(";")
    parts = [p.strip() for p in main.split(",")]
    if semi:
        last = note.rsplit(":", 1)
        if len(last) != 2:
            fail.append(f"{where}: source '{s}': the note after ';' must end in ': KEY'")
        else:
            parts.append(last[1].strip())
    for p in parts:
        if not KEY.match(p):
            fail.append(f"{where}: source '{s}': '{p}' is not a source key")
        elif p not in defined:
            fail.append(f"{where}: source key '{p}' (in '{s}') is not in docs/sources.md")


def sources_in(obj, where):
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "source" and isinstance(v, str):
                check_source(v, where)
            else:
                sources_in(v, where)
    elif isinstance(obj, list):
        for v in obj:
            sources_in(v, where)


def run_json(args, where):
    r = subprocess.run([G] + args, capture_output=True, text=True)
    if not r.stdout.strip():
        return
    for doc_ in r.stdout.splitlines() if args[0] == "batch" else [r.stdout]:
        try:
            sources_in(json.loads(doc_), where)
        except json.JSONDecodeError as e:
            fail.append(f"{where}: not JSON ({e})")


# ---- 1. what the outputs print ----
run_json(["rules", "-f", "json"], "gradus rules -f json")
profiles = sorted(glob.glob("profiles/examples/*.cfg") +
                  glob.glob("tests/data/**/*.cfg", recursive=True))
for p in profiles:
    run_json(["plan", p, "-f", "json", "--start", START, "--explain"], f"gradus plan {p}")
    run_json(["screen", p, "-f", "json", "--start", START], f"gradus screen {p}")
run_json(["batch", "-f", "json", "--start", START] +
         sorted(glob.glob("profiles/examples/*.cfg")), "gradus batch")
for log in sorted(glob.glob("profiles/examples/logs/*.cfg")):
    run_json(["review", "profiles/examples/margaret-sarcopenia.cfg", log, "-f", "json"],
             f"gradus review {log}")

# ---- 2. source strings in the code that decides (screen, plan, review) ----
NOT_SOURCES = {"TUG"}  # a test's name printed by the review, not a source
literal = re.compile(r'"([A-Z][A-Z0-9]*(?:, [A-Z][A-Z0-9]*)*(?:; [^"\\]*)?)"')
for f in sorted(glob.glob("src/lib/screen/*.c") + glob.glob("src/lib/plan/*.c") +
                glob.glob("src/lib/review/*.c")):
    text = open(f, encoding="utf-8").read()
    for m in literal.finditer(text):
        if m.group(1) in NOT_SOURCES:
            continue
        line = text.count("\n", 0, m.start()) + 1
        check_source(m.group(1), f"{f}:{line}")

# ---- 3. [KEY] citations in comments, templates, exercises and documents ----
bracket = re.compile(r"\[([^\[\]]{1,300})\](?!\()")
PLACEHOLDERS = {"RULE", "SOURCE"}  # "[RULE, tier, source]" describes a format
first_key = re.compile(r"^\s*([A-Z][A-Z0-9]+)\s*(?:[,;\]]|$)")
token = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]*)(?![\w-])")


def comments(path, text):
    """(offset, text) of the comments; documents are read whole."""
    if path.endswith((".c", ".h")):
        for m in re.finditer(r"/\*.*?\*/|//[^\n]*", text, re.S):
            yield m.start(), m.group(0)
    elif path.endswith(".cfg"):
        for m in re.finditer(r"#[^\n]*", text):
            yield m.start(), m.group(0)
    else:
        yield 0, text


def cite(path, text):
    for off, chunk in comments(path, text):
        for m in bracket.finditer(chunk):
            inner = re.sub(r"\n\s*(\*|#|//)?", " ", m.group(1))
            k = first_key.match(inner)
            if not k or k.group(1) in PLACEHOLDERS:
                continue
            n_cites[0] += 1
            line = text.count("\n", 0, off + m.start()) + 1
            for t in token.findall(inner):
                if len(t) >= 2 or t in ("D", "M"):
                    if t not in defined:
                        fail.append(f"{path}:{line}: [{inner.strip()}]: source key '{t}' is not in docs/sources.md")


n_cites = [0]
files = (glob.glob("src/**/*.[ch]", recursive=True) + glob.glob("include/**/*.h", recursive=True) +
         glob.glob("profiles/**/*.cfg", recursive=True) + glob.glob("exercises/*.cfg") +
         glob.glob("docs/*.md") + ["README.md", "docs/gradus.1"])
for f in sorted(set(files)):
    cite(f, open(f, encoding="utf-8").read())

for line in sorted(set(fail)):
    print(line)
print(f"{len(defined)} keys defined, {n_sources[0]} source strings and "
      f"{n_cites[0]} citations checked; {len(set(fail))} problems")
sys.exit(1 if fail else 0)
