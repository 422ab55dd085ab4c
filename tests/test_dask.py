"""--executor dask: a real LocalCluster of two worker processes gives the same
reports and exit codes as a local run, and a worker killed mid-run loses no file."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import dask
import pytest
from conftest import FIXTURES, ROOT, run_cli
from distributed import Client, LocalCluster

COPIES = 20  # 320 drafts: a run of a few seconds, long enough to kill a worker in


def _start_cluster():
    # dashboard_address=None still serves HTTP on 8787; ":0" takes a free port.
    return LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0"
    )


@pytest.fixture(scope="module")
def cluster():
    with _start_cluster() as cluster:
        yield cluster


def _copy_drafts(root, copies):
    """Copies of the fixture drafts under distinct names, plus two unreadable files."""
    drafts = [
        p
        for p in sorted(FIXTURES.iterdir())
        if p.suffix in (".md", ".html", ".txt") and p.name not in ("README.md", "LABELLING.md")
    ]
    for i in range(copies):
        for draft in drafts:
            shutil.copy(draft, root / f"{i:02d}-{draft.name}")
    (root / "zz-binary.md").write_bytes(b"\x00binary")
    (root / "zz-latin1.txt").write_bytes(b"Caf\xe9 au lait.\n")
    return root


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return _copy_drafts(tmp_path_factory.mktemp("corpus"), COPIES)


@pytest.fixture(scope="module")
def local_json(corpus):
    code, out, err = run_cli("check", "--format", "json", "--jobs", "1", corpus)
    assert code == 3, err  # the two bad files, as per-file errors
    return out


def _env():
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _batches(dask_scheduler):
    """On the scheduler: check batches finished, batches a dying worker held,
    batches Dask gave up on, and the workers running one now. (The counts
    live while the run has tasks on the cluster.)"""
    prefix = dask_scheduler.task_prefixes.get("check_batch")
    counts = (
        (prefix.state_counts["memory"], prefix.suspicious, prefix.state_counts["erred"])
        if prefix
        else (0, 0, 0)
    )
    busy = [
        ws.address
        for ws in dask_scheduler.workers.values()
        if any(ts.prefix.name == "check_batch" for ts in ws.processing)
    ]
    return *counts, busy


def _run_killing_a_worker(address, corpus, tmp_path):
    """Run copydesk on the cluster and, once results are coming back, SIGKILL
    a worker in the middle of a batch. Returns the exit code, the report,
    stderr, and how many batches the kill hit and Dask gave up on."""
    out, err = tmp_path / "out.json", tmp_path / "err.txt"
    with Client(address, set_as_default=False) as client:
        client.wait_for_workers(2, timeout=60)  # a worker killed by an earlier test is back
        pids = client.run(os.getpid)
        with out.open("w") as stdout, err.open("w") as stderr:
            command = ["check", "--format", "json", "--scheduler", address, str(corpus)]
            proc = subprocess.Popen(
                [sys.executable, "-m", "linter.cli", *command], stdout=stdout, stderr=stderr, env=_env()
            )
        killed, hit, erred = False, 0, 0
        deadline = time.monotonic() + 180
        while proc.poll() is None:
            assert time.monotonic() < deadline, "the run hangs"
            done, suspicious, failed, busy = client.run_on_scheduler(_batches)
            hit, erred = max(hit, suspicious), max(erred, failed)
            if not killed and done >= 2 and busy and busy[0] in pids:
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed = True
            time.sleep(0.02)
    assert killed, "the run ended before a worker could be killed"
    assert hit >= 1, "the killed worker was running no batch"
    return proc.returncode, out.read_text(), err.read_text(), erred


def _paths(report):
    return [f["path"] for f in json.loads(report)["files"]]


def test_cluster_report_equals_local_run(cluster, corpus, local_json):
    code, out, err = run_cli("check", "--format", "json", "--scheduler", cluster.scheduler_address, corpus)
    assert (code, err) == (3, "")
    assert out == local_json
    errors = json.loads(out)["errors"]
    assert sorted(e["path"] for e in errors) == [str(corpus / "zz-binary.md"), str(corpus / "zz-latin1.txt")]


def test_text_report_and_relative_paths_equal_local_run(cluster, tmp_path):
    """Workers read by absolute path, from their own directory; the report keeps the user's paths."""
    (tmp_path / "drafts").mkdir()
    _copy_drafts(tmp_path / "drafts", 1)
    local = run_cli("check", "--no-color", "--jobs", "1", "drafts", cwd=tmp_path)
    dask_run = run_cli(
        "check", "--no-color", "--scheduler", cluster.scheduler_address, "drafts", cwd=tmp_path
    )
    assert dask_run == local and local[0] == 3
    assert "drafts/00-" in local[1] and "error drafts/zz-binary.md" in local[1]


def test_a_killed_worker_loses_no_file(cluster, corpus, local_json, tmp_path):
    code, out, err, _ = _run_killing_a_worker(cluster.scheduler_address, corpus, tmp_path)
    assert (code, err) == (3, "")
    paths = _paths(out)
    assert len(paths) == len(set(paths)) == len(_paths(local_json))
    assert out == local_json


def test_a_batch_dask_gives_up_on_is_sent_again(corpus, local_json, tmp_path):
    """With allowed-failures 0 Dask fails the batch a dying worker held
    (KilledWorker) instead of rescheduling it; copydesk resubmits it."""
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), _start_cluster() as cluster:
        code, out, err, erred = _run_killing_a_worker(cluster.scheduler_address, corpus, tmp_path)
    assert erred >= 1, "no batch failed: the resubmission was not exercised"
    assert (code, err) == (3, "")
    assert out == local_json


def test_local_cluster_without_scheduler(tmp_path):
    for draft in FIXTURES.glob("*-flawed.*"):
        shutil.copy(draft, tmp_path / draft.name)
    local = run_cli("check", "--format", "json", "--jobs", "1", tmp_path)
    dask_run = run_cli("check", "--format", "json", "--executor", "dask", "--jobs", "2", tmp_path)
    assert dask_run == local and local[0] == 1


def test_unreachable_scheduler_is_one_line_within_the_timeout(tmp_path):
    (tmp_path / "a.md").write_text("The council met on Tuesday, the clerk said.\n")
    with socket.socket() as probe:  # a free port nobody listens on
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    started = time.monotonic()
    code, out, err = run_cli("check", "--scheduler", address, "--scheduler-timeout", "2", tmp_path)
    assert time.monotonic() - started < 15
    assert code == 2 and out == ""
    assert err.startswith(f"copydesk: cannot reach Dask scheduler at {address}: ")
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["--scheduler", "nonsense://x"], "bad Dask scheduler address 'nonsense://x'"),
        (["--scheduler", "tcp://127.0.0.1"], "missing port number"),
        (["--executor", "local", "--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --executor dask"),
        (["--scheduler", "tcp://127.0.0.1:8786", "--jobs", "2"], "--jobs sizes a local cluster"),
        (["--executor", "dask", "--scheduler-timeout", "0"], "--scheduler-timeout must be positive"),
    ],
)
def test_usage_errors(tmp_path, args, message):
    (tmp_path / "a.md").write_text("Hello.\n")
    code, _, err = run_cli("check", *args, tmp_path)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_without_distributed_installed_says_how_to_get_it(tmp_path):
    shadow = tmp_path / "shadow" / "distributed"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError(\"No module named 'distributed'\")\n")
    (tmp_path / "a.md").write_text("Hello.\n")
    code, out, err = run_cli(
        "check", "--executor", "dask", tmp_path / "a.md", env={"PYTHONPATH": str(shadow.parent)}
    )
    assert code == 2
    assert err.strip() == "copydesk: --executor dask needs dask.distributed: pip install 'copydesk[dask]'"


def test_progress_advances_as_results_arrive(cluster, tmp_path):
    from test_progress import _drafts, _env, _run_with_terminal_stderr

    out = _run_with_terminal_stderr(
        ["check", "--scheduler", cluster.scheduler_address, str(_drafts(tmp_path))], _env()
    )
    assert "30/30 files" in out and "s left" in out


def test_a_local_run_does_not_import_dask(tmp_path):
    """Pre-commit runs pay nothing for the Dask executor."""
    (tmp_path / "a.md").write_text("The council met on Tuesday, the clerk said.\n")
    probe = (
        "import sys; from linter.cli import main; main(['check', sys.argv[1]]); "
        "assert 'distributed' not in sys.modules and 'dask' not in sys.modules"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "a.md")], capture_output=True, text=True, env=_env()
    )
    assert proc.returncode == 0, proc.stderr


def test_worker_batch_reports_the_users_names(tmp_path):
    from linter import __version__
    from linter.cluster import check_batch
    from linter.errors import ConfigError, InputError
    from linter.runner import Selection

    (tmp_path / "a.md").write_text("Guys, this is the tip of the iceberg.\n")
    (tmp_path / "b.md").write_bytes(b"\x00binary")
    items = [("drafts/a.md", str(tmp_path / "a.md")), ("drafts/b.md", str(tmp_path / "b.md"))]
    file, error = check_batch(__version__, None, Selection(), items)
    assert file.path == "drafts/a.md" and file.findings and file.config is None
    assert isinstance(error, InputError) and str(error).startswith("drafts/b.md: binary file")
    (stale,) = check_batch("0.0.1-other", None, Selection(), items)
    assert isinstance(stale, ConfigError) and "install the same on the workers" in str(stale)


def test_errors_survive_pickling_whole():
    """Worker processes send errors back; their location must come with them."""
    import pickle

    from linter.errors import InputError

    error = pickle.loads(pickle.dumps(InputError("not valid UTF-8", path="a.txt", line=2, column=5)))
    assert type(error) is InputError and str(error) == "a.txt:2:5: not valid UTF-8"


def test_a_worker_without_copydesk_is_one_line_not_a_hang(tmp_path):
    """Such a worker cannot even read a task; copydesk asks every worker first."""
    shadow = tmp_path / "shadow" / "linter"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError(\"No module named 'linter'\")\n")
    (tmp_path / "a.md").write_text("Hello.\n")
    with LocalCluster(n_workers=0, host="127.0.0.1", dashboard_address=":0") as scheduler_only:
        worker = subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", scheduler_only.scheduler_address]
            + ["--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"],
            env={**os.environ, "PYTHONPATH": str(shadow.parent)},
            cwd=tmp_path,  # not the source tree, which -m would put first on the path
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            code, out, err = run_cli(
                "check", "--scheduler", scheduler_only.scheduler_address, "--scheduler-timeout", "30",
                tmp_path / "a.md",
            )  # fmt: skip
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    assert code == 2 and out == ""
    assert err.strip() == (
        "copydesk: a Dask worker cannot import copydesk (No module named 'linter'): "
        "pip install 'copydesk[dask]' on every worker"
    )
