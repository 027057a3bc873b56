#!/usr/bin/env python3
"""docs/formats.md documents every key and word the loaders accept (issue 16).

Read from the C sources of src/lib/load/, so that a key or word added to
a loader without its documentation fails here:
  - every string of a key or word table (`const char *const NAME[] =
    {...}`) appears in docs/formats.md, a key in the section of its file
    (catalogue.c and figure.c: the catalogue; template.c: templates;
    profile.c: profiles; log.c: the session log; vocab.c: anywhere), as
    `key` in backticks or assigned (`key =`) in an example block; a word
    in backticks, "quoted" or in a comment in an example block, or in a
    table row;
  - the range of every number read with literal bounds (cfg_int,
    cfg_float, their list forms, int_pair, the figure's angle table) is
    written "MIN..MAX" on a line of the document that names the key;
  - the most bytes of every text read with a literal limit is on a line
    that names the key;
  - every country code of load/country.c is in the emergency-number table
    with its number.
Run from the source root: python3 tests/formats_keys.py"""
import re
import sys

DOC = open("docs/formats.md", encoding="utf-8").read()
SECTION_OF = {"catalogue.c": "## Catalogue", "figure.c": "## Catalogue",
              "template.c": "## Templates", "profile.c": "## Profiles",
              "log.c": "## Session log"}
# Tables of sentences, not of words (the red-flag questions are checked as
# sentences of the profile's red-flag table).
SENTENCES = {"rf_questions"}
# Ranges written otherwise: deload_every is 0 or 2..8 (1 is refused
# apart); a country code is read as up to 8 bytes only to name it in the
# error, the codes themselves are the table's.
RANGE_WRITTEN = {("deload_every", "0", "8"): "0, or 2..8"}
BYTES_NOT_WRITTEN = {"country"}
fail = []


def section(title):
    if title is None:
        return DOC
    a = DOC.index(title)
    b = DOC.find("\n## ", a + 1)
    return DOC[a:] if b < 0 else DOC[a:b]


def code_blocks(text):
    return "\n".join(re.findall(r"```\n(.*?)```", text, re.S))


def code_comments(code):
    words = set()
    for c in re.findall(r"#([^\n]*)", code):
        words.update(re.findall(r"[\w-]+", c))
    return words


def backticked(text):
    words = set()
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    for span in re.findall(r"`([^`]+)`", text):
        words.update(re.split(r"[\s,]+", span))
    return words


def table_tokens(text):
    words = set()
    for line in text.splitlines():
        if line.startswith("|"):
            words.update(re.findall(r"[\w-]+", line))
    return words


def strip_comments(src):
    return re.sub(r"/\*.*?\*/|//[^\n]*", " ", src, flags=re.S)


def num(s):
    return float(s)


def lines_naming(key):
    pat = re.compile(r"(?<![\w.-])" + re.escape(key) + r"(?![\w-])")
    return [l for l in DOC.splitlines() if pat.search(l)]


RANGE = re.compile(r"(-?\d+(?:\.\d+)?)\s*(?:\.\.|–)\s*(-?\d+(?:\.\d+)?)")


def check_range(f, key, lo, hi):
    written = RANGE_WRITTEN.get((key, lo, hi))
    for l in lines_naming(key):
        if written and written in l or lo == hi and f"{key} = {lo}" in l:
            return
        for a, b in RANGE.findall(l):
            if num(a) == num(lo) and num(b) == num(hi):
                return
    fail.append(f"src/lib/load/{f}: '{key}' takes {lo}..{hi}, but no line of "
                f"docs/formats.md names `{key}` with the range {lo}..{hi}")


def check_bytes(f, key, n):
    if key in BYTES_NOT_WRITTEN:
        return
    for l in lines_naming(key):
        if re.search(r"(?<![\d.])" + n + r"(?![\d.])", l):
            return
    fail.append(f"src/lib/load/{f}: '{key}' holds at most {n} bytes, but no line "
                f"of docs/formats.md names `{key}` with {n}")


n_keys = n_words = n_ranges = 0
for f in ("vocab.c", "catalogue.c", "figure.c", "template.c", "profile.c", "log.c"):
    src = strip_comments(open(f"src/lib/load/{f}", encoding="utf-8").read())
    sec = section(SECTION_OF.get(f))
    code = code_blocks(sec)
    ticks = backticked(sec)
    table = table_tokens(sec)
    assigned = set(re.findall(r"(?<![\w\"])([a-z_0-9]+)\s*=", code))
    quoted = set(re.findall(r'"([\w-]+)"', code)) | code_comments(code)
    for m in re.finditer(r"const\s+char\s*\*\s*const\s+(\w+)\s*\[[^]]*\]\s*=\s*\{(.*?)\};",
                         src, re.S):
        name, strings = m.group(1), re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(2))
        if name in SENTENCES:
            for s in strings:
                if s not in sec:
                    fail.append(f"src/lib/load/{f}: {name}: '{s}' is not in docs/formats.md")
            continue
        is_keys = "keys" in name or name == "poses"
        for s in strings:
            if is_keys:
                n_keys += 1
                ok = s in ticks or s in assigned
            else:
                n_words += 1
                ok = s in ticks or s in quoted or s in table
            if not ok:
                fail.append(f"src/lib/load/{f}: {name}: the {'key' if is_keys else 'word'} "
                            f"'{s}' is not documented in docs/formats.md"
                            f" ({SECTION_OF.get(f, 'any section')})")
    # ranges: cfg_int/cfg_float(cf, g, where, "key", req, MIN, MAX, ...),
    # int_pair(cf, g, where, "key", MIN, MAX, ...)
    num_re = r"(-?\d+(?:\.\d+)?)"
    for m in re.finditer(r'cfg_(?:int|float)\(\s*cf,[^;]*?"(\w+)",\s*(?:true|false),\s*'
                         + num_re + r",\s*" + num_re + r"\s*,", src):
        n_ranges += 1
        check_range(f, m.group(1), m.group(2), m.group(3))
    for m in re.finditer(r'int_pair\(\s*cf,[^;]*?"(\w+)",\s*' + num_re + r",\s*" + num_re, src):
        n_ranges += 1
        check_range(f, m.group(1), m.group(2), m.group(3))
    for m in re.finditer(r'cfg_elem_(?:int|float)\(\s*cf,\s*\w+,\s*"[\w.]*?(\w+)",\s*\w+,\s*'
                         + num_re + r",\s*" + num_re, src):
        n_ranges += 1
        check_range(f, m.group(1), m.group(2), m.group(3))
    for m in re.finditer(r'\{"(\w+)",\s*' + num_re + r",\s*" + num_re + r",\s*-?\d+,\s*-?\d+,\s*offsetof", src):
        if not m.group(1).startswith("other_"):  # "the far ones": as the near
            n_ranges += 1
            check_range(f, m.group(1), m.group(2), m.group(3))
    # text limits: cfg_string(cf, g, where, "key", req, N, ...) and
    # cfg_string_list(cf, g, where, "key", req, MIN_N, MAX_N, N, ...)
    for m in re.finditer(r'cfg_string\(\s*cf,[^;]*?"(\w+)",\s*(?:true|false),\s*(\d+)\s*,', src):
        n_ranges += 1
        check_bytes(f, m.group(1), m.group(2))
    for m in re.finditer(r'cfg_string_list\(\s*cf,[^;]*?"(\w+)",\s*(?:true|false),\s*\d+,\s*\d+,\s*(\d+)\s*,', src):
        n_ranges += 1
        check_bytes(f, m.group(1), m.group(2))

# the emergency numbers
src = open("src/lib/load/country.c", encoding="utf-8").read()
rows = [l for l in section("### `setup.country`").splitlines() if l.startswith("|")]
for code, number in re.findall(r'\{"([A-Z]{2})",\s*"([0-9]+)"\}', src):
    if not any(re.search(r"\b" + code + r"\b", r) and
               re.search(r"\|\s*" + number + r"\b[^|]*\|\s*$", r) for r in rows):
        fail.append(f"src/lib/load/country.c: {code} ({number}) is not in the "
                    "emergency-number table of docs/formats.md")

for line in fail:
    print(line)
print(f"{n_keys} keys, {n_words} words, {n_ranges} ranges and limits checked; "
      f"{len(fail)} problems")
sys.exit(1 if fail else 0)
