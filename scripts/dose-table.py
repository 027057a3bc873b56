#!/usr/bin/env python3
"""The table a therapist reads first: for each example profile that gets a
plan, every strength exercise's dose week by week (sets x reps, load,
support), and a closing line per plan saying how many exercises got harder.

Usage: scripts/dose-table.py [GRADUS] [PROFILE...]
  GRADUS   the gradus command (default build/src/cli/gradus)
  PROFILE  profiles to show (default profiles/examples/*.cfg)
Exit status 0; profiles that get no plan are listed with their exit code.
"""
import glob
import json
import re
import os
import subprocess
import sys

SUPPORT = {"two_hands": "2h", "one_hand": "1h", "fingertips": "ft", "none": "-"}


def load_word(load):
    k = load.get("kind")
    if k in ("ankle_weight", "dumbbell") and load.get("value") is not None:
        return "%gkg" % load["value"]
    if k == "band" and load.get("band"):
        return load["band"]
    if k == "machine" and load.get("machine_step") is not None:
        return "m%d" % load["machine_step"]
    return ""


def cell(it):
    if it is None:
        return "."
    s = "%dx%d-%d" % (it["sets"], it["reps"]["min"], it["reps"]["max"])
    sides = it.get("sides")
    if sides and sides.get("affected_sets") and sides["affected_sets"] != it["sets"]:
        s = "%d+%dx%d-%d" % (it["sets"], sides["affected_sets"] - it["sets"],
                             it["reps"]["min"], it["reps"]["max"])
    lw = load_word(it["load"])
    if lw:
        s += " " + lw
    if it.get("support"):
        s += " " + SUPPORT.get(it["support"], it["support"])
    if it.get("hold_s"):
        s += " h%ds" % it["hold_s"]
    return s


def harder(a, b):
    """True when b is harder in intensity than a (load, band, machine
    step, less support, or another (harder) exercise)."""
    if a["exercise"] != b["exercise"]:
        return True
    la, lb = a["load"], b["load"]
    if (lb.get("value") or 0) > (la.get("value") or 0):
        return True
    if (lb.get("machine_step") or 0) > (la.get("machine_step") or 0):
        return True
    bands = ["yellow", "red", "green", "blue", "black", "silver", "gold"]
    if la.get("band") and lb.get("band") and \
            bands.index(lb["band"]) > bands.index(la["band"]):
        return True
    order = ["two_hands", "one_hand", "fingertips", "none"]
    if a.get("support") and b.get("support") and \
            order.index(b["support"]) > order.index(a["support"]):
        return True
    return False


def minutes_of(path):
    """setup.minutes of a profile (the plan's JSON does not carry it)."""
    m = re.search(r"^\s*minutes\s*=\s*(\d+)\s*;", open(path).read(), re.M)
    return m.group(1) if m else "?"


def show(gradus, path):
    r = subprocess.run([gradus, "plan", path, "-f", "json"],
                       capture_output=True, text=True)
    name = os.path.basename(path)
    if r.returncode != 0:
        print("== %s: no plan (exit %d)\n" % (name, r.returncode))
        return
    plan = json.loads(r.stdout)
    weeks = plan["weeks"]
    rows = {}      # slot index -> list of items per week
    for wi, w in enumerate(weeks):
        if not w["sessions"]:
            continue
        for k, it in enumerate(w["sessions"][0]["items"]):
            rows.setdefault(k, [None] * len(weeks))[wi] = it
    longest = max((s["minutes"] for w in weeks for s in w["sessions"]), default=0)
    print("== %s: %s, %d sessions a week, longest session %d of %s minutes"
          % (name, plan["template"], plan["sessions_per_week"], longest,
             minutes_of(path)))
    print("   weeks: " + " ".join(
        "%d%s" % (w["number"], "L" if w["deload"] else "") for w in weeks))
    n_harder, change_weeks = 0, set()
    for k in sorted(rows):
        its = rows[k]
        first = next(i for i in its if i)
        up = []
        for wi in range(1, len(its)):
            if its[wi] and its[wi - 1] and harder(its[wi - 1], its[wi]):
                up.append(weeks[wi]["number"])
        if up:
            n_harder += 1
            change_weeks.add(tuple(up))
        print("  %-36s %s" % (first["exercise"][:36],
                              "harder in weeks " + ",".join(map(str, up)) if up else "never harder"))
        line = "    "
        for wi, it in enumerate(its):
            c = "w%d %s" % (weeks[wi]["number"], cell(it))
            if len(line) + len(c) + 3 > 80:
                print(line.rstrip())
                line = "    "
            line += c + " | "
        print(line.rstrip(" |"))
    print("   %d of %d strength exercises get harder; %s\n" % (
        n_harder, len(rows),
        "staggered" if len(change_weeks) > 1 else "NOT staggered" if n_harder > 1 else "-"))


def main():
    args = sys.argv[1:]
    gradus = "build/src/cli/gradus"
    if args and not args[0].endswith(".cfg"):
        gradus = args.pop(0)
    profiles = args or sorted(glob.glob("profiles/examples/*.cfg"))
    for p in profiles:
        show(gradus, p)


if __name__ == "__main__":
    main()
