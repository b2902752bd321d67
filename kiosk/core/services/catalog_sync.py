"""Catalog sync: pulls pages of changes from the backend into the local cache, resuming from the cursor."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.ports import CatalogStore, Clock, CommerceBackend


@dataclass(frozen=True, slots=True)
class SyncReport:
    pages: int
    products: int
    variants: int
    deleted: int
    seconds: float


class CatalogSync:
    """Each page is applied with its cursor in one transaction, so a crash resumes without gaps or repeats."""

    def __init__(self, backend: CommerceBackend, store: CatalogStore, clock: Clock, page_size: int = 500) -> None:
        self._backend = backend
        self._store = store
        self._clock = clock
        self._page_size = page_size

    def sync(self, max_pages: int | None = None) -> SyncReport:
        started = self._clock.monotonic()
        pages = products = variants = deleted = 0
        cursor = self._store.cursor()
        while max_pages is None or pages < max_pages:
            page = self._backend.catalog_changes(cursor, self._page_size)
            self._store.apply_page(page, self._clock.now())
            pages += 1
            products += len(page.products)
            variants += sum(len(p.variants) for p in page.products)
            deleted += len(page.deleted_product_ids)
            cursor = page.next_cursor
            if not page.has_more:
                break
        return SyncReport(pages, products, variants, deleted, self._clock.monotonic() - started)
