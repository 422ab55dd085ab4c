"""LanguageTool for the grammar pack: one server per run, answers cached by
paragraph text, matches handed to the kernel (linter/kinds/grammar.py).

Two ways to reach LanguageTool, both through language-tool-python: a server
the user names (`grammar: {server: URL}` or $COPYDESK_LANGUAGETOOL_URL), or a
local one language-tool-python starts itself (from the Maven-assembled copy of
`copydesk languagetool fetch` when there is one, else its own download)."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass

from .errors import ConfigError
from .kinds import grammar as grammar_kind

URL_VARIABLE = "COPYDESK_LANGUAGETOOL_URL"
MAX_REQUEST_CHARS = 20_000  # one request per document, split past this
PROBE_TIMEOUT = 10.0  # seconds to wait for a named server before giving up
FIX = (
    "start one (`copydesk languagetool serve`), name it with grammar.server in the config "
    f"or ${URL_VARIABLE}, or set `grammar: {{required: false}}` to skip grammar"
)


class GrammarUnavailable(ConfigError):
    """Grammar is on, required, and no LanguageTool could be reached or started."""

    def __init__(self, reason: str):
        super().__init__(f"grammar: {reason}; {FIX}")
        self.reason = reason


@dataclass(frozen=True)
class GrammarSettings:
    server: str | None = None
    required: bool = True

    @classmethod
    def from_config(cls, config) -> GrammarSettings:
        section = getattr(config, "grammar", None) or {}
        return cls(section.get("server"), section.get("required", True))


def wanted(config, selection) -> bool:
    """Whether this run may turn the grammar pack on (so a server is needed)."""

    def names_grammar(names) -> bool:
        return any(name == "grammar" or name.startswith("grammar.") for name in names)

    if selection.select:
        return names_grammar(selection.select) and "grammar" not in selection.ignore
    if "grammar" in selection.ignore:
        return False
    settings = [config.packs, config.rules] + [o["packs"] for o in config.overrides]
    settings += [o["rules"] for o in config.overrides]
    return any(
        (name == "grammar" and value is True)
        or (
            name.startswith("grammar.") and value.get("severity") != "off"
            if isinstance(value, dict)
            else False
        )
        for setting in settings
        for name, value in setting.items()
    )


class GrammarService:
    """A connection to one LanguageTool for the whole run."""

    def __init__(self, settings: GrammarSettings, store=None):
        self.settings = settings
        self.store = store  # optional on-disk cache: get(key) / put(key, value)
        self.url: str | None = None
        self.failure: str | None = None
        self.requests = 0
        self.cached = 0
        self._tool = None
        self._memo: dict[str, list] = {}
        self._version = ""

    # -- connecting ----------------------------------------------------------------
    def open(self) -> bool:
        """Connect (or start a local server); False with `failure` set when that
        fails and grammar is not required. Raises GrammarUnavailable otherwise."""
        if self._tool is not None or self.failure is not None:
            return self._tool is not None
        url = self.settings.server or os.environ.get(URL_VARIABLE)
        try:
            self._tool = self._connect(url) if url else self._start_local()
        except GrammarUnavailable as error:
            if self.settings.required:
                raise
            self.failure = error.reason
            return False
        self.url = self._tool._url.rstrip("/").removesuffix("/v2")
        self._version = self._server_version()
        return True

    def _server_version(self) -> str:
        """LanguageTool's version, part of every cache key: an upgrade misses."""
        from .languagetool import check_request

        try:
            return check_request(self.url, "copydesk", timeout=120)["software"]["version"]
        except Exception as exc:  # noqa: BLE001 - any failure here means the server is unusable
            self.close()
            error = GrammarUnavailable(f"LanguageTool at {self.url} failed: {_one_line(exc)}")
            if self.settings.required:
                raise error from None
            self.failure = error.reason
            return ""

    def _connect(self, url: str):
        import urllib.error
        import urllib.request

        import language_tool_python as ltp

        base = url.rstrip("/").removesuffix("/v2")
        try:
            # language-tool-python waits up to 300 s for a silent host; probe first.
            with urllib.request.urlopen(f"{base}/v2/languages", timeout=PROBE_TIMEOUT) as response:
                json.loads(response.read().decode("utf-8"))
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise GrammarUnavailable(f"no LanguageTool answering at {base} ({reason})") from None
        try:
            return ltp.LanguageTool("en-US", remote_server=base)
        except Exception as exc:  # language-tool-python raises several unrelated types
            raise GrammarUnavailable(f"LanguageTool at {base} failed: {_one_line(exc)}") from None

    def _start_local(self):
        from . import languagetool

        options = {}
        assembled = languagetool.installed()
        if assembled and "LTP_PATH" not in os.environ:
            # language-tool-python looks for LanguageTool-<version>/ here.
            os.environ["LTP_PATH"] = str(languagetool.cache_root())
            options["language_tool_download_version"] = assembled[0][0]
        try:
            import language_tool_python as ltp

            return ltp.LanguageTool("en-US", **options)
        except BaseException as exc:  # it can even raise SystemExit on an odd `java -version`
            if isinstance(exc, KeyboardInterrupt):
                raise
            raise GrammarUnavailable(
                f"could not start a local LanguageTool ({_one_line(exc)}); it needs Java 17+ "
                "and `copydesk languagetool fetch` (Maven) or internet access for its download"
            ) from None

    def close(self) -> None:
        if self._tool is not None:
            try:
                self._tool.close()  # stops the server if we started it
            except Exception:
                pass
            self._tool = None

    # -- checking --------------------------------------------------------------------
    def attach(self, doc, rules) -> None:
        """Put LanguageTool's answers for `doc` on `doc.external`, per rule id."""
        answers = {}
        for rule in rules:
            pieces = grammar_kind.pieces(doc, rule)
            answers[rule.id] = list(zip(pieces, self._matches(pieces, grammar_kind.request_params(rule))))
        doc.external = {**(doc.external or {}), grammar_kind.SERVICE: answers}

    def _matches(self, pieces, params) -> list[list[dict]]:
        keys = [self._key(piece.text, params) for piece in pieces]
        results: list[list[dict] | None] = [self._lookup(key) for key in keys]
        todo = [i for i, result in enumerate(results) if result is None]
        self.cached += len(pieces) - len(todo)
        batch: list[int] = []
        size = 0
        for i in todo + [None]:
            if i is not None and (not batch or size + len(pieces[i].text) < MAX_REQUEST_CHARS):
                batch.append(i)
                size += len(pieces[i].text) + 2
                continue
            if batch:
                for j, matches in zip(batch, self._request([pieces[j].text for j in batch], params)):
                    results[j] = matches
                    self._remember(keys[j], matches)
            batch, size = ([i], len(pieces[i].text) + 2) if i is not None else ([], 0)
        return results

    def _request(self, texts: list[str], params) -> list[list[dict]]:
        """One LanguageTool request for several blocks, split back per block."""
        tool = self._tool
        tool.language = params["language"]
        tool.disabled_rules = set(params["disabled_rules"])
        tool.enabled_rules = set(params["enabled_rules"])
        tool.disabled_categories = set(params["disabled_categories"])
        tool.enabled_categories = set(params["enabled_categories"])
        joined = "\n\n".join(texts)
        try:
            matches = tool.check(joined)
        except Exception as exc:
            raise GrammarUnavailable(f"LanguageTool request failed: {_one_line(exc)}") from None
        self.requests += 1
        starts, at = [], 0
        for text in texts:
            starts.append(at)
            at += len(text) + 2
        per_text: list[list[dict]] = [[] for _ in texts]
        for match in matches:
            k = next((k for k in range(len(texts) - 1, -1, -1) if starts[k] <= match.offset), 0)
            offset = match.offset - starts[k]
            if offset + match.error_length > len(texts[k]):
                continue  # across the join: not about any one block
            per_text[k].append(
                {
                    "offset": offset,
                    "length": match.error_length,
                    "rule": match.rule_id,
                    "category": match.category,
                    "issue_type": match.rule_issue_type,
                    "message": match.message,
                    "replacements": list(match.replacements[:10]),
                }
            )
        return per_text

    # -- cache -----------------------------------------------------------------------
    def _key(self, text: str, params) -> str:
        payload = json.dumps([params, text], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(f"languagetool {self._version}|{payload}".encode()).hexdigest()

    def _lookup(self, key: str):
        if key in self._memo:
            return self._memo[key]
        if self.store is not None:
            value = self.store.get(key)
            if isinstance(value, list):
                self._memo[key] = value
                return value
        return None

    def _remember(self, key: str, matches: list) -> None:
        self._memo[key] = matches
        if self.store is not None:
            self.store.put(key, matches)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"[:200]
