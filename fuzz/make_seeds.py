#!/usr/bin/env python3
"""Build the seed corpus of one fuzz target from the shipped files.

Usage: make_seeds.py TARGET OUTDIR [SRCROOT]

TARGET is profile, plan, catalogue, template or log. OUTDIR is emptied and
filled with the shipped files of that kind (each named after its source,
e.g. examples__margaret-sarcopenia.cfg), the diagnostics cases of that
kind (tests/diag/KIND-*.cfg, tests/diag/syntax-*.cfg) and the shipped
files of the other kinds (a loader must refuse them cleanly). Files larger
than the harnesses' 64 KiB limit are skipped.
"""
import glob
import os
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
COMMON = ["tests/diag/syntax-*.cfg"]
OTHERS = ["profiles/examples/margaret-sarcopenia.cfg",
          "profiles/templates/sarcopenia-home.cfg",
          "exercises/warmup.cfg"]


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
    print("%d seeds for fuzz_%s in %s" % (n, target, out))


if __name__ == "__main__":
    main()
