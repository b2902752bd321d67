"""Opening SQLite files with the pragmas each file needs, one connection per thread."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kiosk.core.errors import StorageError


def open_connection(path: Path, *, durable: bool) -> sqlite3.Connection:
    """Durable files (kiosk.db: orders) pay for fsync on every commit; the rebuildable cache does not."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=10.0, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    if durable:
        conn.execute("PRAGMA synchronous=FULL")
        # Deleted shopper data is overwritten with zeros, not left in free pages.
        conn.execute("PRAGMA secure_delete=ON")
    else:
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA cache_size=-32000")
        conn.execute("PRAGMA temp_store=MEMORY")
    return conn


@contextmanager
def write_transaction(conn: sqlite3.Connection, file_name: str) -> Iterator[None]:
    """One IMMEDIATE transaction: committed when the block ends, rolled back if it raises. A failing disk
    (full, I/O error) becomes a StorageError naming the file; a constraint violation is left as it is, for
    the caller to explain (the outbox: an order saved twice)."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            # SQLite has already rolled back after SQLITE_FULL / IOERR
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except sqlite3.IntegrityError:
        raise
    except sqlite3.Error as exc:
        raise StorageError(f"{file_name} write failed: {exc}") from exc


class PerThreadConnections:
    """Readers on worker threads each get their own connection; SQLite connections are not thread-safe.

    Keyed by the thread's identity, not threading.local: a Qt pool thread (QThreadPool, the UI's readers)
    gets a fresh Python thread state, and so an empty threading.local, for every task PySide runs on it. A
    thread-local connection was therefore opened for every read and kept in the list for close_all(): 266
    connections and 74 MB of SQLite memory at the end of a 1M-SKU bench (docs/performance.md, session 7).
    An identity is only reused after its thread has ended, which can no longer use the connection."""

    def __init__(self, factory: Callable[[], sqlite3.Connection]) -> None:
        self._factory = factory
        self._by_thread: dict[int, sqlite3.Connection] = {}
        self._lock = threading.Lock()
        self._gate = threading.Condition()
        self._readers_inside = 0
        self._pausing = False

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection for one read; `paused()` waits for every such block to end. Not to be
        nested: a read waiting on a pause inside another read of the same thread would wait for itself."""
        with self._gate:
            while self._pausing:
                self._gate.wait()
            self._readers_inside += 1
        try:
            yield self.get()
        finally:
            with self._gate:
                self._readers_inside -= 1
                if self._readers_inside == 0:
                    self._gate.notify_all()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """No read runs while the block does, and every connection is closed when it starts, so the file
        under them can be replaced (SQLite must not keep a connection to a file swapped away: when its
        last connection closes it deletes the WAL by name, which by then is the new file's)."""
        with self._gate:
            while self._pausing:
                self._gate.wait()
            self._pausing = True
            while self._readers_inside:
                self._gate.wait()
        try:
            self.close_all()
            yield
        finally:
            with self._gate:
                self._pausing = False
                self._gate.notify_all()

    def get(self) -> sqlite3.Connection:
        ident = threading.get_ident()
        with self._lock:
            conn = self._by_thread.get(ident)
            if conn is None:
                conn = self._by_thread[ident] = self._factory()
        return conn

    def count(self) -> int:
        """How many connections are open (tests, diagnostics)."""
        with self._lock:
            return len(self._by_thread)

    def close_all(self) -> None:
        with self._lock:
            for conn in self._by_thread.values():
                conn.close()
            self._by_thread.clear()
