"""A LanguageTool HTTP server from Maven Central: assemble it, start it, stop it.

language-tool-python downloads LanguageTool from languagetool.org; where only
a Maven repository is reachable (CI machines, mirrors), this module resolves
`org.languagetool:languagetool-server` and `language-en` with Maven into a
cache directory laid out the way language-tool-python expects
(`LanguageTool-<version>/languagetool-server.jar`), so both its own local start
and ours find it. Standard library only: CI runs it before any venv exists.

    python -m linter.languagetool fetch            # assemble, print the directory
    python -m linter.languagetool serve            # run in the foreground
    python -m linter.languagetool start            # background; prints shell exports
    python -m linter.languagetool stop PID
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

MAVEN_URL = os.environ.get("COPYDESK_MAVEN_URL", "https://repo1.maven.org/maven2")
ARTIFACTS = ("languagetool-server", "language-en")
URL_VARIABLE = "COPYDESK_LANGUAGETOOL_URL"
HOST = "127.0.0.1"
START_TIMEOUT = 180.0  # seconds; a cold JVM on a slow CI machine


class LanguageToolSetupError(Exception):
    """Assembling or starting LanguageTool failed; the message says why."""


# -- where it lives --------------------------------------------------------------
def cache_root() -> Path:
    """`$COPYDESK_CACHE_DIR/languagetool`, else the user cache directory's."""
    base = os.environ.get("COPYDESK_CACHE_DIR")
    if base:
        return Path(base) / "languagetool"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "copydesk" / "languagetool"
    if os.name == "nt":
        local = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(local) / "copydesk" / "Cache" / "languagetool"
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "copydesk" / "languagetool"


def _version_key(version: str) -> tuple:
    return tuple(int(part) if part.isdigit() else 0 for part in re.split(r"[.-]", version))


def installed(root: Path | None = None) -> list[tuple[str, Path]]:
    """Assembled versions under `root`, newest first."""
    root = root or cache_root()
    found = []
    for directory in root.glob("LanguageTool-*"):
        if (directory / "languagetool-server.jar").is_file():
            found.append((directory.name.removeprefix("LanguageTool-"), directory))
    return sorted(found, key=lambda item: _version_key(item[0]), reverse=True)


# -- Java ----------------------------------------------------------------------
def java_major() -> int:
    java = shutil.which("java")
    if java is None:
        raise LanguageToolSetupError("no `java` on PATH; LanguageTool needs Java 17 or later")
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not match:
        raise LanguageToolSetupError(f"cannot read the Java version from: {out.strip()[:80]}")
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def _class_file_java(jar: Path) -> int:
    """The Java release a jar's classes were compiled for (class file major - 44)."""
    with zipfile.ZipFile(jar) as archive:
        for name in archive.namelist():
            if name.endswith(".class") and not name.startswith("META-INF/"):
                header = archive.read(name)[:8]
                return int.from_bytes(header[6:8], "big") - 44
    return 0


# -- assembling -----------------------------------------------------------------
def available_versions() -> list[str]:
    """Releases of languagetool-server on the Maven repository, newest first."""
    url = f"{MAVEN_URL}/org/languagetool/languagetool-server/maven-metadata.xml"
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            xml = response.read().decode("utf-8")
    except (urllib.error.URLError, OSError) as exc:
        raise LanguageToolSetupError(f"cannot read {url}: {exc}") from None
    versions = re.findall(r"<version>([^<]+)</version>", xml)
    releases = [v for v in versions if re.fullmatch(r"\d+(\.\d+)*", v)]
    return sorted(releases, key=_version_key, reverse=True)


POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>copydesk</groupId>
  <artifactId>languagetool-assembly</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
{dependencies}
  </dependencies>
</project>
"""


def _maven_copy(version: str, libs: Path, log) -> None:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LanguageToolSetupError("no `mvn` on PATH; install Maven to assemble LanguageTool")
    dependencies = "\n".join(
        f"    <dependency><groupId>org.languagetool</groupId><artifactId>{artifact}</artifactId>"
        f"<version>{version}</version></dependency>"
        for artifact in ARTIFACTS
    )
    with tempfile.TemporaryDirectory() as scratch:
        pom = Path(scratch) / "pom.xml"
        pom.write_text(POM.format(dependencies=dependencies), "utf-8")
        command = [
            mvn,
            "-B",
            "-q",
            "-f",
            str(pom),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={libs}",
            "-DincludeScope=runtime",
        ]
        log(f"assembling LanguageTool {version} with Maven into {libs.parent}")
        proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = " | ".join((proc.stdout + proc.stderr).strip().splitlines()[-3:])
        raise LanguageToolSetupError(f"Maven could not fetch LanguageTool {version}: {tail}")


def _manifest_jar(directory: Path, jars: list[str]) -> None:
    """`languagetool-server.jar`: an empty jar whose manifest puts every library
    on the class path, so `java -cp languagetool-server.jar` works as with the
    release zip (this is how language-tool-python starts it)."""

    def header(name: str, value: str) -> bytes:
        # Manifest lines are at most 72 bytes; longer ones continue after a space.
        raw = f"{name}: {value}".encode()
        lines = [raw[:72]] + [b" " + raw[i : i + 71] for i in range(72, len(raw), 71)]
        return b"\r\n".join(lines) + b"\r\n"

    manifest = (
        b"Manifest-Version: 1.0\r\n"
        + header("Class-Path", " ".join(f"libs/{jar}" for jar in jars))
        + header("Main-Class", "org.languagetool.server.HTTPServer")
        + b"\r\n"
    )
    with zipfile.ZipFile(directory / "languagetool-server.jar", "w") as archive:
        archive.writestr("META-INF/MANIFEST.MF", manifest)


def fetch(version: str | None = None, root: Path | None = None, log=print) -> Path:
    """The directory of an assembled LanguageTool: `version`, or the newest
    release whose classes run on this machine's Java. Reuses what is there."""
    root = root or cache_root()
    have = installed(root)
    if version is None and have:
        return have[0][1]
    for v, directory in have:
        if v == version:
            return directory
    java = java_major()
    candidates = [version] if version else available_versions()[:4]
    root.mkdir(parents=True, exist_ok=True)
    for candidate in candidates:
        partial = Path(tempfile.mkdtemp(prefix=f".LanguageTool-{candidate}.", dir=root))
        try:
            _maven_copy(candidate, partial / "libs", log)
            core = next((partial / "libs").glob("languagetool-core-*.jar"), None)
            needs = _class_file_java(core) if core else 0
            if needs > java:
                log(f"LanguageTool {candidate} needs Java {needs}; this machine has {java}")
                if version:
                    raise LanguageToolSetupError(f"LanguageTool {candidate} needs Java {needs}, found {java}")
                continue
            _manifest_jar(partial, sorted(p.name for p in (partial / "libs").glob("*.jar")))
            final = root / f"LanguageTool-{candidate}"
            try:
                partial.rename(final)  # atomic: a concurrent fetch may win, which is fine
            except OSError:
                if not (final / "languagetool-server.jar").is_file():
                    raise
            return final
        finally:
            if partial.exists():
                shutil.rmtree(partial, ignore_errors=True)
    raise LanguageToolSetupError(f"no LanguageTool release among {candidates} runs on Java {java}")


# -- running --------------------------------------------------------------------
def free_port(host: str = HOST) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def check_request(url: str, text: str, timeout: float = 60.0) -> dict:
    """One /v2/check request (used to warm the server and to probe it)."""
    data = urllib.parse.urlencode({"language": "en-US", "text": text}).encode()
    endpoint = url.rstrip("/") + "/v2/check"
    with urllib.request.urlopen(endpoint, data=data, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


class Server:
    """A LanguageTool HTTPServer process on 127.0.0.1."""

    def __init__(self, process: subprocess.Popen, port: int, log_path: Path):
        self.process = process
        self.port = port
        self.url = f"http://{HOST}:{port}"
        self.log_path = log_path

    def stop(self) -> None:
        stop_pid(self.process.pid)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass


def start(
    directory: Path | None = None, port: int = 0, timeout: float = START_TIMEOUT, detach=False
) -> Server:
    """Start HTTPServer on 127.0.0.1 (a free port unless given), wait until it
    answers a real check (the first one loads the rules: seconds), return it."""
    directory = directory or fetch(log=lambda message: print(message, file=sys.stderr))
    java = shutil.which("java")
    if java is None:
        raise LanguageToolSetupError("no `java` on PATH; LanguageTool needs Java 17 or later")
    chosen = port or free_port()
    log_path = directory.parent / f"server-{chosen}.log"
    command = [
        java,
        "-Xss4m",
        "-cp",
        str(directory / "languagetool-server.jar"),
        "org.languagetool.server.HTTPServer",
        "--port",
        str(chosen),
    ]
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=detach,
        )
    server = Server(process, chosen, log_path)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = " | ".join(log_path.read_text(errors="replace").strip().splitlines()[-2:])
            raise LanguageToolSetupError(f"LanguageTool exited with code {process.returncode}: {tail}")
        try:
            check_request(server.url, "Warm up the rules.", timeout=max(1.0, deadline - time.monotonic()))
            return server
        except (urllib.error.URLError, OSError, ValueError):
            time.sleep(0.25)
    server.stop()
    raise LanguageToolSetupError(f"LanguageTool did not answer on {server.url} within {timeout:.0f} s")


def stop_pid(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        if _reaped(pid):
            return
        time.sleep(0.1)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _reaped(pid: int) -> bool:
    try:
        done, _status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return False
    return done == pid


# -- command line ---------------------------------------------------------------
def main(argv: list[str] | None = None, prog: str = "languagetool") -> int:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Assemble LanguageTool from Maven Central and run its HTTP server on 127.0.0.1.",
    )
    parser.add_argument("--cache-dir", type=Path, help=f"where to assemble it (default: {cache_root()})")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    fetch_cmd = sub.add_parser("fetch", help="assemble LanguageTool with Maven; print its directory")
    fetch_cmd.add_argument("--version", help="a LanguageTool release (default: the newest that runs here)")
    for name, text in (
        ("serve", "run the server in the foreground until interrupted"),
        ("start", "start the server in the background; print shell exports of its URL and PID"),
    ):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    stop_cmd = sub.add_parser("stop", help="stop a server started with `start`")
    stop_cmd.add_argument("pid", type=int)
    args = parser.parse_args(argv)
    try:
        if args.command == "stop":
            stop_pid(args.pid)
            return 0
        directory = fetch(getattr(args, "version", None), args.cache_dir, log=_stderr)
        if args.command == "fetch":
            print(directory)
            return 0
        began = time.monotonic()
        server = start(directory, args.port, detach=args.command == "start")
        _stderr(f"LanguageTool answering on {server.url} after {time.monotonic() - began:.1f} s")
        if args.command == "start":
            print(f"export {URL_VARIABLE}={server.url}")
            print(f"export COPYDESK_LANGUAGETOOL_PID={server.process.pid}")
            return 0
        signal.signal(signal.SIGTERM, lambda *_: server.stop())
        print(f"LanguageTool serving on {server.url}; Ctrl-C stops it", flush=True)
        try:
            server.process.wait()
        except KeyboardInterrupt:
            server.stop()
        return 0
    except LanguageToolSetupError as error:
        print(f"{prog}: {error}", file=sys.stderr)
        return 2


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
