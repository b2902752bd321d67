"""Catalog sync: pulls pages of changes from the backend into the local cache, resuming from the cursor.

A first import into an empty cache asks the backend for a snapshot (kiosk.core.catalog_snapshot) when it
offers one: the whole catalog in flat records, ~5x cheaper per SKU than pages. Whatever changed while the
snapshot was made then arrives as pages from the snapshot's cursor. A snapshot that fails leaves the cache
empty and the same sync goes on with pages, so a bad snapshot costs time, never data.

A cursor the backend cannot continue (journal pruned, another database, another demo catalog) makes it start
a full re-feed whose first page carries `resync_reason`. The cache is not emptied for it: pages replace
products as they come, the store remembers the re-feed (CatalogStore.resync_pending) and, once the feed has
caught up, sweeps the products it did not send. A pass cut short (offline, a crash) leaves the old catalog
served whole; the next pass resumes the re-feed, reports it as a refresh again and finishes the sweep.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.core.catalog_snapshot import CatalogSnapshotError
from kiosk.core.ports import CatalogSnapshotSource, CatalogStore, Clock, CommerceBackend

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SyncReport:
    pages: int
    products: int
    variants: int
    deleted: int
    seconds: float
    snapshot: bool = False  # the products came (first) from a snapshot, not pages only
    snapshot_error: str = ""  # why a snapshot was tried and given up, if it was
    # Which products a screen showing them must re-read: named while few, else `everything_changed`.
    changed_product_ids: frozenset[str] = field(default_factory=frozenset)
    deleted_product_ids: frozenset[str] = field(default_factory=frozenset)
    everything_changed: bool = False
    # why the backend sent this sync back to a full re-import ("refreshing catalog"), if it did
    resync_reason: str = ""
    # the pass stopped at `max_pages` with more to fetch (a catch-up pass hands the rest to a worker process)
    more: bool = False

    @property
    def refreshing(self) -> bool:
        """The sync re-imported the whole catalog because its cursor could not be continued."""
        return bool(self.resync_reason)

    @property
    def anything_changed(self) -> bool:
        return self.everything_changed or bool(self.changed_product_ids or self.deleted_product_ids)


# Above this many changed products in one pass the screens re-read everything instead of a list of ids.
MAX_NAMED_CHANGES = 10_000


class CatalogSync:
    """Each page is applied with its cursor in one transaction, so a crash resumes without gaps or repeats."""

    def __init__(
        self,
        backend: CommerceBackend,
        store: CatalogStore,
        clock: Clock,
        page_size: int = 500,
        *,
        snapshot: bool = True,
        on_refreshing: Callable[[str], None] | None = None,
    ) -> None:
        self._backend = backend
        self._store = store
        self._clock = clock
        self._page_size = page_size
        self._snapshot = snapshot  # False: pages only, even into an empty cache
        # told the reason as soon as the backend starts a full re-import, while the pass still runs (the UI's
        # "refreshing catalog" line); the pass's SyncReport says it again when it is over
        self._on_refreshing = on_refreshing

    def sync(self, max_pages: int | None = None) -> SyncReport:
        started = self._clock.monotonic()
        pages = products = variants = deleted = 0
        snapshot = False
        snapshot_error = ""
        changed: set[str] = set()
        gone: set[str] = set()
        # a re-feed an earlier pass began and did not finish: this pass goes on with it (the UI says
        # "refreshing" again, and at its end the cache sweeps products the re-feed did not send)
        resync_reason = self._store.resync_pending() or ""
        if resync_reason:
            _log.info("resuming the catalog refresh: %s", resync_reason)
            if self._on_refreshing is not None:
                self._on_refreshing(resync_reason)
        more = False
        cursor = self._store.cursor()
        if cursor is None and max_pages is None and self._snapshot:
            try:
                loaded = self._load_snapshot()
            except CatalogSnapshotError as exc:
                snapshot_error = str(exc)
                _log.warning("catalog snapshot not used, syncing page by page: %s", exc)
                loaded = None
            if loaded is not None:
                snapshot = True
                products, variants = loaded
                cursor = self._store.cursor()
        while max_pages is None or pages < max_pages:
            page = self._backend.catalog_changes(cursor, self._page_size)
            if page.resync_reason:
                _log.warning("refreshing the catalog: %s", page.resync_reason)
                if self._on_refreshing is not None and not resync_reason:
                    self._on_refreshing(page.resync_reason)
                resync_reason = page.resync_reason
            self._store.apply_page(page, self._clock.now())
            pages += 1
            products += len(page.products)
            variants += sum(len(p.variants) for p in page.products)
            deleted += len(page.deleted_product_ids)
            if len(changed) + len(gone) <= MAX_NAMED_CHANGES:
                changed.update(p.id for p in page.products)
                gone.update(page.deleted_product_ids)
            cursor = page.next_cursor
            more = page.has_more
            if not more:
                break
        seconds = self._clock.monotonic() - started
        everything = snapshot or bool(resync_reason) or len(changed) + len(gone) > MAX_NAMED_CHANGES
        return SyncReport(
            pages, products, variants, deleted, seconds, snapshot, snapshot_error,
            changed_product_ids=frozenset() if everything else frozenset(changed - gone),
            deleted_product_ids=frozenset() if everything else frozenset(gone),
            everything_changed=everything,
            resync_reason=resync_reason,
            more=more,
        )  # fmt: skip

    def _load_snapshot(self) -> tuple[int, int] | None:
        """A backend offering snapshots implements CatalogSnapshotSource next to CommerceBackend."""
        if not isinstance(self._backend, CatalogSnapshotSource) or self._store.product_count() > 0:
            return None
        snapshot = self._backend.catalog_snapshot()
        if snapshot is None:
            return None
        try:
            totals = self._store.load_snapshot(snapshot, self._clock.now())
        finally:
            snapshot.close()
        return totals.products, totals.variants
