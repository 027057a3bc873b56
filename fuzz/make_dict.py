#!/usr/bin/env python3
"""Write fuzz/gradus.dict (a libFuzzer / AFL++ dictionary): every key of
the shipped files, every vocabulary word of the loaders, libconfig
syntax, and the names of the files a harness can @include (fuzz/fuzz.h). Usage: make_dict.py [SRCROOT] > fuzz/gradus.dict"""
import glob
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..")

keys, words = set(), set()
for path in glob.glob(os.path.join(root, "exercises", "*.cfg")) + \
        glob.glob(os.path.join(root, "profiles", "*", "*.cfg")) + \
        glob.glob(os.path.join(root, "profiles", "examples", "logs", "*.cfg")):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            m = re.match(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*[=:]", line)
            if m:
                keys.add(m.group(1))
            for k in re.findall(r"[{;]\s*([a-z_][a-z0-9_]*)\s*=", line):
                keys.add(k)
# word tables of the loaders: short lower-case string literals
for name in ("load/vocab.c", "load/profile.c", "load/template.c",
             "load/catalogue.c", "screen/rules.c", "load/log.c"):
    with open(os.path.join(root, "src", "lib", name), encoding="utf-8") as fh:
        text = fh.read()
    for w in re.findall(r'"([a-z][a-z0-9_]{1,40})"', text):
        words.add(w)
words |= {"A", "B", "C", "D"}
words -= keys

syntax = ["=", ":", ";", ",", "{", "}", "(", ")", "[", "]", "\\\"", "#",
          "//", "/*", "*/", "@include \\\"", "true", "false", "TRUE",
          "False", "0x", "0X7fffffff", "L", "2147483647", "2147483648",
          "4294967296", "9223372036854775807L", "9223372036854775808L",
          "-2147483648", "1e400", "-1e400", "1e-400", "1.5", ".5", "5.",
          "1e2", "2026-12-01", "2026-02-29", "2024-02-29", "1900-01-01",
          "2199-12-31", "\\x00", "\\xff", "\\xc0\\x80", "\\x0a", "\\x09",
          "\\\\", "<script>", "&amp;", "\\x0d\\x0a"]

# the files a harness puts in its temporary folder for `@include` to find
# (fuzz/fuzz.h), special files its links "dev" and "proc" reach, and the line that splits an input into the main file and
# inc.cfg (FUZZ_SPLIT)
files = ["inc.cfg", "nul.cfg", "empty.cfg", "self.cfg", "dir", "loop.cfg",
         "/dev/zero", "/dev/null", "/proc/self/mem", "/proc/self/cmdline"]
includes = ['@include \\"%s\\"\\x0a' % f for f in files] + \
    ['\\"%s\\"' % f for f in files] + \
    ["\\x0a#==> inc.cfg <==\\x0a"]

out = sys.stdout
out.write("# gradus fuzz dictionary (libFuzzer -dict= / AFL++ -x), written by\n"
          "# fuzz/make_dict.py from the shipped files and src/lib word tables.\n")
out.write("\n# keys\n")
for k in sorted(keys):
    out.write('key_%s="%s"\n' % (k, k))
    out.write('set_%s="%s = "\n' % (k, k))
out.write("\n# vocabulary words\n")
for w in sorted(words):
    out.write('word_%s="\\"%s\\""\n' % (w, w))
out.write("\n# libconfig syntax, numbers, dates, bytes\n")
for i, s in enumerate(syntax):
    out.write('syntax_%d="%s"\n' % (i, s))
out.write("\n# @include: the files of the harness's temporary folder, the split line\n")
for i, s in enumerate(includes):
    out.write('include_%d="%s"\n' % (i, s))
