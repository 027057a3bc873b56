#!/usr/bin/env python3
"""The one-way rule of the library's stages (docs/architecture.md).

    util <- load <- screen <- plan <- render <- review <- cli

A file may include and call its own stage and the stages to its left,
never one to its right. This script checks, from the source root:

  1. includes: every #include of src/lib/**/*.{c,h}, src/cli/* and
     include/gradus/*.h is mapped to its stage ("render/words.h" is
     render; a public header "gradus/plan.h" is the stage that implements
     it, PUBLIC below); one that runs right is an error, and so is an
     include in src/lib/ that does not name its stage;
  2. include circles: files of one folder that include each other,
     directly or through others;
  3. calls (when the object files are there; skipped otherwise): with
     nm, each undefined symbol of a library object is looked up among the
     other objects; a symbol defined by an object of a stage to the right
     is an error, and so are objects of one folder that call each other
     in a circle (a.c calls b.c and b.c calls a.c).

The build's own tool, src/gen/ (the generator of the built-in tables,
run at build time), may include util and load only: it is built from
those two folders and nothing else.

Usage: scripts/layers.py [OBJDIR]
OBJDIR defaults to build/src/lib/libgradus.so.0.1.0.p. Errors are
printed as FILE:LINE: error: ..., and the exit status is 1 when there is
one, else 0."""
import glob
import os
import re
import shutil
import subprocess
import sys

STAGES = ["util", "load", "screen", "plan", "render", "review", "cli"]
RANK = {s: i for i, s in enumerate(STAGES)}
# Folders outside the pipeline, and the stages each may use.
TOOLS = {"gen": {"util", "load"}}

# The stage each public header belongs to: the lowest stage that defines
# what it declares (gradus/screen.h also declares the screening's
# renderers, which render/ implements: the call check sees those).
PUBLIC = {
    "diag.h": "util", "date.h": "util",
    "vocab.h": "load", "catalogue.h": "load", "template.h": "load",
    "profile.h": "load", "log.h": "load", "check.h": "load",
    "screen.h": "screen", "plan.h": "plan", "review.h": "review",
    "booklet.h": "render",
    "gradus.h": "review",  # the umbrella: every header
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
errors = []


def error(path, line, msg):
    errors.append(f"{path}:{line}: error: {msg}")


def stage_of_file(path):
    """The stage a source file is in (None: not a stage file)."""
    parts = path.split("/")
    if parts[:2] == ["src", "lib"] and len(parts) > 3 and parts[2] in RANK:
        return parts[2]
    if parts[:2] == ["src", "cli"]:
        return "cli"
    if parts[:2] == ["src", "gen"]:
        return "gen"
    if parts[:2] == ["include", "gradus"]:
        return PUBLIC.get(parts[2])
    return None


def resolve(path, target):
    """(stage, file or None) of an #include "target" written in path;
    stage None when it cannot be told."""
    folder = os.path.dirname(path)
    if path.startswith("include/gradus/") and "/" not in target:
        target = "gradus/" + target
    if target.startswith("gradus/"):
        name = target[len("gradus/"):]
        f = "include/" + target
        return PUBLIC.get(name), f if os.path.exists(f) else None
    first = target.split("/")[0]
    if "/" in target and first in RANK and first != "cli":
        f = "src/lib/" + target
        return first, f if os.path.exists(f) else None
    if "/" not in target and os.path.exists(os.path.join(folder, target)):
        return stage_of_file(path), os.path.join(folder, target)
    return None, None


def sources():
    files = glob.glob("src/lib/**/*.c", recursive=True) + \
        glob.glob("src/lib/**/*.h", recursive=True) + \
        glob.glob("src/cli/*.c") + glob.glob("src/cli/*.h") + \
        glob.glob("src/gen/*.c") + glob.glob("src/gen/*.h") + \
        glob.glob("include/gradus/*.h")
    return sorted(f.replace(os.sep, "/") for f in files)


def check_includes(files):
    """Checks 1 and 2; returns the include graph inside each folder."""
    graph = {}
    for path in files:
        own = stage_of_file(path)
        if own is None:
            if path.startswith("include/gradus/"):
                error(path, 1, "a public header no stage owns: add it to "
                      "PUBLIC in scripts/layers.py")
            continue
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
        for n, line in enumerate(lines, 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            target = m.group(1)
            stage, f = resolve(path, target)
            if stage is None:
                error(path, n, f'"{target}": not a stage\'s header (name the '
                      'stage: "util/...", "load/...", ..., or "gradus/...")')
                continue
            if path.startswith("src/lib/") and "/" not in target:
                error(path, n, f'"{target}": name the stage '
                      f'("{own}/{target}")')
            if own in TOOLS:
                if stage not in TOOLS[own]:
                    error(path, n, f"{own} includes {stage} ({target}); "
                          f"it is built from {' and '.join(sorted(TOOLS[own]))} only")
            elif stage in TOOLS or RANK[stage] > RANK[own]:
                error(path, n, f"{own} includes {stage} ({target})")
            if f and os.path.dirname(f) == os.path.dirname(path):
                graph.setdefault(path, []).append((f, n))
    reported = set()
    for start in sorted(graph):
        cycle = find_cycle(graph, start)
        if cycle and frozenset(cycle) not in reported:
            reported.add(frozenset(cycle))
            line = dict(graph[start])[cycle[1]]
            error(start, line, "include circle: " + " -> ".join(
                os.path.basename(c) for c in cycle))
    return graph


def find_cycle(graph, start):
    """A path start -> ... -> start in graph (edges: (node, line)), or
    None. Only cycles through `start` are looked for."""
    stack, seen = [(start, [start])], set()
    while stack:
        node, path = stack.pop()
        for nxt, _ in graph.get(node, []):
            if nxt == start:
                return path + [start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return None


def nm_symbols(obj):
    """(defined globals, undefined) symbols of one object."""
    out = subprocess.run(["nm", obj], capture_output=True, text=True,
                         check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            undefined.add(parts[1])
        elif len(parts) == 3 and parts[1] in "TDRBCGSV":
            defined.add(parts[2])
    return defined, undefined


def first_use(path, sym):
    """The first line of path that names sym (1 when none does)."""
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if re.search(r"\b%s\b" % re.escape(sym), line):
                    return n
    except OSError:
        pass
    return 1


def check_calls(objdir):
    """Check 3. Returns False when it could not run."""
    if not os.path.isdir(objdir) or not shutil.which("nm"):
        return False
    # each library source's object: src/lib/a/b.c -> a_b.c.o
    objs = {}
    for src in glob.glob("src/lib/**/*.c", recursive=True):
        rel = os.path.relpath(src, "src/lib").replace(os.sep, "/")
        obj = os.path.join(objdir, rel.replace("/", "_") + ".o")
        if os.path.exists(obj):
            objs[obj] = src.replace(os.sep, "/")
    if not objs:
        return False
    # generated files (the built-in catalogue and templates) are load's
    for obj in glob.glob(os.path.join(objdir, "meson-generated_*.o")):
        objs[obj] = "load:" + os.path.basename(obj)
    owner, needs = {}, {}
    for obj, src in objs.items():
        defined, undefined = nm_symbols(obj)
        for sym in defined:
            owner[sym] = src
        needs[src] = undefined
    calls = {}
    for src, undefined in sorted(needs.items()):
        if src.startswith("load:"):
            continue
        own = stage_of_file(src)
        for sym in sorted(undefined):
            other = owner.get(sym)
            if other is None or other == src:
                continue
            stage = "load" if other.startswith("load:") else stage_of_file(other)
            if RANK[stage] > RANK[own]:
                error(src, first_use(src, sym),
                      f"{own} calls {stage} ({sym}, in {other})")
            if os.path.dirname(other) == os.path.dirname(src):
                calls.setdefault(src, {}).setdefault(other, sym)
    graph = {a: [(b, sym) for b, sym in sorted(bs.items())]
             for a, bs in calls.items()}
    reported = set()
    for start in sorted(graph):
        cycle = find_cycle(graph, start)
        if cycle and frozenset(cycle) not in reported:
            reported.add(frozenset(cycle))
            sym = dict(graph[start])[cycle[1]]
            error(start, first_use(start, sym), "call circle: " + " -> ".join(
                os.path.basename(c) for c in cycle) + f" ({sym}, ...)")
    return True


def main():
    objdir = sys.argv[1] if len(sys.argv) > 1 else \
        "build/src/lib/libgradus.so.0.1.0.p"
    if not os.path.isdir("src/lib"):
        print("scripts/layers.py: run it from the source root", file=sys.stderr)
        return 2
    check_includes(sources())
    if not check_calls(objdir):
        print(f"note: no object files in {objdir} (or no nm): "
              "calls not checked, includes only")
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
