"""The product page's extras from the real Vendure (issue 18): compare-at prices through the KioskPlugin's export
into the cache, review texts and size guides from the products' custom fields, as vendure/seed.js sets them."""

from __future__ import annotations

import json
from pathlib import Path

from kiosk.backends.vendure.backend import VendureBackend
from kiosk.core.clock import SystemClock
from kiosk.core.services.catalog_sync import CatalogSync
from kiosk.core.size_guide import parse_size_guide
from kiosk.storage.catalog_store import SqliteCatalogStore
from tests.fixtures.vendure import VendureAdmin

SEED = json.loads((Path(__file__).parents[2] / "vendure" / "kiosk-data.json").read_text(encoding="utf-8"))


def _product_id(admin: VendureAdmin, slug: str) -> str:
    found: str = admin.query("query ($slug: String!) { product(slug: $slug) { id } }", {"slug": slug})["product"]["id"]
    return found


def test_reviews_and_size_guides_come_from_the_products_custom_fields(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin
) -> None:
    laptop, shoe = _product_id(vendure_admin, "laptop"), _product_id(vendure_admin, "ultraboost-running-shoe")
    reviews = list(vendure_backend.reviews(laptop, 3))
    written = SEED["reviewsBySlug"]["laptop"]
    assert [(r.author, r.rating, r.title, r.body, r.lang) for r in reviews] == [
        (w["author"], w["rating"], w["title"], w["body"], w["lang"]) for w in written[:3]
    ]
    assert len(vendure_backend.reviews(laptop, 50)) == len(written)
    assert vendure_backend.size_guide(shoe) == parse_size_guide(SEED["sizeGuides"]["shoes"])
    assert vendure_backend.size_guide(laptop) is None
    assert list(vendure_backend.reviews(_product_id(vendure_admin, "tablet"), 5)) == []


def test_compare_at_prices_and_review_figures_reach_the_cache_through_the_export(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin, tmp_path: Path
) -> None:
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    try:
        CatalogSync(vendure_backend, store, SystemClock()).sync()
        laptop = store.product(_product_id(vendure_admin, "laptop"))
        tablet = store.product(_product_id(vendure_admin, "tablet"))
        assert laptop is not None and tablet is not None
        factor = SEED["markdownsBySlug"]["laptop"]
        for variant in laptop.variants:
            was = variant.was_price
            assert was is not None and was.currency == variant.price.currency
            minor = variant.price.to_minor()
            assert was.to_minor() == max((int(minor * factor) // 100) * 100 + 99, minor + 100)
        assert all(v.compare_at is None for v in tablet.variants)
        ratings = [w["rating"] for w in SEED["reviewsBySlug"]["laptop"]]
        assert (laptop.review_count, laptop.rating) == (len(ratings), round(sum(ratings) / len(ratings), 1))
        assert (tablet.review_count, tablet.rating) == (0, None)
    finally:
        store.close()
