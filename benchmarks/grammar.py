"""What the grammar pack costs: LanguageTool's start-up, and the time it adds
per 1,000 words with a warm server.

    .venv/bin/python benchmarks/grammar.py CORPUS [--runs 3]

Starts a LanguageTool assembled from Maven Central (`linter.languagetool`),
timing start to first answer; then runs `copydesk check` on CORPUS with the
default packs, and with the default packs plus grammar against the warm
server, in fresh processes, alternating, and reports medians. Each grammar run
starts with an empty cache directory, so every paragraph is sent.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run(args: list[str], env: dict) -> tuple[float, dict]:
    began = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "linter.cli", "check", "--format", "json", "--fail-level", "none", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    elapsed = time.perf_counter() - began
    if proc.returncode not in (0, 1):
        raise SystemExit(f"copydesk failed ({proc.returncode}): {proc.stderr.strip()[:300]}")
    return elapsed, json.loads(proc.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    from linter import languagetool
    from linter.packs import builtin_rules_dir, load_packs

    directory = languagetool.fetch(log=lambda m: print(m, file=sys.stderr))
    starts = []
    for _ in range(args.runs):
        began = time.perf_counter()
        server = languagetool.start(directory)
        starts.append(time.perf_counter() - began)
        if len(starts) < args.runs:
            server.stop()
    print(
        f"LanguageTool start to first answer: median {statistics.median(starts):.1f} s ({args.runs} starts)"
    )

    default = ",".join(name for name, pack in load_packs([builtin_rules_dir()]).items() if pack.enabled)
    env = {**os.environ, "PYTHONPATH": str(ROOT), languagetool.URL_VARIABLE: server.url}
    common = ["--jobs", str(args.jobs), str(args.corpus)]
    plain, grammar = [], []
    words = findings = 0
    try:
        for _ in range(args.runs):
            plain.append(run(["--select", default, *common], env)[0])
            with tempfile.TemporaryDirectory() as cache:
                elapsed, report = run(
                    ["--select", default + ",grammar", *common], {**env, "COPYDESK_CACHE_DIR": cache}
                )
            grammar.append(elapsed)
            words = sum(f["words"] for f in report["files"])
            findings = sum(1 for f in report["files"] for x in f["findings"] if x["pack"] == "grammar")
    finally:
        server.stop()
    added = statistics.median(grammar) - statistics.median(plain)
    print(f"corpus: {args.corpus} ({words} words), --jobs {args.jobs}, {args.runs} runs each")
    print(f"default packs:           median {statistics.median(plain):.2f} s  {plain}")
    print(f"default packs + grammar: median {statistics.median(grammar):.2f} s  {grammar}")
    print(f"grammar adds {added:.2f} s: {added * 1000 / max(words, 1):.3f} s per 1,000 words")
    print(f"grammar findings: {findings} ({findings * 1000 / max(words, 1):.2f} per 1,000 words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
