#!/usr/bin/env python3
"""The repository stands on its own (issue 16): no file points at a
document that is not in it (the design notes and clinical table the
project was written from live outside the repository), and the annotated
profile in docs/formats.md is a valid profile, so the documentation of
every key stays true.

Run from the source root with $GRADUS set to the built command."""
import os
import re
import subprocess
import sys
import tempfile

# The design notes and the clinical table the project was written from,
# by file name or by a section sign and a number, and the folder they sat
# in. The names are put together from parts so that this file, too, is
# checked and passes: it names no outside document itself.
_DOCS = ["DES" + "IGN", "CLIN" + "ICAL"]
FORBIDDEN = re.compile("|".join([r"\b%s(\.md)?\b" % d for d in _DOCS] +
                                [r"\.\./" + "sha" + r"red\b", r"\b" + "sha" + "red/", "\u00a7" + r"\s*\d"]))
SKIP_DIRS = {".git", "node_modules"}
fail = 0

for root, dirs, files in os.walk("."):
    dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.startswith("build")]
    for name in files:
        path = os.path.join(root, name)
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (UnicodeDecodeError, OSError):
            continue
        for n, line in enumerate(text.splitlines(), 1):
            if FORBIDDEN.search(line):
                print(f"{path[2:]}:{n}: names a document that is not in the repository: {line.strip()[:100]}")
                fail = 1

doc = open("docs/formats.md", encoding="utf-8").read()
m = re.search(r"```\n(format = 1;\n\nperson:.*?)```", doc, re.S)
if not m:
    print("docs/formats.md: the annotated profile example is missing")
    fail = 1
else:
    with tempfile.NamedTemporaryFile("w", suffix=".cfg", delete=False) as f:
        f.write(m.group(1))
        tmp = f.name
    r = subprocess.run([os.environ["GRADUS"], "check", tmp], capture_output=True, text=True)
    os.unlink(tmp)
    if r.returncode != 0:
        print("docs/formats.md: the annotated profile does not pass 'gradus check':")
        print(r.stderr)
        fail = 1
sys.exit(fail)
