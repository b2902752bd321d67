"""Our fast AI lookup patched into biip must answer exactly as biip's own linear scan."""

from __future__ import annotations

import itertools

import pytest
from biip import ParseError
from biip.gs1_application_identifiers import _GS1_APPLICATION_IDENTIFIERS, GS1ApplicationIdentifier

from kiosk.core.scanning import gs1


def _original(value: str) -> object:
    original = gs1._original_ai_extract
    assert isinstance(original, classmethod)
    return original.__func__(GS1ApplicationIdentifier, value)


def test_fast_lookup_is_installed() -> None:
    assert getattr(GS1ApplicationIdentifier.extract, "__kiosk_fast__", False)


def test_same_answer_as_biip_for_every_ai_and_every_short_prefix() -> None:
    values = [ai + "123ABC" for ai in _GS1_APPLICATION_IDENTIFIERS]
    values += ["".join(p) for n in (1, 2, 3) for p in itertools.product("0123456789", repeat=n)]
    values += ["", "A", "ab12", "\x1d01", "(01)"]
    for value in values:
        try:
            expected: object = _original(value)
        except ParseError as exc:
            with pytest.raises(ParseError) as got:
                GS1ApplicationIdentifier.extract(value)
            assert str(got.value) == str(exc)
        else:
            assert GS1ApplicationIdentifier.extract(value) is expected
