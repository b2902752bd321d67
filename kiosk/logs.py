"""The kiosk's log: one JSON object per line on stdout (the journal), with levels, no personal data, bounded volume.

Under systemd stdout goes to the journal, which adds the time, unit and priority; one JSON object per line
keeps each record one journal entry that `journalctl -o cat | jq` can read, exceptions included. Personal
data stays out by construction (no call site logs a customer, an address or a typed value; the privacy test
runs a whole journey with canary data and searches the captured log); the filter here is a second net for
the two shapes that would be easiest to let slip: e-mail addresses and phone numbers. Volume is bounded per
message: a message repeated more than `burst` times in `window_s` is dropped, and the next one that gets
through says how many were dropped, so a backend down for a day logs a few lines an hour, not a line a second.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TextIO

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+\d[\d ().-]{7,}\d")
REDACTED = "[redacted]"

# LogRecord attributes that are the record's machinery; anything else on a record came from `extra=`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}


def scrub(text: str) -> str:
    """E-mail addresses and international phone numbers replaced: the shapes of personal data most likely to
    ride along in a backend's error message."""
    return _PHONE.sub(REDACTED, _EMAIL.sub(REDACTED, text))


class JsonLineFormatter(logging.Formatter):
    """`{"ts": ..., "level": "warning", "logger": ..., "msg": ..., <extra fields>, "exc": ...}` on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": scrub(record.getMessage()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = scrub(value) if isinstance(value, str) else value
        if record.exc_info:
            entry["exc"] = scrub(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


class RepeatLimiter(logging.Filter):
    """At most `burst` records of one message (logger, level and format string) per `window_s`; the first
    record after a quiet-down carries `suppressed`: how many of that message were dropped meanwhile."""

    def __init__(self, burst: int = 5, window_s: float = 60.0, monotonic: Callable[[], float] = time.monotonic):
        super().__init__()
        self._burst = burst
        self._window_s = window_s
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, int, str], tuple[float, int, int]] = {}  # key -> window start, sent, dropped

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, record.levelno, str(record.msg))
        now = self._monotonic()
        with self._lock:
            start, sent, dropped = self._seen.get(key, (now, 0, 0))
            if now - start >= self._window_s:
                start, sent = now, 0
            if sent >= self._burst:
                self._seen[key] = (start, sent, dropped + 1)
                return False
            self._seen[key] = (start, sent + 1, 0)
            if len(self._seen) > 10_000:  # messages with ever-new format strings must not grow this forever
                self._seen.clear()
        if dropped:
            record.suppressed = dropped
        return True


def configure_logging(level: str = "INFO", stream: TextIO | None = None) -> logging.Handler:
    """The root logger writes JSON lines at `level` and above to `stream` (stdout); returns the handler so a
    caller (a test) can remove it again. Replaces any handler an earlier call installed."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk_json", False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.setFormatter(JsonLineFormatter())
    handler.addFilter(RepeatLimiter())
    handler._kiosk_json = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    known = level.upper() in logging.getLevelNamesMapping()
    root.setLevel(level.upper() if known else logging.INFO)
    if not known:
        logging.getLogger(__name__).warning("unknown log level %r, logging at info", level)
    return handler
