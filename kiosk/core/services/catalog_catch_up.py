"""Which refresher passes leave the GUI's process: a small first page here, the rest of a big pass in a worker.

In one process the interpreter lock couples the GUI thread to whatever the writer thread does: a 10k-change
batch applied on the writer stalled the GUI 16-110 ms on two shared cores (docs/performance.md, "batch
stall"), mostly while the writer, preempted by other processes, held the lock. A pass therefore asks for a
SMALL first page on the writer (an idle poll stays one small request and the common small change is applied
at once); only when the backend says there is more does the rest of the pass, from the cursor just saved, run
in a worker process (kiosk.catalog_worker) that shares no lock with the GUI. Each page is still one
transaction, so a worker killed mid-way leaves a consistent cache and the next pass resumes from its cursor.

A pass into an empty cache (a first import) stays on the writer: it may swap a snapshot in for the cache
file, which needs no other process to hold the file open (kiosk.storage.catalog_store).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from kiosk.core.errors import BackendError
from kiosk.core.ports import CatalogStore, Clock, CommerceBackend
from kiosk.core.services.catalog_sync import MAX_NAMED_CHANGES, CatalogSync, SyncReport

_log = logging.getLogger(__name__)

# Products in a pass's first page, on the writer thread of the kiosk's process. Small enough that parsing and
# applying it cannot stall the GUI noticeably (docs/performance.md, "catch-up passes"), big enough that the
# usual pass (a few products changed since the last poll) never needs a worker.
FIRST_PAGE = 200
# Products per page in the worker: the size every pass used before.
WORKER_PAGE = 500


class CatchUpError(BackendError):
    """The worker process that was applying the rest of a pass failed (its exit, a crash, a time-out): a failed
    pass like an unreachable backend, retried with the refresher's back-off from the cursor it reached."""


# The rest of a pass: blocks until the worker has applied it, telling `on_refreshing` when the backend starts a
# full re-import meanwhile; raises BackendError (CatchUpError for the worker's own failures).
CatchUpWorker = Callable[[Callable[[str], None]], SyncReport]


@runtime_checkable
class SyncedElsewhere(Protocol):
    """A backend that takes hints from the pages it reads (Vendure's journal says when promotions changed) is
    told when another process read the rest of a pass, so it reads those things again instead of missing them."""

    def catalog_synced_elsewhere(self) -> None: ...


@dataclass(frozen=True, slots=True)
class CatchUp:
    """A pass whose first page is applied and whose rest is for a worker: `finish()` runs it (blocking; on a
    thread that is neither the GUI's nor the writer's) and returns the whole pass's report."""

    first: SyncReport
    worker: CatchUpWorker
    on_refreshing: Callable[[str], None]

    def finish(self) -> SyncReport:
        return merge_reports(self.first, self.worker(self.on_refreshing))


class CatalogCatchUp:
    """One refresher pass: today's whole pass on the writer, or its first page there and a CatchUp for the rest."""

    def __init__(
        self,
        backend: CommerceBackend,
        store: CatalogStore,
        clock: Clock,
        worker: CatchUpWorker | None,
        *,
        first_page: int = FIRST_PAGE,
        on_refreshing: Callable[[str], None] | None = None,
    ) -> None:
        self._backend = backend
        self._store = store
        self._clock = clock
        self._worker = worker  # None: this backend cannot be rebuilt in another process (the embedded demo)
        self._first_page = first_page
        self._on_refreshing = on_refreshing or (lambda _reason: None)

    def run(self) -> SyncReport | CatchUp:
        if self._worker is None or self._store.cursor() is None:
            return CatalogSync(self._backend, self._store, self._clock, on_refreshing=self._on_refreshing).sync()
        first = CatalogSync(
            self._backend, self._store, self._clock, self._first_page, on_refreshing=self._on_refreshing
        ).sync(max_pages=1)
        if not first.more:
            return first
        return CatchUp(first, self._worker, self._on_refreshing)


def merge_reports(first: SyncReport, rest: SyncReport) -> SyncReport:
    """The report of a whole pass from its two parts, as CatalogSync would have made it in one piece."""
    everything = first.everything_changed or rest.everything_changed or first.snapshot or rest.snapshot
    gone = first.deleted_product_ids | rest.deleted_product_ids
    changed = (first.changed_product_ids | rest.changed_product_ids) - gone
    if len(changed) + len(gone) > MAX_NAMED_CHANGES:
        everything = True
    return SyncReport(
        pages=first.pages + rest.pages,
        products=first.products + rest.products,
        variants=first.variants + rest.variants,
        deleted=first.deleted + rest.deleted,
        seconds=first.seconds + rest.seconds,
        snapshot=first.snapshot or rest.snapshot,
        snapshot_error=first.snapshot_error or rest.snapshot_error,
        changed_product_ids=frozenset() if everything else frozenset(changed),
        deleted_product_ids=frozenset() if everything else frozenset(gone),
        everything_changed=everything,
        resync_reason=first.resync_reason or rest.resync_reason,
        more=rest.more,
    )


def report_to_record(report: SyncReport) -> dict[str, Any]:
    """A SyncReport as JSON-ready values: what the worker sends back on its pipe."""
    return {
        "pages": report.pages,
        "products": report.products,
        "variants": report.variants,
        "deleted": report.deleted,
        "seconds": report.seconds,
        "snapshot": report.snapshot,
        "snapshot_error": report.snapshot_error,
        "changed_product_ids": sorted(report.changed_product_ids),
        "deleted_product_ids": sorted(report.deleted_product_ids),
        "everything_changed": report.everything_changed,
        "resync_reason": report.resync_reason,
        "more": report.more,
    }


def report_from_record(record: Mapping[str, Any]) -> SyncReport:
    """The inverse of report_to_record; raises ValueError on anything else (the worker's reply is checked)."""
    try:
        ints = {k: record[k] for k in ("pages", "products", "variants", "deleted")}
        texts = {k: record[k] for k in ("snapshot_error", "resync_reason")}
        flags = {k: record[k] for k in ("snapshot", "everything_changed", "more")}
        ids = {k: record[k] for k in ("changed_product_ids", "deleted_product_ids")}
        seconds = record["seconds"]
    except (KeyError, TypeError) as exc:
        raise ValueError(f"a catalog worker's report lacks {exc}") from None
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in ints.values()):
        raise ValueError("a catalog worker's report has counts that are not whole numbers")
    if not all(isinstance(v, str) for v in texts.values()) or not all(isinstance(v, bool) for v in flags.values()):
        raise ValueError("a catalog worker's report has fields of the wrong type")
    if not isinstance(seconds, int | float) or isinstance(seconds, bool):
        raise ValueError("a catalog worker's report has fields of the wrong type")
    if not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in ids.values()):
        raise ValueError("a catalog worker's report has product ids that are not text")
    return SyncReport(
        pages=ints["pages"],
        products=ints["products"],
        variants=ints["variants"],
        deleted=ints["deleted"],
        seconds=float(seconds),
        snapshot=flags["snapshot"],
        snapshot_error=texts["snapshot_error"],
        changed_product_ids=frozenset(ids["changed_product_ids"]),
        deleted_product_ids=frozenset(ids["deleted_product_ids"]),
        everything_changed=flags["everything_changed"],
        resync_reason=texts["resync_reason"],
        more=flags["more"],
    )
