"""The demo store served over HTTP publishes its promotions and applies them, with the order's coupon codes, when
it places an order: a kiosk on `kiosk demo-store serve` (as `kiosk bench` runs it) shows the same offers and is
charged the same totals as one on the embedded store.

Real parts: the store runs as a separate process on 127.0.0.1 and is reached over real HTTP; the embedded
DemoBackend on the same store file is the reference the client must equal; the cache is a real catalog.db.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from kiosk.backends.demo.backend import DemoBackend
from kiosk.backends.demo.remote import RemoteDemoBackend
from kiosk.core.cart import Cart, CartLine
from kiosk.core.catalog import Product
from kiosk.core.errors import BackendProtocolError, BackendRejectedError, RejectionReason
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind, Order, OrderContact, OrderLine, PaymentChoice
from kiosk.core.services.catalog_sync import CatalogSync
from kiosk.core.services.offers import Offers, refresh_promotions
from kiosk.storage.catalog_store import SqliteCatalogStore
from tests.backends import test_demo_remote as served
from tests.fakes import FakeClock

# the store process and its clients, as tests/backends/test_demo_remote.py starts them (one store per module)
store, embedded, remote = served.store, served.embedded, served.remote


def test_the_promotions_over_http_equal_the_embedded_ones(remote: RemoteDemoBackend, embedded: DemoBackend) -> None:
    promotions = remote.promotions()
    assert promotions == embedded.promotions() and len(promotions) == 9
    assert {p.coupon_code for p in promotions} >= {"WELCOME5", "AUTUMN15", "JANUARY25"}
    assert remote.products_of(["p0000001-v01", "p0000003-v01", "x"]) == embedded.products_of(
        ["p0000001-v01", "p0000003-v01", "x"]
    ) == {"p0000001-v01": "p0000001", "p0000003-v01": "p0000003"}  # fmt: skip


def test_a_quiet_refresh_pass_is_still_one_request_of_under_2_kb(remote: RemoteDemoBackend) -> None:
    """What the kiosk's refresher does on every pass (change feed, recall list, promotions and their products):
    with nothing changed, one exchange, counted on the wire."""
    cursor = None
    while True:
        page = remote.catalog_changes(cursor, 10_000)
        cursor = page.next_cursor
        if not page.has_more:
            break
    remote.recall_list()
    remote.promotions()  # fetched once
    start = remote.traffic.requests
    page = remote.catalog_changes(cursor, 500)
    remote.recall_list()
    promotions = remote.promotions()
    remote.products_of(sorted({v for p in promotions for v in p.variant_ids}))
    assert not page.products and not page.deleted_product_ids and len(promotions) == 9
    exchanges = remote.traffic.since(start)
    assert [(x.method, x.path) for x in exchanges] == [("GET", "/v1/changes")]
    assert exchanges[0].total_bytes <= 2048


def test_after_a_catalog_worker_read_the_pages_the_lists_are_fetched_again(remote: RemoteDemoBackend) -> None:
    """Pages a worker process read carried stamps this client never saw: it asks for both lists once more."""
    remote.recall_list()
    remote.promotions()
    start = remote.traffic.requests
    remote.recall_list()
    remote.promotions()
    assert remote.traffic.requests == start  # the copies serve while no page said otherwise
    remote.catalog_synced_elsewhere()
    assert remote.promotions() and remote.recall_list() is not None
    assert sorted(x.path for x in remote.traffic.since(start)) == ["/v1/promotions", "/v1/recalls"]


def test_the_promotions_are_fetched_again_only_when_the_feeds_stamp_changes() -> None:
    stamp = ["a"]
    asked: list[str] = []
    record = {"id": "p1", "name": {"en": "Ten off", "es": "Diez menos"}, "kind": "percent_off", "percent": "10",
              "amount": None, "buy": 0, "get": 0, "variant_ids": ["p0000001-v01"], "free_variant_ids": [],
              "customer_groups": ["VIP"], "coupon_code": None, "starts_at": None,
              "ends_at": "2026-12-14T00:00:00+00:00", "minimum_order": None}  # fmt: skip

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        if request.url.path == "/v1/info":
            return httpx.Response(200, json={"seed": 1, "export_stamp": "x", "fingerprint": "f"})
        if request.url.path == "/v1/promotions":
            return httpx.Response(200, json=[record], headers={"X-Promotions-Stamp": stamp[0]})
        body = {"rows": [], "deleted": [], "related": {}, "next_cursor": "demo1:f:0", "has_more": False,
                "first": False, "recalls": "r", "promotions": stamp[0]}  # fmt: skip
        return httpx.Response(200, json=body)

    backend = RemoteDemoBackend("http://127.0.0.1:9", transport=httpx.MockTransport(handler))
    (promotion,) = backend.promotions()
    assert promotion.customer_groups == frozenset({"VIP"}) and promotion.ends_at == datetime(2026, 12, 14, tzinfo=UTC)
    backend.catalog_changes("demo1:f:0", 10)
    assert backend.promotions() == (promotion,)
    assert asked.count("/v1/promotions") == 1  # the same stamp: the promotions already fetched
    stamp[0] = "b"
    backend.catalog_changes("demo1:f:0", 10)
    backend.promotions()
    assert asked.count("/v1/promotions") == 2
    record["percent"] = "120"
    stamp[0] = "c"
    backend.catalog_changes("demo1:f:0", 10)
    with pytest.raises(BackendProtocolError) as bad:
        backend.promotions()
    assert str(bad.value) == (
        "the demo store's promotions are malformed: Promotion p1: a percentage off must be above 0 and at most 100"
    )
    del record["kind"]
    with pytest.raises(BackendProtocolError) as missing:
        backend.promotions()
    assert str(missing.value) == "the demo store's promotions are malformed: A promotion record lacks 'kind'"


# ---- orders: the coupons and promotions the store charges --------------------------------------------------


def _in_stock(remote: RemoteDemoBackend, price_over: str) -> Product:
    """A product whose first variant has stock and costs more than `price_over` (WELCOME5 needs €25)."""
    page = remote.catalog_changes(None, 400)
    return next(
        p
        for p in page.products
        if sum(s.quantity for s in p.variants[0].stock) > 3 and p.variants[0].price.amount > Decimal(price_over)
        and not p.id.startswith(("p0000001", "p0000002", "p0000003", "p0000004"))  # no product offer on it
    )


def _order(product: Product, quantity: int, *codes: str) -> Order:
    variant = product.variants[0]
    return Order(
        client_order_id=str(uuid.uuid4()), number="K-0300", created_at=datetime.now(UTC), store_id="madrid",
        device_id="kiosk-1", lines=(OrderLine(variant.id, variant.sku, variant.gtin, product.name.en, quantity,
                                              variant.price),),
        fulfilment=FulfilmentKind.PICKUP_STORE, payment=PaymentChoice.PAY_AT_COUNTER,
        contact=OrderContact("Ana", "K", "ana@example.com"), shipping_address=None, shipping_method=None,
        pickup_location_id="barcelona-diagonal", currency="EUR", coupon_codes=codes,
    )  # fmt: skip


def test_an_order_placed_over_http_is_charged_its_coupons_as_in_process(
    remote: RemoteDemoBackend, embedded: DemoBackend
) -> None:
    product = _in_stock(remote, "25")
    order = _order(product, 1, "welcome5", "AUTUMN15", "NOPE")
    receipt = remote.submit_order(order)
    twin = embedded.submit_order(replace(order, client_order_id=str(uuid.uuid4())))  # the same order, in process
    price = product.variants[0].price
    assert receipt.total == twin.total == (price - Money.of(5, "EUR")).rounded()
    assert receipt.notes == twin.notes and len(receipt.notes) == 2
    assert receipt.notes[1] == LocalizedText(
        "The code NOPE does not exist. Check it and try again.",
        "El código NOPE no existe. Compruébalo y vuelve a intentarlo.",
    )
    assert receipt.backend_code.startswith("DEMO-") and receipt.backend_code != twin.backend_code
    assert remote.submit_order(order) == receipt == remote.find_order(order.client_order_id)  # placed once
    assert remote.find_order(str(uuid.uuid4())) is None


def test_the_kiosks_estimate_on_the_served_store_is_the_total_it_charges(
    remote: RemoteDemoBackend, tmp_path: Path
) -> None:
    """A kiosk on the served store: the promotions cached, an offer on a product's card, and the price it
    shows with a coupon equal to what the store charges for the order."""
    cache = SqliteCatalogStore(tmp_path / "catalog.db")
    try:
        CatalogSync(remote, cache, FakeClock()).sync()
        offers = Offers(FakeClock(datetime.now(UTC)))
        assert refresh_promotions(remote, cache.save_promotions, offers)
        badge = offers.product_badge("p0000001")
        assert badge is not None and badge.en.startswith("−20% until ")
        assert cache.promotions()[0] == offers.promotions
        product = _in_stock(remote, "25")
        variant = product.variants[0]
        line = CartLine(variant.id, product.id, variant.sku, product.name, "", variant.price, 2)
        estimate = offers.price(Cart("EUR", (line,)), ["WELCOME5"])
        receipt = remote.submit_order(_order(product, 2, "WELCOME5"))
        assert estimate.total == receipt.total and receipt.notes == ()
    finally:
        cache.close()


def test_the_stores_refusal_of_an_order_keeps_its_reason(remote: RemoteDemoBackend) -> None:
    product = _in_stock(remote, "1")
    gone = replace(_order(product, 1), lines=(replace(_order(product, 1).lines[0], variant_id="p0999999-v01"),))
    with pytest.raises(BackendRejectedError) as info:
        remote.submit_order(gone)
    assert str(info.value) == "the demo store refused the order (HTTP 422): unknown variant p0999999-v01"
    assert info.value.reason is RejectionReason.PRODUCT_GONE
    bad = httpx.post(remote.url + "/v1/orders", json={"lines": []}, timeout=10)
    assert bad.status_code == 400 and bad.json() == {"error": "the order is malformed: KeyError('shipping_method')"}
