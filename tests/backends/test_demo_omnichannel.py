"""DemoBackend's omnichannel journey over real SQLite: handoff carts, saved carts, orders on behalf, returns,
events, co-purchases and opening hours, through the CommerceBackend port. The journeys run twice: against the
embedded store and against the store served from its own process over HTTP on 127.0.0.1 (RemoteDemoBackend),
which must answer the same, refusals word for word (tests.fixtures.demo_store.demo_store_under_test)."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.backends.demo.backend import DemoBackend
from kiosk.core.cart import CartItemRef
from kiosk.core.catalog import LocationKind
from kiosk.core.customer import Address, CustomerLookup
from kiosk.core.errors import BackendRejectedError, BackendUnavailableError
from kiosk.core.events import EventKind, EventRecorder
from kiosk.core.handoff import CartLink
from kiosk.core.order import FulfilmentKind, Order, OrderContact, OrderLine, PaymentChoice
from kiosk.core.order_tracking import PaymentState
from kiosk.core.recommendations import Recommender
from kiosk.core.scanning.config import ScanConfig
from kiosk.core.scanning.interpret import interpret
from kiosk.core.scanning.result import ScanKind
from kiosk.core.services.catalog_sync import CatalogSync
from kiosk.core.services.event_sender import EventSender
from kiosk.storage.catalog_store import SqliteCatalogStore
from kiosk.storage.event_queue import SqliteEventQueue
from tests.fakes import FakeClock
from tests.fixtures.demo_store import STORE_KINDS, DemoStoreUnderTest, demo_store_under_test


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[DemoBackend]:
    backend = DemoBackend(tmp_path / "demo", catalog_size=300, clock=FakeClock())
    yield backend
    backend.close()


@pytest.fixture(params=STORE_KINDS)
def stores(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DemoStoreUnderTest]:
    with demo_store_under_test(request.param, tmp_path / "demo", 300, clock=FakeClock()) as under_test:
        yield under_test


def _order_for(backend: DemoBackend, customer_id: str, **changes: object) -> Order:
    products = backend.catalog_changes(None, 3).products
    lines = tuple(
        OrderLine(p.variants[0].id, p.variants[0].sku, p.variants[0].gtin, p.name.en, n + 1, p.variants[0].price)
        for n, p in enumerate(products[:2])
    )
    order = Order(
        client_order_id=str(uuid.uuid4()),
        number="K-0100",
        created_at=datetime(2026, 11, 23, 10, 0, tzinfo=UTC),
        store_id="madrid-gran-via",
        device_id="kiosk-1",
        lines=lines,
        fulfilment=FulfilmentKind.PICKUP_STORE,
        payment=PaymentChoice.PAY_ON_PHONE,
        contact=OrderContact("Carlos", "Pérez", "carlos@example.com", customer_id=customer_id),
        shipping_address=None,
        shipping_method=None,
        pickup_location_id="barcelona-diagonal",
        currency="EUR",
    )
    return replace(order, **changes)  # type: ignore[arg-type]


def test_a_published_kiosk_cart_comes_back_when_its_qr_is_scanned(stores: DemoStoreUnderTest) -> None:
    demo, port = stores.store, stores.port
    product = demo.catalog_changes(None, 1).products[0]
    lines = [CartItemRef(product.variants[0].id, product.variants[0].sku, 2)]
    link = port.publish_cart(lines, "c0001")
    assert link.url == f"https://shop.example.com/cart/handoff/{link.cart_id}"
    scan = interpret(f"]Q1{link.url}\r".encode().rstrip(b"\r"), ScanConfig())
    assert scan.kind is ScanKind.CART_HANDOFF and scan.cart_id == link.cart_id
    cart = port.handoff_cart(scan.cart_id)
    assert cart is not None and cart.lines == tuple(lines) and cart.customer_id == "c0001"
    assert port.handoff_cart(link.cart_id.upper()) == cart  # QR alphanumeric mode upper-cases
    assert port.handoff_cart(str(uuid.uuid4())) is None
    assert port.handoff_cart("not-a-uuid") is None
    port.send_cart_link("c0001", link)
    assert demo.messages("c0001") == [("cart_link", link.url)]
    with pytest.raises(BackendRejectedError) as info:
        port.publish_cart([], None)
    assert str(info.value) == "an empty cart cannot be handed off"
    with pytest.raises(BackendRejectedError) as info:
        port.publish_cart([CartItemRef("p9999999-v01", "X", 1)], None)
    assert str(info.value) == "unknown variant p9999999-v01"
    with pytest.raises(BackendRejectedError) as info:
        port.send_cart_link("c9999", CartLink(link.cart_id, link.url))
    assert str(info.value) == "no customer c9999"


def test_the_demo_tray_scans_a_web_cart(stores: DemoStoreUnderTest) -> None:
    demo, port = stores.store, stores.port
    ids = demo.sample_handoff_ids()
    assert len(ids) == 3
    label, payload = demo.sample_scans("en")[-1]
    assert label == "Web cart QR" and demo.sample_scans("es")[-1][0] == "QR de carrito web"
    scan = interpret(payload.rstrip(b"\r"), ScanConfig())
    assert scan.kind is ScanKind.CART_HANDOFF and scan.cart_id == ids[-1]
    cart = port.handoff_cart(ids[-1])
    assert cart is not None and cart.lines
    for line in cart.lines:  # every line names a real, orderable variant
        assert demo.product(line.variant_id.split("-")[0]) is not None
    owned = port.handoff_cart(ids[0])
    assert owned is not None and owned.customer_id == "c0002"


def test_a_cart_left_behind_becomes_the_saved_cart_online(stores: DemoStoreUnderTest) -> None:
    demo, port = stores.store, stores.port
    customer = demo.customers()[1]
    product = demo.catalog_changes(None, 2).products[1]
    lines = [CartItemRef(v.id, v.sku, 1) for v in product.variants[:2]]
    port.save_customer_cart(customer.id, lines)
    again = port.find_customer(CustomerLookup.LOYALTY_NUMBER, customer.loyalty_number)
    assert again is not None and again.saved_cart == tuple(lines)
    port.save_customer_cart(customer.id, [])
    again = port.find_customer(CustomerLookup.EMAIL, customer.email)
    assert again is not None and again.saved_cart == ()


def test_profiles_carry_lines_wishlist_and_saved_cart(stores: DemoStoreUnderTest) -> None:
    demo, port = stores.store, stores.port
    first = demo.customers()[0]
    assert len(first.wishlist) == 3 and first.saved_cart and first.tier == "Gold"
    assert first.groups == {"Gold", "VIP"}  # resources/demo/customer_groups.json
    assert port.find_customer(CustomerLookup.LOYALTY_NUMBER, first.loyalty_number) == first  # all of it
    assert [o.placed_on for o in first.history] == sorted((o.placed_on for o in first.history), reverse=True)
    for past in first.history:
        assert past.lines and past.status in ("Delivered", "Shipped")
        assert (
            sum(
                (line.unit_price * line.quantity for line in past.lines[1:]),
                past.lines[0].unit_price * past.lines[0].quantity,
            )
            == past.total
        )
        assert past.item_names == tuple(line.name for line in past.lines)
    assert all(line.product_id for line in first.history[0].lines)
    uid = demo.sample_nfc_uids()[0]
    tagged = port.find_customer(CustomerLookup.APP_TOKEN, uid)
    assert tagged is not None and tagged.id == "c0001"
    assert port.find_customer(CustomerLookup.APP_TOKEN, "nfc-uid:04FFFFFFFFFFFF") is None


def test_order_on_behalf_shows_in_the_customers_orders_and_can_be_resent_and_returned(
    stores: DemoStoreUnderTest,
) -> None:
    demo, port = stores.store, stores.port
    customer = demo.customers()[4]
    before = port.customer_orders(customer.id, 20)
    order = _order_for(demo, customer.id)
    receipt = port.submit_order(order)
    orders = port.customer_orders(customer.id, 20)
    assert len(orders) == len(before) + 1
    newest = orders[0]
    assert newest.code == receipt.backend_code and newest.status == "PaymentPending"
    assert [(line.variant_id, line.quantity) for line in newest.lines] == [
        (x.variant_id, x.quantity) for x in order.lines
    ]
    # what the store charged: its own offers applied (free shipping over €50), as on the receipt
    assert receipt.total is not None and newest.total == receipt.total
    assert port.customer_orders(customer.id, 1) == [newest]

    port.resend_order_confirmation(receipt.backend_code)
    assert demo.messages(customer.id)[-1] == ("order_confirmation", receipt.backend_code)
    with pytest.raises(BackendRejectedError) as info:
        port.resend_order_confirmation("WEB-NOPE")
    assert str(info.value) == "no order WEB-NOPE"

    second = order.lines[1]  # quantity 2
    with pytest.raises(BackendRejectedError) as info:  # not paid yet: nothing to refund
        port.start_return(receipt.backend_code, [(second.variant_id, 1)], "wrong_size")
    assert str(info.value) == (
        f"Order {receipt.backend_code}: Not paid yet: only paid or delivered items can be returned"
    )
    demo.set_payment_state(order.client_order_id, PaymentState.SETTLED)  # paid at the counter
    assert port.customer_orders(customer.id, 1)[0].status == "PaymentSettled"
    first_return = port.start_return(receipt.backend_code, [(second.variant_id, 1)], "wrong_size")
    assert first_return.return_id == "RET-000001" and first_return.lines == ((second.variant_id, 1),)
    port.start_return(receipt.backend_code, [(second.variant_id, 1)], "wrong_size")
    with pytest.raises(BackendRejectedError) as info:  # both already returned
        port.start_return(receipt.backend_code, [(second.variant_id, 1)], "damaged")
    assert str(info.value) == f"Variant {second.variant_id} is not in this order"
    with pytest.raises(BackendRejectedError) as info:
        port.start_return(receipt.backend_code, [(order.lines[0].variant_id, 2)], "damaged")
    assert str(info.value) == f"Only 1 of {order.lines[0].variant_id} were bought; cannot return 2"


def test_a_web_order_from_the_history_can_be_returned(stores: DemoStoreUnderTest) -> None:
    demo, port = stores.store, stores.port
    customer = demo.customers()[0]
    past = port.customer_orders(customer.id, 5)[-1]
    line = past.lines[0]
    receipt = port.start_return(past.code, [(line.variant_id, line.quantity)], "changed_mind")
    assert receipt.order_code == past.code and receipt.reason == "changed_mind"
    with pytest.raises(BackendRejectedError) as info:
        port.start_return(past.code, [(line.variant_id, 1)], "")
    assert str(info.value) == "Give a reason for the return"


def test_pickup_elsewhere_and_reserve_here_orders_are_accepted(demo: DemoBackend) -> None:
    pickup = demo.submit_order(_order_for(demo, "c0001"))
    reserve = demo.submit_order(
        _order_for(demo, "", fulfilment=FulfilmentKind.RESERVE_HERE, pickup_location_id="madrid-gran-via")
    )
    assert pickup.backend_code != reserve.backend_code
    conn = sqlite3.connect(demo.path)
    try:
        rows = conn.execute(
            "SELECT json_extract(data, '$.fulfilment'), json_extract(data, '$.pickup_location_id') FROM orders ORDER BY n"
        ).fetchall()
    finally:
        conn.close()
    assert rows == [("pickup_store", "barcelona-diagonal"), ("reserve_here", "madrid-gran-via")]
    with pytest.raises(BackendRejectedError) as info:
        demo.submit_order(_order_for(demo, "", fulfilment=FulfilmentKind.RESERVE_HERE, pickup_location_id=None))
    assert str(info.value) == "unknown pickup store None"


def test_events_are_stored_once_however_often_a_batch_is_resent(demo: DemoBackend, tmp_path: Path) -> None:
    queue = SqliteEventQueue(tmp_path / "events.db")
    clock = FakeClock()
    recorder = EventRecorder(queue, clock, "madrid-gran-via", "kiosk-1")
    events = [recorder.record(EventKind.SCAN, {"scan_kind": "product", "gtin": "08470000012345"}) for _ in range(150)]
    demo.submit_events(events[:100])
    demo.submit_events(events[:100])  # a retry after a lost reply
    assert demo.event_count() == 100
    assert EventSender(demo, queue, clock).send_due().sent == 150
    assert demo.event_count() == 150 and queue.pending_count() == 0
    queue.close()


def test_every_omnichannel_call_fails_as_unavailable_offline(stores: DemoStoreUnderTest) -> None:
    demo, port = stores.store, stores.port
    demo.prepare()
    if stores.served is None:
        demo.offline = True  # the embedded store's simulated outage
    else:
        stores.served.stop()  # the store's process is gone: nothing answers on its port
    link = CartLink(str(uuid.uuid4()), "https://shop.example.com/cart/handoff/x")
    calls = [
        lambda: port.find_customer(CustomerLookup.LOYALTY_NUMBER, "400020329196"),
        lambda: port.handoff_cart(link.cart_id),
        lambda: port.publish_cart([CartItemRef("p0000001-v01", "X", 1)], None),
        lambda: port.send_cart_link("c0001", link),
        lambda: port.save_customer_cart("c0001", []),
        lambda: port.customer_orders("c0001", 5),
        lambda: port.resend_order_confirmation("WEB-1"),
        lambda: port.start_return("WEB-1", [("v", 1)], "other"),
        lambda: port.set_wishlisted("c0001", "p0000001", True),
        lambda: port.submit_events([]),
    ]
    for call in calls:
        with pytest.raises(BackendUnavailableError):
            call()


def test_co_purchases_and_opening_hours_reach_the_kiosk_cache(demo: DemoBackend, tmp_path: Path) -> None:
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    try:
        CatalogSync(demo, store, FakeClock(), page_size=100).sync()
        with_related = [p for p in (store.product(f"p{n:07d}") for n in range(1, 301)) if p and p.related]
        assert len(with_related) > 150
        for product in with_related:
            assert product.id not in product.related and len(product.related) <= 8
        product = with_related[0]
        also = store.also_bought(product.id, 4)
        assert [h.product_id for h in also] == [pid for pid in product.related if store.product(pid)][:4]
        customer = demo.customers()[0]
        for_you = Recommender(store).for_shopper(customer, limit=6)
        bought = {pid for order in customer.history for pid in order.product_ids}
        assert len(for_you) == 6 and not bought & {h.product_id for h in for_you}
        locations = {x.id: x for x in store.locations()}
        stores = [x for x in locations.values() if x.kind is not LocationKind.WAREHOUSE]
        assert len(locations) == 5 and all(x.opening_hours for x in stores)
        here = locations["madrid-gran-via"]
        assert {h.weekday for h in here.opening_hours} == set(range(7))
    finally:
        store.close()


def test_a_store_from_before_the_omnichannel_tables_gains_them(tmp_path: Path) -> None:
    backend = DemoBackend(tmp_path / "demo", catalog_size=120, clock=FakeClock())
    backend.prepare()
    expected = backend.customers()
    backend.close()
    conn = sqlite3.connect(backend.path)
    conn.execute("DELETE FROM meta WHERE key='omni_version'")
    for table in ("related", "web_orders", "customer_extras", "nfc_tags", "handoff_carts"):
        conn.execute(f"DROP TABLE {table}")
    conn.commit()
    conn.close()
    again = DemoBackend(tmp_path / "demo", catalog_size=120, clock=FakeClock())
    assert again.customers() == expected
    assert again.sample_handoff_ids()
    again.close()


def test_orders_of_an_address_customer_keep_working(stores: DemoStoreUnderTest) -> None:
    demo, port = stores.store, stores.port
    # home delivery on behalf of a customer uses their saved address
    customer = demo.customers()[2]
    method = port.shipping_methods("ES")[0]
    address: Address = customer.addresses[0]
    order = _order_for(
        demo,
        customer.id,
        fulfilment=FulfilmentKind.HOME_DELIVERY,
        pickup_location_id=None,
        shipping_address=address,
        shipping_method=method,
    )
    assert port.submit_order(order).backend_code.startswith("DEMO-")
    assert port.customer_orders(customer.id, 1)[0].lines


def test_an_order_placed_offline_with_the_loyalty_number_joins_the_history(stores: DemoStoreUnderTest) -> None:
    demo, port = stores.store, stores.port
    customer = demo.customers()[5]
    order = _order_for(demo, "")
    order = replace(order, contact=replace(order.contact, customer_id="", loyalty_number=customer.loyalty_number))
    receipt = port.submit_order(order)
    assert port.customer_orders(customer.id, 1)[0].code == receipt.backend_code
    other = demo.customers()[6]
    assert all(o.code != receipt.backend_code for o in port.customer_orders(other.id, 20))
