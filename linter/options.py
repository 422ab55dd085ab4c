"""Options are declared once, with type, default and doc; the same declarations
validate rule files and configs, document kinds, and give the JSON Schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .yamlsource import Key, Located

TYPE_NAMES = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    list: "list",
    dict: "mapping",
}


@dataclass(frozen=True)
class Option:
    type: str  # "str", "int", "float", "bool", "list[str]", "dict[str,str]", "dict", "choice"
    default: Any = None
    doc: str = ""
    choices: tuple = ()
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None

    def json_schema(self) -> dict:
        base = {
            "str": {"type": "string"},
            "int": {"type": "integer"},
            "float": {"type": "number"},
            "bool": {"type": "boolean"},
            "list[str]": {"type": "array", "items": {"type": "string"}},
            "dict[str,str]": {"type": "object", "additionalProperties": {"type": "string"}},
            "dict": {"type": "object"},
            "list": {"type": "array"},
            "choice": {"enum": list(self.choices)},
        }[self.type].copy()
        if self.doc:
            base["description"] = self.doc
        if self.default is not None:
            base["default"] = self.default
        if self.minimum is not None:
            base["minimum"] = self.minimum
        if self.maximum is not None:
            base["maximum"] = self.maximum
        return base


@dataclass
class Schema:
    """A set of declared options: validates one mapping from a YAML file."""

    options: dict[str, Option] = field(default_factory=dict)

    def validate(self, located: Located, key: Key, value: object, what: str) -> dict:
        if not isinstance(value, dict):
            raise located.error(key, f"{what} must be a mapping, not {_type_name(value)}")
        for name in value:
            if name not in self.options:
                known = ", ".join(sorted(self.options))
                raise located.error(
                    key + (name,), f"unknown key '{name}' in {what} (known: {known})", at_key=True
                )
        result = {}
        for name, option in self.options.items():
            if name not in value:
                if option.required:
                    raise located.error(key, f"{what} is missing required key '{name}'")
                result[name] = option.default
                continue
            result[name] = check_value(located, key + (name,), value[name], option, name)
        return result


def _type_name(value: object) -> str:
    if value is None:
        return "empty"
    return TYPE_NAMES.get(type(value), type(value).__name__)


def check_value(located: Located, key: Key, value: object, option: Option, name: str):
    kind = option.type
    if kind == "str":
        if not isinstance(value, str):
            raise located.error(key, f"'{name}' must be a string, not {_type_name(value)}")
    elif kind == "bool":
        if not isinstance(value, bool):
            raise located.error(key, f"'{name}' must be true or false, not {_type_name(value)}")
    elif kind in ("int", "float"):
        ok = isinstance(value, int) if kind == "int" else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok:
            raise located.error(key, f"'{name}' must be a number, not {_type_name(value)}")
        if option.minimum is not None and value < option.minimum:
            raise located.error(key, f"'{name}' must be at least {option.minimum}")
        if option.maximum is not None and value > option.maximum:
            raise located.error(key, f"'{name}' must be at most {option.maximum}")
    elif kind == "list[str]":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise located.error(key, f"'{name}' must be a list of strings, not {_type_name(value)}")
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise located.error(key + (i,), f"'{name}' item must be a string, not {_type_name(item)}")
    elif kind == "dict[str,str]":
        if not isinstance(value, dict):
            raise located.error(key, f"'{name}' must be a mapping, not {_type_name(value)}")
        for item_key, item in value.items():
            if not isinstance(item, str):
                raise located.error(key + (item_key,), f"'{name}.{item_key}' must be a string")
    elif kind == "list":
        if not isinstance(value, list):
            raise located.error(key, f"'{name}' must be a list, not {_type_name(value)}")
    elif kind == "dict":
        if not isinstance(value, dict):
            raise located.error(key, f"'{name}' must be a mapping, not {_type_name(value)}")
    elif kind == "choice":
        if value not in option.choices:
            allowed = ", ".join(str(c) for c in option.choices)
            raise located.error(key, f"'{name}' must be one of {allowed}, not {value!r}")
    return value
