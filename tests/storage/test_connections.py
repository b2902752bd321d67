"""PerThreadConnections.reading()/paused(): no connection is closed under a read that is still running."""

from __future__ import annotations

import threading
from pathlib import Path

from kiosk.storage.connections import PerThreadConnections, open_connection


def test_a_pause_waits_for_the_read_under_way_and_holds_new_ones(tmp_path: Path) -> None:
    readers = PerThreadConnections(lambda: open_connection(tmp_path / "x.db", durable=False))
    inside, release, paused, second_read = threading.Event(), threading.Event(), threading.Event(), threading.Event()
    seen: list[int] = []

    def long_read() -> None:
        with readers.reading() as conn:
            inside.set()
            release.wait(5)
            seen.append(conn.execute("SELECT 1").fetchone()[0])  # still open: the pause waited

    def pause() -> None:
        with readers.paused():
            paused.set()
            threading.Event().wait(0.2)  # a read asked for now waits until the pause ends
            assert not second_read.is_set()

    def late_read() -> None:
        with readers.reading() as conn:
            seen.append(conn.execute("SELECT 2").fetchone()[0])
            second_read.set()

    first = threading.Thread(target=long_read)
    first.start()
    assert inside.wait(5)
    pauser = threading.Thread(target=pause)
    pauser.start()
    assert not paused.wait(0.3)  # the read is still inside
    release.set()
    first.join(5)
    assert paused.wait(5)
    late = threading.Thread(target=late_read)
    late.start()
    pauser.join(5)
    late.join(5)
    assert seen == [1, 2] and second_read.is_set()
    readers.close_all()



def test_reads_on_qt_pool_threads_reuse_one_connection_per_thread(tmp_path: Path, qapp: object) -> None:
    """PySide gives a pool thread a fresh Python thread state (and an empty threading.local) for every task;
    the connections must still be one per thread, not one per read (they were: 266 at the end of a bench)."""
    from PySide6.QtCore import QRunnable, QThreadPool

    readers = PerThreadConnections(lambda: open_connection(tmp_path / "x.db", durable=False))
    results: list[int] = []

    class Read(QRunnable):
        def run(self) -> None:
            with readers.reading() as conn:
                results.append(conn.execute("SELECT 1").fetchone()[0])

    pool = QThreadPool()
    pool.setMaxThreadCount(2)
    pool.setExpiryTimeout(-1)
    for _ in range(40):
        pool.start(Read())
    assert pool.waitForDone(10_000)
    assert results == [1] * 40
    assert 1 <= readers.count() <= 2
    readers.close_all()
    assert readers.count() == 0
