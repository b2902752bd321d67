"""Garbage holding a Qt object is collected on the GUI thread, never on the worker that happened to allocate."""

from __future__ import annotations

import gc
import linecache
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Qt

from kiosk.ui.qt.application import make_application
from kiosk.ui.qt.main_thread_gc import MainThreadCollector, collect_due, collect_on_main_thread


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


def test_while_a_pass_applies_only_the_youngest_generation_is_collected(collector: MainThreadCollector) -> None:
    """A refresher pass holds the collector (issue 15: older collections walked the pass's pages on the GUI
    thread, the batch's longest stalls); what fell due meanwhile is collected once the pass is over."""
    thresholds = (10, 1, 1)  # every check past 10 allocations is due for generation 2
    kept = _allocate_on_a_worker()
    collector.hold(True)
    collector.hold(True)  # two kiosks' passes on one application: both must end
    try:
        assert collect_due(thresholds, oldest=0 if collector._holds else 2) == 0
        kept += _allocate_on_a_worker()
        collector.hold(False)
        assert collect_due(thresholds, oldest=0 if collector._holds else 2) == 0
    finally:
        collector.hold(False)
    kept += _allocate_on_a_worker()
    assert collect_due(thresholds, oldest=0 if collector._holds else 2) >= 1  # the older one that was held back
    collector.hold(False)  # an unmatched end is ignored: the collector never stays held
    assert collector._holds == 0
    del kept


def test_the_collector_checks_with_the_hold(collector: MainThreadCollector) -> None:
    kept = _allocate_on_a_worker()
    before = list(collector.collections)
    collector.hold(True)
    try:
        for _ in range(30):  # well past the default thresholds for the older generations
            kept += _allocate_on_a_worker()
            collector.check()
        assert collector.collections[1:] == before[1:] and collector.collections[0] > before[0]
    finally:
        collector.hold(False)
    for _ in range(30):
        kept += _allocate_on_a_worker()
        collector.check()
    assert collector.collections[1] > before[1]
    del kept


def test_a_full_collection_lets_go_of_the_source_lines_pysides_import_hook_read(
    collector: MainThreadCollector,
) -> None:
    linecache.getlines(threading.__file__)  # what PySide6's hook leaves behind for every module imported
    assert threading.__file__ in linecache.cache
    collector.thresholds = (0, 0, 0)  # a few checks reach generation 2
    kept: list[list[int]] = []
    before = collector.collections[2]
    for _ in range(10):
        kept += _allocate_on_a_worker()
        collector.check()
        if collector.collections[2] > before:
            break
        assert threading.__file__ in linecache.cache  # younger collections keep it
    assert collector.collections[2] > before
    assert threading.__file__ not in linecache.cache
    del kept
