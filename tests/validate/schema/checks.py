#!/usr/bin/env python3
"""What the JSON Schemas in docs/schema/ cannot say, checked on documents
that already passed them (tests/validate/schema/examples.sh).

gradus-plan/2:
  - every reason index (`why` of the plan and of each dose) is in
    `reasons`; every reason is used; no reason is listed twice
  - every exercise of a dose is in `exercises`, listed once, used, and its
    dose's load.kind is the exercise's load_kind
  - the doses of an item go week by week, each week one of the plan's;
    in a week, a dose with sessions null is the only one, others name
    sessions that exist, each session at most once
  - every session has at least one item, and its items are the first
    slots (a session with the third item also has the first two)
  - reps.min <= reps.max, effort.min <= effort.max <= effort_cap
  - week numbers are first_week..first_week+n-1 with n = weeks_planned; week k starts 7(k-1)
    days after the plan start and ends 6 days after its own start
  - sessions lie inside their week, in date order, on the day their
    date falls on, on one of the plan's days, at most sessions_per_week
  - a session is at least as long as its warm-up, balance and cool-down
  - change is "start" in week 1 (not checked in a review's plan, whose
    first week may step up), "deload" in a lighter week, and neither
    elsewhere
  - no screening rule is listed twice
gradus-screening/1:
  - no screening rule is listed twice
gradus-review/1:
  - the embedded plan and screening result pass the checks above; the
    plan's first week is `next.week`
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


def sessions_items(d, err):
    """The items of each session, as gradus-plan/1 had them: a list per
    week of a list per session of (slot, dose)."""
    weeks = {w["number"]: w for w in d["weeks"]}
    out = {n: [[] for _ in w["sessions"]] for n, w in weeks.items()}
    for t, slot in enumerate(d["items"]):
        last = None
        for j, dose in enumerate(slot):
            h = f"items[{t}][{j}] (week {dose['week']})"
            if dose["week"] not in weeks:
                err(f"{h}: no such week")
                continue
            if last is not None and dose["week"] < last:
                err(f"{h}: after week {last}")
            last = dose["week"]
            sess = out[dose["week"]]
            which = dose["sessions"]
            if which is None:
                which = range(len(sess))
            for s in which:
                if s >= len(sess):
                    err(f"{h}: session {s}, the week has {len(sess)}")
                elif any(u == t for u, _ in sess[s]):
                    err(f"{h}: session {s} has a dose of this item already")
                else:
                    sess[s].append((t, dose))
    return out


def check_reasons(d, err):
    n = len(d["reasons"])
    used = set()
    seen = set()
    for k, r in enumerate(d["reasons"]):
        key = (r["rule"], r["text"], r["source"])
        if key in seen:
            err(f"reasons[{k}]: listed twice ({r['rule']})")
        seen.add(key)
    refs = [("why", d["why"])] + [(f"items[{t}][{j}].why", dose["why"])
                                  for t, slot in enumerate(d["items"])
                                  for j, dose in enumerate(slot)]
    for h, ids in refs:
        for i in ids:
            if i >= n:
                err(f"{h}: reason {i}, the table has {n}")
            used.add(i)
    for k in range(n):
        if k not in used:
            err(f"reasons[{k}]: never used")


def check_exercises(d, err):
    table = {}
    for k, e in enumerate(d["exercises"]):
        if e["id"] in table:
            err(f"exercises[{k}]: {e['id']} listed twice")
        table[e["id"]] = e
    used = set()
    for t, slot in enumerate(d["items"]):
        for j, dose in enumerate(slot):
            e = table.get(dose["exercise"])
            used.add(dose["exercise"])
            if e is None:
                err(f"items[{t}][{j}]: exercise {dose['exercise']} not in exercises")
            elif e["load_kind"] != dose["load"]["kind"]:
                err(f"items[{t}][{j}]: load {dose['load']['kind']}, "
                    f"{e['id']} is loaded with {e['load_kind']}")
    for k, e in enumerate(d["exercises"]):
        if e["id"] not in used:
            err(f"exercises[{k}]: {e['id']} is in no dose")


def check_plan(d, err, resumed=False):
    check_rules(d["screening"]["findings"], "screening.findings", err)
    check_reasons(d, err)
    check_exercises(d, err)
    items = sessions_items(d, err)
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
            its = items.get(w["number"], [[]] * (j + 1))[j]
            if not its:
                err(f"{sh}: no item")
            if [t for t, _ in its] != list(range(len(its))):
                err(f"{sh}: items {[t for t, _ in its]}, not the first {len(its)} slots")
            for t, it in its:
                ih = f"{sh} item {t} ({it['exercise']})"
                if it["reps"]["min"] > it["reps"]["max"]:
                    err(f"{ih}: reps {it['reps']}")
                if not it["effort"]["min"] <= it["effort"]["max"] <= cap:
                    err(f"{ih}: effort {it['effort']}, cap {cap}")
                want = ("start" if k == 1 else "deload" if w["deload"] else None)
                if resumed and want == "start":
                    continue  # a reviewed plan's first week may step up
                if want and it["change"] != want:
                    err(f"{ih}: change {it['change']}, expected {want}")
                if not want and it["change"] in ("start", "deload"):
                    err(f"{ih}: change {it['change']} in week {k}")


def check_review(d, err):
    if d.get("screening") is not None:
        check_rules(d["screening"]["findings"], "screening.findings", err)
    if d["plan"] is not None:
        check_plan(d["plan"], lambda m: err("plan: " + m), resumed=True)
        if d["plan"]["first_week"] != d["next"]["week"]:
            err(f"plan.first_week {d['plan']['first_week']}, next.week {d['next']['week']}")


def main(files):
    bad = 0
    for name in files:
        with open(name, encoding="utf-8") as fh:
            d = json.load(fh)

        def err(msg, name=name):
            nonlocal bad
            bad += 1
            print(f"{name}: {msg}")

        if d.get("format") == "gradus-plan/2":
            check_plan(d, err)
        elif d.get("format") == "gradus-review/1":
            check_review(d, err)
        elif d.get("format") == "gradus-screening/1":
            check_rules(d["findings"], "findings", err)
        else:
            err(f"unknown format {d.get('format')!r}")
    print(f"{len(files)} files checked, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
