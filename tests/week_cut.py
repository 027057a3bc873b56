#!/usr/bin/env python3
"""`gradus plan --week N` and `--week N-M` cut the weeks from the whole
plan, never plan them anew: for every example that gets a plan, each week
page of the cut (text: a form-feed page starting "NAME - week N of T";
HTML: the <section>s of the week, normal and large print) is byte for byte
the same page of the whole plan, the cut has exactly the weeks asked for,
the pages before the weeks are there (the cover and the helper page, which
name the exercises of the weeks printed), and weeks outside the plan, or a
format that is not for paper, are usage errors (exit 2) naming the plan's
weeks.

Run from the source root with $GRADUS set to the built command."""
import glob
import os
import re
import subprocess
import sys

G = os.environ["GRADUS"]
fail = 0


def run(*args):
    return subprocess.run([G, "plan", *args], capture_output=True, text=True)


def text_weeks(out):
    """{week number: page} of a text plan, and the pages before week 1."""
    weeks, other = {}, []
    for page in out.split("\f"):
        m = re.match(r"\n?[^\n]* - week (\d+) of \d+ - ", page)
        if m:
            weeks[int(m.group(1))] = page
        else:
            other.append(page)
    return weeks, other


def html_weeks(out):
    """{week number: its sections} of an HTML plan, and how many sections
    are not a week's."""
    weeks, other = {}, 0
    for sec in re.findall(r"<section\b.*?</section>", out, re.S):
        m = re.match(r'<section class="[^"]*" id="(?:week|record)-(\d+)', sec)
        if m:
            weeks.setdefault(int(m.group(1)), []).append(sec)
        else:
            other += 1
    return weeks, other


def check(cond, what):
    global fail
    if not cond:
        print("FAIL:", what)
        fail = 1


for prof in sorted(glob.glob("profiles/examples/*.cfg")):
    whole = run(prof)
    if whole.returncode != 0:
        continue  # gated: no plan to cut
    weeks, other = text_weeks(whole.stdout)
    last = max(weeks)
    check(sorted(weeks) == list(range(1, last + 1)), f"{prof}: week pages 1..{last}")
    cuts = [(1, 1), (last, last), (min(5, last), min(5, last)), (2, min(3, last))]
    for a, b in cuts:
        if a > b:
            continue
        arg = str(a) if a == b else f"{a}-{b}"
        r = run(prof, "--week", arg)
        check(r.returncode == 0, f"{prof} --week {arg}: exit {r.returncode} {r.stderr}")
        cw, co = text_weeks(r.stdout)
        check(sorted(cw) == list(range(a, b + 1)), f"{prof} --week {arg}: text weeks {sorted(cw)}")
        for n in cw:
            check(cw[n] == weeks[n], f"{prof} --week {arg}: text week {n} differs from the whole plan's")
        check(len(co) >= 1 and co[0].startswith(other[0][:40]), f"{prof} --week {arg}: no cover page")
        for large in ([], ["--large-print"]):
            h = run(prof, "-f", "html", *large)
            hw, ho = html_weeks(h.stdout)
            r = run(prof, "-f", "html", "--week", arg, *large)
            cw, co = html_weeks(r.stdout)
            check(r.returncode == 0 and sorted(cw) == list(range(a, b + 1)),
                  f"{prof} --week {arg} html {large}: weeks {sorted(cw)}")
            # the cover and helper pages speak of the exercises of the
            # weeks printed, so they may be shorter than the whole plan's
            check(co >= 1 and 1 <= ho and '<section class="page cover' in r.stdout,
                  f"{prof} --week {arg} html {large}: no cover page")
            for n in cw:
                check(cw[n] == hw[n], f"{prof} --week {arg} html {large}: week {n} differs from the whole plan's")
    for bad in (str(last + 1), f"{last}-{last + 1}", "0", "3-2", "x"):
        r = run(prof, "--week", bad)
        check(r.returncode == 2 and r.stdout == "", f"{prof} --week {bad}: exit {r.returncode}, wanted 2")
    r = run(prof, "--week", str(last + 1))
    check(f"the plan has weeks 1 to {last}" in r.stderr, f"{prof}: the error names the plan's weeks: {r.stderr}")
    for f in ("json", "fhir", "ics"):
        r = run(prof, "-f", f, "--week", "1")
        check(r.returncode == 2 and "printed formats" in r.stderr, f"{prof} -f {f} --week 1: {r.returncode} {r.stderr}")

sys.exit(fail)
