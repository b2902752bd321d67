"""Byte stream -> scan frames: terminators, idle gap, over-long frames and debounce. Pure; the caller
supplies the time, so the serial reader, `kiosk scan explain` and the tests frame bytes identically.

Rules:
- A frame ends at CR, LF or CRLF (or LFCR), or when no byte has arrived for `idle_gap_ns` (scanners that
  send no terminator), or at the end of the input (`flush`). CRLF is one terminator, and so is a lone
  terminator arriving after the idle gap already ended its frame; any other terminator with nothing
  before it is an empty read, delivered as an empty frame so that it is counted (issue 20: every frame
  gives one result).
- A frame longer than `max_frame` bytes is not cut into pieces that could each look valid: its bytes are
  discarded up to its end, and it is delivered as its first `max_frame + 1` bytes, which interpret()
  rejects as "too_long" (any frame over the limit is). Memory stays bounded whatever the device sends.
- An identical frame within `debounce_ns` of the previous identical one is a repeat (a held trigger, a
  double read); the window slides, so a code repeated every 100 ms by a continuous-mode scanner counts once.
  Sources drop repeats; `kiosk scan explain` asks for them (`keep_repeats`) to show each as a result.
"""

from __future__ import annotations

from dataclasses import dataclass

CR = 0x0D
LF = 0x0A
DEFAULT_MAX_FRAME = 2048


@dataclass(frozen=True, slots=True)
class Frame:
    data: bytes
    at_ns: int  # when the frame was complete
    repeat: bool = False  # the debouncer's verdict, set only by ScanStream(keep_repeats=True)


class Framer:
    """Splits bytes into frames; keeps state between feeds (a frame may span many reads)."""

    def __init__(self, *, idle_gap_ns: int = 80_000_000, max_frame: int = DEFAULT_MAX_FRAME) -> None:
        self.idle_gap_ns = idle_gap_ns
        self.max_frame = max_frame
        self._buf = bytearray()
        self._overflow = False
        self._last_byte_ns: int | None = None
        self._pair: int | None = None  # the terminator that just ended a frame: its CRLF partner is no frame
        self._after_idle = False  # the idle gap ended the last frame: a late terminator is still its own

    @property
    def pending(self) -> bool:
        return bool(self._buf)

    def deadline_ns(self) -> int | None:
        """When the idle gap will end the buffered frame; None if nothing is buffered."""
        if not self._buf or self._last_byte_ns is None:
            return None
        return self._last_byte_ns + self.idle_gap_ns

    def feed(self, data: bytes, now_ns: int) -> list[Frame]:
        frames = self.poll(now_ns)
        start = 0
        for i, byte in enumerate(data):
            if byte in (CR, LF):
                self._append(data[start:i])
                start = i + 1
                if self._buf:
                    frames.extend(self._emit(now_ns))
                elif self._pair is not None and byte != self._pair:
                    self._pair = None  # the second half of CRLF / LFCR
                    continue
                elif self._after_idle:
                    self._after_idle = False  # the terminator of the frame the idle gap already ended
                else:
                    frames.append(Frame(b"", now_ns))  # an empty read
                self._pair = byte
        if start < len(data):
            self._pair = None
            self._after_idle = False
        self._append(data[start:])
        if data:
            self._last_byte_ns = now_ns
        return frames

    def poll(self, now_ns: int) -> list[Frame]:
        """Ends the buffered frame if the idle gap has passed; call it when a read times out."""
        deadline = self.deadline_ns()
        if deadline is not None and now_ns >= deadline:
            frames = self._emit(deadline)
            self._after_idle, self._pair = True, None
            return frames
        return []

    def flush(self, now_ns: int) -> list[Frame]:
        """End of input: whatever is buffered is a frame."""
        return self._emit(now_ns)

    def _append(self, chunk: bytes) -> None:
        if not chunk or self._overflow:
            return
        room = self.max_frame + 1 - len(self._buf)
        self._buf += chunk[:room]
        if len(chunk) > room or len(self._buf) > self.max_frame:
            self._overflow = True

    def _emit(self, at_ns: int) -> list[Frame]:
        data = bytes(self._buf)
        self._buf.clear()
        self._overflow = False
        return [Frame(data, at_ns)] if data else []


class Debouncer:
    """Drops a frame equal to the previous one if it came within the window."""

    def __init__(self, window_ns: int = 300_000_000) -> None:
        self.window_ns = window_ns
        self._last: bytes | None = None
        self._last_ns = 0

    def accept(self, frame: Frame) -> bool:
        repeat = frame.data == self._last and frame.at_ns - self._last_ns < self.window_ns
        self._last, self._last_ns = frame.data, frame.at_ns
        return not repeat

    def reset(self) -> None:
        """After a reconnect nothing counts as a repeat: the shopper may rescan what was lost."""
        self._last = None


class ScanStream:
    """Framer + Debouncer: what every byte-stream source runs."""

    def __init__(
        self,
        *,
        debounce_ms: int = 300,
        idle_gap_ms: int = 80,
        max_frame: int = DEFAULT_MAX_FRAME,
        keep_repeats: bool = False,
    ) -> None:
        self.framer = Framer(idle_gap_ns=idle_gap_ms * 1_000_000, max_frame=max_frame)
        self.debouncer = Debouncer(debounce_ms * 1_000_000)
        self.keep_repeats = keep_repeats

    def feed(self, data: bytes, now_ns: int) -> list[Frame]:
        return self._debounced(self.framer.feed(data, now_ns))

    def poll(self, now_ns: int) -> list[Frame]:
        return self._debounced(self.framer.poll(now_ns))

    def flush(self, now_ns: int) -> list[Frame]:
        return self._debounced(self.framer.flush(now_ns))

    def deadline_ns(self) -> int | None:
        return self.framer.deadline_ns()

    def reset(self) -> None:
        """Drops a half-received frame (the device went away mid-frame) and the debounce memory."""
        self.framer.flush(0)
        self.debouncer.reset()

    def _debounced(self, frames: list[Frame]) -> list[Frame]:
        if self.keep_repeats:
            return [f if self.debouncer.accept(f) else Frame(f.data, f.at_ns, repeat=True) for f in frames]
        return [f for f in frames if self.debouncer.accept(f)]
