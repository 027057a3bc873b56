#!/usr/bin/env python3
"""Build the seed corpus of one fuzz target from the shipped files.

Usage: make_seeds.py TARGET OUTDIR [SRCROOT]

TARGET is profile, plan, catalogue, template or log. OUTDIR is emptied and
filled with the shipped files of that kind (each named after its source,
e.g. examples__margaret-sarcopenia.cfg), the diagnostics cases of that
kind (tests/diag/KIND-*.cfg, tests/diag/syntax-*.cfg) and the shipped
files of the other kinds (a loader must refuse them cleanly). Files larger
than the harnesses' 64 KiB limit are skipped.

So that `@include` is fuzzed too, each shipped file of the target's kind
is also given split in two (split__NAME): its first half, then
`@include "inc.cfg"` and the split line of fuzz/fuzz.h (FUZZ_SPLIT), then
its second half, which the harness writes to inc.cfg next to the main
file; and there is one seed including each file the harness puts in its
temporary folder (include__NAME).
"""
import glob
import os
import re
import shutil
import sys

MAX_INPUT = 64 * 1024

OWN = {
    "profile": ["profiles/examples/*.cfg", "tests/diag/profile-*.cfg",
                "tests/data/*.cfg", "tests/data/screen/*.cfg"],
    "plan": ["profiles/examples/*.cfg", "tests/diag/profile-*.cfg",
             "tests/data/screen/*.cfg"],
    "catalogue": ["exercises/*.cfg", "tests/diag/catalogue-*.cfg"],
    "template": ["profiles/templates/*.cfg", "tests/diag/template-*.cfg"],
    "log": ["profiles/examples/logs/*.cfg", "tests/diag/log-*.cfg"],
}
# the split__ seeds (made of OWN[target][0]) join their halves with it
SPLIT = b"#==> inc.cfg <==\n"      # FUZZ_SPLIT in fuzz/fuzz.h
# the files fuzz/common.c puts in the harness's temporary folder
FIXTURES = ["nul.cfg", "empty.cfg", "self.cfg", "dir", "loop.cfg", "inc.cfg",
            "dev", "proc"]
COMMON = ["tests/diag/syntax-*.cfg"]
OTHERS = ["profiles/examples/margaret-sarcopenia.cfg",
          "profiles/templates/sarcopenia-home.cfg",
          "exercises/warmup.cfg"]


def split(data):
    """The file as one input of two files: the lines before a line that
    starts a setting or a record (the one nearest the middle), an
    @include of inc.cfg, the split line, the rest (inc.cfg). libconfig
    reads an included file in place of the @include line, so the two
    load as the one file did."""
    lines = data.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines)
              if i > 0 and re.match(rb"[ \t]*[{A-Za-z_]", line)]
    if not starts:
        return None
    cut = min(starts, key=lambda i: abs(i - len(lines) // 2))
    return (b"".join(lines[:cut]) + b'@include "inc.cfg"\n' + SPLIT +
            b"".join(lines[cut:]))


def write(out, name, data):
    with open(os.path.join(out, name), "wb") as fh:
        fh.write(data)


def main():
    if len(sys.argv) not in (3, 4) or sys.argv[1] not in OWN:
        sys.exit("usage: make_seeds.py profile|plan|catalogue|template|log OUTDIR [SRCROOT]")
    target, out = sys.argv[1], sys.argv[2]
    root = sys.argv[3] if len(sys.argv) == 4 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..")
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(out)
    n = 0
    seen = set()
    for pattern in OWN[target] + COMMON + OTHERS:
        for path in sorted(glob.glob(os.path.join(root, pattern))):
            rel = os.path.relpath(path, root)
            if rel in seen or os.path.getsize(path) > MAX_INPUT:
                continue
            seen.add(rel)
            name = rel.replace(os.sep, "__")
            shutil.copyfile(path, os.path.join(out, name))
            n += 1
            if pattern == OWN[target][0]:
                with open(path, "rb") as fh:
                    data = split(fh.read())
                if data and len(data) <= MAX_INPUT:
                    write(out, "split__" + name, data)
                    n += 1
    for name in FIXTURES:
        write(out, "include__" + name, b'@include "%s"\n' % name.encode())
        n += 1
    print("%d seeds for fuzz_%s in %s" % (n, target, out))


if __name__ == "__main__":
    main()
