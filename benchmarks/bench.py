#!/usr/bin/env python3
"""Throughput benchmark: lint a corpus directory with copydesk, report files/s,
words/s and peak memory (median of --repeat runs, each a fresh process), plus
the wall time of `copydesk check` on one draft (what a pre-commit hook pays).

    benchmarks/bench.py --corpus ../shared/eval/rust-blog --repeat 5
    benchmarks/bench.py --corpus ../shared/eval/rust-blog --repeat 3 --dask-workers 2
    benchmarks/bench.py --corpus ../shared/eval/rust-blog --cache --repeat 5

These runs use no cache (--no-cache). With --cache it measures the results
cache instead, in --repeat rounds of three runs: one with --no-cache, one cold
(on an empty cache directory) and one warm (on the cache the cold run filled).
It prints the medians and the ratio cold / warm, and fails if the warm report
differs from the cold one.

With --dask-workers the corpus runs go to a Dask LocalCluster started once,
before the timed runs (`--scheduler`): the timings leave out the cluster's
start-up, as on a cluster that is already running, and the peak memory is the
client's alone.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (KB) of the child, stdout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "linter.cli", *args], capture_output=True, text=True, env=env
    )
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode not in (0, 1):
        sys.exit(f"copydesk failed ({proc.returncode}): {proc.stderr.strip()}")
    return wall, max(peak, before), proc.stdout


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, required=True, help="directory of drafts")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--single",
        type=Path,
        default=ROOT / "fixtures" / "desertion-cracks-in-the-shield.txt",
        help="draft for the single-file timing",
    )
    parser.add_argument(
        "--dask-workers", type=int, metavar="N", help="check on a Dask LocalCluster of N worker processes"
    )
    parser.add_argument("--cache", action="store_true", help="measure cold and warm runs of the cache")
    parser.add_argument("extra", nargs="*", help="extra arguments for copydesk check")
    args = parser.parse_args()
    if args.cache:
        cache_runs(args)
        return
    with contextlib.ExitStack() as stack:
        if args.dask_workers:
            args.extra += ["--scheduler", stack.enter_context(_cluster(args.dask_workers)).scheduler_address]
        _measure(args)


def _cluster(workers: int):
    """A Dask cluster on this machine, as a test or a user would start it."""
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0"
    )


def _measure(args) -> None:
    walls, peaks, summary = [], [], {}
    for _ in range(args.repeat):
        wall, peak, out = run(["check", "--format", "json", "--no-cache", *args.extra, str(args.corpus)])
        walls.append(wall)
        peaks.append(peak)
        summary = json.loads(out)["summary"]
    single = [
        run(["check", "--format", "json", "--no-cache", str(args.single)])[0]
        for _ in range(max(args.repeat, 5))
    ]
    baseline = []
    for _ in range(max(args.repeat, 5)):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"])
        baseline.append(time.perf_counter() - start)
    wall = statistics.median(walls)
    size = sum(p.stat().st_size for p in args.corpus.rglob("*") if p.is_file())
    print(
        f"corpus            {args.corpus} ({summary['files']} files, {summary['words']:,} words, "
        f"{size / 1e6:.1f} MB)"
    )
    print(f"wall (median/{args.repeat})   {wall:.2f} s   (runs: {', '.join(f'{w:.2f}' for w in walls)})")
    print(f"files/s           {summary['files'] / wall:,.0f}")
    print(f"words/s           {summary['words'] / wall:,.0f}")
    print(f"MB/s              {size / 1e6 / wall:.2f}")
    print(
        f"peak RSS          {statistics.median(peaks) / 1024:.0f} MB"
        + (" (client)" if args.dask_workers else "")
    )
    print(
        f"single file       {statistics.median(single):.3f} s median ({args.single.name}); "
        f"python -c pass {statistics.median(baseline):.3f} s"
    )


def cache_runs(args) -> None:
    """Cold (empty cache), warm (full cache) and uncached runs, interleaved so
    that a change in the machine's load falls on all three alike."""
    base = ["check", "--format", "json", *args.extra, str(args.corpus)]
    cache = Path(tempfile.mkdtemp(prefix="copydesk-bench-cache-"))
    times: dict[str, list[float]] = {"no cache": [], "cold": [], "warm": []}
    outputs = {}
    try:
        for _ in range(args.repeat):
            times["no cache"].append(run([*base, "--no-cache"])[0])
            shutil.rmtree(cache, ignore_errors=True)
            wall, _, outputs["cold"] = run([*base, "--cache-dir", str(cache)])
            times["cold"].append(wall)
            wall, _, outputs["warm"] = run([*base, "--cache-dir", str(cache)])
            times["warm"].append(wall)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    if outputs["warm"] != outputs["cold"]:
        sys.exit("the warm run's report differs from the cold run's")
    summary = json.loads(outputs["warm"])["summary"]
    print(f"corpus            {args.corpus} ({summary['files']} files, {summary['words']:,} words)")
    medians = {name: statistics.median(walls) for name, walls in times.items()}
    for name, walls in times.items():
        print(
            f"{name + f' (median/{args.repeat})':22} {medians[name]:6.2f} s   "
            f"(runs: {', '.join(f'{w:.2f}' for w in walls)})"
        )
    print(f"cold / warm       {medians['cold'] / medians['warm']:.1f}x  (reports identical)")


if __name__ == "__main__":
    main()
