"""Catch-up passes on the running kiosk: a big pass's rest is applied by a worker process, waited for on a thread
that is neither the GUI's nor the writer's, and the pass then ends as any other (kiosk.ui.qt.catalog_refresher)."""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from kiosk.app import KioskApp, Services
from kiosk.backends.demo.remote import RemoteDemoBackend
from kiosk.config import load_config
from kiosk.core.services.catalog_catch_up import CatchUp, CatchUpError
from kiosk.core.services.catalog_refresh import CatalogRefresh, RefreshPolicy
from kiosk.core.services.catalog_sync import SyncReport
from tests.backends.test_demo_remote import Store
from tests.fakes import FakeClock


def _report(*ids: str, more: bool = False) -> SyncReport:
    return SyncReport(1, len(ids), len(ids), 0, 0.1, changed_product_ids=frozenset(ids), more=more)


class Recorder:
    """Which thread each part of a pass ran on."""

    def __init__(self) -> None:
        self.threads: dict[str, int] = {}
        self.refreshing: list[str] = []

    def mark(self, part: str) -> None:
        self.threads[part] = threading.get_ident()


def _refresher(qtbot, sync: Callable[[], object], settle: Callable[[], None]):  # type: ignore[no-untyped-def]
    from kiosk.ui.qt.catalog_refresher import CatalogRefresher
    from kiosk.ui.qt.runner import BackgroundRunner

    runner = BackgroundRunner()
    refresher = CatalogRefresher(CatalogRefresh(RefreshPolicy(30, 300)), sync, runner, settle=settle)  # type: ignore[arg-type]
    return refresher, runner


def test_a_catch_up_is_waited_for_off_the_gui_and_writer_threads_then_settled_on_the_writer(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen = Recorder()

    def worker(on_refreshing: Callable[[str], None]) -> SyncReport:
        seen.mark("worker")
        return _report("b", "c")

    def sync() -> object:
        seen.mark("writer")
        return CatchUp(_report("a", more=True), worker, seen.refreshing.append)

    refresher, runner = _refresher(qtbot, sync, lambda: seen.mark("settle"))
    with qtbot.waitSignal(refresher.passed, timeout=5000) as passed:
        refresher.poll_now()
    report = passed.args[0]
    assert report.changed_product_ids == {"a", "b", "c"} and report.pages == 2 and not report.more
    gui = threading.get_ident()
    assert seen.threads["settle"] == seen.threads["writer"] != gui
    assert seen.threads["worker"] not in (gui, seen.threads["writer"])
    assert refresher.refresh.status.synced_ok and refresher.passes == 1
    timing = refresher.timings[-1]  # the whole pass, the worker's part included, timed as one
    assert timing.thread_id == seen.threads["writer"] and timing.ended_ns > timing.started_ns
    refresher.stop()
    runner.wait_idle()


def test_a_failed_worker_shows_the_first_page_then_backs_off(qtbot) -> None:  # type: ignore[no-untyped-def]
    settled: list[bool] = []

    def worker(on_refreshing: Callable[[str], None]) -> SyncReport:
        raise CatchUpError("the catalog worker was ended by signal 9 after 2 pages")

    def sync() -> object:
        return CatchUp(_report("a", more=True), worker, lambda _reason: None)

    refresher, runner = _refresher(qtbot, sync, lambda: settled.append(True))
    with qtbot.waitSignal(refresher.passed, timeout=5000) as passed:
        refresher.poll_now()
    assert passed.args[0].changed_product_ids == {"a"}  # what the writer applied before the worker failed
    qtbot.waitUntil(lambda: refresher.passes == 1, timeout=5000)
    status = refresher.refresh.status
    assert settled == [True] and not status.synced_ok and status.failures == 1
    refresher.stop()
    runner.wait_idle()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store(tmp_path_factory.mktemp("demo-store"), size=12000)
    yield s
    s.stop()


def test_a_batch_on_the_running_kiosk_goes_through_a_worker_and_reaches_the_product_page(
    qtbot, tmp_path: Path, store: Store  # type: ignore[no-untyped-def]
) -> None:
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data"), "KIOSK_LANGUAGE": "en"}
    config = load_config(env=env)
    config = dataclasses.replace(
        config,
        backend=dataclasses.replace(config.backend, kind="demo", options={"url": store.url}),
        scanner=dataclasses.replace(config.scanner, wedge=False),
        accessibility=dataclasses.replace(config.accessibility, speech_engine="mock"),
    )
    remote = RemoteDemoBackend(store.url)
    services = Services.build(config, backend=remote, clock=FakeClock())
    services.sync()
    kiosk = KioskApp(services)
    try:
        assert kiosk.catalog_worker is not None  # a store over HTTP can be reached from another process
        vm = kiosk.app_vm
        product_id = services.store.popular(1)[0].product_id
        vm.openProduct(product_id)
        qtbot.waitUntil(lambda: vm.product.productId == product_id and vm.product.loaded, timeout=5000)
        before = vm.product.price
        assert remote.simulate_changes(0.8, seed=3) > 1000
        assert remote.change_product(product_id, price=Decimal("1.23")) == 1  # the feed's last change
        with qtbot.waitSignal(kiosk.refresher.passed, timeout=60000) as passed:
            kiosk.refresher.poll_now()
        report = passed.args[0]
        assert report.pages > 1 and not report.more
        run = kiosk.catalog_worker.runs[-1]
        assert run.exit_code == 0 and run.pages == report.pages - 1
        qtbot.waitUntil(lambda: vm.product.price != before, timeout=5000)
        assert vm.product.price == "€1.23"
        assert services.store.cursor() == remote.catalog_changes(services.store.cursor(), 1).next_cursor
        assert not vm.catalogRefreshing  # no resync: no "refreshing the catalog" strip

        # a resync the worker meets shows the strip while it runs, and the strip goes when the pass is over
        real, release = kiosk.catalog_worker, threading.Event()

        def resyncing_worker(on_refreshing: Callable[[str], None]) -> SyncReport:
            on_refreshing("the store asked for a full resync")
            release.wait(10)
            return real(on_refreshing)

        kiosk.catalog_worker = resyncing_worker  # type: ignore[assignment]
        assert remote.simulate_changes(0.2, seed=4) > 300
        with qtbot.waitSignal(kiosk.refresher.passed, timeout=60000):
            kiosk.refresher.poll_now()
            qtbot.waitUntil(lambda: vm.catalogRefreshing, timeout=10000)
            release.set()
        qtbot.waitUntil(lambda: not vm.catalogRefreshing, timeout=5000)
        kiosk.catalog_worker = real
        kiosk.runner.wait_idle()  # the product page's re-read lands before the kiosk closes
        qtbot.waitUntil(lambda: vm.product.loaded, timeout=5000)
    finally:
        kiosk.shutdown()
        remote.close()
