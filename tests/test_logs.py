"""The kiosk's log lines: one JSON object each, levels, personal data scrubbed, repeats bounded."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from kiosk.logs import REDACTED, JsonLineFormatter, RepeatLimiter, configure_logging, scrub


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    handler = configure_logging("INFO", stream)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)


def _records(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_one_json_object_per_line_with_level_logger_and_extra_fields(captured: io.StringIO) -> None:
    log = logging.getLogger("kiosk.test")
    log.debug("not at info")
    log.warning("order %s not delivered:\nbackend said no", "K-0042", extra={"attempt": 3})
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        log.exception("sender crashed")
    lines = captured.getvalue().splitlines()
    assert len(lines) == 2  # the multi-line message and the traceback each stay on one line
    first, second = _records(captured)
    assert first["level"] == "warning" and first["logger"] == "kiosk.test" and first["attempt"] == 3
    assert first["msg"] == "order K-0042 not delivered:\nbackend said no"
    assert str(first["ts"]).endswith("+00:00")
    assert second["level"] == "error" and "RuntimeError: boom" in str(second["exc"])


def test_email_addresses_and_phone_numbers_are_scrubbed_even_from_error_texts(captured: io.StringIO) -> None:
    logging.getLogger("kiosk.test").warning(
        "backend refused: customer ana.lopez@example.org (+34 611 987 123) exists", extra={"detail": "a@b.es"}
    )
    (record,) = _records(captured)
    assert record["msg"] == f"backend refused: customer {REDACTED} ({REDACTED}) exists"
    assert record["detail"] == REDACTED
    assert scrub("GTIN 08412345678905, order K-0042, 3 items") == "GTIN 08412345678905, order K-0042, 3 items"


def test_a_message_repeated_all_day_logs_a_burst_then_a_count_of_what_was_dropped() -> None:
    now = [0.0]
    limiter = RepeatLimiter(burst=3, window_s=60, monotonic=lambda: now[0])
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLineFormatter())
    handler.addFilter(limiter)
    log = logging.getLogger("kiosk.test.repeat")
    log.addHandler(handler)
    log.propagate = False
    try:
        for _ in range(1000):  # the backend down: a line a second
            log.warning("backend unreachable: %s", "timed out")
            now[0] += 0.05
        log.warning("another message")  # a different message has its own budget
        assert len(stream.getvalue().splitlines()) == 4
        now[0] += 60
        log.warning("backend unreachable: %s", "timed out")
        records = _records(stream)
        assert len(records) == 5 and records[-1]["suppressed"] == 997
        assert "suppressed" not in records[0]
    finally:
        log.removeHandler(handler)
        log.propagate = True


def test_an_unknown_level_falls_back_to_info_and_says_so() -> None:
    stream = io.StringIO()
    root = logging.getLogger()
    level = root.level
    handler = configure_logging("chatty", stream)
    try:
        assert root.level == logging.INFO
        assert "unknown log level 'chatty'" in stream.getvalue()
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
