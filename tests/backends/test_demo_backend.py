"""DemoBackend over real SQLite files: the CommerceBackend contract the kiosk relies on, end to end."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from kiosk.backends.demo.backend import DB_NAME, DemoBackend
from kiosk.core.catalog import CatalogPage, LocationKind, Product
from kiosk.core.customer import Address, CustomerLookup
from kiosk.core.errors import BackendRejectedError, BackendUnavailableError
from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind, Order, OrderContact, OrderLine, PaymentChoice
from kiosk.core.scanning.gtin import has_valid_check_digit
from kiosk.core.services.catalog_sync import CatalogSync
from kiosk.storage.catalog_store import SqliteCatalogStore
from tests.fakes import FakeClock


@pytest.fixture(scope="module")
def default_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoBackend]:
    """The default 2000-product store, generated once for the read-only tests of this module."""
    backend = DemoBackend(tmp_path_factory.mktemp("demo-default"))
    yield backend
    backend.close()


@pytest.fixture(scope="module")
def catalog(default_backend: DemoBackend) -> list[Product]:
    return [p for page in _pages(default_backend, None, 700) for p in page.products]


@pytest.fixture
def small(tmp_path: Path) -> Iterator[DemoBackend]:
    backend = DemoBackend(tmp_path / "demo", catalog_size=200, clock=FakeClock())
    yield backend
    backend.close()


def _pages(backend: DemoBackend, cursor: str | None, limit: int) -> list[CatalogPage]:
    pages = []
    while True:
        page = backend.catalog_changes(cursor, limit)
        pages.append(page)
        cursor = page.next_cursor
        if not page.has_more:
            return pages


def _rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM products ORDER BY seq").fetchall()
    finally:
        conn.close()


# ---- the generated store ------------------------------------------------------------------------------


def test_store_is_created_on_first_use_not_before(tmp_path: Path) -> None:
    backend = DemoBackend(tmp_path / "demo", catalog_size=50)
    assert not (tmp_path / "demo" / DB_NAME).exists()
    backend.ping()
    assert not (tmp_path / "demo" / DB_NAME).exists()
    backend.catalog_changes(None, 10)
    assert (tmp_path / "demo" / DB_NAME).exists()
    backend.close()


def test_two_generations_are_byte_for_byte_identical(tmp_path: Path) -> None:
    a, b = DemoBackend(tmp_path / "a", catalog_size=300), DemoBackend(tmp_path / "b", catalog_size=300)
    a.prepare()
    b.prepare()
    assert _rows(a.path) == _rows(b.path)
    assert a.customers() == b.customers()
    assert [p for page in _pages(a, None, 100) for p in page.products] == [
        p for page in _pages(b, None, 100) for p in page.products
    ]
    a.close()
    b.close()


def test_store_is_regenerated_when_the_size_or_seed_changes_and_kept_otherwise(tmp_path: Path) -> None:
    first = DemoBackend(tmp_path, catalog_size=100)
    first.prepare()
    first.close()
    mtime = first.path.stat().st_mtime_ns
    same = DemoBackend(tmp_path, catalog_size=100)
    assert same.stats()["products"] == 100
    assert same.path.stat().st_mtime_ns == mtime
    same.close()
    bigger = DemoBackend(tmp_path, catalog_size=150)
    assert bigger.stats()["products"] == 150
    bigger.close()
    reseeded = DemoBackend(tmp_path, catalog_size=150, seed=7)
    assert _rows(reseeded.path) != _rows(bigger.path) or reseeded.stats()["products"] == 150
    assert reseeded.product("p0000001") != DemoBackend(tmp_path / "x", catalog_size=150).product("p0000001")
    reseeded.close()


def test_a_corrupt_store_file_is_rebuilt(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"not a database at all")
    backend = DemoBackend(tmp_path, catalog_size=20)
    assert backend.stats()["products"] == 20
    backend.close()


def test_catalog_size_outside_the_range_is_refused() -> None:
    with pytest.raises(ValueError, match="^catalog_size must be between 1 and 100000000, got 0$"):
        DemoBackend(Path("unused"), catalog_size=0)


def test_default_store_counts(default_backend: DemoBackend, catalog: list[Product]) -> None:
    stats = default_backend.stats()
    assert stats["products"] == len(catalog) == 2000
    assert stats["customers"] == 50
    page = default_backend.catalog_changes(None, 1)
    assert len(page.categories) >= 8
    assert {c.id for c in page.categories} == {p.category_id for p in catalog}
    kinds = Counter(location.kind for location in page.locations)
    assert kinds == {LocationKind.HERE: 1, LocationKind.STORE: 3, LocationKind.WAREHOUSE: 1}
    assert all(loc.city and loc.address for loc in page.locations)
    # stores publish opening hours; the warehouse only ships
    assert all(bool(loc.opening_hours) == (loc.kind is not LocationKind.WAREHOUSE) for loc in page.locations)


def test_above_2000_the_size_is_a_number_of_skus(tmp_path: Path) -> None:
    backend = DemoBackend(tmp_path, catalog_size=5000)
    products = [p for page in _pages(backend, None, 1000) for p in page.products]
    assert sum(len(p.variants) for p in products) == 5000 == backend.stats()["variants"]
    backend.close()


def test_every_gtin_and_sku_is_valid_and_unique(catalog: list[Product]) -> None:
    variants = [v for p in catalog for v in p.variants]
    gtins = [v.gtin for v in variants]
    assert all(g is not None and len(g) == 14 and g[0] == "0" and has_valid_check_digit(g) for g in gtins)
    assert len(set(gtins)) == len(gtins)
    assert len({v.sku for v in variants}) == len(variants)
    assert len({v.id for v in variants}) == len(variants)


def test_every_price_is_decimal_euro_money(catalog: list[Product]) -> None:
    for product in catalog:
        for variant in product.variants:
            assert isinstance(variant.price, Money) and isinstance(variant.price.amount, Decimal)
            assert variant.price.currency == "EUR" and variant.price.amount == variant.price.rounded().amount


def test_english_and_spanish_texts_are_present(catalog: list[Product], default_backend: DemoBackend) -> None:
    for product in catalog:
        assert product.name.en and product.name.es and product.description.en and product.description.es
    page = default_backend.catalog_changes(None, 1)
    assert all(c.name.en and c.name.es and c.name.en != c.name.es for c in page.categories)


def test_many_items_are_out_of_stock_here_but_available_elsewhere(
    default_backend: DemoBackend, catalog: list[Product]
) -> None:
    variants = [v for p in catalog for v in p.variants]
    locations = default_backend.catalog_changes(None, 1).locations
    here_id = next(loc.id for loc in locations if loc.kind is LocationKind.HERE)
    out_here = [v for v in variants if dict((s.location_id, s.quantity) for s in v.stock)[here_id] == 0]
    elsewhere = [v for v in out_here if any(s.quantity for s in v.stock)]
    assert 0.30 <= len(out_here) / len(variants) <= 0.40
    assert len(elsewhere) >= 0.85 * len(out_here)
    assert len(elsewhere) < len(out_here)  # a few are out everywhere


def test_brands_variants_by_size_and_colour_and_a_picture_per_product_and_colour(catalog: list[Product]) -> None:
    assert all(p.brand.strip() for p in catalog) and len({p.brand for p in catalog}) >= 30
    varied = [p for p in catalog if len(p.variants) > 1]
    assert len(varied) >= 0.6 * len(catalog)
    both = [p for p in catalog if any(v.option("size") for v in p.variants) and any(v.option("colour") for v in p.variants)]
    assert len(both) >= 0.4 * len(catalog)
    for product in catalog:
        assert product.image is not None and all(v.image for v in product.variants)
        by_colour: dict[str, set[str | None]] = {}
        for variant in product.variants:
            colour = variant.option("colour")
            by_colour.setdefault(colour.en if colour else "", set()).add(variant.image)
        assert all(len(images) == 1 for images in by_colour.values()), product.id  # one picture per colour
        pictures = [next(iter(images)) for images in by_colour.values()]
        assert len(set(pictures)) == len(pictures), product.id  # and each colour its own


def test_ratings_reviews_and_popularity(default_backend: DemoBackend, catalog: list[Product]) -> None:
    rated = [p for p in catalog if p.review_count]
    assert len(rated) > len(catalog) / 2
    assert all(p.rating is not None and 1 <= p.rating <= 5 for p in rated)
    popular = max(catalog, key=lambda p: p.review_count)
    reviews = default_backend.reviews(popular.id, 10)
    assert len(reviews) == 10 and {r.lang for r in reviews} == {"en", "es"}
    assert all(1 <= r.rating <= 5 and r.title and r.body and r.author for r in reviews)
    assert default_backend.reviews("p9999999", 5) == []
    assert default_backend.reviews("nonsense", 5) == []


# ---- the change feed ----------------------------------------------------------------------------------


def test_paging_returns_every_product_exactly_once_in_order(small: DemoBackend) -> None:
    pages = _pages(small, None, 37)
    ids = [p.id for page in pages for p in page.products]
    assert ids == [f"p{i:07d}" for i in range(1, 201)]
    assert pages[0].categories and pages[0].locations
    assert all(not page.categories and not page.locations for page in pages[1:])
    assert [page.has_more for page in pages] == [True] * (len(pages) - 1) + [False]
    again = small.catalog_changes(pages[-1].next_cursor, 50)
    assert again.products == () and not again.has_more and again.next_cursor == pages[-1].next_cursor


def test_paging_resumes_from_any_cursor(small: DemoBackend) -> None:
    first = small.catalog_changes(None, 60)
    rest = [p.id for page in _pages(small, first.next_cursor, 60) for p in page.products]
    assert [p.id for p in first.products] + rest == [f"p{i:07d}" for i in range(1, 201)]


def test_a_delta_after_simulated_changes_returns_only_those(small: DemoBackend) -> None:
    before = {p.id: p for page in _pages(small, None, 100) for p in page.products}
    cursor = _pages(small, None, 500)[-1].next_cursor
    changed = small.simulate_changes(0.1, seed=1)
    assert changed == 20
    delta = _pages(small, cursor, 7)
    products = [p for page in delta for p in page.products]
    deleted = [pid for page in delta for pid in page.deleted_product_ids]
    assert len(products) + len(deleted) == 20
    assert len(deleted) == 1
    assert all(page.categories == () for page in delta)
    for product in products:
        old = before[product.id]
        assert product != old
        assert product.updated_at == datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert small.product(deleted[0]) is None
    assert small.stats()["products"] == 199
    full = [p.id for page in _pages(small, None, 1000) for p in page.products]
    assert len(full) == len(set(full)) == 199


def test_simulated_changes_are_deterministic_and_refuse_bad_fractions(tmp_path: Path) -> None:
    a = DemoBackend(tmp_path / "a", catalog_size=100, clock=FakeClock())
    b = DemoBackend(tmp_path / "b", catalog_size=100, clock=FakeClock())
    assert a.simulate_changes(0.2, 5) == b.simulate_changes(0.2, 5) == 20
    assert _rows(a.path) == _rows(b.path)
    assert a.simulate_changes(0.0, 5) == 0
    with pytest.raises(ValueError, match="^fraction must be between 0 and 1, got 1.5$"):
        a.simulate_changes(1.5, 5)
    a.close()
    b.close()


def test_cursors_the_store_cannot_continue_start_a_full_refeed_that_says_why(
    small: DemoBackend, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    other = DemoBackend(tmp_path / "other", catalog_size=201)
    foreign = other.catalog_changes(None, 1).next_cursor
    other.close()
    start = small.catalog_changes(None, 10)
    assert start.resync_reason == ""
    cases = {
        foreign: "the catalog cursor belongs to another demo catalog (seed or size changed)",
        f"demo1:{small.fingerprint}:{10**9}": "the catalog cursor is ahead of the demo store (the store was generated again)",
        "../../etc/passwd": "the catalog cursor is not a demo store cursor",
        "vj1:1.abc.2.3": "the catalog cursor is not a demo store cursor",
    }
    for cursor, reason in cases.items():
        caplog.clear()
        page = small.catalog_changes(cursor, 10)
        assert page.resync_reason == reason
        assert page == replace(start, resync_reason=reason)  # the feed from its start, categories and all
        warned = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
        if reason.endswith("not a demo store cursor"):
            assert warned == [f"catalog cursor {cursor!r} is not a demo store cursor; sending the whole catalog again"]
        else:
            assert warned == []
    follow = small.catalog_changes(start.next_cursor, 10)
    assert follow.resync_reason == "" and not follow.categories
    end = small.catalog_changes(None, 10**4).next_cursor
    assert small.catalog_changes(end, 10).resync_reason == ""  # the newest cursor is not "ahead"
    with pytest.raises(ValueError, match="^limit must be at least 1, got 0$"):
        small.catalog_changes(None, 0)


def test_sync_through_the_port_fills_the_kiosk_cache(small: DemoBackend, tmp_path: Path) -> None:
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    report = CatalogSync(small, store, FakeClock(), page_size=64).sync()
    assert report.products == 200 == store.product_count()
    _, payload = next(s for s in small.sample_scans("en") if s[0].startswith("Out of stock here"))
    variant = store.variant_by_gtin("0" + payload[3:16].decode())
    assert variant is not None
    availability = store.availability(variant)
    assert availability.here == 0 and availability.elsewhere > 0
    small.simulate_changes(0.05, 2)
    delta = CatalogSync(small, store, FakeClock()).sync()
    assert delta.products + delta.deleted == 10
    assert store.product_count() == 200 - delta.deleted
    store.close()


# ---- customers, shipping, orders -----------------------------------------------------------------------


def test_customers_are_found_by_card_token_email_and_phone(small: DemoBackend) -> None:
    customer = small.customers()[3]
    token = small.app_token(customer.id)
    assert token is not None
    by = CustomerLookup
    assert small.find_customer(by.LOYALTY_NUMBER, customer.loyalty_number) == customer
    assert small.find_customer(by.LOYALTY_NUMBER, "0" + customer.loyalty_number) == customer  # read as EAN-13
    assert small.find_customer(by.APP_TOKEN, token) == customer
    assert small.find_customer(by.APP_TOKEN, f"https://shop.example.com/m/{token}") == customer
    assert small.find_customer(by.EMAIL, "  " + customer.email.upper()) == customer
    assert small.find_customer(by.PHONE, customer.phone.replace(" ", "").replace("+34", "")) == customer
    assert small.find_customer(by.PHONE, "(+34) " + customer.phone[4:]) == customer
    assert small.find_customer(by.LOYALTY_NUMBER, "400000000006") is None
    assert small.find_customer(by.APP_TOKEN, token.lower() if token != token.lower() else token + "x") is None
    assert small.find_customer(by.PHONE, "123") is None


def test_customers_have_what_the_kiosk_shows(small: DemoBackend) -> None:
    customers = small.customers()
    assert len(customers) == 50
    for customer in customers:
        assert customer.loyalty_number.startswith("4") and has_valid_check_digit(customer.loyalty_number)
        assert customer.email.endswith("@example.com") and customer.phone.startswith("+34 6")
        assert customer.addresses and not customer.addresses[0].missing_fields()
        assert customer.tier in ("Member", "Silver", "Gold", "Platinum") and customer.points >= 0
    with_history = [c for c in customers if c.history]
    assert len(with_history) > 25
    assert small.sample_customer() == customers[0]


def test_shipping_methods_for_spain_and_elsewhere(small: DemoBackend) -> None:
    methods = small.shipping_methods("es")
    assert [(m.code, str(m.price.amount), m.days_min, m.days_max) for m in methods] == [
        ("standard", "4.95", 3, 5),
        ("express", "9.95", 1, 2),
    ]
    assert methods[0].name.es == "Envío estándar"
    assert [m.code for m in small.shipping_methods("FR")] == ["international"]
    assert small.shipping_methods("US") == []


def _order(backend: DemoBackend, **changes: object) -> Order:
    product = backend.catalog_changes(None, 1).products[0]
    variant = product.variants[0]
    method = backend.shipping_methods("ES")[0]
    order = Order(
        client_order_id=str(uuid.uuid4()),
        number="K-0042",
        created_at=datetime(2026, 11, 23, 10, 0, tzinfo=UTC),
        store_id="madrid-gran-via",
        device_id="kiosk-1",
        lines=(OrderLine(variant.id, variant.sku, variant.gtin, product.name.en, 2, variant.price),),
        fulfilment=FulfilmentKind.HOME_DELIVERY,
        payment=PaymentChoice.PAY_AT_COUNTER,
        contact=OrderContact("Lucía", "Martín", "lucia@example.com"),
        shipping_address=Address("Lucía Martín", "Calle Mayor 5", "Madrid", "28013", "ES"),
        shipping_method=method,
        pickup_location_id=None,
        currency="EUR",
    )
    return replace(order, **changes)  # type: ignore[arg-type]


def test_submitting_an_order_twice_gives_the_first_receipt(small: DemoBackend) -> None:
    order = _order(small)
    first = small.submit_order(order)
    assert first.backend_code == "DEMO-000001" and first.client_order_id == order.client_order_id
    assert small.submit_order(order) == first
    assert small.find_order(order.client_order_id) == first
    assert small.submit_order(_order(small)).backend_code == "DEMO-000002"
    assert small.stats()["orders"] == 2
    assert small.find_order("never-sent") is None


def test_concurrent_retries_of_one_order_store_it_once(small: DemoBackend) -> None:
    order = _order(small)
    receipts = []
    threads = [threading.Thread(target=lambda: receipts.append(small.submit_order(order))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({r.backend_code for r in receipts}) == 1 and len(receipts) == 8
    assert small.stats()["orders"] == 1


def test_orders_the_store_cannot_accept_are_rejected_with_a_reason(small: DemoBackend) -> None:
    cases: list[tuple[dict[str, object], str]] = [
        ({"lines": ()}, "order has no lines"),
        ({"currency": "USD"}, "the demo store sells in EUR, not USD"),
        ({"shipping_method": None}, "home delivery needs a shipping address and a shipping method"),
        (
            {"shipping_address": Address("Lucía Martín", "", "Madrid", "", "ES")},
            "shipping address is missing: street, postal_code",
        ),
        (
            {"fulfilment": FulfilmentKind.PICKUP_STORE, "pickup_location_id": "warehouse-getafe"},
            "unknown pickup store 'warehouse-getafe'",
        ),
    ]
    for changes, message in cases:
        with pytest.raises(BackendRejectedError) as info:
            small.submit_order(_order(small, **changes))
        assert str(info.value) == message
    line = _order(small).lines[0]
    for variant_id in ("p0000001-v99", "p9999999-v01", "nonsense"):
        with pytest.raises(BackendRejectedError) as info:
            small.submit_order(_order(small, lines=(replace(line, variant_id=variant_id),)))
        assert str(info.value) == f"unknown variant {variant_id}"
    with pytest.raises(BackendRejectedError) as info:
        small.submit_order(_order(small, lines=(replace(line, quantity=0),)))
    assert str(info.value) == f"line {line.sku}: quantity must be at least 1"
    pickup = _order(
        small,
        fulfilment=FulfilmentKind.PICKUP_STORE,
        pickup_location_id="valencia-colon",
        shipping_method=None,
        shipping_address=None,
    )
    assert small.submit_order(pickup).backend_code.startswith("DEMO-")


def test_offline_makes_every_backend_call_fail_as_unavailable(small: DemoBackend) -> None:
    small.prepare()
    small.offline = True
    calls: list[Callable[[], object]] = [
        small.ping,
        lambda: small.catalog_changes(None, 1),
        lambda: small.submit_order(_order_offline()),
        lambda: small.find_customer(CustomerLookup.EMAIL, "x"),
        lambda: small.shipping_methods("ES"),
        lambda: small.search("nova", 5),
        lambda: small.find_order("x"),
        lambda: small.reviews("p0000001", 1),
        lambda: small.image_bytes("demo:p0000001:red"),
    ]
    for call in calls:
        with pytest.raises(BackendUnavailableError) as info:
            call()
        assert str(info.value) == "demo backend is offline (simulated)"
    small.offline = False
    small.ping()


def _order_offline() -> Order:
    return Order(
        "x",
        "K-1",
        datetime(2026, 1, 1, tzinfo=UTC),
        "s",
        "d",
        (),
        FulfilmentKind.HOME_DELIVERY,
        PaymentChoice.PAY_AT_COUNTER,
        OrderContact("a", "b", "c"),
        None,
        None,
        None,
        "EUR",
    )


# ---- search and the scanner tray ------------------------------------------------------------------------


def test_backend_search_matches_words_codes_and_ranks_by_popularity(
    default_backend: DemoBackend, catalog: list[Product]
) -> None:
    by_id = {p.id: p for p in catalog}
    hits = default_backend.search("cotton", 20)
    assert len(hits) == 20
    assert all("cotton" in by_id[h].name.en.lower() for h in hits)
    popularity = [by_id[h].popularity for h in hits]
    assert popularity == sorted(popularity, reverse=True)
    assert all("camiseta" in by_id[h].name.es.lower() for h in default_backend.search("camiseta", 10))
    two = default_backend.search("nova cotton", 50)
    assert two and all({"nova", "cotton"} <= set(by_id[h].name.en.lower().split()) for h in two)
    product = catalog[10]
    variant = product.variants[-1]
    assert default_backend.search(variant.gtin or "", 5) == [product.id]
    assert default_backend.search((variant.gtin or "")[1:], 5) == [product.id]
    assert default_backend.search(variant.sku.lower(), 5) == [product.id]
    assert default_backend.search("100%_", 5) == []
    assert default_backend.search("   ", 5) == []


def test_sample_scans_are_framed_as_a_scanner_sends_them(default_backend: DemoBackend) -> None:
    scans = default_backend.sample_scans("en")
    assert 8 <= len(scans) <= 10
    products = [payload for _, payload in scans if payload.startswith(b"]E08470")]
    assert len(products) >= 5
    for payload in products:
        assert payload.endswith(b"\r") and len(payload) == 3 + 13 + 1
        assert has_valid_check_digit(payload[3:16].decode())
    card = next(payload for label, payload in scans if label.startswith("Loyalty card"))
    customer = default_backend.sample_customer()
    assert customer is not None
    assert card == b"]E00" + customer.loyalty_number.encode() + b"\r"
    app = next(payload for label, payload in scans if label.startswith("Loyalty app QR"))
    assert app.startswith(b"]Q1https://shop.example.com/m/") and app.endswith(b"\r")
    token = app[len(b"]Q1https://shop.example.com/m/") : -1].decode()
    assert default_backend.find_customer(CustomerLookup.APP_TOKEN, token) is not None
    link = next(payload for label, payload in scans if label.startswith("GS1 Digital Link"))
    assert link.startswith(b"]Q1https://id.gs1.org/01/0847") and len(link) == len(b"]Q1https://id.gs1.org/01/") + 15
    out_here = next(payload for label, payload in scans if label.startswith("Out of stock here"))
    product_id = default_backend.search(out_here[3:16].decode(), 1)[0]
    product = default_backend.product(product_id)
    assert product is not None
    variant = next(v for v in product.variants if v.gtin == "0" + out_here[3:16].decode())
    assert variant.stock[0].quantity == 0 and sum(s.quantity for s in variant.stock) > 0


def test_sample_scan_labels_follow_the_language(default_backend: DemoBackend) -> None:
    en, es = default_backend.sample_scans("en"), default_backend.sample_scans("es")
    assert [p for _, p in en] == [p for _, p in es]
    assert any(label.startswith("Agotado aquí: ") for label, _ in es)
    assert any(label.startswith("Tarjeta de cliente: ") for label, _ in es)
    assert any(label.startswith("QR de la app: ") for label, _ in es)


def test_reads_from_several_threads_at_once(small: DemoBackend) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                assert len(_pages(small, None, 50)) == 4
                small.search("classic", 5)
        except BaseException as exc:  # surfaced in the main thread below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_recall_list_comes_from_the_data_file_and_names_demo_products(small: DemoBackend) -> None:
    from kiosk.backends.demo.catalog import variant_number

    recalls = small.recall_list()
    assert [e.reference for e in recalls.entries] == ["DEMO-RECALL-2026-01", "DEMO-RECALL-2026-02", "DEMO-RECALL-2026-03"]
    assert all(variant_number(e.gtin) is not None for e in recalls.entries)  # products the demo store sells
    first = recalls.entries[0]
    assert recalls.match(first.gtin, first.lot, None) is not None


def test_recall_list_offline_raises_like_every_call(small: DemoBackend) -> None:
    small.offline = True
    with pytest.raises(BackendUnavailableError):
        small.recall_list()
