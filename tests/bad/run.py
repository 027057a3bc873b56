#!/usr/bin/env python3
"""Run the hostile-input corpus (tests/bad/gen.py) through gradus.

Usage: run.py WORKDIR        ($GRADUS: the gradus to test; $GRADUS_SRC:
                              the source tree, default ../.. of this file)

For every case, `gradus check PATH` and `gradus plan PATH -o OUT` (the
commands the case names) must:
  - exit with an allowed code (1 = cannot read, 3 = invalid; never 0 for
    a hostile case, never 2, never a signal, never a timeout);
  - print at least one line "FILE:LINE: error: ..." or "FILE: error: ..."
    on stderr naming the input (or a file it includes);
  - print nothing on stdout;
  - leave no OUT and no OUT.tmp.* (plan);
  - print no AddressSanitizer / LeakSanitizer / UBSan report (the suite
    also runs in build-asan; libconfig's own leaks are suppressed with
    fuzz/lsan.supp, libconfig frames only).
Control cases (exit 0 allowed) only prove the base files are valid.
Cases marked privdrop need file modes to apply: as root they run as
'nobody' through setpriv; without setpriv they are reported as not run.
Exit 0 when every case passes; the failures are listed otherwise.
"""
import concurrent.futures
import glob
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402

SANITIZER = re.compile(r"ERROR: (Address|Leak|Memory|Thread)Sanitizer|runtime error:|"
                       r"SUMMARY: UndefinedBehaviorSanitizer")
ERROR_LINE = re.compile(r"^(?P<file>.*?)(:(?P<line>\d+))?: error: \S", re.M)
TIMEOUT = 600  # a case under ASan on a busy 2-core machine: 22 s alone


def privdrop_prefix():
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if not setpriv:
        return None
    return [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


def input_size(path):
    """Bytes of the input (a folder: of what it holds); the cost of a run."""
    if os.path.isdir(path):
        return sum(input_size(os.path.join(path, f)) for f in os.listdir(path))
    try:
        return os.lstat(path).st_size
    except OSError:
        return 0


def workers():
    """One gradus at a time per core this process may use (not more: the
    runs are CPU-bound, and meson runs other tests beside this one)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(2, cores)


def names_ok(case, stderr):
    """An error line names the input or one of the files of the case."""
    allowed = set(case["files"]) | {case["path"]}
    if case["path"] == "":
        # no name to give: the line is "error: cannot read the file: ..."
        return re.search(r"^error: cannot read", stderr, re.M) is not None
    for m in ERROR_LINE.finditer(stderr):
        f = m.group("file")
        if f in allowed or os.path.basename(f) in allowed:
            return True
    return False


def run_one(gradus, env, case, cmd, outdir, prefix):
    problems = []
    out = os.path.join(outdir, "out.txt")
    argv = [gradus, cmd, case["path"]]
    if cmd == "plan":
        argv += ["-o", out]
    try:
        p = subprocess.run(prefix + argv, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        return ["%s: timed out after %d s" % (cmd, TIMEOUT)]
    stderr = p.stderr.decode("utf-8", "replace")
    allowed = case["cmds"][cmd]
    control = 0 in allowed
    if p.returncode < 0:
        problems.append("%s: killed by signal %d" % (cmd, -p.returncode))
    elif p.returncode not in allowed:
        problems.append("%s: exit %d, expected %s" % (cmd, p.returncode,
                                                      " or ".join(map(str, allowed))))
    if SANITIZER.search(stderr):
        problems.append("%s: sanitizer report" % cmd)
    if not control:
        if not names_ok(case, stderr):
            problems.append("%s: no 'FILE[:LINE]: error: ...' line naming the input" % cmd)
        if p.stdout:
            problems.append("%s: %d bytes on stdout" % (cmd, len(p.stdout)))
        if cmd == "plan":
            if os.path.exists(out):
                problems.append("plan: wrote %s" % out)
            left = glob.glob(out + ".tmp.*")
            if left:
                problems.append("plan: left %s" % ", ".join(left))
    if problems:
        problems.append("stderr: " + stderr[:600].replace("\n", "\n        "))
    return problems


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: run.py WORKDIR")
    work = os.path.abspath(sys.argv[1])
    gradus = os.environ.get("GRADUS")
    if not gradus:
        sys.exit("run.py: set GRADUS to the gradus command")
    root = os.environ.get("GRADUS_SRC") or os.path.join(HERE, "..", "..")
    cases = gen.gen(os.path.join(work, "corpus"), root)
    env = dict(os.environ)
    supp = os.path.join(root, "fuzz", "lsan.supp")
    env["LSAN_OPTIONS"] = "suppressions=%s:print_suppressions=0%s" % (
        supp, ":" + env["LSAN_OPTIONS"] if env.get("LSAN_OPTIONS") else "")
    env.setdefault("UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1")
    drop = privdrop_prefix()
    drop_why = "needs a user file modes apply to (root without setpriv)"
    if drop:
        # 'nobody' must reach the build and the cases: in a clone inside a
        # private folder (mktemp -d is 0700) it cannot read them, and then
        # these cases say nothing about gradus. Running the command is not
        # proof enough (a command that needs no library of the build may
        # start where no file of the build can be read): it must check a
        # control case of the corpus cleanly.
        corpus = os.path.join(work, "corpus") + os.sep
        control = next((c for c in cases if c["path"].startswith(corpus) and
                        c["cmds"].get("check") == [0]), None)
        probe = subprocess.run(drop + [gradus] + (["check", control["path"]] if control
                                                   else ["--version"]),
                               env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
        if probe.returncode != 0:
            drop = None
            drop_why = "'nobody' cannot read this build's cases (a private parent folder)"
    outs = os.path.join(work, "out")
    if os.path.isdir(outs):
        shutil.rmtree(outs)

    jobs = []
    not_run = []
    for i, case in enumerate(cases):
        prefix = []
        if case["privdrop"]:
            if drop is None:
                not_run.append(case["name"])
                continue
            prefix = drop
        for cmd in case["cmds"]:
            d = os.path.join(outs, "%03d-%s" % (i + 1, cmd))
            os.makedirs(d)
            os.chmod(d, 0o777)  # writable by 'nobody' too
            jobs.append((case, cmd, d, prefix))

    # Longest first: the 100k-item and 1 MB cases take a minute each
    # under ASan on a busy machine; started last, one of them would run
    # alone at the end while the other workers sit idle.
    jobs.sort(key=lambda j: input_size(j[0]["path"]), reverse=True)
    failed = {}
    with concurrent.futures.ThreadPoolExecutor(workers()) as ex:
        futs = {ex.submit(run_one, gradus, env, case, cmd, d, prefix): (case, cmd)
                for case, cmd, d, prefix in jobs}
        for f in concurrent.futures.as_completed(futs):
            case, cmd = futs[f]
            probs = f.result()
            if probs:
                failed.setdefault(case["name"], []).extend(probs)

    hostile = sum(1 for c in cases if 0 not in sum(c["cmds"].values(), []))
    for name in sorted(failed):
        case = next(c for c in cases if c["name"] == name)
        print("FAIL %s (%s): %s" % (name, case["note"], case["path"]))
        for p in failed[name]:
            print("    " + p)
    for name in not_run:
        print("NOT RUN %s: %s" % (name, drop_why))
    print("%d cases (%d hostile, %d controls), %d runs of gradus: %d failed%s" % (
        len(cases), hostile, len(cases) - hostile, len(jobs), len(failed),
        ", %d not run" % len(not_run) if not_run else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
