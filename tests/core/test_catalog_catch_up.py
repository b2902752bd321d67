"""The handover decision: which refresher passes stay on the writer and which hand their rest to a worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import pytest

from kiosk.core.catalog import CatalogPage
from kiosk.core.services.catalog_catch_up import (
    FIRST_PAGE,
    CatalogCatchUp,
    CatchUp,
    merge_reports,
    report_from_record,
    report_to_record,
)
from kiosk.core.services.catalog_sync import MAX_NAMED_CHANGES, SyncReport
from tests.fakes import FakeBackend, FakeClock, make_product


@dataclass
class RecordingBackend(FakeBackend):
    """FakeBackend (cursor = how many products were sent) that records the page sizes asked for."""

    limits: list[int] = field(default_factory=list)

    def catalog_changes(self, cursor: str | None, limit: int) -> CatalogPage:
        self.limits.append(limit)
        return super().catalog_changes(cursor, limit)


class FakeCache:
    """The parts of a CatalogStore a sync touches: the pages applied, in order, and the cursor."""

    def __init__(self, cursor: str | None) -> None:
        self._cursor = cursor
        self.pages: list[CatalogPage] = []

    def cursor(self) -> str | None:
        return self._cursor

    def resync_pending(self) -> str | None:
        return None  # no re-feed left unfinished by an earlier pass

    def apply_page(self, page: CatalogPage, synced_at: datetime) -> None:
        self.pages.append(page)
        self._cursor = page.next_cursor

    def product_count(self) -> int:
        return sum(len(p.products) for p in self.pages)


class FakeWorker:
    """Stands for the worker process: applies the rest of the pass from the cache's cursor, as it would."""

    def __init__(self, backend: FakeBackend, cache: FakeCache, refreshing: str = "") -> None:
        self.backend, self.cache, self.refreshing = backend, cache, refreshing
        self.calls = 0

    def __call__(self, on_refreshing: Callable[[str], None]) -> SyncReport:
        from kiosk.core.services.catalog_sync import CatalogSync

        self.calls += 1
        if self.refreshing:
            on_refreshing(self.refreshing)
        return CatalogSync(self.backend, self.cache, FakeClock(), 500).sync()  # type: ignore[arg-type]


def _products(n: int) -> list:  # type: ignore[type-arg]
    return [make_product(i) for i in range(n)]


def test_an_idle_pass_is_one_small_request_on_the_writer_and_no_worker() -> None:
    backend = RecordingBackend(products=_products(40))
    cache = FakeCache(cursor="40")
    worker = FakeWorker(backend, cache)
    outcome = CatalogCatchUp(backend, cache, FakeClock(), worker).run()  # type: ignore[arg-type]
    assert isinstance(outcome, SyncReport) and not outcome.more and outcome.products == 0
    assert backend.limits == [FIRST_PAGE] and worker.calls == 0


def test_a_change_that_fits_the_first_page_is_applied_on_the_writer() -> None:
    backend = RecordingBackend(products=_products(FIRST_PAGE + 30))
    cache = FakeCache(cursor="30")
    worker = FakeWorker(backend, cache)
    outcome = CatalogCatchUp(backend, cache, FakeClock(), worker).run()  # type: ignore[arg-type]
    assert isinstance(outcome, SyncReport) and outcome.products == FIRST_PAGE and not outcome.more
    assert worker.calls == 0 and cache.cursor() == str(FIRST_PAGE + 30)


def test_a_bigger_pass_applies_the_first_page_and_hands_the_rest_to_the_worker() -> None:
    backend = RecordingBackend(products=_products(1300))
    cache = FakeCache(cursor="0")
    worker = FakeWorker(backend, cache)
    refreshing: list[str] = []
    outcome = CatalogCatchUp(backend, cache, FakeClock(), worker, on_refreshing=refreshing.append).run()  # type: ignore[arg-type]
    assert isinstance(outcome, CatchUp)
    assert outcome.first.products == FIRST_PAGE and outcome.first.more and worker.calls == 0
    assert cache.cursor() == str(FIRST_PAGE)  # the worker resumes from the cursor just saved
    report = outcome.finish()
    assert worker.calls == 1 and cache.cursor() == "1300"
    assert backend.limits == [FIRST_PAGE, 500, 500, 500]  # the usual pages in the worker
    assert report.pages == 4 and report.products == 1300 and not report.more
    assert report.changed_product_ids == {p.id for p in backend.products} and not report.everything_changed


def test_a_resync_the_worker_starts_reaches_the_refreshing_strip() -> None:
    backend = RecordingBackend(products=_products(600))
    cache = FakeCache(cursor="0")
    worker = FakeWorker(backend, cache, refreshing="cursor too old")
    refreshing: list[str] = []
    outcome = CatalogCatchUp(backend, cache, FakeClock(), worker, on_refreshing=refreshing.append).run()  # type: ignore[arg-type]
    assert isinstance(outcome, CatchUp)
    outcome.finish()
    assert refreshing == ["cursor too old"]


def test_without_a_worker_or_into_an_empty_cache_the_whole_pass_stays_on_the_writer() -> None:
    backend = RecordingBackend(products=_products(1300))
    cache = FakeCache(cursor="0")
    outcome = CatalogCatchUp(backend, cache, FakeClock(), None).run()  # type: ignore[arg-type]
    assert isinstance(outcome, SyncReport) and outcome.products == 1300 and backend.limits == [500, 500, 500]

    backend = RecordingBackend(products=_products(1300))
    empty = FakeCache(cursor=None)  # a first import: it may swap a snapshot in, which needs the file to itself
    worker = FakeWorker(backend, empty)
    outcome = CatalogCatchUp(backend, empty, FakeClock(), worker).run()  # type: ignore[arg-type]
    assert isinstance(outcome, SyncReport) and outcome.products == 1300 and worker.calls == 0


def _report(changed: set[str], deleted: set[str], **kw: object) -> SyncReport:
    return SyncReport(
        1, len(changed), 2 * len(changed), len(deleted), 0.5,
        changed_product_ids=frozenset(changed), deleted_product_ids=frozenset(deleted), **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def test_the_two_reports_merge_as_one_pass_would_have_reported() -> None:
    first = _report({"a", "b"}, {"c"}, resync_reason="cursor too old", more=True)
    rest = _report({"d"}, {"b"})
    merged = merge_reports(first, rest)
    assert merged.changed_product_ids == {"a", "d"} and merged.deleted_product_ids == {"b", "c"}
    assert (merged.pages, merged.products, merged.variants, merged.deleted, merged.seconds) == (2, 3, 6, 2, 1.0)
    assert merged.resync_reason == "cursor too old" and merged.refreshing and not merged.more

    many = _report({f"p{i}" for i in range(MAX_NAMED_CHANGES)}, set())
    big = merge_reports(_report({"x"}, set(), more=True), many)
    assert big.everything_changed and big.changed_product_ids == frozenset()
    assert merge_reports(first, _report(set(), set(), everything_changed=True)).everything_changed


def test_a_report_crosses_the_pipe_unchanged_and_a_bad_one_is_refused() -> None:
    report = _report({"a", "b"}, {"c"}, resync_reason="why", snapshot_error="no")
    assert report_from_record(report_to_record(report)) == report
    record = report_to_record(report)
    with pytest.raises(ValueError) as info:
        report_from_record({k: v for k, v in record.items() if k != "pages"})
    assert str(info.value) == "a catalog worker's report lacks 'pages'"
    with pytest.raises(ValueError) as info:
        report_from_record(dict(record, products=-1))
    assert str(info.value) == "a catalog worker's report has counts that are not whole numbers"
    with pytest.raises(ValueError) as info:
        report_from_record(dict(record, more="yes"))
    assert str(info.value) == "a catalog worker's report has fields of the wrong type"
    with pytest.raises(ValueError) as info:
        report_from_record(dict(record, changed_product_ids=[1]))
    assert str(info.value) == "a catalog worker's report has product ids that are not text"
