"""Reading the demo store's data files (resources/demo/*.json): where they are, and a checked walk through
their content that names the file and the key of anything wrong ("item_types[3].price: ...")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kiosk.resources import resources_dir


class DemoDataError(ValueError):
    """A demo data file is missing or does not hold what the demo store needs."""


def load_json(file: Path) -> object:
    """A demo data file's parsed JSON; DemoDataError when it is missing or not JSON."""
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DemoDataError(f"demo data file not found: {file}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DemoDataError(f"{file}: cannot be read: {exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DemoDataError(f"{file}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None


def data_file(name: str) -> Path:
    return resources_dir() / "demo" / name


_TYPE_NAMES = {dict: "an object", list: "a list", str: "a string", int: "an integer", bool: "true or false"}


class Node:
    """One value of the parsed file and where it is ("item_types[3].price"), so every complaint names the key.
    The path is spelled out only for a complaint: the file's ~100k values are checked in a few ms."""

    __slots__ = ("_parent", "_step", "file", "value")

    def __init__(self, file: Path, value: object, parent: Node | None = None, step: str | int = "") -> None:
        self.file, self.value, self._parent, self._step = file, value, parent, step

    @property
    def where(self) -> str:
        if self._parent is None:
            return ""
        above = self._parent.where
        if isinstance(self._step, int):
            return f"{above}[{self._step}]"
        return f"{above}.{self._step}" if above else self._step

    def fail(self, problem: str) -> DemoDataError:
        return DemoDataError(f"{self.file}: {self.where or 'top level'}: {problem}")

    def _expect(self, kind: type) -> Any:
        # bool is an int in Python, and JSON's true must not pass for a number (nor 1 for true)
        value = self.value
        if type(value) is kind:
            return value
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            got = "null" if value is None else _TYPE_NAMES.get(type(value), type(value).__name__)
            if isinstance(value, float):
                got = "a number with a fraction"
            raise self.fail(f"expected {_TYPE_NAMES[kind]}, got {got}")
        return value

    def key(self, name: str, default: object = ...) -> Node:
        mapping: dict[str, object] = self._expect(dict)
        if name not in mapping:
            if default is ...:
                raise self.fail(f'missing key "{name}"')
            return Node(self.file, default, self, name)
        return Node(self.file, mapping[name], self, name)

    def items(self) -> list[Node]:
        file = self.file
        return [Node(file, v, self, i) for i, v in enumerate(self._expect(list))]

    def entries(self) -> list[tuple[str, Node]]:
        file = self.file
        return [(k, Node(file, v, self, k)) for k, v in self._expect(dict).items()]

    def text(self) -> str:
        value: str = self._expect(str)
        if not value.strip():
            raise self.fail("expected a non-empty string")
        return value

    def any_text(self) -> str:
        """A string that may be empty (a model suffix "": most models have none)."""
        value: str = self._expect(str)
        return value

    def integer(self, low: int = 0, high: int = 10**9) -> int:
        value: int = self._expect(int)
        if not low <= value <= high:
            raise self.fail(f"expected an integer from {low} to {high}, got {value}")
        return value

    def flag(self) -> bool:
        value: bool = self._expect(bool)
        return value

    def texts(self) -> tuple[str, ...]:
        return tuple(node.text() for node in self.items())

    def pair(self) -> tuple[str, str]:
        parts = self.items()
        if len(parts) != 2:
            raise self.fail(f"expected a list of 2 strings, got {len(parts)} items")
        return parts[0].text(), parts[1].text()

    def span(self, low: int, high: int) -> tuple[int, int]:
        parts = self.items()
        if len(parts) != 2:
            raise self.fail(f"expected a list of 2 integers, got {len(parts)} items")
        first, last = parts[0].integer(low, high), parts[1].integer(low, high)
        if first > last:
            raise self.fail(f"the first number ({first}) is larger than the second ({last})")
        return first, last

    def one_of(self, known: object, what: str) -> str:
        value = self.text()
        if value not in known:  # type: ignore[operator]
            raise self.fail(f"unknown {what} {value!r}")
        return value

    def named_or_list(self, shared: dict[str, Node], what: str) -> Node:
        """A list written in place, or the name of one in a shared table ("colours": "apparel"); complaints
        about a shared list name the place it is written ("size_sets.tops_w[0]")."""
        if isinstance(self.value, str):
            found = shared.get(self.value)
            if found is None:
                raise self.fail(f"unknown {what} {self.value!r}")
            return found
        return self

    def rgb(self) -> tuple[int, int, int]:
        parts = self.items()
        if len(parts) != 3:
            raise self.fail(f"expected a list of 3 integers (red, green, blue), got {len(parts)} items")
        red, green, blue = (p.integer(0, 255) for p in parts)
        return red, green, blue
