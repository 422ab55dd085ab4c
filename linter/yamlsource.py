"""YAML with positions: plain Python data plus where each value came from, so
that a bad config or rule is reported as path:line:col with the line shown."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ConfigError

Key = tuple  # a path into the data: ("rules", 0, "tokens", 3)


@dataclass
class Located:
    """Parsed YAML data and the source position of every node in it."""

    data: object
    path: str
    text: str
    positions: dict  # key -> (line, column) of the value
    key_positions: dict = None  # key -> (line, column) of the mapping key naming it

    def where(self, key: Key, at_key: bool = False) -> tuple[int, int]:
        """1-based line and column of the node at `key` (or its nearest parent)."""
        if at_key and self.key_positions and key in self.key_positions:
            return self.key_positions[key]
        while key not in self.positions and key:
            key = key[:-1]
        return self.positions.get(key, (1, 1))

    def error(self, key: Key, message: str, at_key: bool = False) -> ConfigError:
        """An error at the value of `key`, or at the key itself."""
        line, column = self.where(key, at_key)
        lines = self.text.splitlines()
        context = lines[line - 1] if 0 < line <= len(lines) else None
        return ConfigError(message, path=self.path, line=line, column=column, context=context)


def _construct(node, key: Key, positions: dict, located: Located, scalar_loader):
    import yaml

    positions[key] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                positions[key + ("?",)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                raise located.error(key + ("?",), "mapping keys must be plain words")
            name = scalar_loader.construct_object(key_node)
            located.key_positions[key + (name,)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            if name in result:
                raise located.error(key + (name,), f"duplicate key '{name}'", at_key=True)
            result[name] = _construct(value_node, key + (name,), positions, located, scalar_loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(item, key + (i,), positions, located, scalar_loader)
            for i, item in enumerate(node.value)
        ]
    return scalar_loader.construct_object(node)


def load_yaml(text: str, path: str) -> Located:
    """Parse YAML text; syntax errors become a ConfigError at their position."""
    # Imported here: a run whose packs come from the cache and that has no
    # config file reads no YAML, and PyYAML takes 20 ms to import.
    import yaml

    # The C loader is several times faster where PyYAML was built with it.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    located = Located(None, path, text, {}, {})
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        lines = text.splitlines()
        context = lines[line - 1] if line and line <= len(lines) else None
        raise ConfigError(
            f"invalid YAML: {exc.problem or exc}", path=path, line=line, column=column, context=context
        ) from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"invalid YAML: {exc}", path=path) from None
    if node is None:
        located.data = None
        return located
    scalar_loader = yaml.SafeLoader("")
    located.data = _construct(node, (), located.positions, located, scalar_loader)
    return located
