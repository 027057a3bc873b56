#!/usr/bin/env python3
"""What the JSON Schemas in docs/schema/ cannot say, checked on documents
that already passed them (tests/validate/schema/examples.sh).

gradus-plan/1:
  - reps.min <= reps.max, effort.min <= effort.max <= effort_cap
  - week numbers are first_week..first_week+n-1 with n = weeks_planned; week k starts 7(k-1)
    days after the plan start and ends 6 days after its own start
  - sessions lie inside their week, in date order, on the day their
    date falls on, on one of the plan's days, at most sessions_per_week
  - a session is at least as long as its warm-up, balance and cool-down
  - change is "start" in week 1, "deload" in a lighter week, and
    neither elsewhere
  - no screening rule is listed twice
gradus-screening/1:
  - no screening rule is listed twice
Usage: checks.py FILE.json...   (exit 1 and a message per problem)
"""
import datetime
import json
import sys

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def day(s):
    return datetime.date.fromisoformat(s)


def check_rules(findings, where, err):
    seen = set()
    for f in findings:
        if f["rule"] in seen:
            err(f"{where}: rule {f['rule']} listed twice")
        seen.add(f["rule"])


def check_plan(d, err):
    check_rules(d["screening"]["findings"], "screening.findings", err)
    start = day(d["start"])
    cap = d["effort_cap"]
    if len(d["weeks"]) != d["weeks_planned"]:
        err(f"{len(d['weeks'])} weeks, weeks_planned is {d['weeks_planned']}")
    for k, w in enumerate(d["weeks"], 1):
        wh = f"weeks[{k - 1}]"
        ws, we = day(w["start"]), day(w["end"])
        if w["number"] != d["first_week"] + k - 1:
            err(f"{wh}: number {w['number']}, expected {d['first_week'] + k - 1}")
        if ws != start + datetime.timedelta(days=7 * (k - 1)):
            err(f"{wh}: starts {ws}, plan starts {start}")
        if we != ws + datetime.timedelta(days=6):
            err(f"{wh}: ends {we}, starts {ws}")
        if len(w["sessions"]) > d["sessions_per_week"]:
            err(f"{wh}: {len(w['sessions'])} sessions, sessions_per_week is "
                f"{d['sessions_per_week']}")
        last = None
        for j, s in enumerate(w["sessions"]):
            sh = f"{wh}.sessions[{j}]"
            sd = day(s["date"])
            if not ws <= sd <= we:
                err(f"{sh}: {sd} outside the week {ws} to {we}")
            if last is not None and sd <= last:
                err(f"{sh}: {sd} not after the session before ({last})")
            last = sd
            if WEEKDAYS[sd.weekday()] != s["day"]:
                err(f"{sh}: {sd} is a {WEEKDAYS[sd.weekday()]}, day says {s['day']}")
            if s["day"] not in d["days"]:
                err(f"{sh}: {s['day']} is not one of the days {d['days']}")
            parts = s["warmup_minutes"] + s["balance_minutes"] + s["cooldown_minutes"]
            if s["minutes"] < parts:
                err(f"{sh}: {s['minutes']} minutes, less than its parts ({parts})")
            for i, it in enumerate(s["items"]):
                ih = f"{sh}.items[{i}] ({it['exercise']})"
                if it["reps"]["min"] > it["reps"]["max"]:
                    err(f"{ih}: reps {it['reps']}")
                if not it["effort"]["min"] <= it["effort"]["max"] <= cap:
                    err(f"{ih}: effort {it['effort']}, cap {cap}")
                want = ("start" if k == 1 else "deload" if w["deload"] else None)
                if want and it["change"] != want:
                    err(f"{ih}: change {it['change']}, expected {want}")
                if not want and it["change"] in ("start", "deload"):
                    err(f"{ih}: change {it['change']} in week {k}")


def main(files):
    bad = 0
    for name in files:
        with open(name, encoding="utf-8") as fh:
            d = json.load(fh)

        def err(msg, name=name):
            nonlocal bad
            bad += 1
            print(f"{name}: {msg}")

        if d.get("format") == "gradus-plan/1":
            check_plan(d, err)
        elif d.get("format") == "gradus-screening/1":
            check_rules(d["findings"], "findings", err)
        else:
            err(f"unknown format {d.get('format')!r}")
    print(f"{len(files)} files checked, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
