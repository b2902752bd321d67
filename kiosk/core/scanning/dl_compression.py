"""Decompression of a compressed GS1 Digital Link path segment (GS1 Digital Link: Compression; GS1's
Digital Link toolkit is the reference the tests check against, with its published example pairs).

The segment is base64url; its bits are a run of elements, each announced by 8 bits read as two hex digits:
- two decimal digits: an AI (a third and fourth digit follow in the next nibbles when the AI is longer),
  then its value, component by component as the AI's format gives them: a fixed-length number in
  ceil(n * log2(10)) bits; a variable-length number as its length (in enough bits for the maximum) then the
  number; an alphanumeric as a 3-bit encoding (0 digits, 1 lower-case hex, 2 upper-case hex, 3 base64url,
  4 seven-bit ASCII), its length when variable, then the characters;
- "F" then 4 more bits: a non-GS1 key=value pair (key length in 7 bits, key in base64url, value as above);
- another hex pair: an optimisation code standing for a fixed run of AIs.
Fewer than 8 bits left are padding and must be zeros. Pure; raises CompressionError with what went wrong.
"""

from __future__ import annotations

import math
import re
from functools import cache

import biip.gs1_application_identifiers as _ai_module

_BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_HEX = "0123456789ABCDEF"
# The optimisation codes GS1's toolkit defines for the commonest runs; a code outside it is refused by name.
_OPTIMISATIONS: dict[str, tuple[str, ...]] = {
    "0B": ("01", "10"),
    "0C": ("01", "21"),
    "0D": ("01", "17"),
    "9C": ("8018", "8019"),
    "9D": ("414", "254"),
}
_COMPONENT_RE = re.compile(r"^\[?\+?([NXYZ])(\d+)?(?:\.\.(\d+))?\]?$")


class CompressionError(ValueError):
    """Not a compressed Digital Link we can read; the message says where it failed."""


def _value_bits(digits: int) -> int:
    return math.ceil(digits * math.log2(10) + 0.01) if digits else 0


def _length_bits(maximum: int) -> int:
    return math.ceil(math.log2(maximum) + 0.01) if maximum else 0


@cache
def _components(ai: str) -> tuple[tuple[str, int, bool], ...] | None:
    """(kind "N"/"X", length or maximum, variable?) per component of the AI's value, from biip's AI table."""
    table = getattr(_ai_module, "_GS1_APPLICATION_IDENTIFIERS", None)
    entry = table.get(ai) if isinstance(table, dict) else None
    if entry is None:
        return None
    parts = re.split(r"\+|(?=\[)", entry.format)[1:]  # drop the AI's own "N2"/"N3"/"N4"
    out: list[tuple[str, int, bool]] = []
    for part in parts:
        if not part or part in ("[", "]"):
            continue
        match = _COMPONENT_RE.match(part)
        if match is None:
            return None  # a format we do not know how GS1 encodes ("[-]", "[N1..N2]"): refuse, never guess
        kind = "N" if match.group(1) == "N" else "X"
        if match.group(3) is not None:
            out.append((kind, int(match.group(3)), True))
        elif match.group(2) is not None:
            optional = part.startswith("[")
            out.append((kind, int(match.group(2)), optional))
        else:
            return None
        if kind == "N" and not out[-1][2] and len(out) >= 2 and out[-2][0] == "N" and not out[-2][2]:
            # adjacent fixed-length numbers are one number in GS1's encoding: 8006's N14+N2+N2 is N18
            out[-2:] = [("N", out[-2][1] + out[-1][1], False)]
    return tuple(out)


class _Bits:
    def __init__(self, segment: str) -> None:
        if not segment or any(c not in _BASE64URL for c in segment):
            raise CompressionError("not base64url")
        self.bits = "".join(format(_BASE64URL.index(c), "06b") for c in segment)
        self.pos = 0

    @property
    def left(self) -> int:
        return len(self.bits) - self.pos

    def take(self, n: int) -> str:
        if n > self.left:
            raise CompressionError("data ends inside an element")
        out = self.bits[self.pos : self.pos + n]
        self.pos += n
        return out

    def number(self, n: int) -> int:
        return int(self.take(n), 2) if n else 0

    def hex_digit(self) -> str:
        return _HEX[self.number(4)]


def _digits(bits: _Bits, count: int) -> str:
    value = bits.number(_value_bits(count))
    if value >= 10**count:
        raise CompressionError("a number does not fit its length")
    return str(value).zfill(count) if count else ""


def _characters(bits: _Bits, encoding: int, count: int) -> str:
    if encoding == 0:
        return _digits(bits, count)
    if encoding in (1, 2):
        text = "".join(_HEX[bits.number(4)] for _ in range(count))
        return text.lower() if encoding == 1 else text
    if encoding == 3:
        return "".join(_BASE64URL[bits.number(6)] for _ in range(count))
    if encoding == 4:
        return "".join(chr(bits.number(7)) for _ in range(count))
    raise CompressionError(f"unknown character encoding {encoding}")


def _value(bits: _Bits, ai: str) -> str:
    components = _components(ai)
    if components is None:
        raise CompressionError(f"no compressed form known for AI {ai}")
    out = []
    for kind, size, variable in components:
        encoding = bits.number(3) if kind == "X" else 0  # an alphanumeric says its encoding first
        count = bits.number(_length_bits(size)) if variable else size
        if count > size:
            raise CompressionError(f"AI {ai}: length {count} over its maximum {size}")
        out.append(_digits(bits, count) if kind == "N" else _characters(bits, encoding, count))
    return "".join(out)


def _numeric_ai(bits: _Bits, first_two: str) -> str:
    table = getattr(_ai_module, "_GS1_APPLICATION_IDENTIFIERS", {})
    ai = first_two
    while ai not in table:
        if len(ai) == 4:
            raise CompressionError(f"no AI starts {first_two}")
        ai += bits.hex_digit()
        if not ai[-1].isdigit():
            raise CompressionError(f"no AI {ai}")
    return ai


def decompress(segment: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The (AI, value) pairs and the non-GS1 (key, value) pairs of a compressed segment, in stored order."""
    bits = _Bits(segment)
    pairs: list[tuple[str, str]] = []
    others: list[tuple[str, str]] = []
    while bits.left >= 8:
        h1, h2 = bits.hex_digit(), bits.hex_digit()
        if h1.isdigit() and h2.isdigit():
            ai = _numeric_ai(bits, h1 + h2)
            pairs.append((ai, _value(bits, ai)))
        elif h1 == "F":
            bits.pos -= 4
            key = _characters(bits, 3, bits.number(7))
            encoding = bits.number(3)
            others.append((key, _characters(bits, encoding, bits.number(7))))
        elif h1 + h2 in _OPTIMISATIONS:
            pairs.extend((ai, _value(bits, ai)) for ai in _OPTIMISATIONS[h1 + h2])
        else:
            raise CompressionError(f"unknown optimisation code {h1}{h2}")
    if "1" in bits.take(bits.left):
        raise CompressionError("padding is not zero")
    if not pairs:
        raise CompressionError("no GS1 data")
    return pairs, others
