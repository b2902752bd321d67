"""Keyboard-wedge scanner detection from key timing: a fast burst ending in Enter/Tab is a scan.

A wedge scanner types its code as key presses a few milliseconds apart, then Enter or Tab; people type
tens of milliseconds apart. To keep a scan out of a focused text field, keys are *held* while they come
faster than `max_gap_ms`; the burst becomes a scan if it ends in a terminator with at least `min_length`
characters, otherwise the held keys are *released* to go where they were going (a person's key then
arrives at most `max_gap_ms` late, which nobody notices). Generic over the payload the UI needs to replay
a key (a Qt event copy, say); this module knows nothing of Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class WedgeDecision(Generic[T]):
    """What to do after one key: replay `release` in order, then swallow the current key if `consume`."""

    release: tuple[T, ...] = ()
    consume: bool = False
    scan: bytes | None = None  # set when the burst was a scan


class WedgeDetector(Generic[T]):
    def __init__(self, *, max_gap_ms: int = 30, min_length: int = 4) -> None:
        self.max_gap_ns = max_gap_ms * 1_000_000
        self.min_length = min_length
        self._held: list[tuple[str, T]] = []
        self._last_ns = 0

    @property
    def holding(self) -> bool:
        return bool(self._held)

    def _expire(self, now_ns: int) -> tuple[T, ...]:
        if self._held and now_ns - self._last_ns > self.max_gap_ns:
            return self.timeout()
        return ()

    def key(self, text: str, now_ns: int, payload: T) -> WedgeDecision[T]:
        """A key that types `text` (one printable character)."""
        release = self._expire(now_ns)
        self._held.append((text, payload))
        self._last_ns = now_ns
        return WedgeDecision(release=release, consume=True)

    def terminator(self, now_ns: int) -> WedgeDecision[T]:
        """Enter, Return or Tab."""
        release = self._expire(now_ns)
        if len(self._held) >= self.min_length:
            data = "".join(text for text, _ in self._held).encode("utf-8")
            self._held.clear()
            return WedgeDecision(release=release, consume=True, scan=data)
        return WedgeDecision(release=release + self.timeout(), consume=False)

    def other(self, now_ns: int) -> WedgeDecision[T]:
        """Any other key (arrows, Backspace, Escape...): a person is at the keyboard."""
        return WedgeDecision(release=self._expire(now_ns) + self.timeout(), consume=False)

    def timeout(self) -> tuple[T, ...]:
        """No key within the gap: the held keys were typed by a person."""
        held = tuple(payload for _, payload in self._held)
        self._held.clear()
        return held
