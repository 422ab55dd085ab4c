"""Checking files on a Dask cluster (dask.distributed), for archives that
outgrow one machine.

The client sends batches of (name, absolute path) pairs; each worker process
builds one Linter per config and selection, reuses it, and reads the drafts
itself, so every worker must see the files and configs at the same absolute
paths (a shared filesystem). Results stream back as batches finish and are
added to the run in input order: the reports equal a local run's."""

from __future__ import annotations

import contextlib
import itertools
import logging
from dataclasses import astuple
from pathlib import Path

from . import __version__
from .errors import ConfigError, CopydeskError, InputError

INSTALL_HINT = "pip install 'copydesk[dask]'"
MAX_BATCH = 32  # files per task: a file costs ~10 ms, a task's round trip ~1 ms
IN_FLIGHT = 4  # batches submitted per worker thread: keeps it busy, bounds the futures of a huge run
RETRIES = 2  # Dask reruns a task that raised (a flaky filesystem) this many times
RESUBMITS = 3  # we resend a batch Dask gave up on after its workers died (KilledWorker)
_MAX_LINTERS = 8  # a long-lived worker serves many runs; keep its cache small

_linters: dict = {}  # this worker process's Linters, by (config path, selection)


# -- on the worker ---------------------------------------------------------------
def check_batch(version: str, config_path: str | None, selection, items) -> list:
    """Check (name, absolute path) pairs: a FileResult or an InputError for
    each, or a ConfigError that stops the run (as it would locally)."""
    if version != __version__:
        return [
            ConfigError(
                f"a Dask worker runs copydesk {__version__}, this is {version}: install the same on the workers"
            )
        ]
    outcomes = []
    try:
        linter = _linter(config_path, selection)
        for name, path in items:
            try:
                file = linter.check_file(Path(path), name)
            except InputError as error:
                error.path = name
                outcomes.append(error)
                continue
            file.config = None  # the client puts back its own: same file, its own paths
            outcomes.append(file)
    except ConfigError as error:
        outcomes.append(error)
    return outcomes


def _linter(config_path, selection):
    key = (config_path, astuple(selection))
    if key not in _linters:
        from .config import ConfigFinder
        from .runner import Linter

        if len(_linters) >= _MAX_LINTERS:
            _linters.clear()
        _linters[key] = Linter(ConfigFinder(Path(config_path) if config_path else None), selection)
    return _linters[key]


# -- on the client ---------------------------------------------------------------
def run_dask(
    targets, config_path, selection, result, progress=None, *, scheduler=None, workers=1, timeout=10.0
) -> None:
    """Check `targets` on the cluster at `scheduler` (or on a local cluster of
    `workers` processes), appending to `result` in the order given."""
    if not targets:
        return
    items = [(str(t), str(Path(t).absolute())) for t in targets]
    config_path = str(Path(config_path).absolute()) if config_path else None
    with _client(scheduler, workers, timeout) as client:
        for outcomes in _ordered(client, items, config_path, selection, progress, scheduler):
            for outcome in outcomes:
                if isinstance(outcome, InputError):
                    result.errors.append(outcome)
                elif isinstance(outcome, CopydeskError):
                    raise outcome
                else:
                    if outcome.words == 0:
                        result.notes.append(f"{outcome.path}: empty draft (no prose), nothing to check")
                    result.notes.extend(outcome.notes)
                    result.files.append(outcome)


def _import():
    try:
        import distributed
    except ImportError:
        raise ConfigError(f"--executor dask needs dask.distributed: {INSTALL_HINT}") from None
    return distributed


@contextlib.contextmanager
def _client(scheduler, workers, timeout):
    distributed = _import()
    # Dask's own logging (a lost result rescheduled, a worker restarting, the
    # traceback of a lost connection) is not the user's business: whatever
    # fails the run reaches them as one line from the exception.
    for name in ("distributed", "distributed.client", "distributed.gc"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    with contextlib.ExitStack() as stack:
        if scheduler is None:
            cluster = stack.enter_context(
                distributed.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,  # the check holds the GIL: processes, not threads
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=":0",  # Dask serves HTTP anyway; any free port, not 8787
                    silence_logs=logging.CRITICAL,
                )
            )
            address = cluster.scheduler_address
        else:
            address = scheduler
            try:  # a malformed address fails here, before a Client half-starts on it
                distributed.comm.get_address_host_port(address)
            except ValueError as exc:
                raise ConfigError(f"bad Dask scheduler address {address!r}: {exc}") from None
        try:
            client = stack.enter_context(distributed.Client(address, timeout=timeout, set_as_default=False))
        except (OSError, ValueError, TypeError, distributed.TimeoutError) as exc:
            raise ConfigError(f"cannot reach Dask scheduler at {address}: {exc}") from None
        try:
            client.wait_for_workers(1, timeout=timeout)
        except (OSError, distributed.TimeoutError):
            raise ConfigError(
                f"the Dask scheduler at {address} has no workers (waited {timeout:g} s)"
            ) from None
        try:
            # A worker that cannot import copydesk cannot even read a task, and
            # the run would hang; `exec` is a builtin, so this probe always arrives.
            client.run(exec, "import linter.cluster")
        except ImportError as exc:
            raise ConfigError(
                f"a Dask worker cannot import copydesk ({exc}): {INSTALL_HINT} on every worker"
            ) from None
        yield client


def _ordered(client, items, config_path, selection, progress, scheduler):
    """Each batch's outcomes, in input order, as the batches finish."""
    from distributed import CancelledError, KilledWorker, as_completed

    threads = sum(client.nthreads().values()) or 1
    size = max(1, min(MAX_BATCH, len(items) // (threads * 8)))
    batches = [items[i : i + size] for i in range(0, len(items), size)]
    index_of = {}  # future -> batch index
    resent = {}  # batch index -> times resubmitted

    def submit(index):
        future = client.submit(
            check_batch, __version__, config_path, selection, batches[index], pure=False, retries=RETRIES
        )
        index_of[future] = index
        return future

    waiting = iter(range(len(batches)))
    running = as_completed(
        [submit(i) for i in itertools.islice(waiting, threads * IN_FLIGHT)], loop=client.loop
    )
    finished, next_index = {}, 0
    for future in running:
        index = index_of.pop(future)
        try:
            outcomes = future.result()
        except KilledWorker:
            # Dask gives a task up when workers die under it `allowed-failures`
            # times; a dying worker is the cluster's fault, not the batch's.
            resent[index] = resent.get(index, 0) + 1
            if resent[index] > RESUBMITS:
                raise ConfigError(
                    f"Dask workers kept dying while checking {batches[index][0][0]} "
                    f"(or the {len(batches[index]) - 1} files after it)"
                ) from None
            running.add(submit(index))
            continue
        except CancelledError:
            raise ConfigError(f"lost the Dask scheduler at {scheduler or 'the local cluster'}") from None
        if progress is not None:
            for _ in outcomes:
                progress.advance()
        finished[index] = outcomes
        following = next(waiting, None)
        if following is not None:
            running.add(submit(following))
        while next_index in finished:
            yield finished.pop(next_index)
            next_index += 1
