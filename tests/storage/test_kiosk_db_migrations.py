"""kiosk.db schema migrations, forward-only, on the file the previous release (0.1.0) left behind
(tests/fixtures/caches/kiosk-0.1.0.db, written by tools/make_cache_fixture.py on that release)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.core.admin_pin import StaffPinService
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import OrderReceipt, OrderStatus, ShortLine
from kiosk.storage.admin_store import SqlitePinStore
from kiosk.storage.migrations import KIOSK_DB, migrate
from kiosk.storage.order_outbox import SqliteOrderOutbox
from tests.fakes import FakeClock

PREVIOUS = Path(__file__).resolve().parents[1] / "fixtures" / "caches" / "kiosk-0.1.0.db"


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "kiosk.db"
    shutil.copy(PREVIOUS, target)
    return target


def _version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def test_the_previous_releases_file_is_migrated_and_its_orders_and_pins_survive(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    assert _version(path) == 0
    clock = FakeClock(datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    outbox = SqliteOrderOutbox(path, clock)
    try:
        assert outbox.schema_version == len(KIOSK_DB) == _version(path)
        assert outbox.pending_count() == 2
        due = outbox.due(clock.now(), 10)
        assert [e.order.number for e in due] == ["K-0101", "K-0102"]
        assert due[0].order.contact.email == "ana.kiosk@example.com"  # undelivered: still deliverable
        (rejected,) = outbox.rejected()
        assert rejected.order.number == "K-0103" and rejected.status is OrderStatus.REJECTED
        assert "variant 1 is gone" in rejected.last_error
        assert rejected.reject_reason == "other"  # rejected before reasons were kept: the column's default
        outbox.mark_rejected(due[1].order.client_order_id, "unknown variant 7", "product_gone")
        assert {e.order.number: e.reject_reason for e in outbox.rejected()} == {"K-0102": "product_gone",
                                                                               "K-0103": "other"}  # fmt: skip
        assert {e.order.number for e in outbox.rejected() if e.last_error == "unknown variant 7"} == {"K-0102"}
    finally:
        outbox.close()
    with sqlite3.connect(path) as conn:
        indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "orders_status" in indexes
        plan = " ".join(str(r) for r in conn.execute("EXPLAIN QUERY PLAN SELECT count(*) FROM orders WHERE status='saved'"))
        assert "orders_status" in plan
    pins = SqlitePinStore(path)
    try:
        check = StaffPinService(pins, clock).check("482915")
        assert check.accepted and check.name == "maria"
    finally:
        pins.close()


def test_migrations_run_once_and_a_newer_file_is_used_as_it_is(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = _copy(tmp_path)
    conn = sqlite3.connect(path, isolation_level=None)
    calls: list[int] = []

    def first(c: sqlite3.Connection) -> None:
        calls.append(1)

    def second(c: sqlite3.Connection) -> None:
        calls.append(2)
        c.execute("CREATE TABLE added_later (x INTEGER)")

    assert migrate(conn, [first], "kiosk.db") == 1
    assert migrate(conn, [first, second], "kiosk.db") == 2
    assert migrate(conn, [first, second], "kiosk.db") == 2
    assert calls == [1, 2]
    assert migrate(conn, [first], "kiosk.db") == 2  # the previous release on the next one's file: left alone
    assert "kiosk.db is from a newer kiosk (schema 2, this one knows 1): used as it is" in caplog.text
    conn.close()


def test_a_failing_migration_leaves_the_file_at_the_last_complete_step(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    conn = sqlite3.connect(path, isolation_level=None)

    def ok(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE step_one (x INTEGER)")

    def broken(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE step_two (x INTEGER)")
        raise sqlite3.OperationalError("disk I/O error")

    with pytest.raises(sqlite3.OperationalError, match="disk I/O error"):
        migrate(conn, [ok, broken], "kiosk.db")
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "step_one" in tables and "step_two" not in tables
    assert int(conn.execute("PRAGMA user_version").fetchone()[0]) == 1
    conn.close()


def test_a_file_of_the_previous_schema_gains_the_order_outcome_and_its_delivered_orders_have_none(
    tmp_path: Path,
) -> None:
    """The release before kept only the backend code of a delivered order: its orders read back with no receipt,
    and a delivery after the upgrade keeps the whole outcome."""
    path = _copy(tmp_path)
    conn = sqlite3.connect(path, isolation_level=None)
    previous = next(n for n, step in enumerate(KIOSK_DB) if step.__name__ == "_order_outcome")
    assert migrate(conn, KIOSK_DB[:previous], "kiosk.db") == previous  # the file as the previous schema left it
    columns = {row[1] for row in conn.execute("PRAGMA table_info(orders)")}
    assert "outcome" not in columns
    conn.close()
    clock = FakeClock(datetime(2026, 12, 7, 9, 0, tzinfo=UTC))
    outbox = SqliteOrderOutbox(path, clock)
    try:
        assert outbox.schema_version == len(KIOSK_DB) == _version(path)
        (first, second) = outbox.due(clock.now(), 10)
        assert first.receipt is None and second.receipt is None
        receipt = OrderReceipt(
            first.order.client_order_id, "B9", "PaymentPending", total=Money.of("12.50", "EUR"), points_earned=12,
            short_lines=(ShortLine("v1", 3, 2),), notes=(LocalizedText("Only 2 of 3.", "Solo 2 de 3."),),
        )  # fmt: skip
        outbox.mark_delivered(receipt)
        entry = outbox.get(first.order.client_order_id)
        assert entry is not None and entry.receipt == receipt and entry.status is OrderStatus.DELIVERED
        (rejected,) = outbox.rejected()
        assert rejected.receipt is None and outbox.pending_count() == 1
    finally:
        outbox.close()
    with sqlite3.connect(path) as conn:
        assert "outcome" in {row[1] for row in conn.execute("PRAGMA table_info(orders)")}
