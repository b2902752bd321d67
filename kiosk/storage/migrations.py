"""Forward-only, numbered schema migrations for kiosk.db (PRAGMA user_version counts those applied).

kiosk.db holds orders not yet delivered, so it is never rebuilt (catalog.db is: it is a cache). Each migration
runs once, in its own transaction with the version bump, so a crash mid-way leaves the file at the last
complete step. There are no down-migrations: every step only adds (a table, a nullable column, an index), so
the previous release still runs on a file the next one migrated, which is what a rollback needs. A file from
a newer release than this one is used as it is, never "migrated back".
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence

_log = logging.getLogger(__name__)

Migration = Callable[[sqlite3.Connection], None]


def _orders_by_status(conn: sqlite3.Connection) -> None:
    """The queue's counts and the rejected list filter orders by status: an index instead of a scan of every
    order the kiosk ever took (delivered ones stay, redacted, for reprints and support)."""
    conn.execute("CREATE INDEX IF NOT EXISTS orders_status ON orders(status, created_at)")


def _rejection_reasons(conn: sqlite3.Connection) -> None:
    """A rejected order keeps why, as a RejectionReason value, so the dead-letter screen says it in the
    associate's language and the backend's raw text stays for the log and `kiosk admin`. Rows rejected before
    this release read as "other"."""
    conn.execute("ALTER TABLE orders ADD COLUMN reject_reason TEXT NOT NULL DEFAULT 'other'")


def _order_outcome(conn: sqlite3.Connection) -> None:
    """What the backend made of a delivered order (OrderReceipt: its total, points earned, lines short of stock
    and notes) as JSON, for the order's status page: an order placed offline that came back short says so.
    Nullable: orders delivered before this step have none, and the previous release ignores the column."""
    conn.execute("ALTER TABLE orders ADD COLUMN outcome TEXT")


# kiosk.db's migrations, oldest first; append only. user_version 0 is 0.1.0's file (tables created as they are
# in kiosk/storage/order_outbox.py and admin_store.py, with CREATE ... IF NOT EXISTS).
KIOSK_DB: Sequence[Migration] = (_orders_by_status, _rejection_reasons, _order_outcome)


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration], name: str) -> int:
    """Applies the migrations `conn`'s file has not had yet; returns its schema version afterwards."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > len(migrations):
        _log.warning("%s is from a newer kiosk (schema %d, this one knows %d): used as it is", name, version,
                     len(migrations))  # fmt: skip
        return version
    for number, step in enumerate(migrations[version:], start=version + 1):
        conn.execute("BEGIN IMMEDIATE")  # another process (kiosk doctor) may be migrating the same file
        try:
            if int(conn.execute("PRAGMA user_version").fetchone()[0]) >= number:
                conn.execute("ROLLBACK")
                continue
            step(conn)
            conn.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        _log.info("%s migrated to schema %d (%s)", name, number, step.__name__.strip("_").replace("_", " "))
    return len(migrations)
