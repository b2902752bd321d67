"""Product lookup by scanned code: from a GTIN to the product page to open, using only the local cache."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.core.cart import CartItemRef
from kiosk.core.catalog import LocationKind, Product, StockAvailability, Variant
from kiosk.core.fulfilment import StockPicture
from kiosk.core.money import Money
from kiosk.core.ports import CatalogStore, Clock


@dataclass(frozen=True, slots=True)
class ProductMatch:
    product: Product
    variant: Variant


def normalise_gtin(code: str) -> str | None:
    """GTIN-8/12/13/14 as the 14-digit key the cache indexes; None when it is not a GTIN shape."""
    if not code.isdigit() or len(code) not in (8, 12, 13, 14):
        return None
    return code.zfill(14)


class ProductLookup:
    def __init__(self, store: CatalogStore) -> None:
        self._store = store

    def by_gtin(self, gtin: str) -> ProductMatch | None:
        key = normalise_gtin(gtin)
        if key is None:
            return None
        variant = self._store.variant_by_gtin(key)
        if variant is None:
            return None
        product = self._store.product(variant.product_id)
        if product is None:
            return None
        return ProductMatch(product, variant)

    def by_ref(self, ref: CartItemRef) -> ProductMatch | None:
        """A cart line that came from elsewhere (web shop, saved cart), priced from this cache, not the link.

        The reference's variant id decides; the SKU is only how the cache's exact-code index finds the
        product to look in, so a SKU reused by another product after a catalog change never loads the wrong
        item.
        """
        if not ref.sku:
            return None
        for hit in self._store.search(ref.sku, "en", 5, 0):
            product = self._store.product(hit.product_id)
            if product is None:
                continue
            for variant in product.variants:
                if variant.id == ref.variant_id or (variant.sku == ref.sku and not ref.variant_id):
                    return ProductMatch(product, variant)
        return None


def current_prices(store: CatalogStore, lines: Sequence[tuple[str, str]]) -> dict[str, Money | None]:
    """Each (product id, variant id)'s price in the cache now, by variant id; None when the catalog no longer
    sells it. What a cart re-checks after a catalog change; runs on a reader thread."""
    prices: dict[str, Money | None] = {}
    for product_id, variant_id in lines:
        product = store.product(product_id)
        variant = next((v for v in product.variants if v.id == variant_id), None) if product else None
        prices[variant_id] = variant.price if variant is not None else None
    return prices


def cart_stock(store: CatalogStore, clock: Clock, lines: Sequence[tuple[str, str]]) -> StockPicture:
    """The cached stock of each (product id, variant id) and the locations, for the cart's per-line choices
    and the checkout's options; runs on a reader thread."""
    availability: dict[str, StockAvailability] = {}
    for product_id, variant_id in lines:
        product = store.product(product_id)
        variant = next((v for v in product.variants if v.id == variant_id), None) if product else None
        if variant is not None:
            availability[variant_id] = store.availability(variant)
    locations = tuple(store.locations())
    here = next((loc.id for loc in locations if loc.kind is LocationKind.HERE), None)
    return StockPicture(availability, locations, here, clock.now().astimezone())
