"""The demo store's change feed as kiosk values: shared by the embedded DemoBackend and the HTTP client.

Its own module so that RemoteDemoBackend, which runs inside the kiosk, builds pages without importing the
store itself (its picture drawing pulls in Pillow, its people and orders their data): 4 MB of the kiosk's
memory that only the store process needs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import re
from collections.abc import Iterator, Sequence
from typing import Any

from kiosk.backends.demo import catalog
from kiosk.core.catalog import CatalogPage, Product

VARIANT_RE = re.compile(r"^p(\d{7})-v(\d{2})$")


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pauses CPython's cyclic garbage collector while a page of values is built.

    A page allocates tens of thousands of small objects that all survive until the page is returned, so the
    generational collector would traverse them again and again for nothing while they are built. Measured at
    1M SKUs: 10-20% more variants per CPU-second than with the collector running (turning it off for good
    would gain ~40%, but that is not a library's decision). Reference counting still frees everything.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclasses.dataclass(frozen=True, slots=True)
class ChangeRows:
    """One page of the demo store's change feed: live product rows (catalog.ProductRow order), deletions, the
    co-purchases of the live products, and where the next page starts."""

    live: list[Sequence[Any]]
    deleted: tuple[str, ...]
    related: dict[str, tuple[str, ...]]
    next_cursor: str
    has_more: bool
    first: bool  # the page from the start of the feed, which also carries categories and locations
    resync_reason: str = ""  # set when the client's cursor could not be continued: a full re-feed starts here


def page_from_rows(factory: catalog.ProductFactory, rows: ChangeRows) -> CatalogPage:
    """The kiosk's CatalogPage for a page of rows (the embedded backend's and the HTTP client's alike)."""
    with _gc_paused():
        products = tuple(add_related(factory.build_page(rows.live), rows.related))
    return CatalogPage(
        products=products,
        deleted_product_ids=rows.deleted,
        next_cursor=rows.next_cursor,
        has_more=rows.has_more,
        categories=catalog.categories() if rows.first else (),
        locations=catalog.locations() if rows.first else (),
        resync_reason=rows.resync_reason,
    )


def add_related(products: list[Product], related: dict[str, tuple[str, ...]]) -> list[Product]:
    if not related:
        return products
    return [dataclasses.replace(p, related=related[p.id]) if p.id in related else p for p in products]


def product_of_variant(variant_id: str) -> str:
    match = VARIANT_RE.match(variant_id)
    return catalog.product_id(int(match.group(1))) if match else ""


def products_of_variants(variant_ids: Sequence[str]) -> dict[str, str]:
    """The product of each demo variant id, read from the id itself ("p0000001-v01" is p0000001's); ids that
    are not the demo's are left out. The store served over HTTP answers this without a request too."""
    found = {v: product_of_variant(v) for v in variant_ids}
    return {v: p for v, p in found.items() if p}
