"""Search on screen (issue 18): the query as title, the count, sorts and the "in this store" filter by taps,
and a top bar that does not keep the last search after Home."""

from __future__ import annotations

from decimal import Decimal

from kiosk.core.catalog import SearchRefinement, SearchSort
from tests.ui.conftest import MakeKiosk
from tests.ui.helpers import find, tap, text_of


def _prices(kiosk) -> list[Decimal]:  # type: ignore[no-untyped-def]
    rows = kiosk.app_vm.search._results.rows()
    return [Decimal("".join(c for c in str(r["price"]) if c.isdigit() or c == ".")) for r in rows]


def test_a_search_is_titled_counted_sorted_and_filtered_by_taps(make_kiosk: MakeKiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk()
    window, vm = kiosk.window, kiosk.app_vm
    store = kiosk.services.store
    vm.start()
    query = "a"
    expected = store.search_refined(query, SearchRefinement(), 1, 0)
    assert expected.total > 3
    vm.searchFor(query)
    search = vm.search
    qtbot.waitUntil(lambda: vm.page == "search" and not search.busy and search.resultCount >= 0, timeout=10000)
    assert text_of(window, "searchTitle") == "“a”"
    assert search.resultCount == expected.total
    count_text = text_of(window, "resultCount")
    assert count_text == (f"More than {expected.total:,} results" if expected.capped else f"{expected.total} results")

    tap(window, find(window, "sort_price_low"))
    qtbot.waitUntil(lambda: search.sort == "price_low" and not search.busy)
    qtbot.waitUntil(lambda: len(_prices(kiosk)) > 1)
    prices = _prices(kiosk)
    assert prices == sorted(prices)
    assert find(window, "sort_price_low").property("selected") is True

    tap(window, find(window, "inStoreOnly"))
    here = store.search_refined(query, SearchRefinement(SearchSort.PRICE_LOW, True), 1, 0).total
    qtbot.waitUntil(lambda: search.inStoreOnly and not search.busy and search.resultCount == here)
    assert all(r["stockState"] == "here" for r in search._results.rows())

    # The query belongs to its results: blank in the top bar on the cart, back again with the results
    vm.openCart()
    qtbot.waitUntil(lambda: vm.page == "cart")
    assert text_of(window, "searchField") == ""
    vm.back()
    qtbot.waitUntil(lambda: vm.page == "search")
    assert text_of(window, "searchField") == query

    # Home is a fresh start: no stale words in the top bar, no sort or filter carried into the next search
    tap(window, find(window, "homeButton"))
    qtbot.waitUntil(lambda: vm.page == "home")
    assert text_of(window, "searchField") == ""
    assert (search.sort, search.inStoreOnly, search.resultCount) == ("relevance", False, -1)
