"""Garbage holding a Qt object is collected on the GUI thread, never on the worker that happened to allocate."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Qt

from kiosk.ui.qt.application import make_application
from kiosk.ui.qt.main_thread_gc import MainThreadCollector, collect_on_main_thread


class _Cycle:
    """A Python-owned QObject that only the cyclic collector can free."""

    def __init__(self, deleted_on: list[str]) -> None:
        self.obj = QObject()
        self.obj.destroyed.connect(
            lambda: deleted_on.append(threading.current_thread().name), Qt.ConnectionType.DirectConnection
        )
        self.me = self


def _allocate_on_a_worker() -> list[list[int]]:
    """What a sync or a read-ahead thread does: many containers that live on, well past the threshold."""
    kept: list[list[int]] = []

    def work() -> None:
        kept.extend([i] for i in range(50_000))

    worker = threading.Thread(target=work, name="worker")
    worker.start()
    worker.join()
    return kept


@pytest.fixture
def collector(qapp) -> Iterator[MainThreadCollector]:  # type: ignore[no-untyped-def]
    gc.collect()
    yield collect_on_main_thread(make_application())
    gc.collect()


def test_a_qt_object_in_garbage_is_deleted_on_the_gui_thread(collector: MainThreadCollector, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert not gc.isenabled()
    deleted_on: list[str] = []
    _Cycle(deleted_on)
    kept = _allocate_on_a_worker()
    assert deleted_on == [] and gc.get_count()[0] > collector.thresholds[0]  # the worker collected nothing
    before = sum(collector.collections)
    qtbot.waitUntil(lambda: bool(deleted_on), timeout=3000)  # the next tick, on the GUI thread
    assert deleted_on == ["MainThread"] and sum(collector.collections) > before
    del kept


def test_with_automatic_collection_the_worker_would_have_deleted_it(collector: MainThreadCollector) -> None:
    """The hazard itself, with the interpreter's default: the collection runs where the allocation happens."""
    deleted_on: list[str] = []
    gc.enable()
    try:
        _Cycle(deleted_on)
        del _allocate_on_a_worker()[:]
    finally:
        collector.resume()
    assert deleted_on == ["worker"]


def test_one_collector_per_application(collector: MainThreadCollector) -> None:
    assert collect_on_main_thread(make_application()) is collector
    assert len(make_application().findChildren(MainThreadCollector)) == 1
