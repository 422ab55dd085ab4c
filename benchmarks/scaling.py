#!/usr/bin/env python3
"""Is the cost linear in document size? Times `copydesk check` on one draft
of about 1 MB and one of about 10 MB, both made from a corpus's text (the
fixture drafts unless --corpus names another), and prints the ratio (issue 7's target: within 11x).

Runs alternate (1 MB, 10 MB, 1 MB, ...) so that a machine shared with other
work slows both alike; each time is the median of --repeat runs, with the
CPU time (user + system) of the process beside the wall time.

    benchmarks/scaling.py --repeat 3
    benchmarks/scaling.py --repeat 3 --corpus ../shared/eval/rust-blog
    benchmarks/scaling.py --repeat 3 -- --select sourcing
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(target: Path, size: int, corpus: Path) -> int:
    """A Markdown draft of about `size` bytes from the corpus drafts' text; its
    word count. Every paragraph opens with its own number, so no sentence
    repeats one before it (a repeated text would be served from per-sentence
    memos and look cheaper than new text)."""
    texts = [
        p.read_text("utf-8", errors="replace")
        for p in sorted(corpus.rglob("*"))
        if p.is_file() and p.suffix in (".md", ".txt") and p.name not in ("README.md", "LABELLING.md")
    ]
    parts, total, n = [], 0, 0
    while total < size:
        for paragraph in texts[n % len(texts)].split("\n\n"):
            n += 1
            part = f"Item {n}: {paragraph.strip()}\n\n" if paragraph.strip() else ""
            parts.append(part)
            total += len(part.encode())
    body = "".join(parts)
    target.write_text(body, "utf-8")
    return len(body.split())


def timed(command: list[str]) -> tuple[float, float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--corpus", type=Path, default=ROOT / "fixtures", help="drafts whose text is used")
    ap.add_argument("extra", nargs="*", help="extra arguments for copydesk check")
    args = ap.parse_args()
    command = [sys.executable, "-m", "linter.cli", "check", "--no-cache", "--jobs", "1", "--format", "json"]
    with tempfile.TemporaryDirectory() as scratch:
        drafts = {}
        for label, size in (("1 MB", 1_000_000), ("10 MB", 10_000_000)):
            path = Path(scratch) / f"{label.replace(' ', '')}.md"
            drafts[label] = (path, build(path, size, args.corpus))
        runs = {label: [] for label in drafts}
        for _ in range(args.repeat):
            for label, (path, _words) in drafts.items():
                runs[label].append(timed(command + args.extra + [str(path)]))
    medians = {}
    for label, (_path, words) in drafts.items():
        wall = statistics.median(w for w, _ in runs[label])
        cpu = statistics.median(c for _, c in runs[label])
        medians[label] = (wall, cpu)
        print(f"{label:6} {words:>9,} words  wall {wall:7.2f} s  cpu {cpu:7.2f} s")
    (w1, c1), (w10, c10) = medians["1 MB"], medians["10 MB"]
    print(f"10 MB / 1 MB: wall {w10 / w1:.1f}x, cpu {c10 / c1:.1f}x (linear would be about 10x)")


if __name__ == "__main__":
    main()
