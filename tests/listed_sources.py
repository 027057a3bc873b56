#!/usr/bin/env python3
"""Every source file is listed by name in a meson.build, so that none is
silently left out of the build or the tests:
  - exercises/*.cfg and profiles/templates/*.cfg in src/lib/meson.build
    (they are compiled into the library);
  - every .c under src/lib/ in src/lib/meson.build, and every
    src/gen/*.c there too (the generator of the built-in tables);
  - every src/cli/*.c in src/cli/meson.build;
  - every tests/unit/test_NAME.c in tests/meson.build (unit_tests, or a
    test of its own);
  - every tests/golden/NAME/ with a cmd in tests/meson.build.
A file missing from its list is named with the list to add it to.

Run from the source root: python3 tests/listed_sources.py"""
import glob
import os
import re
import sys


def quoted(path):
    """The single-quoted strings of a meson.build, comments left out."""
    strings = set()
    for line in open(path, encoding="utf-8").read().splitlines():
        code, inside = "", False
        for ch in line:
            if ch == "#" and not inside:
                break
            inside ^= ch == "'"
            code += ch
        strings.update(re.findall(r"'([^']*)'", code))
    return strings


def check(kind, files, listed, build, how):
    bad = [f for f in sorted(files) if how(f) not in listed]
    for f in bad:
        print(f"{f}: error: {kind} not listed in {build}: add "
              f"'{how(f)}' there, or it is left out")
    return len(bad)


def main():
    fail = 0
    lib = quoted("src/lib/meson.build")
    fail += check("built-in catalogue file",
                  glob.glob("exercises/*.cfg"), lib, "src/lib/meson.build",
                  os.path.basename)
    fail += check("built-in template file",
                  glob.glob("profiles/templates/*.cfg"), lib,
                  "src/lib/meson.build", os.path.basename)
    fail += check("library source",
                  glob.glob("src/lib/**/*.c", recursive=True), lib,
                  "src/lib/meson.build",
                  lambda f: os.path.relpath(f, "src/lib").replace(os.sep, "/"))
    fail += check("build tool source", glob.glob("src/gen/*.c"), lib,
                  "src/lib/meson.build",
                  lambda f: "../gen/" + os.path.basename(f))
    fail += check("command source", glob.glob("src/cli/*.c"),
                  quoted("src/cli/meson.build"), "src/cli/meson.build",
                  os.path.basename)
    tests = quoted("tests/meson.build")
    fail += check("unit test", glob.glob("tests/unit/test_*.c"), tests,
                  "tests/meson.build (unit_tests)",
                  lambda f: re.sub(r"^test_|\.c$", "", os.path.basename(f)))
    golden = [os.path.dirname(c) for c in glob.glob("tests/golden/*/cmd")]
    fail += check("golden test", golden, tests,
                  "tests/meson.build (golden_cases)", os.path.basename)
    if fail:
        print(f"{fail} file(s) not listed")
    return 1 if fail else 0


if __name__ == "__main__":
    sys.exit(main())
