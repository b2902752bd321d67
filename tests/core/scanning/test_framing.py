"""Framing and debounce with an explicit clock: the rules every byte-stream source shares."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.scanning.framing import Debouncer, Frame, Framer, ScanStream

MS = 1_000_000


def _data(frames: list[Frame]) -> list[bytes]:
    return [f.data for f in frames]


def test_cr_lf_and_crlf_each_end_one_frame() -> None:
    framer = Framer()
    assert _data(framer.feed(b"a\rb\nc\r\nd\n\re", 0)) == [b"a", b"b", b"c", b"d"]
    assert framer.pending
    assert _data(framer.flush(1)) == [b"e"]


def test_a_frame_may_arrive_in_pieces() -> None:
    framer = Framer(idle_gap_ns=80 * MS)
    assert framer.feed(b"]E040063", 0) == []
    assert framer.feed(b"81333", 10 * MS) == []
    assert framer.feed(b"931\r", 20 * MS) == [Frame(b"]E04006381333931", 20 * MS)]
    assert framer.feed(b"\n", 21 * MS) == []  # the LF of CRLF split across reads is not an empty frame


def test_idle_gap_ends_a_frame_without_terminator() -> None:
    framer = Framer(idle_gap_ns=80 * MS)
    framer.feed(b"4006381333931", 0)
    assert framer.deadline_ns() == 80 * MS
    assert framer.poll(79 * MS) == []
    assert framer.poll(80 * MS) == [Frame(b"4006381333931", 80 * MS)]
    assert framer.deadline_ns() is None


def test_bytes_after_a_gap_start_a_new_frame() -> None:
    framer = Framer(idle_gap_ns=80 * MS)
    framer.feed(b"111", 0)
    assert _data(framer.feed(b"222\r", 200 * MS)) == [b"111", b"222"]


def test_over_long_frame_is_delivered_as_limit_plus_one_bytes_and_the_rest_dropped() -> None:
    framer = Framer(max_frame=2048)
    frames = framer.feed(b"x" * 5000 + b"\r" + b"next\r", 0)
    assert [len(f.data) for f in frames] == [2049, 4]
    assert frames[1].data == b"next"
    exact = framer.feed(b"y" * 2048 + b"\n", 0)
    assert [len(f.data) for f in exact] == [2048]


def test_over_long_frame_in_many_small_reads_keeps_memory_bounded() -> None:
    framer = Framer(max_frame=2048)
    for i in range(1000):
        assert framer.feed(b"z" * 100, i) == []
        assert len(framer._buf) <= 2049
    assert [len(f.data) for f in framer.feed(b"\r", 1000)] == [2049]


def test_debounce_drops_identical_frames_within_the_window_and_slides() -> None:
    stream = ScanStream(debounce_ms=300)
    assert _data(stream.feed(b"A\r", 0)) == [b"A"]
    assert _data(stream.feed(b"A\r", 100 * MS)) == []
    assert _data(stream.feed(b"A\r", 350 * MS)) == []  # 250 ms after the last A: still the held trigger
    assert _data(stream.feed(b"B\r", 400 * MS)) == [b"B"]
    assert _data(stream.feed(b"A\r", 450 * MS)) == [b"A"]  # different from the previous frame
    assert _data(stream.feed(b"A\r", 800 * MS)) == [b"A"]  # a deliberate second scan


def test_debounce_reset_after_reconnect() -> None:
    debouncer = Debouncer(300 * MS)
    assert debouncer.accept(Frame(b"A", 0))
    debouncer.reset()
    assert debouncer.accept(Frame(b"A", 1))


def test_reset_drops_a_half_frame() -> None:
    stream = ScanStream()
    stream.feed(b"half", 0)
    stream.reset()
    assert _data(stream.feed(b"whole\r", 1)) == [b"whole"]


@given(st.lists(st.binary(max_size=40), max_size=30))
def test_splitting_reads_never_changes_frames(chunks: list[bytes]) -> None:
    whole = b"".join(chunks)
    one = Framer()
    expected = _data(one.feed(whole, 0) + one.flush(0))
    many = Framer()
    got: list[Frame] = []
    for chunk in chunks:
        got += many.feed(chunk, 0)
    got += many.flush(0)
    assert _data(got) == expected
    assert all(b"\r" not in f.data and b"\n" not in f.data for f in got)


def test_an_empty_line_is_an_empty_frame_but_crlf_is_one_terminator() -> None:
    framer = Framer()
    assert _data(framer.feed(b"c\r\n\r\n", 0)) == [b"c", b""]  # a blank line in CRLF mode: one empty read
    assert _data(framer.feed(b"\r\r", 0)) == [b"", b""]
    assert _data(framer.feed(b"x\n\n", 0)) == [b"x", b""]
    assert _data(framer.feed(b"d\n\re", 0)) == [b"d"]  # LFCR is one terminator too


def test_a_late_terminator_after_the_idle_gap_is_not_an_empty_read() -> None:
    framer = Framer(idle_gap_ns=80 * MS)
    framer.feed(b"A", 0)
    assert _data(framer.poll(80 * MS)) == [b"A"]
    assert framer.feed(b"\r", 200 * MS) == []
    assert _data(framer.feed(b"\r", 300 * MS)) == [b""]


def test_keep_repeats_marks_them_instead_of_dropping() -> None:
    stream = ScanStream(debounce_ms=300, keep_repeats=True)
    frames = stream.feed(b"A\rA\rB\r", 0)
    assert [(f.data, f.repeat) for f in frames] == [(b"A", False), (b"A", True), (b"B", False)]
