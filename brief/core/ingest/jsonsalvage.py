"""A forgiving JSON reader: raw control characters, cut-off documents and stray bytes salvaged."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None}
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_MAX_DEPTH = 200
_FIELD_START = re.compile(r'"[^"\\\n]{1,200}"\s*:')


@dataclass
class Salvaged:
    """What could be read from a JSON text, and what was wrong with it."""

    value: Any = None
    """The parsed value (complete or partial)."""
    problems: list[str] = field(default_factory=list)
    """One-line descriptions of what had to be repaired."""


class _Cut(Exception):
    """The text ended before the value did."""


class _Reader:
    """Recursive-descent reader that repairs what it can and records what it repaired."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.problems: set[str] = set()

    def skip_space(self) -> None:
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos] in " \t\r\n\ufeff":
            pos += 1
        self.pos = pos

    def value(self, depth: int) -> Any:
        if depth > _MAX_DEPTH:
            self.problems.add("nested too deeply; inner values dropped")
            raise _Cut
        self.skip_space()
        if self.pos >= len(self.text):
            raise _Cut
        char = self.text[self.pos]
        if char == "{":
            return self.obj(depth)
        if char == "[":
            return self.array(depth)
        if char == '"':
            return self.string()
        match = _NUMBER.match(self.text, self.pos)
        if match:
            self.pos = match.end()
            number = match.group()
            return float(number) if any(c in number for c in ".eE") else int(number)
        for word, literal in _LITERALS.items():
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return literal
        raise ValueError(f"unexpected character {char!r}")

    def string(self) -> str:
        text = self.text
        self.pos += 1
        out: list[str] = []
        while True:
            end = self._next_special(self.pos)
            if end < 0:
                out.append(text[self.pos :])
                self.pos = len(text)
                self.problems.add("cut off inside a text field")
                return "".join(out)
            chunk = text[self.pos : end]
            if any(c < " " for c in chunk):
                self.problems.add("raw line breaks or control characters in text")
            out.append(chunk)
            self.pos = end
            if text[end] == '"':
                self.pos = end + 1
                return "".join(out)
            self.pos = end + 1  # backslash
            if self.pos >= len(text):
                self.problems.add("cut off inside a text field")
                return "".join(out)
            code = text[self.pos]
            if code == "u":
                out.append(self._unicode_escape())
            else:
                out.append(_ESCAPES.get(code, code))
                self.pos += 1

    def _next_special(self, start: int) -> int:
        quote = self.text.find('"', start)
        slash = self.text.find("\\", start)
        candidates = [i for i in (quote, slash) if i >= 0]
        return min(candidates) if candidates else -1

    def _unicode_escape(self) -> str:
        digits = self.text[self.pos + 1 : self.pos + 5]
        if len(digits) < 4 or not all(c in "0123456789abcdefABCDEF" for c in digits):
            self.problems.add("broken \\u escapes")
            self.pos += 1
            return ""
        self.pos += 5
        code = int(digits, 16)
        if 0xD800 <= code < 0xDC00 and self.text.startswith("\\u", self.pos):
            low_digits = self.text[self.pos + 2 : self.pos + 6]
            if len(low_digits) == 4 and all(c in "0123456789abcdefABCDEF" for c in low_digits):
                low = int(low_digits, 16)
                if 0xDC00 <= low < 0xE000:
                    self.pos += 6
                    return chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
        if 0xD800 <= code < 0xE000:
            return "\ufffd"
        return chr(code)

    def _at_close(self, close: str, container: dict[str, Any] | list[Any]) -> bool:
        """Skip space and commas; True when the container closes here (partial at the end)."""
        while True:
            self.skip_space()
            if self.pos >= len(self.text):
                raise _Partial(container)
            char = self.text[self.pos]
            if char == close:
                self.pos += 1
                return True
            if char != ",":
                return False
            self.pos += 1

    def _item(
        self, depth: int, container: dict[str, Any] | list[Any], store: Callable[[Any], object]
    ) -> None:
        """Read one value into a container; a cut-off value ends the container, kept partial."""
        try:
            store(self.value(depth + 1))
        except _Partial as partial:
            store(partial.value)
            raise _Partial(container) from None
        except _Cut:
            raise _Partial(container) from None
        except ValueError:
            self.problems.add("unreadable values skipped")
            if not self._resync():
                raise _Partial(container) from None

    def _skip_stray(self, container: dict[str, Any]) -> None:
        """Note stray text between fields and move past it (partial at the end)."""
        self.problems.add("stray text between fields skipped")
        if not self._resync():
            raise _Partial(container)

    def obj(self, depth: int) -> dict[str, Any]:
        self.pos += 1
        result: dict[str, Any] = {}
        while not self._at_close("}", result):
            if self.text[self.pos] != '"':
                self._skip_stray(result)
                continue
            key = self.string()
            self.skip_space()
            if self.pos >= len(self.text):
                raise _Partial(result)
            if self.text[self.pos] != ":":
                self._skip_stray(result)
                continue
            self.pos += 1
            self._item(depth, result, partial(result.__setitem__, key))
        return result

    def array(self, depth: int) -> list[Any]:
        self.pos += 1
        result: list[Any] = []
        while not self._at_close("]", result):
            self._item(depth, result, result.append)
        return result

    def _resync(self) -> bool:
        """Move to the next plausible field start (`,"`); False at the end of the text."""
        match = _FIELD_START.search(self.text, self.pos + 1)
        if not match:
            self.pos = len(self.text)
            return False
        self.pos = match.start()
        return True


class _Partial(Exception):
    """A container cut off by the end of the text, with what it held so far."""

    def __init__(self, value: Any) -> None:
        super().__init__("partial")
        self.value = value


def salvage(text: str) -> Salvaged:
    """Parse JSON strictly when possible, else salvage field by field with problems noted."""
    try:
        return Salvaged(json.loads(text))
    except (ValueError, RecursionError):
        pass
    reader = _Reader(text)
    try:
        value = reader.value(0)
        reader.skip_space()
        if reader.pos < len(text):
            reader.problems.add("extra text after the JSON value ignored")
    except _Partial as partial:
        value = partial.value
        reader.problems.add("cut off before its end")
    except (_Cut, ValueError):
        return Salvaged(None, ["not JSON"])
    if "cut off inside a text field" in reader.problems:
        reader.problems.discard("cut off before its end")
    return Salvaged(value, sorted(reader.problems))
