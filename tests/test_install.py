"""`pip install .` ships the packs: the installed command finds them when run
from another directory, with no source tree on the path."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv

import pytest
from conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("install")
    wheel_dir = work / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheel_dir),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(wheel_dir.glob("copydesk-*.whl"))
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # The wheel goes into the fresh venv; its dependencies come from this
    # interpreter's site-packages through a .pth (appended after the venv's own).
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )
    with open(f"{site}/zz-test-deps.pth", "w") as handle:
        handle.write(sysconfig.get_paths()["purelib"] + "\n")
    return env_dir, wheel


def test_wheel_contains_packs(installed):
    import zipfile

    _, wheel = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert "linter/rules/filler.yaml" in names and "linter/rules/cliches.txt" in names


def test_installed_command_finds_packs_from_another_directory(installed, tmp_path):
    env_dir, _ = installed
    draft = tmp_path / "draft.md"
    draft.write_text("Guys, this is the tip of the iceberg.\n")
    proc = subprocess.run(
        [str(env_dir / "bin" / "copydesk"), "check", "--format", "json", "draft.md"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "COPYDESK_CACHE_DIR": os.environ["COPYDESK_CACHE_DIR"]},
    )
    assert proc.returncode == 0, proc.stderr
    assert '"filler.reader-address"' in proc.stdout and '"cliches.stock-phrase"' in proc.stdout
    where = subprocess.run(
        [str(env_dir / "bin" / "python"), "-c", "import linter; print(linter.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout
    assert str(env_dir) in where  # the installed copy, not the source tree
