from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.services.catalog_sync import CatalogSync
from kiosk.storage.catalog_store import SqliteCatalogStore, fts_query
from tests.fakes import FakeBackend, FakeClock, make_product


@pytest.fixture
def store(tmp_path: Path) -> SqliteCatalogStore:
    s = SqliteCatalogStore(tmp_path / "catalog.db")
    yield s
    s.close()


def test_sync_fills_the_cache_and_lookup_by_gtin_finds_the_product(store: SqliteCatalogStore) -> None:
    backend = FakeBackend([make_product(i) for i in range(1, 1201)])
    report = CatalogSync(backend, store, FakeClock(), page_size=500).sync()
    assert (report.pages, report.products) == (3, 1200)
    assert store.product_count() == 1200
    variant = store.variant_by_gtin("00000000000042")
    assert variant is not None and variant.product_id == "p42"
    product = store.product("p42")
    assert product is not None
    assert product.variants[0].options[0][1].es == "Rojo"
    assert str(product.variants[0].price.amount) == "19.99"


def test_sync_resumes_from_the_cursor_without_repeating(store: SqliteCatalogStore) -> None:
    backend = FakeBackend([make_product(i) for i in range(1, 101)])
    CatalogSync(backend, store, FakeClock(), page_size=30).sync(max_pages=2)
    assert store.product_count() == 60 and store.cursor() == "60"
    CatalogSync(backend, store, FakeClock(), page_size=30).sync()
    assert store.product_count() == 100


def test_search_orders_by_popularity_and_puts_exact_codes_first(store: SqliteCatalogStore) -> None:
    products = [
        make_product(1, name="Trail runner", popularity=5),
        make_product(2, name="Trail jacket", popularity=500),
        make_product(3, name="Road runner", popularity=50),
    ]
    CatalogSync(FakeBackend(products), store, FakeClock()).sync()
    assert [h.product_id for h in store.search("tr", "en", 10, 0)] == ["p2", "p1"]
    assert [h.product_id for h in store.search("run", "en", 10, 0)] == ["p3", "p1"]
    assert [h.product_id for h in store.search("0000000000001", "en", 10, 0)][0] == "p1"
    assert [h.product_id for h in store.search("sku-3", "en", 10, 0)][0] == "p3"
    # accents are folded so a shopper typing without them still finds "Zapatilla"
    assert store.search("zapatílla 2", "es", 10, 0)[0].product_id == "p2"


def test_search_input_cannot_inject_fts_syntax(store: SqliteCatalogStore) -> None:
    CatalogSync(FakeBackend([make_product(1)]), store, FakeClock()).sync()
    for text in ['"', "NEAR(", "a OR", "*", "col:x", "-", "AND AND", "(((", "\x00"]:
        store.search(text, "en", 10, 0)  # must not raise
    assert fts_query("  ") is None
    assert fts_query('tra"il') == '"tra"* "il"*'


def test_changed_and_deleted_products_replace_the_old_rows(store: SqliteCatalogStore) -> None:
    backend = FakeBackend([make_product(1, name="Old name"), make_product(2)])
    CatalogSync(backend, store, FakeClock()).sync()
    from kiosk.core.catalog import CatalogPage

    store.apply_page(
        CatalogPage((make_product(1, name="New name", popularity=9),), ("p2",), "x", False), FakeClock().now()
    )
    assert store.search("old", "en", 10, 0) == []
    assert [h.product_id for h in store.search("new", "en", 10, 0)] == ["p1"]
    assert store.product("p2") is None and store.variant_by_gtin("00000000000002") is None


def test_availability_splits_here_other_stores_and_warehouse(store: SqliteCatalogStore) -> None:
    CatalogSync(FakeBackend([make_product(1, here=0)]), store, FakeClock()).sync()
    product = store.product("p1")
    assert product is not None
    stock = store.availability(product.variants[0])
    assert (stock.here, stock.warehouse) == (0, 20)
    assert [(loc.id, q) for loc, q in stock.other_stores] == [("bcn", 5)]
    assert stock.as_of == FakeClock().now()
    assert store.search("trail", "en", 5, 0)[0].in_stock_here is False


def test_an_import_into_an_empty_cache_indexes_words_when_the_pass_completes(store: SqliteCatalogStore) -> None:
    from kiosk.core.catalog import CatalogPage

    backend = FakeBackend([make_product(i, name=f"Trail runner {i}", popularity=i) for i in range(1, 101)])
    CatalogSync(backend, store, FakeClock(), page_size=30).sync(max_pages=2)  # cut short, as by a crash
    assert store.search("trail", "en", 10, 0) == []  # words come with the end of the first pass
    assert store.variant_by_gtin("00000000000042") is not None  # scans work from the first page
    # a product deleted before it was ever indexed leaves nothing behind
    store.apply_page(CatalogPage((), ("p7",), "60", True), FakeClock().now())
    CatalogSync(backend, store, FakeClock(), page_size=30).sync()
    hits = store.search("trail", "en", 200, 0)
    assert len(hits) == 99 and "p7" not in {h.product_id for h in hits}
    assert [h.product_id for h in hits[:3]] == ["p100", "p99", "p98"]  # by popularity
    assert [h.product_id for h in store.search("SKU-42", "en", 5, 0)] == ["p42"]  # SKU codes sorted in too
    # a later delta is indexed page by page
    store.apply_page(
        CatalogPage((make_product(7, name="Trail jacket", popularity=500),), (), "x", False), FakeClock().now()
    )
    assert store.search("trail jack", "en", 5, 0)[0].product_id == "p7"
    assert [h.product_id for h in store.popular(2)] == ["p7", "p100"]


def test_title_matches_rank_before_brand_only_matches(store: SqliteCatalogStore) -> None:
    products = [make_product(i, name=f"Wool sock {i}", popularity=i) for i in range(1, 6)]
    # "Norda" is every fake product's brand; one product also has it in its title, the least popular one
    products.append(make_product(6, name="Norda trail cap", popularity=0))
    CatalogSync(FakeBackend(products), store, FakeClock()).sync()
    ids = [h.product_id for h in store.search("nor", "en", 3, 0)]
    assert ids == ["p6", "p5", "p4"]  # the title match first, then brand-only matches by popularity
    assert [h.product_id for h in store.search("nor", "en", 3, 3)] == ["p3", "p2", "p1"]  # paging continues


def test_a_one_letter_typo_is_corrected_to_the_most_common_known_word(store: SqliteCatalogStore) -> None:
    backend = FakeBackend([make_product(1, name="Linen camisa"), make_product(2, name="Camisa oxford"),
                           make_product(3, name="Camiseta basic")])  # fmt: skip
    CatalogSync(backend, store, FakeClock()).sync()
    assert store.search("camiza", "es", 10, 0) == []
    assert store.spelling_suggestion("camiza") == "camisa"
    assert store.spelling_suggestion("linen cmaisa") == "linen camisa"  # known words stay as typed
    assert store.spelling_suggestion("camisa") is None  # nothing to correct
    assert store.spelling_suggestion("Camísa") is None  # accents are not typos: the index folds them
    assert store.spelling_suggestion("cam") is None  # too short to guess
    assert store.spelling_suggestion("qqqqqq") is None


def test_a_search_is_counted_sorted_by_price_or_newness_and_filtered_to_this_store(
    store: SqliteCatalogStore,
) -> None:
    """Issue 18: the count, the sorts and the "in this store" filter, over the relevance-ranked candidates."""
    from dataclasses import replace
    from datetime import UTC, datetime

    from kiosk.core.catalog import SearchRefinement, SearchSort

    products = [
        replace(
            make_product(1, name="Trail runner", popularity=5, price="80", here=0),
            updated_at=datetime(2026, 3, 1, tzinfo=UTC),
        ),
        replace(
            make_product(2, name="Trail jacket", popularity=500, price="120"),
            updated_at=datetime(2026, 1, 1, tzinfo=UTC),
        ),
        replace(
            make_product(3, name="Trail cap", popularity=50, price="15"), updated_at=datetime(2026, 6, 1, tzinfo=UTC)
        ),
        make_product(4, name="Road runner", popularity=1, price="60"),
    ]
    CatalogSync(FakeBackend(products), store, FakeClock()).sync()

    def ids(sort: SearchSort, in_store_only: bool = False, limit: int = 10, offset: int = 0) -> list[str]:
        found = store.search_refined("trail", SearchRefinement(sort, in_store_only), limit, offset)
        return [h.product_id for h in found.hits]

    relevance = store.search_refined("trail", SearchRefinement(), 10, 0)
    assert [h.product_id for h in relevance.hits] == [h.product_id for h in store.search("trail", "en", 10, 0)]
    assert (relevance.total, relevance.capped) == (3, False)
    assert ids(SearchSort.PRICE_LOW) == ["p3", "p1", "p2"]
    assert ids(SearchSort.PRICE_HIGH) == ["p2", "p1", "p3"]
    assert ids(SearchSort.NEW) == ["p3", "p1", "p2"]
    # p1 has none on the shelf here: the filter drops it and the count follows
    filtered = store.search_refined("trail", SearchRefinement(SearchSort.PRICE_LOW, True), 10, 0)
    assert [h.product_id for h in filtered.hits] == ["p3", "p2"] and filtered.total == 2
    # pages of a sorted list continue it
    assert ids(SearchSort.PRICE_LOW, limit=2) + ids(SearchSort.PRICE_LOW, limit=2, offset=2) == ["p3", "p1", "p2"]


def test_a_search_with_more_candidates_than_the_bound_says_it_is_capped(
    store: SqliteCatalogStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.core.catalog import SearchRefinement
    from kiosk.storage import catalog_store

    CatalogSync(FakeBackend([make_product(i) for i in range(1, 8)]), store, FakeClock()).sync()
    monkeypatch.setattr(catalog_store, "SEARCH_CANDIDATES", 5)
    found = store.search_refined("trail", SearchRefinement(), 3, 0)
    assert (len(found.hits), found.total, found.capped) == (3, 5, True)
