#!/usr/bin/env python3
"""Issue 15, item 12: a validation whose tool is missing skips (exit 77)
when run by hand and fails (exit 1, naming the tool) when CI=true, and
scripts/summary.py counts a skipped validation as failed when CI=true.
The tools are hidden with an empty PATH folder; run from the source root."""
import json
import os
import subprocess
import sys
import tempfile

fails = 0


def expect(what, argv, env, code, words):
    global fails
    p = subprocess.run(argv, env=env, capture_output=True, text=True)
    out = p.stdout + p.stderr
    if p.returncode != code or words not in out:
        print("FAIL %s: exit %d (want %d), output %r (want %r)" % (
            what, p.returncode, code, out[-300:], words))
        fails += 1
    else:
        print("ok   %s: exit %d" % (what, code))


with tempfile.TemporaryDirectory() as tmp:
    bare = os.path.join(tmp, "bin")  # sh only: no node, npm, chromium
    os.mkdir(bare)
    os.symlink("/bin/sh", os.path.join(bare, "sh"))
    base = {k: v for k, v in os.environ.items() if k not in ("CI", "CHROMIUM")}
    base["PATH"] = bare
    ci = dict(base, CI="true")
    py = sys.executable
    for env, code, name in ((base, 77, "by hand"), (ci, 1, "CI=true")):
        expect("fhir-validate.sh without node, " + name,
               ["/bin/sh", "tests/validate/fhir-validate.sh", os.path.join(tmp, "f")],
               env, code, "node/npm not installed")
        expect("axe.sh without Chromium, " + name,
               ["/bin/sh", "tests/browser/axe/axe.sh"], env, code,
               "Chromium is not installed")
        expect("print.py without Chromium, " + name,
               [py, "tests/browser/print.py"], env, code,
               "chromium is not installed")

    log = os.path.join(tmp, "testlog.json")
    with open(log, "w") as fh:
        for name, result in (("gradus:unit / date", "OK"),
                             ("gradus:validate / ics-validate", "SKIP"),
                             ("gradus:golden / batch-memory", "SKIP")):
            fh.write(json.dumps({"name": name, "result": result}) + "\n")
    env = dict(os.environ)
    env.pop("CI", None)
    expect("summary.py, a skipped validation by hand",
           [py, "scripts/summary.py", log], env, 0, "1 passed, 0 failed, 2 skipped")
    expect("summary.py, a skipped validation in CI",
           [py, "scripts/summary.py", log], dict(env, CI="true"), 1,
           "1 passed, 1 failed, 1 skipped")
sys.exit(1 if fails else 0)
