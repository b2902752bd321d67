"""kiosk.db: orders and their outbox rows, written together so a saved order is never lost or doubled."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from kiosk.core.errors import StorageError
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import Order, OrderReceipt, OrderStatus, ShortLine
from kiosk.core.ports import Clock, OutboxEntry
from kiosk.storage.connections import open_connection, write_transaction
from kiosk.storage.migrations import KIOSK_DB, migrate
from kiosk.storage.order_codec import order_from_json, order_to_json, redact

_SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    client_order_id TEXT PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL,
    payload TEXT NOT NULL,
    backend_code TEXT NOT NULL DEFAULT '',
    last_error TEXT NOT NULL DEFAULT '',
    delivered_at TEXT
);
CREATE TABLE IF NOT EXISTS outbox (
    client_order_id TEXT PRIMARY KEY REFERENCES orders(client_order_id),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox(next_attempt_at);
"""


def receipt_to_json(receipt: OrderReceipt) -> str:
    """The receipt's outcome as kiosk.db keeps it. Nothing personal: codes, amounts, variant ids and the
    backend's notes (which name products, coupons and points, never the shopper)."""
    total = {"amount": str(receipt.total.amount), "currency": receipt.total.currency} if receipt.total else None
    return json.dumps(
        {
            "backend_code": receipt.backend_code,
            "state": receipt.state,
            "total": total,
            "points_earned": receipt.points_earned,
            "short_lines": [
                {"variant_id": s.variant_id, "ordered": s.ordered, "placed": s.placed} for s in receipt.short_lines
            ],
            "notes": [{"en": n.en, "es": n.es} for n in receipt.notes],
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def receipt_from_json(client_order_id: str, text: str) -> OrderReceipt:
    data: dict[str, Any] = json.loads(text)
    total = data.get("total")
    return OrderReceipt(
        client_order_id=client_order_id,
        backend_code=str(data["backend_code"]),
        state=str(data["state"]),
        total=Money(Decimal(total["amount"]), str(total["currency"])) if total else None,
        points_earned=int(data["points_earned"]) if data.get("points_earned") is not None else None,
        short_lines=tuple(
            ShortLine(str(s["variant_id"]), int(s["ordered"]), int(s["placed"])) for s in data.get("short_lines", ())
        ),
        notes=tuple(LocalizedText(str(n["en"]), str(n.get("es", ""))) for n in data.get("notes", ())),
    )


class SqliteOrderOutbox:
    """OrderOutbox on kiosk.db (WAL, synchronous=FULL, secure_delete). One writer connection, locked."""

    def __init__(self, path: Path, clock: Clock) -> None:
        self.path = path
        self._clock = clock
        self._conn = open_connection(path, durable=True)
        self._conn.executescript(_SCHEMA)
        self.schema_version = migrate(self._conn, KIOSK_DB, "kiosk.db")
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def _write(self, sql_and_params: Sequence[tuple[str, tuple[object, ...]]]) -> list[int]:
        """Runs the statements in one transaction; returns each statement's changed row count."""
        with self._lock, write_transaction(self._conn, "kiosk.db"):
            return [self._conn.execute(sql, params).rowcount for sql, params in sql_and_params]

    def save(self, order: Order) -> None:
        self.save_all((order,))

    def save_all(self, orders: Sequence[Order]) -> None:
        statements: list[tuple[str, tuple[object, ...]]] = []
        for order in orders:
            created = order.created_at.isoformat()
            statements.append(
                (
                    "INSERT INTO orders(client_order_id, number, created_at, status, payload) VALUES (?, ?, ?, ?, ?)",
                    (order.client_order_id, order.number, created, OrderStatus.SAVED.value, order_to_json(order)),
                )
            )
            statements.append(
                (
                    "INSERT INTO outbox(client_order_id, attempts, next_attempt_at) VALUES (?, 0, ?)",
                    (order.client_order_id, created),
                )
            )
        self._write(statements)

    def _entries(self, where: str, params: tuple[object, ...]) -> list[OutboxEntry]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT o.payload, o.status, coalesce(x.attempts, 0), coalesce(x.next_attempt_at, o.created_at),"
                " o.last_error, o.backend_code, o.reject_reason, o.client_order_id, o.outcome"
                f" FROM orders o LEFT JOIN outbox x USING (client_order_id) {where}",
                params,
            ).fetchall()
        return [
            OutboxEntry(
                order=order_from_json(r[0]),
                status=OrderStatus(r[1]),
                attempts=int(r[2]),
                next_attempt_at=datetime.fromisoformat(r[3]),
                last_error=r[4],
                backend_code=r[5],
                reject_reason=r[6] or "other",
                receipt=self._receipt(r[7], r[8]),
            )
            for r in rows
        ]

    @staticmethod
    def _receipt(client_order_id: str, text: str | None) -> OrderReceipt | None:
        """The stored outcome; a row this kiosk cannot read (a newer release's) is treated as none, never a crash."""
        if not text:
            return None
        try:
            return receipt_from_json(client_order_id, text)
        except (ValueError, KeyError, TypeError, ArithmeticError):
            return None

    def due(self, now: datetime, limit: int) -> Sequence[OutboxEntry]:
        return self._entries(
            "WHERE x.client_order_id IS NOT NULL AND o.status = ? AND x.next_attempt_at <= ?"
            " ORDER BY x.next_attempt_at, o.created_at LIMIT ?",
            (OrderStatus.SAVED.value, now.isoformat(), limit),
        )

    def get(self, client_order_id: str) -> OutboxEntry | None:
        found = self._entries("WHERE o.client_order_id = ?", (client_order_id,))
        return found[0] if found else None

    def rejected(self) -> Sequence[OutboxEntry]:
        return self._entries("WHERE o.status = ? ORDER BY o.created_at", (OrderStatus.REJECTED.value,))

    def mark_delivered(self, receipt: OrderReceipt) -> None:
        """Keeps the backend's code and outcome with the order and strips the shopper's personal data."""
        entry = self.get(receipt.client_order_id)
        if entry is None:
            raise StorageError(f"No order {receipt.client_order_id} in kiosk.db")
        self._write(
            [
                (
                    "UPDATE orders SET status=?, backend_code=?, payload=?, last_error='', delivered_at=?, outcome=?"
                    " WHERE client_order_id=?",
                    (
                        OrderStatus.DELIVERED.value,
                        receipt.backend_code,
                        order_to_json(redact(entry.order)),
                        self._clock.now().isoformat(),
                        receipt_to_json(receipt),
                        receipt.client_order_id,
                    ),
                ),
                ("DELETE FROM outbox WHERE client_order_id=?", (receipt.client_order_id,)),
            ]
        )

    def mark_retry(self, client_order_id: str, error: str, next_attempt_at: datetime) -> None:
        self._write(
            [
                (
                    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at=? WHERE client_order_id=?",
                    (next_attempt_at.isoformat(), client_order_id),
                ),
                ("UPDATE orders SET last_error=? WHERE client_order_id=?", (error, client_order_id)),
            ]
        )

    def mark_rejected(self, client_order_id: str, error: str, reason: str = "other") -> None:
        """Dead-letters the order: it leaves the queue so it never blocks the orders behind it. `error` is the
        backend's own text (log, CLI); `reason` the RejectionReason the associate's screen words."""
        self._write(
            [
                (
                    "UPDATE orders SET status=?, last_error=?, reject_reason=? WHERE client_order_id=?",
                    (OrderStatus.REJECTED.value, error, reason, client_order_id),
                ),
                ("UPDATE outbox SET attempts = attempts + 1 WHERE client_order_id=?", (client_order_id,)),
            ]
        )

    def retry_rejected(self, client_order_id: str) -> None:
        """An associate fixed the cause (or wants one more try): back in the queue, due now, attempts reset."""
        now = self._clock.now().isoformat()
        counts = self._write(
            [
                (
                    "UPDATE orders SET status=?, last_error='' WHERE client_order_id=? AND status=?",
                    (OrderStatus.SAVED.value, client_order_id, OrderStatus.REJECTED.value),
                ),
                (
                    "INSERT INTO outbox(client_order_id, attempts, next_attempt_at)"
                    " SELECT client_order_id, 0, ? FROM orders WHERE client_order_id=? AND status=?"
                    " ON CONFLICT(client_order_id) DO UPDATE SET attempts=0, next_attempt_at=excluded.next_attempt_at",
                    (now, client_order_id, OrderStatus.SAVED.value),
                ),
            ]
        )
        if counts[0] != 1:
            raise StorageError(f"Order {client_order_id} is not in the rejected list")

    def cancel_rejected(self, client_order_id: str) -> None:
        """The order will never be sent: it leaves the queue and keeps no personal data (the backend's error
        text goes too, since a refusal can echo what the shopper typed)."""
        entry = self.get(client_order_id)
        if entry is None or entry.status is not OrderStatus.REJECTED:
            raise StorageError(f"Order {client_order_id} is not in the rejected list")
        counts = self._write(
            [
                (
                    "UPDATE orders SET status=?, payload=?, last_error='' WHERE client_order_id=? AND status=?",
                    (
                        OrderStatus.CANCELLED.value,
                        order_to_json(redact(entry.order)),
                        client_order_id,
                        OrderStatus.REJECTED.value,
                    ),
                ),
                ("DELETE FROM outbox WHERE client_order_id=?", (client_order_id,)),
            ]
        )
        if counts[0] != 1:
            raise StorageError(f"Order {client_order_id} is not in the rejected list")

    def pending_count(self) -> int:
        with self._lock:
            row = self._conn.execute(
                "SELECT count(*) FROM outbox x JOIN orders o USING (client_order_id) WHERE o.status=?",
                (OrderStatus.SAVED.value,),
            ).fetchone()
        return int(row[0])

    def oldest_pending_at(self) -> datetime | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT min(o.created_at) FROM outbox x JOIN orders o USING (client_order_id) WHERE o.status=?",
                (OrderStatus.SAVED.value,),
            ).fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    def checkpoint(self) -> None:
        """Folds the WAL into the main file and truncates it, so deleted shopper data leaves the -wal too."""
        with self._lock:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
