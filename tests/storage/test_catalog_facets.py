"""The cache's facet queries (issue 18): size, colour, brand and price filters over a search's candidates, with
counts, combined with the sorts and "Only in this store"."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from kiosk.core.catalog import Product, SearchRefinement, SearchSort, StockLevel, Variant
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.search_facets import FacetFilters, FacetGroup, FacetValue
from kiosk.core.services.catalog_sync import CatalogSync
from kiosk.storage.catalog_store import SqliteCatalogStore
from tests.fakes import FakeBackend, FakeClock

RED, BLUE = LocalizedText("Red", "Rojo"), LocalizedText("Blue", "Azul")


def _shirt(n: int, brand: str, price: str, variants: list[tuple[str, LocalizedText, int]],
           popularity: int = 0) -> Product:  # fmt: skip
    """A shirt with (size, colour, units here) variants."""
    pid = f"s{n}"
    return Product(
        id=pid,
        name=LocalizedText(f"Linen shirt {n}", f"Camisa de lino {n}"),
        brand=brand,
        description=LocalizedText("", ""),
        category_id="shirts",
        variants=tuple(
            Variant(
                id=f"{pid}-{i}",
                product_id=pid,
                sku=f"S-{n}-{i}",
                gtin=None,
                price=Money(Decimal(price), "EUR"),
                options=(("colour", colour), ("size", LocalizedText.same(size))),
                stock=(StockLevel("here", here), StockLevel("wh", 4)),
            )
            for i, (size, colour, here) in enumerate(variants)
        ),
        popularity=popularity,
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteCatalogStore]:
    s = SqliteCatalogStore(tmp_path / "catalog.db")
    products = [
        _shirt(1, "Norda", "19.00", [("M", RED, 2), ("L", BLUE, 0)], popularity=50),
        _shirt(2, "Norda", "45.00", [("S", BLUE, 0), ("M", BLUE, 0)], popularity=40),
        _shirt(3, "Alba", "80.00", [("L", RED, 1), ("XL", RED, 0)], popularity=30),
        _shirt(4, "Alba", "250.00", [("M", BLUE, 3)], popularity=20),
    ]
    CatalogSync(FakeBackend(products), s, FakeClock()).sync()
    yield s
    s.close()


def _counts(values: list[FacetValue] | tuple[FacetValue, ...], group: FacetGroup) -> dict[str, int]:
    return {v.key: v.count for v in values if v.group is group}


def _ids(store: SqliteCatalogStore, refinement: SearchRefinement) -> list[str]:
    return [h.product_id for h in store.search_refined("shirt", refinement, 50, 0).hits]


def test_every_facet_lists_its_values_with_counts_in_display_order(store: SqliteCatalogStore) -> None:
    values = list(store.search_facets("shirt", SearchRefinement()))
    assert [v.key for v in values if v.group is FacetGroup.SIZE] == ["S", "M", "L", "XL"]
    assert _counts(values, FacetGroup.SIZE) == {"S": 1, "M": 3, "L": 2, "XL": 1}
    assert _counts(values, FacetGroup.COLOUR) == {"Red": 2, "Blue": 3}
    assert _counts(values, FacetGroup.BRAND) == {"Norda": 2, "Alba": 2}
    assert [(v.key, v.count) for v in values if v.group is FacetGroup.PRICE] == [
        ("0-25", 1), ("25-50", 1), ("50-100", 1), ("200-", 1),
    ]  # fmt: skip
    red = next(v for v in values if v.key == "Red")
    assert (red.label.en, red.label.es, red.selected) == ("Red", "Rojo", False)
    band = next(v for v in values if v.key == "200-")
    assert (band.label.en, band.label.es) == ("€200 and over", "200 € o más")


def test_a_filter_narrows_the_results_and_the_other_facets_counts(store: SqliteCatalogStore) -> None:
    red = SearchRefinement(filters=FacetFilters(colours=frozenset({"Red"})))
    assert _ids(store, red) == ["s1", "s3"]
    assert store.search_refined("shirt", red, 50, 0).total == 2
    values = store.search_facets("shirt", red)
    # sizes count only in red: s1 is red in M (its L is blue), s3 red in L and XL
    assert _counts(values, FacetGroup.SIZE) == {"M": 1, "L": 1, "XL": 1}
    # a facet's own values keep their counts without its filter: blue can still be added (or)
    assert _counts(values, FacetGroup.COLOUR) == {"Red": 2, "Blue": 3}
    assert next(v for v in values if v.key == "Red").selected


def test_size_and_colour_must_meet_in_one_variant(store: SqliteCatalogStore) -> None:
    # s1 has an L (blue) and a red (M), but no red L: it is not a red L shirt
    red_l = SearchRefinement(filters=FacetFilters(sizes=frozenset({"L"}), colours=frozenset({"Red"})))
    assert _ids(store, red_l) == ["s3"]
    two_sizes = SearchRefinement(filters=FacetFilters(sizes=frozenset({"S", "XL"})))
    assert _ids(store, two_sizes) == ["s2", "s3"]  # values of one facet are alternatives


def test_filters_combine_with_sorts_and_only_in_this_store(store: SqliteCatalogStore) -> None:
    blue_by_price = SearchRefinement(SearchSort.PRICE_HIGH, filters=FacetFilters(colours=frozenset({"Blue"})))
    assert _ids(store, blue_by_price) == ["s4", "s2", "s1"]
    here = SearchRefinement(SearchSort.PRICE_LOW, True, FacetFilters(colours=frozenset({"Blue"})))
    assert _ids(store, here) == ["s1", "s4"]  # s2 has nothing on this store's shelf
    assert _counts(store.search_facets("shirt", here), FacetGroup.BRAND) == {"Norda": 1, "Alba": 1}
    cheap_norda = SearchRefinement(filters=FacetFilters(brands=frozenset({"Norda"}), prices=frozenset({"25-50"})))
    assert _ids(store, cheap_norda) == ["s2"]


def test_a_chosen_value_nothing_has_any_more_stays_listed_with_zero(store: SqliteCatalogStore) -> None:
    gone = SearchRefinement(filters=FacetFilters(brands=frozenset({"Zeta"}), prices=frozenset({"100-200"})))
    assert _ids(store, gone) == []
    values = store.search_facets("shirt", gone)
    zeta = next(v for v in values if v.key == "Zeta")
    band = next(v for v in values if v.key == "100-200")
    assert (zeta.count, zeta.selected, band.count, band.label.en) == (0, True, 0, "€100 – €200")


def test_no_query_has_no_facets(store: SqliteCatalogStore) -> None:
    assert list(store.search_facets("  ", SearchRefinement())) == []
    assert list(store.search_facets("nothingmatches", SearchRefinement())) == []
