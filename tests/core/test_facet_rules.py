"""kiosk.core.search_facets: which options are facets, size order, price bands and their words."""

from __future__ import annotations

from kiosk.core.search_facets import PRICE_BANDS, FacetFilters, FacetGroup, facet_of, price_band, size_order


def test_option_codes_that_are_sizes_or_colours() -> None:
    assert [facet_of(k) for k in ("colour", "Color", "size", "shoe-size", "format", "storage")] == [
        FacetGroup.COLOUR, FacetGroup.COLOUR, FacetGroup.SIZE, FacetGroup.SIZE, None, None,
    ]  # fmt: skip


def test_sizes_sort_as_shoppers_expect() -> None:
    assert sorted(["XL", "38.5", "M", "40", "One size", "S", "38", "XS"], key=size_order) == [
        "XS", "S", "M", "XL", "38", "38.5", "40", "One size",
    ]  # fmt: skip


def test_price_bands_cover_every_price_and_say_it_in_both_languages() -> None:
    assert [b.key for b in PRICE_BANDS] == ["0-25", "25-50", "50-100", "100-200", "200-"]
    assert price_band(2499, "EUR") is PRICE_BANDS[0] and price_band(2500, "EUR") is PRICE_BANDS[1]
    assert price_band(10_000_000, "EUR") is PRICE_BANDS[-1]
    assert (PRICE_BANDS[0].label("EUR", "en"), PRICE_BANDS[0].label("EUR", "es")) == ("Under €25", "Menos de 25 €")
    assert PRICE_BANDS[2].label("EUR", "es") == "50 € – 100 €"


def test_toggling_a_value_adds_it_then_removes_it() -> None:
    filters = FacetFilters().toggled(FacetGroup.SIZE, "M").toggled(FacetGroup.SIZE, "L")
    assert filters.sizes == {"M", "L"} and bool(filters)
    assert not filters.toggled(FacetGroup.SIZE, "M").toggled(FacetGroup.SIZE, "L")
