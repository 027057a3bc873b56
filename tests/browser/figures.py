#!/usr/bin/env python3
"""The pictures as Chromium draws them (issue 14, item 9).

In headless Chromium (Debian's; never a downloaded browser):

  * the catalogue booklet (`gradus exercises -f html`) and the guides of
    the example plans (normal and large print, and bed-level, whose lying
    pictures stack their two frames) are loaded with a small script added
    to a copy; for every picture (svg.figure) it measures what Chromium
    drew: each frame's drawing (getBBox of its <g class="frame">, in the
    picture's own units) must lie inside that frame's cell (its
    data-box), the picture must be drawn at a size (not 0 x 0), and in a
    plan's guide it must lie inside its own box beside the caption;
  * the booklet has one article and one picture for each exercise of the
    catalogue (`gradus exercises -f json`), and printed to PDF on A4 each
    exercise stays on one page (its name and its last line on the same
    page), with no more pages than exercises.

Run from the source root with $GRADUS set (meson does).
Exit: 0 all checks passed, 1 a check failed, 77 (skipped) when Chromium
is not installed (1 when CI=true: a validation that cannot run fails CI).
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

G = os.environ.get("GRADUS", "build/src/cli/gradus")
START = "2026-12-01"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync",
         "--no-pdf-header-footer"]

# Runs in the page once it has loaded; writes what it measured into the
# DOM, which --dump-dom prints.
PROBE = r"""<script>
(function () {
  var out = [];
  var figs = document.querySelectorAll("svg.figure");
  for (var i = 0; i < figs.length; i++) {
    var s = figs[i], r = s.getBoundingClientRect();
    var name = s.getAttribute("aria-label") || ("picture " + i);
    if (!(r.width > 1 && r.height > 1))
      out.push(name + ": drawn at " + r.width + " x " + r.height);
    var box = s.parentElement;
    if (box && box.classList.contains("fig")) {
      var b = box.getBoundingClientRect();
      if (r.left < b.left - 1 || r.right > b.right + 1 ||
          r.top < b.top - 1 || r.bottom > b.bottom + 1)
        out.push(name + ": the picture runs out of its box in the guide");
    }
    var frames = s.querySelectorAll("g.frame");
    if (frames.length != 2)
      out.push(name + ": " + frames.length + " frames, not 2");
    for (var k = 0; k < frames.length; k++) {
      var d = frames[k].getAttribute("data-box").split(" ").map(Number);
      var bb = frames[k].getBBox();
      if (bb.x < d[0] - 0.5 || bb.y < d[1] - 0.5 ||
          bb.x + bb.width > d[0] + d[2] + 0.5 ||
          bb.y + bb.height > d[1] + d[3] + 0.5)
        out.push(name + ": frame " + (k + 1) + " drawn at [" +
                 [bb.x, bb.y, bb.x + bb.width, bb.y + bb.height].map(
                   function (v) { return v.toFixed(1); }).join(", ") +
                 "], its cell is [" + [d[0], d[1], d[0] + d[2], d[1] + d[3]].join(", ") + "]");
    }
  }
  var pre = document.createElement("pre");
  pre.id = "gradus-figures";
  pre.textContent = JSON.stringify({pictures: figs.length,
                                    articles: document.querySelectorAll("article.exercise").length,
                                    problems: out});
  document.body.appendChild(pre);
})();
</script>"""

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          check=False, **kw)


def chromium_path():
    for name in ("chromium", "chromium-browser"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def chrome(chromium, tmp, args, url):
    prof = tempfile.mkdtemp(prefix="chromium-", dir=tmp)
    try:
        return run([chromium] + FLAGS + ["--user-data-dir=" + prof] + args + [url],
                   timeout=300)
    finally:
        shutil.rmtree(prof, ignore_errors=True)


def probe(chromium, tmp, label, page):
    """Loads `page` (HTML text) with the probe; returns its findings."""
    path = os.path.join(tmp, re.sub(r"[^a-z0-9]+", "-", label) + ".html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(page.replace("</body>", PROBE + "</body>", 1))
    r = chrome(chromium, tmp, ["--dump-dom", "--virtual-time-budget=5000"],
               "file://" + path)
    m = re.search(r'<pre id="gradus-figures">(.*?)</pre>', r.stdout.decode(errors="replace"), re.S)
    if not m:
        fail("%s: Chromium did not run the probe (exit %d)" % (label, r.returncode))
        return None
    found = json.loads(html.unescape(m.group(1)))
    for p in found["problems"]:
        fail("%s: %s" % (label, p))
    return found


def gradus(*args):
    r = run([G] + list(args))
    if r.returncode != 0:
        fail("gradus %s: exit %d: %s" % (" ".join(args), r.returncode, r.stderr.decode()))
    return r.stdout.decode()


def plain(fragment):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def check_booklet(chromium, tmp):
    page = gradus("exercises", "-f", "html")
    n = len(json.loads(gradus("exercises", "-f", "json"))["exercises"])
    found = probe(chromium, tmp, "booklet", page)
    if found:
        if found["articles"] != n or found["pictures"] != n:
            fail("booklet: %d exercises in the catalogue, %d articles, %d pictures"
                 % (n, found["articles"], found["pictures"]))
        print("booklet: %d exercises, %d pictures drawn inside their frames"
              % (n, found["pictures"]), flush=True)
    # printed: each exercise on one page
    path = os.path.join(tmp, "booklet-print.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(page)
    pdf = os.path.join(tmp, "booklet.pdf")
    chrome(chromium, tmp, ["--print-to-pdf=" + pdf], "file://" + path)
    if not os.path.isfile(pdf):
        fail("booklet: Chromium printed no PDF")
        return
    pages = [re.sub(r"\s+", " ", t) for t in
             run(["pdftotext", pdf, "-"]).stdout.decode(errors="replace").split("\f")]
    pages = [t for t in pages if t.strip()]
    if len(pages) > n:
        fail("booklet: %d pages for %d exercises" % (len(pages), n))
    split = 0
    for art in re.findall(r'<article class="exercise".*?</article>', page, re.S):
        idline = plain(re.search(r'<p class="id">(.*?)</p>', art, re.S).group(1))
        items = re.findall(r"<(?:li|p)[^>]*>(.*?)</(?:li|p)>", art, re.S)
        last = " ".join(plain(items[-1]).split()[:3]) if items else idline
        on = [i for i, t in enumerate(pages) if idline in t]
        if len(on) != 1 or last not in pages[on[0]]:
            split += 1
            fail("booklet: '%s' is not on one page (its id line on pages %s, its last line '%s')"
                 % (idline, [i + 1 for i in on], last))
    print("booklet printed on A4: %d pages, %d exercises split" % (len(pages), split),
          flush=True)


def check_guides(chromium, tmp):
    examples = ["profiles/examples/margaret-sarcopenia.cfg",
                "profiles/examples/bed-level.cfg",
                "profiles/examples/hospital-stay-84.cfg"]
    for p in examples:
        for large in (False, True):
            args = ["plan", p, "--start", START, "-f", "html"] + (["--large-print"] if large else [])
            label = "%s%s" % (os.path.basename(p)[:-4], " large print" if large else "")
            found = probe(chromium, tmp, label, gradus(*args))
            if found is not None:
                if found["pictures"] == 0:
                    fail("%s: no picture in the guide" % label)
                print("%s: %d guide pictures drawn inside their frames and boxes"
                      % (label, found["pictures"]), flush=True)


def main():
    chromium = chromium_path()
    if not chromium:
        if os.environ.get("CI") == "true":
            print("FAIL: Chromium is not installed; CI=true, where a validation"
                  " that cannot run fails")
            return 1
        print("SKIP: Chromium is not installed")
        return 77
    with tempfile.TemporaryDirectory(prefix="gradus-figures-") as tmp:
        check_booklet(chromium, tmp)
        check_guides(chromium, tmp)
    print("%d failed checks" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
