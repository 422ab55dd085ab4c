#!/usr/bin/env python3
"""copydesk against peer linters, side by side in one run.

Installs the peers into a scratch directory from their registries (proselint
from PyPI; write-good, alex, textlint + textlint-rule-write-good from npm),
and copydesk from this checkout into a venv of its own, as a user installs
it (a wheel, byte-compiled), then for each tool measures the single-file wall time (median of --repeat
runs, next to `python -c pass` and `node -e 0`), the whole-corpus wall time,
files/s, words/s and peak RSS, and copydesk's ratio to each.

    benchmarks/peers.py --corpus ../shared/eval/rust-blog --scratch /tmp/peers
    benchmarks/peers.py --generate 1000 --scratch /tmp/peers   # copies of fixtures/
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFT_SUFFIXES = (".md", ".markdown", ".txt", ".html")


def install(scratch: Path) -> dict[str, list[str]]:
    """The command prefix of every tool, installing what is missing."""
    venv = scratch / "venv"
    if not (venv / "bin" / "proselint").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "proselint"], check=True)
    node = scratch / "node"
    if not (node / "node_modules" / ".bin" / "textlint").exists():
        node.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--prefix",
                str(node),
                "write-good",
                "alex",
                "textlint",
                "textlint-rule-write-good",
            ],
            check=True,
        )
    ours = scratch / "copydesk-venv"
    if not (ours / "bin" / "copydesk").exists():
        subprocess.run([sys.executable, "-m", "venv", str(ours)], check=True)
        subprocess.run([str(ours / "bin" / "pip"), "install", "-q", str(ROOT)], check=True)
    else:  # this checkout's code, every time
        subprocess.run(
            [str(ours / "bin" / "pip"), "install", "-q", "--force-reinstall", "--no-deps", str(ROOT)],
            check=True,
        )
    bin_dir = node / "node_modules" / ".bin"
    copydesk = [str(ours / "bin" / "copydesk"), "check", "--no-color"]
    return {
        # A pre-commit run: rules and compiled patterns from copydesk's cache
        # (made by an earlier run), the draft itself never seen before.
        "copydesk": copydesk + ["--cache-dir", str(scratch / "copydesk-cache")],
        # Nothing cached at all, as for the peers, which cache nothing.
        "copydesk --no-cache": copydesk + ["--no-cache"],
        "proselint": [str(venv / "bin" / "proselint"), "check"],
        "write-good": [str(bin_dir / "write-good")],
        "alex": [str(bin_dir / "alex")],
        "textlint": [str(bin_dir / "textlint"), "--rule", "write-good"],
    }


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Wall seconds and the peak RSS (KB) of the command's process tree."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
    env["NODE_PATH"] = ""
    start = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, cwd=cwd, env=env
    )
    wall = time.perf_counter() - start
    rss = re.findall(r"^(\d+)$", proc.stderr, re.MULTILINE)
    return wall, int(rss[-1]) if rss else 0


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.suffix in DRAFT_SUFFIXES and p.is_file())


def generate(scratch: Path, copies: int) -> Path:
    target = scratch / f"fixtures-x{copies}"
    if not target.exists():
        drafts = [
            p
            for p in (ROOT / "fixtures").iterdir()
            if p.suffix in DRAFT_SUFFIXES and p.name not in ("README.md", "LABELLING.md")
        ]
        target.mkdir(parents=True)
        for i in range(copies):
            source = drafts[i % len(drafts)]
            shutil.copy(source, target / f"{i:05d}-{source.name}")
    return target


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, help="directory of drafts")
    ap.add_argument("--generate", type=int, metavar="N", help="use N copies of the fixture drafts instead")
    ap.add_argument("--scratch", type=Path, required=True, help="where peers are installed")
    ap.add_argument("--repeat", type=int, default=5, help="runs of the single-file timing")
    ap.add_argument("--tools", default="copydesk,copydesk --no-cache,proselint,write-good,alex,textlint")
    ap.add_argument("--timeout", type=float, default=900, help="skip a tool's corpus run after this many s")
    args = ap.parse_args()
    if not args.corpus and not args.generate:
        ap.error("give --corpus DIR or --generate N")
    args.scratch.mkdir(parents=True, exist_ok=True)
    commands = install(args.scratch)
    corpus = generate(args.scratch, args.generate) if args.generate else args.corpus
    files = corpus_files(corpus)
    words = sum(len(p.read_text("utf-8", errors="replace").split()) for p in files)
    single = ROOT / "fixtures" / "desertion-cracks-in-the-shield.txt"
    baselines = {
        "python -c pass": statistics.median(
            timed([sys.executable, "-c", "pass"])[0] for _ in range(args.repeat)
        ),
        "node -e 0": statistics.median(timed(["node", "-e", "0"])[0] for _ in range(args.repeat)),
    }
    print(f"corpus: {corpus} ({len(files)} files, {words:,} words)")
    print("start-up: " + ", ".join(f"{k} {v:.3f} s" for k, v in baselines.items()))
    rows = {}
    drafts = args.scratch / "single"
    drafts.mkdir(exist_ok=True)
    timed(commands["copydesk"] + [str(single)])  # fills the cache with rules and patterns
    for tool in args.tools.split(","):
        times = []
        for i in range(args.repeat):
            # A draft no run has seen (copydesk would serve a seen one from its cache).
            draft = drafts / f"{time.time_ns()}-{i}-{single.name}"
            draft.write_text(single.read_text("utf-8") + f"\nEdited {draft.stem}.\n", "utf-8")
            times.append(timed(commands[tool] + [str(draft)])[0])
            draft.unlink()
        one = statistics.median(times)
        # Whole corpus: one invocation with every file (xargs-style batches for
        # tools that take files; copydesk takes the directory), with nothing
        # served from an earlier run: copydesk's results cache is off.
        if tool == "copydesk --no-cache" and "copydesk" in rows:
            rows[tool] = (one, *rows["copydesk"][1:])  # the same corpus run
            continue
        target = [str(corpus)] if tool.startswith("copydesk") else [str(p) for p in files]
        command = commands["copydesk --no-cache"] if tool == "copydesk" else commands[tool]
        try:
            wall, rss = timed(["timeout", str(args.timeout)] + command + target)
        except OSError as exc:  # argument list too long
            print(f"{tool}: {exc}")
            continue
        rows[tool] = (one, wall, rss)
    cd = rows.get("copydesk")
    header = f"{'tool':12} {'1 file s':>9} {'corpus s':>9} {'files/s':>8} {'words/s':>9} {'peak MB':>8}"
    print(header + "  peer/copydesk: corpus, 1 file")
    for tool, (one, wall, rss) in rows.items():
        ratio = f"{wall / cd[1]:.2f}x, {one / cd[0]:.2f}x" if cd and not tool.startswith("copydesk") else ""
        corpus_time = f">{args.timeout:.0f}" if wall >= args.timeout else f"{wall:.2f}"
        print(
            f"{tool:12} {one:9.3f} {corpus_time:>9} {len(files) / wall:8.0f} {words / wall:9,.0f} "
            f"{rss / 1024:8.0f}  {ratio}"
        )
    print(
        "(peer/copydesk above 1: copydesk is faster by that factor; words are whitespace tokens of the files)"
    )


if __name__ == "__main__":
    main()
