from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def _session_cache(tmp_path_factory):
    """Runs of the real command cache their results in this session's own
    directory, never the user's; later tests re-running the same drafts with
    other options also check that the cache keys tell them apart."""
    os.environ["COPYDESK_CACHE_DIR"] = str(tmp_path_factory.mktemp("copydesk-cache"))
    yield
    del os.environ["COPYDESK_CACHE_DIR"]


@pytest.fixture(scope="session")
def builtin_packs():
    from linter.packs import builtin_rules_dir, load_packs

    return load_packs([builtin_rules_dir()])


def run_cli(*args, cwd=None, stdin=None, env=None):
    """Run the real command in a subprocess: exit code, stdout, stderr."""
    env = {**os.environ, **(env or {})}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    proc = subprocess.run(
        [sys.executable, "-m", "linter.cli", *map(str, args)],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=env,
        text=not isinstance(stdin, bytes),
    )
    out = proc.stdout if isinstance(proc.stdout, str) else proc.stdout.decode()
    err = proc.stderr if isinstance(proc.stderr, str) else proc.stderr.decode()
    return proc.returncode, out, err


@pytest.fixture(scope="session")
def languagetool_url():
    """A real LanguageTool server: $COPYDESK_LANGUAGETOOL_URL (CI starts one
    with scripts/languagetool), else one assembled from Maven Central and
    started here. Never skipped: without Java or Maven the grammar tests fail."""
    from linter import languagetool

    url = os.environ.get(languagetool.URL_VARIABLE)
    if url:
        languagetool.check_request(url, "Warm up.")  # fails loudly if it is not there
        yield url
        return
    server = languagetool.start()
    yield server.url
    server.stop()
