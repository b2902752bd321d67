"""The pure wedge detector: key timing decides scan or typing."""

from __future__ import annotations

from kiosk.core.scanning.wedge import WedgeDetector

MS = 1_000_000


def test_fast_burst_ending_in_enter_is_a_scan_and_every_key_is_swallowed() -> None:
    d: WedgeDetector[int] = WedgeDetector(max_gap_ms=30, min_length=4)
    for i, ch in enumerate("4006381333931"):
        decision = d.key(ch, i * 5 * MS, i)
        assert decision.consume and decision.release == ()
    end = d.terminator(13 * 5 * MS)
    assert (end.scan, end.consume, end.release) == (b"4006381333931", True, ())
    assert not d.holding


def test_slow_keys_are_released_to_the_text_field_in_order() -> None:
    d: WedgeDetector[str] = WedgeDetector(max_gap_ms=30)
    assert d.key("h", 0, "h").release == ()
    assert d.key("i", 150 * MS, "i").release == ("h",)
    assert d.timeout() == ("i",)
    enter = d.terminator(400 * MS)
    assert (enter.scan, enter.consume) == (None, False)


def test_short_fast_burst_with_enter_is_released_and_enter_passes() -> None:
    d: WedgeDetector[str] = WedgeDetector(max_gap_ms=30, min_length=4)
    d.key("o", 0, "o")
    d.key("k", 10 * MS, "k")
    decision = d.terminator(20 * MS)
    assert (decision.scan, decision.consume, decision.release) == (None, False, ("o", "k"))


def test_a_pause_before_the_terminator_means_a_person() -> None:
    d: WedgeDetector[str] = WedgeDetector(max_gap_ms=30, min_length=4)
    for i, ch in enumerate("abcdef"):
        d.key(ch, i * 5 * MS, ch)
    decision = d.terminator(200 * MS)
    assert decision.scan is None and decision.release == tuple("abcdef")


def test_other_keys_release_what_is_held() -> None:
    d: WedgeDetector[str] = WedgeDetector()
    d.key("a", 0, "a")
    decision = d.other(1 * MS)
    assert (decision.release, decision.consume) == (("a",), False)


def test_utf8_scan_data() -> None:
    d: WedgeDetector[None] = WedgeDetector(min_length=2)
    for i, ch in enumerate("ñandú"):
        d.key(ch, i * MS, None)
    assert d.terminator(10 * MS).scan == "ñandú".encode()
