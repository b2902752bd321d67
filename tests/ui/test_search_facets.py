"""Search filters from facets on screen (issue 18): chips by taps narrow the results and show counts, combine
with the sorts and "Only in this store", speak their names, and read in Spanish too."""

from __future__ import annotations

from decimal import Decimal

from kiosk.core.catalog import SearchRefinement, SearchSort
from kiosk.core.search_facets import FacetFilters, FacetGroup
from tests.ui.conftest import MakeKiosk
from tests.ui.helpers import find, tap, text_of


def _rows(kiosk, group: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return [r for r in kiosk.app_vm.search._facets.rows() if r["group"] == group]


def _price(text: str) -> Decimal:
    return Decimal("".join(c for c in text if c.isdigit() or c in ".,").replace(",", "."))


def test_a_colour_and_a_size_chip_narrow_the_results_with_the_sort_and_the_store_filter(
    make_kiosk: MakeKiosk, qtbot
) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk()
    window, vm, store = kiosk.window, kiosk.app_vm, kiosk.services.store
    vm.start()
    search = vm.search
    vm.searchFor("a")
    qtbot.waitUntil(lambda: vm.page == "search" and not search.busy and "colour" in search.facetGroups, timeout=10000)
    everything = search.resultCount
    assert {"colour", "size", "brand", "price"} <= set(search.facetGroups)

    # a facet opens its values as chips; each says how many results it leaves
    tap(window, find(window, "facetGroup_colour"))
    colour = next(r for r in _rows(kiosk, "colour") if 0 < r["count"] < everything)
    chip = find(window, f"facet_colour_{colour['key']}")
    qtbot.waitUntil(chip.isVisible)
    assert chip.property("text") == f"{colour['label']} ({colour['count']})"
    tap(window, chip)
    qtbot.waitUntil(lambda: not search.busy and search.resultCount == colour["count"])
    assert search.filterCount == 1 and find(window, f"facet_colour_{colour['key']}").property("selected") is True
    assert text_of(window, "resultCount") == (f"{colour['count']} results" if colour["count"] != 1 else "1 result")
    for row in search._results.rows():
        product = store.product(row["productId"])
        assert product is not None and any((v.option("colour") or v.options[0][1]).en == colour["key"]
                                           for v in product.variants)  # fmt: skip
    assert text_of(window, "facetGroup_colour") == "Colour · 1"

    # with the sort: the same set, cheapest first
    tap(window, find(window, "sort_price_low"))
    qtbot.waitUntil(lambda: search.sort == "price_low" and not search.busy)
    qtbot.waitUntil(lambda: search.resultCount == colour["count"])
    prices = [_price(r["price"]) for r in search._results.rows()]
    assert prices == sorted(prices)

    # a size too, then only this store's shelf: chips and counts are the cache's own figures for that refinement
    filters = FacetFilters(colours=frozenset({colour["key"]}))
    sizes = {v.key: v.count for v in store.search_facets("a", SearchRefinement(SearchSort.PRICE_LOW, False, filters))
             if v.group is FacetGroup.SIZE}  # fmt: skip
    qtbot.waitUntil(lambda: {r["key"]: r["count"] for r in _rows(kiosk, "size")} == sizes)
    tap(window, find(window, "facetGroup_size"))
    size = next(r for r in _rows(kiosk, "size") if r["count"] > 0)
    tap(window, find(window, f"facet_size_{size['key']}"))
    filters = filters.toggled(FacetGroup.SIZE, size["key"])
    expected = store.search_refined("a", SearchRefinement(SearchSort.PRICE_LOW, False, filters), 1, 0).total
    assert expected == size["count"]
    qtbot.waitUntil(lambda: not search.busy and search.resultCount == expected and search.filterCount == 2)
    tap(window, find(window, "inStoreOnly"))
    here = store.search_refined("a", SearchRefinement(SearchSort.PRICE_LOW, True, filters), 1, 0).total
    qtbot.waitUntil(lambda: search.inStoreOnly and not search.busy and search.resultCount == here)
    assert all(r["stockState"] in ("here", "low_here") for r in search._results.rows())

    # clearing the filters gives every result back; the sort and the store filter stay
    tap(window, find(window, "clearFilters"))
    plain_here = store.search_refined("a", SearchRefinement(SearchSort.PRICE_LOW, True), 1, 0).total
    qtbot.waitUntil(lambda: search.filterCount == 0 and not search.busy and search.resultCount == plain_here)
    assert not find(window, "clearFilters").isVisible()


def test_facet_chips_have_spoken_names_and_read_in_spanish(make_kiosk: MakeKiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk()
    vm = kiosk.app_vm
    vm.start()
    vm.setLanguage("es")
    try:
        _spanish_facets(kiosk, qtbot)
    finally:
        vm.setLanguage("en")  # the translator is application-wide, and the application outlives this kiosk


def _spanish_facets(kiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, vm = kiosk.window, kiosk.app_vm
    search = vm.search
    vm.searchFor("a")
    qtbot.waitUntil(lambda: vm.page == "search" and not search.busy and "price" in search.facetGroups, timeout=10000)
    group = find(window, "facetGroup_price")
    assert group.property("text").startswith("Precio")
    tap(window, group)
    band = _rows(kiosk, "price")[0]
    chip = find(window, f"facet_price_{band['key']}")
    qtbot.waitUntil(chip.isVisible)
    assert band["label"].endswith("€") or "€ –" in band["label"] or band["label"].startswith("Menos de")
    from PySide6.QtGui import QAccessible

    for name in ("facetGroup_price", f"facet_price_{band['key']}", "inStoreOnly", "sort_relevance"):
        iface = QAccessible.queryAccessibleInterface(find(window, name))
        assert iface is not None and iface.text(QAccessible.Text.Name), name
    spoken = QAccessible.queryAccessibleInterface(chip).text(QAccessible.Text.Name)
    assert spoken == f"{band['label']}, {band['count']} resultado" + ("" if band["count"] == 1 else "s")
    tap(window, chip)
    qtbot.waitUntil(lambda: not search.busy and search.filterCount == 1 and search.resultCount == band["count"])
    assert find(window, "clearFilters").property("text") == "Quitar filtros"
