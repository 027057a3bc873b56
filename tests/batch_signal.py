#!/usr/bin/env python3
"""Issue 15, item 9: `gradus batch` stopped by SIGTERM, SIGINT or SIGHUP
in the middle of a run leaves only whole lines, each one JSON object, and
ends by the signal (so a shell or a scheduler sees that it was stopped).

The run is 2,000 copies of the example profiles. Each line is a few
hundred kB, more than a pipe holds (64 kB), so while this script does not
read, gradus waits in the middle of writing a line: the signal is sent
only after the first whole line has come and while the rest is held
back, which makes the kill land in the middle of the run, and in the
middle of a line, however busy the machine is. Then everything is read
to the end. Before the fix the default action ended gradus at once,
leaving the line cut short.

Also: while gradus waits for the next path on stdin (the list read from
a pipe), the signal ends it at once, without a partial line.

Run from the source root with $GRADUS set to the built command."""
import glob
import json
import select
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

G = os.environ["GRADUS"]
COPIES = 250  # of each of the 8 examples: 2,000 profiles
fail = 0


def bad(case, msg):
    global fail
    print("FAIL %s: %s" % (case, msg))
    fail = 1


def default_signals():
    """In the child: the stop signals at their default, even if whoever
    ran this test ignores them (gradus keeps an ignored signal ignored)."""
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, signal.SIG_DFL)


def read_until_newline(fd):
    """Reads from fd until the data holds a newline; returns it all."""
    data = b""
    while b"\n" not in data:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        data += chunk
    return data


def read_all(fd):
    data = b""
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            return data
        data += chunk


def check_lines(case, data, most):
    """Every line whole and a JSON object naming its file; returns how
    many there are."""
    if not data.endswith(b"\n"):
        tail = data[data.rfind(b"\n") + 1:]
        bad(case, "the output ends in the middle of a line (%d bytes after "
            "the last newline)" % len(tail))
        return -1
    lines = data.split(b"\n")[:-1]
    for i, line in enumerate(lines):
        try:
            o = json.loads(line)
        except ValueError as e:
            bad(case, "line %d is not JSON: %s" % (i + 1, e))
            return -1
        if not isinstance(o, dict) or "file" not in o or "status" not in o:
            bad(case, "line %d is not a batch line" % (i + 1))
    if not 1 <= len(lines) < most:
        bad(case, "%d lines: the signal did not stop the run midway" %
            len(lines))
    return len(lines)


def killed_by(case, proc, sig, err_path):
    try:
        code = proc.wait(timeout=300)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        bad(case, "gradus did not stop within 300 s of the signal")
        return
    if code != -sig:
        bad(case, "exit status %d, expected death by signal %d" % (code, sig))
    with open(err_path, encoding="utf-8", errors="replace") as f:
        err = f.read()
    return err


def midway(case, sig, paths, work, from_stdin):
    err_path = os.path.join(work, case + ".err")
    with open(err_path, "wb") as err:
        if from_stdin:
            lst = os.path.join(work, "list")
            with open(lst, "w") as f:
                f.write("".join(p + "\n" for p in paths))
            stdin = open(lst, "rb")
            args = [G, "batch"]
        else:
            stdin = subprocess.DEVNULL
            args = [G, "batch", *paths]
        proc = subprocess.Popen(args, stdin=stdin, stdout=subprocess.PIPE,
                                stderr=err, preexec_fn=default_signals)
    fd = proc.stdout.fileno()
    data = read_until_newline(fd)
    if b"\n" not in data:
        bad(case, "no line came out: %s" % open(err_path).read()[:300])
        proc.wait()
        return
    # gradus fills the pipe with the next line and waits for this reader
    time.sleep(0.5)
    proc.send_signal(sig)
    data += read_all(fd)
    proc.stdout.close()
    err = killed_by(case, proc, sig, err_path)
    n = check_lines(case, data, len(paths))
    if err is not None and "stopped by signal %d" % sig not in err:
        bad(case, "stderr does not say it stopped: %r" % err[-300:])
    if n > 0:
        print("%s: %d whole lines of %d, then stopped" % (case, n, len(paths)))


def waiting_for_stdin(case, sig, path, work):
    """The list comes from a pipe that stays open: gradus waits in read()."""
    err_path = os.path.join(work, case + ".err")
    with open(err_path, "wb") as err:
        proc = subprocess.Popen([G, "batch"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=err,
                                preexec_fn=default_signals)
    proc.stdin.write((path + "\n").encode())
    proc.stdin.flush()
    data = read_all_lines(proc.stdout.fileno(), 1)
    time.sleep(0.5)
    proc.send_signal(sig)
    data += read_all(proc.stdout.fileno())
    proc.stdout.close()
    killed_by(case, proc, sig, err_path)
    proc.stdin.close()
    n = check_lines(case, data, 2)
    if n > 0:
        print("%s: %d whole line, then stopped while reading the list" %
              (case, n))


def read_all_lines(fd, n):
    """n lines from fd, or what came in 120 s (a build that keeps its
    lines in a buffer while it waits for the list sends none)."""
    data = b""
    deadline = time.monotonic() + 120
    while data.count(b"\n") < n:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        data += chunk
    return data


def main():
    examples = sorted(glob.glob("profiles/examples/*.cfg"))
    if len(examples) < 8:
        print("FAIL: run from the source root (profiles/examples/)")
        return 1
    work = tempfile.mkdtemp(prefix="gradus-batch-signal-")
    try:
        paths = []
        for i in range(COPIES):
            for e in examples:
                p = os.path.join(work, "%04d-%s" % (i, os.path.basename(e)))
                shutil.copyfile(e, p)
                paths.append(p)
        midway("term-args", signal.SIGTERM, paths, work, False)
        midway("int-args", signal.SIGINT, paths, work, False)
        midway("hup-stdin", signal.SIGHUP, paths, work, True)
        waiting_for_stdin("term-reading-list", signal.SIGTERM,
                          os.path.abspath(examples[0]), work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return fail


sys.exit(main())
