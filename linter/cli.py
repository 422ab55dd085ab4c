"""The `copydesk` command. Exit codes: 0 passed, 1 the gate failed, 2 usage or
config error, 3 an input could not be read."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .errors import EXIT_GATE, EXIT_INPUT, EXIT_OK, EXIT_USAGE, ConfigError, CopydeskError
from .finding import LEVEL, SEVERITIES
from .report import FORMATS as REPORT_FORMATS

EPILOG = """exit codes: 0 passed, 1 the gate failed (fail level or fail-under),
2 usage or config error, 3 an input could not be read."""


def _csv(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 2 with one line, like every other
        self.print_usage(sys.stderr)
        raise SystemExit(f"copydesk: error: {message}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="copydesk",
        description="Editorial content-quality linter for article drafts.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"copydesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = sub.add_parser(
        "check",
        help="check drafts and report scored findings",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Check drafts (Markdown, HTML, plain text) against the rule packs.",
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files, directories, globs, or - for standard input (default: .)",
    )
    check.add_argument(
        "--format", choices=REPORT_FORMATS, default="text", help="output format: " + ", ".join(REPORT_FORMATS)
    )
    check.add_argument(
        "--select",
        type=_csv,
        default=(),
        metavar="IDS",
        help="only these rules or packs, comma-separated (e.g. sourcing,filler.reader-address)",
    )
    check.add_argument("--ignore", type=_csv, default=(), metavar="IDS", help="skip these rules or packs")
    check.add_argument("--min-level", choices=SEVERITIES, help="lowest severity shown")
    check.add_argument(
        "--fail-level",
        choices=SEVERITIES + ("none",),
        help="fail when a finding is at this severity or above (default: error)",
    )
    check.add_argument("--fail-under", type=float, metavar="N", help="fail when a draft scores under N")
    check.add_argument("--config", type=Path, metavar="FILE", help="use this config file for every draft")
    check.add_argument(
        "--stdin-format",
        choices=("markdown", "html", "text"),
        default="markdown",
        help="format of standard input (default: markdown)",
    )
    check.add_argument(
        "--stdin-filename", default="<stdin>", metavar="NAME", help="name to report for standard input"
    )
    check.add_argument("--max-file-size", type=float, metavar="MB", help="largest draft read, in MB")
    check.add_argument(
        "--baseline", type=Path, metavar="FILE", help="report only findings not in this baseline"
    )
    check.add_argument(
        "--write-baseline",
        type=Path,
        metavar="FILE",
        help="record the current findings and scores as the baseline, and pass",
    )
    check.add_argument(
        "--max-score-drop",
        type=float,
        metavar="N",
        help="with --baseline: fail when a file's score falls more than N points below it",
    )
    check.add_argument(
        "--diff-base",
        metavar="REF",
        help="report only findings on lines added or changed since the git ref REF",
    )
    check.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="check files in N processes (default: the number of cores; 1 for none)",
    )
    check.add_argument(
        "--executor",
        choices=("local", "dask"),
        help="where files are checked: local (processes on this machine, see --jobs) or dask "
        "(a Dask cluster: the one at --scheduler, or a local one of --jobs workers; "
        "pip install 'copydesk[dask]'); default: local, or dask with --scheduler",
    )
    check.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="address of a running Dask scheduler, e.g. tcp://scheduler:8786 (implies --executor dask); "
        "its workers must see the drafts at the same paths",
    )
    check.add_argument(
        "--scheduler-timeout",
        type=float,
        default=10.0,
        metavar="S",
        help="seconds to wait for the Dask scheduler and a first worker (default: 10)",
    )
    check.add_argument(
        "--across-files",
        action="store_true",
        help="also report paragraphs duplicated between the files of this run (repetition.cross-file)",
    )
    check.add_argument(
        "--report-unused-suppressions",
        action="store_true",
        help="list suppression comments that silenced nothing",
    )
    check.add_argument("--no-color", action="store_true", help="never colour the output")
    check.add_argument("--output", type=Path, metavar="FILE", help="write the report to FILE")
    caching = check.add_mutually_exclusive_group()
    caching.add_argument(
        "--no-cache", action="store_true", help="check every file afresh; read and write no cached results"
    )
    _cache_dir_option(caching)

    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    rules.add_argument("--config", type=Path, metavar="FILE")

    explain = sub.add_parser("explain", help="explain one rule: why, examples, options")
    explain.add_argument("rule", metavar="RULE")
    explain.add_argument("--config", type=Path, metavar="FILE")

    init = sub.add_parser("init", help="write a commented starter .copydesk.yaml")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    init.add_argument("path", nargs="?", type=Path, default=Path(".copydesk.yaml"))

    sub.add_parser("schema", help="print the JSON Schema of the config file")

    sub.add_parser(
        "languagetool",
        help="assemble LanguageTool from Maven Central and run its server (for the grammar pack)",
        add_help=False,
    )
    cache = sub.add_parser(
        "cache",
        help="show or empty the cache of results",
        description="Results are cached by each file's content, the rules and config, and copydesk's version.",
    )
    actions = cache.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser, required=True)
    _cache_dir_option(actions.add_parser("clear", help="remove every cached result"))
    _cache_dir_option(actions.add_parser("dir", help="print the cache directory"))
    return parser


def _cache_dir_option(parser) -> None:
    parser.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help="the cache directory (default: $COPYDESK_CACHE_DIR, else the user cache directory)",
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["languagetool"]:  # its own command line, --help included
        from .languagetool import main as languagetool_main

        return languagetool_main(argv[1:], prog="copydesk languagetool")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
            return EXIT_USAGE
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rules":
            from .docs import rules_table

            print(rules_table(_all_packs(args.config), args.format), end="")
            return EXIT_OK
        if args.command == "explain":
            from .docs import explain

            print(explain(_all_packs(args.config), args.rule), end="")
            return EXIT_OK
        if args.command == "init":
            return _init(args)
        if args.command == "schema":
            from .docs import config_schema

            print(config_schema())
            return EXIT_OK
        if args.command == "cache":
            return _cache(args)
    except CopydeskError as error:
        print(f"copydesk: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    return EXIT_USAGE


def _all_packs(config_path):
    from .config import ConfigFinder
    from .runner import Linter

    finder = ConfigFinder(config_path)
    config = finder.for_directory(Path.cwd()) if config_path is None else finder.explicit
    return Linter(finder).packs_for(config)


def _init(args) -> int:
    from .config import STARTER

    if args.path.exists() and not args.force:
        raise ConfigError(f"{args.path} exists; use --force to overwrite it")
    args.path.write_text(STARTER, "utf-8")
    print(f"wrote {args.path}")
    return EXIT_OK


NO_CACHE_DIR = "no user cache directory (no home directory); set COPYDESK_CACHE_DIR or use --cache-dir"


def _cache(args) -> int:
    from . import cache

    root = args.cache_dir or cache.default_root()
    if root is None:
        raise ConfigError(NO_CACHE_DIR)
    if args.action == "dir":
        print(root)
        return EXIT_OK
    try:
        files, size = cache.clear(root)
    except OSError as exc:
        raise ConfigError(f"cannot clear the cache: {exc.strerror or exc}", path=exc.filename) from None
    print(f"removed {files} cached entries ({size / 1e6:.1f} MB) from {root}")
    return EXIT_OK


def _result_cache(args):
    """The cache of file results for this run, or None with --no-cache."""
    if args.no_cache:
        return None
    from .cache import Store, default_root
    from .resultcache import NAMESPACE, ResultCache

    root = args.cache_dir or default_root()
    if root is None:
        print(f"copydesk: note: {NO_CACHE_DIR}; results are not cached", file=sys.stderr)
        return None
    return ResultCache(Store(root, NAMESPACE))


def _check(args) -> int:
    from .config import ConfigFinder
    from .report import render
    from .runner import Linter, Selection

    if args.max_score_drop is not None and args.baseline is None:
        raise ConfigError("--max-score-drop needs --baseline")
    executor = _executor(args)
    baseline = None
    if args.baseline is not None:
        from . import baseline as baselines

        baseline = baselines.read(args.baseline)  # a bad baseline stops the run before any draft is read
    changes = None
    if args.diff_base:
        from .changes import changed_lines

        changes = changed_lines(args.diff_base)
    finder = ConfigFinder(args.config)
    paths = args.paths or ["."]
    cache = None if "-" in paths else _result_cache(args)  # standard input is never cached
    linter = Linter(
        finder,
        Selection(
            args.select,
            args.ignore,
            args.min_level,
            args.max_file_size,
            args.report_unused_suppressions,
            keep_source=(
                args.format == "text"
                or args.baseline is not None
                or args.write_baseline is not None
                or args.across_files
            ),
        ),
        cache,
    )
    paths = args.paths or ["."]
    try:
        result, base = _run(args, finder, linter, paths, executor)
    finally:
        linter.close()  # stops a LanguageTool this run started
    result.notes[:0] = linter.notes
    _record_made_rules(result, linter.rules_seen)
    if linter.cache is not None and linter.cache.problem:
        print(f"copydesk: note: {linter.cache.problem}", file=sys.stderr)
    if args.across_files:
        from .crossfile import cross_file_rule, find_duplicates

        rule = cross_file_rule(linter.packs_for(base))
        if rule is not None:
            find_duplicates(result, rule)
            linter.rules_seen[rule.id] = rule
    result.rules = dict(sorted(linter.rules_seen.items()))
    if args.write_baseline is not None:
        from . import baseline as baselines

        baselines.write(args.write_baseline, result)
        result.notes.append(
            f"wrote baseline {args.write_baseline} "
            f"({sum(len(f.all_findings) for f in result.files)} findings)"
        )
    gate_notes = []
    if baseline is not None:
        baselines.apply(result, baseline)
        if args.max_score_drop is not None:
            gate_notes = baselines.score_drops(result, baseline, args.max_score_drop)
            result.notes.extend(gate_notes)
    if changes is not None:
        from .changes import keep_changed

        keep_changed(result, changes)
    color = not args.no_color and args.output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    report = render(result, args.format, color=color)
    if args.format != "text":
        # Machine formats have no place for notes (grammar skipped, empty
        # drafts); they go to stderr so a pipeline still sees them.
        for note in result.notes:
            print(f"copydesk: note: {note}", file=sys.stderr)
    if args.output:
        from .atomic import write_atomically

        write_atomically(args.output, report, "report")
    else:
        sys.stdout.write(report)
    if args.write_baseline is not None and not result.errors:
        return EXIT_OK
    return EXIT_GATE if gate_notes and not result.errors else _exit_code(result, args, base)


def _run(args, finder, linter, paths, executor):
    """Check standard input or the paths: (RunResult, the base config)."""
    from .discover import discover
    from .runner import RunResult

    if "-" in paths:
        if len(paths) > 1:
            raise ConfigError("'-' (standard input) cannot be combined with other paths")
        result = RunResult()
        file_result = linter.check_stdin(sys.stdin.buffer.read(), args.stdin_filename, args.stdin_format)
        result.files.append(file_result)
        result.notes.extend(file_result.notes)
        return result, finder.for_directory(Path.cwd())
    else:
        # Config errors come before any draft is read: load the config (and its
        # packs) of the first path now.
        base = finder.for_directory(Path(paths[0]) if Path(paths[0]).is_dir() else Path(paths[0]).parent)
        linter.packs_for(base)
        targets, errors = discover(paths, finder.for_directory)
        from .parallel import default_jobs

        jobs = args.jobs if args.jobs is not None else default_jobs()
        if jobs < 1:
            raise ConfigError("--jobs must be at least 1")
        from .progress import Progress, wanted

        progress = Progress(len(targets)) if wanted(len(targets)) else None
        if executor == "dask":
            from . import grammar
            from .cluster import run_dask

            if grammar.wanted(base, linter.selection):
                linter.open_grammar(base)  # here: the workers share this server
            result = RunResult()
            run_dask(
                targets,
                args.config,
                linter.selection,
                result,
                progress,
                scheduler=args.scheduler,
                workers=jobs,
                timeout=args.scheduler_timeout,
            )
            for file in result.files:  # workers send no config back: this process's, and its rules
                file.config = finder.for_file(Path(file.path))
                linter.ruleset_for(file.config, Path(file.path))
        else:
            result = linter.run(targets, progress, jobs)  # from the cache, here or in a pool
        if progress is not None:
            progress.close()
        result.errors[:0] = errors
        return result, base


def _record_made_rules(result, rules_seen: dict) -> None:
    """Rules kinds made while checking (grammar.<languagetool-id>), for the
    reports' rule metadata; a result from the cache brings only its findings,
    so those get their pack's rule under the finding's id."""
    from dataclasses import replace

    for file in result.files:
        for rule in file.derived_rules:
            if isinstance(rule, tuple):  # from the cache: (id, pack, category, severity, why)
                rule_id, pack, category, severity, why = rule
                base = next((r for r in rules_seen.values() if r.pack == pack), None)
                if base is not None and rule_id not in rules_seen:
                    rules_seen[rule_id] = replace(
                        base, id=rule_id, category=category, severity=severity, why=why
                    )
            else:
                rules_seen[rule.id] = rule
        for finding in file.all_findings:
            if finding.rule not in rules_seen:
                base = next((r for r in rules_seen.values() if r.pack == finding.pack), None)
                if base is not None:
                    rules_seen[finding.rule] = replace(
                        base, id=finding.rule, category=finding.category, severity=finding.severity
                    )


def _executor(args) -> str:
    """Where the check runs; --scheduler implies dask."""
    executor = args.executor or ("dask" if args.scheduler else "local")
    if args.scheduler and executor != "dask":
        raise ConfigError("--scheduler needs --executor dask")
    if args.scheduler and args.jobs is not None:
        raise ConfigError("--jobs sizes a local cluster; with --scheduler the cluster's workers do the work")
    if args.scheduler_timeout <= 0:
        raise ConfigError("--scheduler-timeout must be positive")
    return executor


def _exit_code(result, args, base) -> int:
    if result.errors:
        return EXIT_INPUT
    for file in result.files:
        config = file.config or base
        fail_level = args.fail_level or config.fail_level
        fail_under = args.fail_under if args.fail_under is not None else config.fail_under
        if fail_level != "none" and any(f.level >= LEVEL[fail_level] for f in file.all_findings):
            return EXIT_GATE
        if fail_under is not None and file.score < fail_under:
            return EXIT_GATE
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
