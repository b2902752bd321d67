"""A catalog cache the previous version wrote (tests/fixtures/caches/catalog-0.1.0.db, from
tools/make_catalog_fixture.py run on main before issue 18's search filters and product page) is read by this
version as it is: no re-import, its facets counted, and products synced afterwards gain compare-at prices beside
the old rows."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from kiosk.core.catalog import CatalogPage, SearchRefinement
from kiosk.core.money import Money
from kiosk.core.search_facets import FacetFilters, FacetGroup
from kiosk.storage.catalog_store import SqliteCatalogStore
from tests.fakes import FakeClock

PREVIOUS = Path(__file__).resolve().parents[1] / "fixtures" / "caches" / "catalog-0.1.0.db"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteCatalogStore]:
    path = tmp_path / "catalog.db"
    shutil.copyfile(PREVIOUS, path)
    s = SqliteCatalogStore(path)
    yield s
    s.close()


def test_the_previous_versions_cache_is_kept_and_filtered(store: SqliteCatalogStore) -> None:
    assert store.product_count() == 40 and store.cursor() is not None  # not emptied for a re-import
    values = store.search_facets("linen", SearchRefinement())
    counts = {(v.group, v.key): v.count for v in values}
    assert counts[(FacetGroup.BRAND, "Norda")] == 20 and counts[(FacetGroup.COLOUR, "Blue")] == 40
    assert [v.key for v in values if v.group is FacetGroup.SIZE] == ["S", "M", "L"]
    alba = SearchRefinement(filters=FacetFilters(brands=frozenset({"Alba"}), prices=frozenset({"25-50"})))
    hits = store.search_refined("linen", alba, 50, 0).hits
    assert sorted(h.product_id for h in hits) == sorted(f"p{n}" for n in range(16, 40, 2))  # €26.99-€48.99
    product = store.product("p1")
    assert product is not None and len(product.variants) == 6
    assert all(v.compare_at is None for v in product.variants)


def test_a_product_synced_after_the_upgrade_keeps_its_compare_at_price_beside_old_rows(
    store: SqliteCatalogStore,
) -> None:
    old = store.product("p2")
    assert old is not None
    was = Money(Decimal("19.99"), "EUR")
    marked = dataclasses.replace(old, variants=tuple(dataclasses.replace(v, compare_at=was) for v in old.variants))
    store.apply_page(CatalogPage((marked,), (), "41", False), FakeClock().now())
    again = store.product("p2")
    assert again is not None and {v.was_price for v in again.variants} == {was}
    assert store.product("p3").variants[0].compare_at is None  # type: ignore[union-attr]
    assert store.search_refined("linen", SearchRefinement(), 50, 0).total == 40
