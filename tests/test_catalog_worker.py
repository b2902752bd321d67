"""The catalog worker process (kiosk.catalog_worker) with real parts: the demo store served over HTTP on
127.0.0.1 by its own process, real catalog.db files, a real `python -m kiosk catalog-worker` per pass."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.backends.demo.remote import RemoteDemoBackend
from kiosk.catalog_worker import CatalogWorkerProcess
from kiosk.core.services.catalog_catch_up import FIRST_PAGE, CatalogCatchUp, CatchUp, CatchUpError
from kiosk.core.services.catalog_sync import CatalogSync
from kiosk.storage.catalog_store import SqliteCatalogStore
from tests.fakes import FakeClock
from tests.fixtures.demo_store import ServedDemoStore as Store

SIZE = 16000  # SKUs: ~2,800 products


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store(tmp_path_factory.mktemp("demo-store"), SIZE)
    yield s
    s.stop()


@pytest.fixture
def remote(store: Store) -> Iterator[RemoteDemoBackend]:
    backend = RemoteDemoBackend(store.url)
    yield backend
    backend.close()


def _synced_cache(remote: RemoteDemoBackend, path: Path) -> SqliteCatalogStore:
    cache = SqliteCatalogStore(path)
    CatalogSync(remote, cache, FakeClock()).sync()
    return cache


def _rows(cache: SqliteCatalogStore) -> dict[str, object]:
    """Every product as the kiosk reads it back, by id."""
    with cache._readers.reading() as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM products")]
    return {pid: cache.product(pid) for pid in ids}


def _assert_equals_the_store(cache: SqliteCatalogStore, remote: RemoteDemoBackend, tmp_path: Path) -> None:
    reference = _synced_cache(remote, tmp_path / f"reference-{time.monotonic_ns()}.db")  # the store as it is now
    try:
        assert _rows(cache) == _rows(reference)
        assert cache.cursor() == reference.cursor()
    finally:
        reference.close()


def test_a_batch_of_thousands_goes_through_a_real_worker_and_the_cache_ends_equal_to_the_store(
    remote: RemoteDemoBackend, tmp_path: Path
) -> None:
    cache = _synced_cache(remote, tmp_path / "catalog.db")
    changed = remote.simulate_changes(0.9, seed=7)
    assert changed > 2000
    worker = CatalogWorkerProcess("demo", {"url": remote.url}, cache.path)
    refreshing: list[str] = []
    outcome = CatalogCatchUp(remote, cache, FakeClock(), worker, on_refreshing=refreshing.append).run()
    assert isinstance(outcome, CatchUp) and outcome.first.products + outcome.first.deleted <= FIRST_PAGE
    report = outcome.finish()
    cache.written_elsewhere()
    assert report.products + report.deleted >= changed and not report.more and refreshing == []
    assert report.everything_changed or len(report.changed_product_ids) + len(report.deleted_product_ids) >= changed
    run = worker.runs[-1]
    assert run.exit_code == 0 and run.pages == report.pages - 1 and 0 < run.start_s < run.seconds
    assert run.peak_rss_kb > 10_000 and run.cpu_s > 0
    _assert_equals_the_store(cache, remote, tmp_path)
    # the kiosk's own writer goes on writing after the worker (its option numbers were forgotten)
    remote.simulate_changes(0.02, seed=8)
    again = CatalogCatchUp(remote, cache, FakeClock(), worker, first_page=10_000).run()
    assert not isinstance(again, CatchUp) and again.products > 0
    _assert_equals_the_store(cache, remote, tmp_path)
    cache.close()


def test_a_worker_killed_mid_pass_leaves_a_consistent_cache_and_the_next_pass_resumes_and_finishes(
    remote: RemoteDemoBackend, tmp_path: Path
) -> None:
    cache = _synced_cache(remote, tmp_path / "catalog.db")
    remote.simulate_changes(0.9, seed=11)
    worker = CatalogWorkerProcess("demo", {"url": remote.url}, cache.path, page_size=20)  # many small pages
    outcome = CatalogCatchUp(remote, cache, FakeClock(), worker).run()
    assert isinstance(outcome, CatchUp)
    cursor = cache.cursor()
    killed = threading.Event()

    def kill_after_a_page() -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not killed.is_set():
            pid = worker.running_pid
            if pid is not None and cache.cursor() != cursor:  # the worker committed a page of its own
                os.kill(pid, signal.SIGKILL)
                killed.set()
            time.sleep(0.005)

    killer = threading.Thread(target=kill_after_a_page)
    killer.start()
    with pytest.raises(CatchUpError) as info:
        outcome.finish()
    killer.join()
    assert killed.is_set()
    run = worker.runs[-1]
    assert run.exit_code == -signal.SIGKILL and run.pages >= 1
    assert str(info.value) == f"the catalog worker was ended by signal 9 after {run.pages} pages"
    assert cache.cursor() != cursor  # what it committed stays

    resumed = CatalogCatchUp(
        remote, cache, FakeClock(), CatalogWorkerProcess("demo", {"url": remote.url}, cache.path)
    ).run()
    if isinstance(resumed, CatchUp):
        resumed.finish()
    cache.written_elsewhere()
    _assert_equals_the_store(cache, remote, tmp_path)
    cache.close()


def test_a_worker_whose_backend_is_unreachable_fails_the_pass_with_the_backends_reason(tmp_path: Path) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # nothing listens there once closed
    cache = SqliteCatalogStore(tmp_path / "catalog.db")
    cache.close()
    worker = CatalogWorkerProcess("demo", {"url": f"http://127.0.0.1:{port}"}, cache.path)
    with pytest.raises(CatchUpError) as info:
        worker(lambda _reason: None)
    assert str(info.value) == (f"cannot reach the demo store for info at http://127.0.0.1:{port} (ConnectError)")
    assert worker.runs[-1].exit_code == 3


def test_a_worker_that_crashes_or_falls_quiet_is_a_failed_pass_with_a_clear_reason(tmp_path: Path) -> None:
    crash = CatalogWorkerProcess(
        "demo", {}, tmp_path / "catalog.db", command=[sys.executable, "-c", "raise SystemExit('boom')"]
    )
    with pytest.raises(CatchUpError) as info:
        crash(lambda _reason: None)
    assert str(info.value) == "the catalog worker exited with code 1 after 0 pages: boom"

    quiet = CatalogWorkerProcess(
        "demo", {}, tmp_path / "catalog.db", quiet_timeout_s=0.5,
        command=[sys.executable, "-c", "import time; time.sleep(60)"],
    )  # fmt: skip
    started = time.monotonic()
    with pytest.raises(CatchUpError) as info:
        quiet(lambda _reason: None)
    assert str(info.value) == "the catalog worker sent nothing for 0.5 s and was stopped"
    assert time.monotonic() - started < 10 and quiet.runs[-1].exit_code == -signal.SIGKILL

    stopped = CatalogWorkerProcess("demo", {}, tmp_path / "catalog.db")
    stopped.stop()  # the kiosk is closing
    with pytest.raises(CatchUpError) as info:
        stopped(lambda _reason: None)
    assert str(info.value) == "the kiosk is closing: no catalog worker started"


_PARENT = """
import sys, time
from pathlib import Path
from kiosk.catalog_worker import CatalogWorkerProcess
worker = CatalogWorkerProcess("demo", {"url": sys.argv[1], "timeout_s": 60}, Path(sys.argv[2]))
import threading
threading.Thread(target=worker, args=(lambda _r: None,), daemon=True).start()
while worker.running_pid is None:
    time.sleep(0.01)
print(worker.running_pid, flush=True)
time.sleep(120)
"""


def test_a_worker_dies_with_the_kiosk_that_started_it(tmp_path: Path) -> None:
    """A kiosk killed outright (systemd's SIGKILL, a crash) leaves no worker behind."""
    with socket.socket() as silent:  # accepts connections (the backlog) but never answers: the worker waits
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        cache = SqliteCatalogStore(tmp_path / "catalog.db")
        cache.close()
        kiosk = subprocess.Popen(
            [sys.executable, "-c", _PARENT, url, str(cache.path)], stdout=subprocess.PIPE, text=True
        )
        assert kiosk.stdout is not None
        pid = int(kiosk.stdout.readline())
        assert _alive(pid)
        kiosk.kill()
        kiosk.wait(timeout=10)
        kiosk.stdout.close()
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not _alive(pid)


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status
