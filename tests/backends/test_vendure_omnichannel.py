"""The omnichannel journey against the real Vendure server (KioskPlugin + custom fields): carts that travel,
saved carts, orders on behalf of a found customer, pickup elsewhere and reserve here, returns, events."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.backends.vendure.backend import VendureBackend
from kiosk.core.cart import CartItemRef
from kiosk.core.catalog import LocationKind
from kiosk.core.customer import CustomerLookup
from kiosk.core.errors import BackendRejectedError
from kiosk.core.events import EventKind, EventRecorder
from kiosk.core.fulfilment import fulfilment_options
from kiosk.core.order import FulfilmentKind, OrderContact
from kiosk.core.recommendations import Recommender
from kiosk.core.scanning.config import ScanConfig
from kiosk.core.scanning.interpret import interpret
from kiosk.core.scanning.result import ScanKind
from kiosk.core.services.catalog_sync import CatalogSync
from kiosk.core.services.event_sender import EventSender
from kiosk.storage.catalog_store import SqliteCatalogStore
from kiosk.storage.event_queue import SqliteEventQueue
from tests.fakes import FakeClock
from tests.fixtures.vendure import VendureAdmin, sample_order

SEEDED_HANDOFF = "3f1c2b9a-6a57-4c1e-9d3b-7e2f8a1c5d40"  # vendure/kiosk-data.json, Hugo's web cart
MESSAGES = "query ($id: ID!) { kioskMessages(customerId: $id) { kind body } }"


def _customer(backend: VendureBackend, email: str) -> str:
    found = backend.find_customer(CustomerLookup.EMAIL, email)
    assert found is not None
    return found.id


def test_handoff_round_trip_publish_then_scan_then_load(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin
) -> None:
    mateo = _customer(vendure_backend, "mateo.sanchez@example.com")
    lines = [CartItemRef("3", "L2201316", 2), CartItemRef("7", "", 1)]
    link = vendure_backend.publish_cart(lines, mateo)
    assert link.url == f"https://shop.example.com/cart/handoff/{link.cart_id}"
    scan = interpret(f"]Q1{link.url}".encode(), ScanConfig())
    assert scan.kind is ScanKind.CART_HANDOFF and scan.cart_id == link.cart_id
    cart = vendure_backend.handoff_cart(scan.cart_id)
    assert cart is not None and cart.customer_id == mateo
    assert [(x.variant_id, x.quantity) for x in cart.lines] == [("3", 2), ("7", 1)]
    assert cart.lines[0].sku == "L2201316" and cart.lines[1].sku  # SKUs come from Vendure, not the request
    # the draft never shows as an order in the shopper's history
    assert all(o.status != "Draft" for o in vendure_backend.customer_orders(mateo, 20))
    vendure_backend.send_cart_link(mateo, link)
    messages = vendure_admin.query(MESSAGES, {"id": mateo})["kioskMessages"]
    assert messages[-1] == {"kind": "cart_link", "body": link.url}


def test_a_web_shop_cart_loads_at_the_kiosk(vendure_backend: VendureBackend) -> None:
    cart = vendure_backend.handoff_cart(SEEDED_HANDOFF.upper())
    assert cart is not None and cart.cart_id == SEEDED_HANDOFF
    hugo = _customer(vendure_backend, "hugo.martinez@example.com")
    assert cart.customer_id == hugo and [x.quantity for x in cart.lines] == [1, 2]
    assert vendure_backend.handoff_cart(str(uuid.uuid4())) is None
    assert vendure_backend.handoff_cart("not-a-uuid") is None


def test_publishing_refuses_empty_carts_and_unknown_variants(vendure_backend: VendureBackend) -> None:
    with pytest.raises(BackendRejectedError) as info:
        vendure_backend.publish_cart([], None)
    assert str(info.value) == "An empty cart cannot be handed off"
    with pytest.raises(BackendRejectedError):
        vendure_backend.publish_cart([CartItemRef("99999", "X", 1)], None)


def test_a_cart_left_behind_is_the_saved_cart_next_time(vendure_backend: VendureBackend) -> None:
    sofia = vendure_backend.find_customer(CustomerLookup.LOYALTY_NUMBER, "400020645951")
    assert sofia is not None and sofia.saved_cart == ()
    lines = [CartItemRef("4", "L2201508", 1), CartItemRef("9", "SKU9", 3)]
    vendure_backend.save_customer_cart(sofia.id, lines)
    again = vendure_backend.find_customer(CustomerLookup.APP_TOKEN, "app-05-yB8cETq")
    assert again is not None and again.saved_cart == tuple(lines)
    vendure_backend.save_customer_cart(sofia.id, [])
    cleared = vendure_backend.find_customer(CustomerLookup.EMAIL, "sofia.romero@example.com")
    assert cleared is not None and cleared.saved_cart == ()
    with pytest.raises(BackendRejectedError):
        vendure_backend.save_customer_cart("99999", lines)


def test_seeded_profile_has_wishlist_saved_cart_and_order_lines(vendure_backend: VendureBackend) -> None:
    martina = vendure_backend.find_customer(CustomerLookup.EMAIL, "martina.lopez@example.com")
    assert martina is not None and len(martina.saved_cart) == 2
    lucia = vendure_backend.find_customer(CustomerLookup.EMAIL, "lucia.garcia@example.com")
    assert lucia is not None and len(lucia.wishlist) == 3
    settled = [o for o in lucia.history if o.status == "PaymentSettled"]
    assert len(settled) >= 2
    for past in settled:
        assert past.lines and all(line.product_id and line.sku for line in past.lines)
        lines_total = sum(x.unit_price.amount * x.quantity for x in past.lines)
        assert 0 < lines_total <= past.total.amount  # the total adds shipping


def test_order_on_behalf_of_a_found_customer_for_pickup_elsewhere(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin, tmp_path: Path
) -> None:
    leo = vendure_backend.find_customer(CustomerLookup.PHONE, "600 100 106")
    assert leo is not None and leo.first_name == "Leo"
    before = len(vendure_backend.customer_orders(leo.id, 50))
    # what the associate sees: fulfilment options from the synced cache
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    try:
        CatalogSync(vendure_backend, store, FakeClock(), page_size=25).sync()
        locations = store.locations()
        here = next(x for x in locations if x.kind is LocationKind.HERE)
        product = store.product("1")
        assert product is not None
        variant = product.variants[0]
        options = fulfilment_options(
            [CartItemRef(variant.id, variant.sku, 1)],
            {variant.id: store.availability(variant)},
            locations,
            here.id,
            datetime(2026, 11, 23, 12, 0),
        )
        pickup = next(o for o in options if o.kind is FulfilmentKind.PICKUP_STORE and o.available)
        assert pickup.location_id != here.id
        assert any(x.opening_hours for x in locations if x.id == pickup.location_id)
    finally:
        store.close()
    order = sample_order(
        number="K-0801",
        variant_id=variant.id,
        fulfilment=FulfilmentKind.PICKUP_STORE,
        pickup_location_id=pickup.location_id,
    )
    order = replace(
        order, contact=OrderContact(leo.first_name, leo.last_name, leo.email, leo.phone, customer_id=leo.id)
    )
    receipt = vendure_backend.submit_order(order)
    placed = vendure_admin.order(
        receipt.backend_code,
        "customer { id } shippingLines { shippingMethod { code } } customFields { kioskFulfilment kioskPickupLocationId }",
    )
    assert placed["customer"]["id"] == leo.id
    assert placed["shippingLines"][0]["shippingMethod"]["code"] == "store-pickup"
    assert placed["customFields"] == {"kioskFulfilment": "pickup_store", "kioskPickupLocationId": pickup.location_id}
    orders = vendure_backend.customer_orders(leo.id, 50)
    assert len(orders) == before + 1 and orders[0].code == receipt.backend_code
    assert [(x.variant_id, x.quantity) for x in orders[0].lines] == [(variant.id, 1)]
    assert vendure_backend.customer_orders(leo.id, 1) == orders[:1]
    vendure_backend.resend_order_confirmation(receipt.backend_code)
    messages = vendure_admin.query(MESSAGES, {"id": leo.id})["kioskMessages"]
    assert messages[-1] == {"kind": "order_confirmation", "body": receipt.backend_code}


def test_reserve_here_is_a_pickup_at_this_store(vendure_backend: VendureBackend, vendure_admin: VendureAdmin) -> None:
    stores = vendure_admin.query("{ stockLocations { items { id name } } }")["stockLocations"]["items"]
    here = next(s["id"] for s in stores if s["name"] == "Madrid Centro")
    order = sample_order(number="K-0802", fulfilment=FulfilmentKind.RESERVE_HERE, pickup_location_id=here)
    receipt = vendure_backend.submit_order(order)
    assert receipt.state == "ArrangingPayment"
    placed = vendure_admin.order(
        receipt.backend_code,
        "shippingAddress { company } customFields { kioskFulfilment kioskPickupLocationId }",
    )
    assert placed["shippingAddress"]["company"] == "Madrid Centro"
    assert placed["customFields"] == {"kioskFulfilment": "reserve_here", "kioskPickupLocationId": here}


def test_start_return_of_an_online_order_in_store(vendure_backend: VendureBackend, vendure_admin: VendureAdmin) -> None:
    hugo = _customer(vendure_backend, "hugo.martinez@example.com")
    past = [o for o in vendure_backend.customer_orders(hugo, 20) if o.status == "PaymentSettled"][-1]
    line = past.lines[0]
    receipt = vendure_backend.start_return(past.code, [(line.variant_id, line.quantity)], "wrong_size")
    assert receipt.return_id == f"{past.code}-R1"
    assert receipt.lines == ((line.variant_id, line.quantity),) and receipt.reason == "wrong_size"
    with pytest.raises(BackendRejectedError) as info:  # already returned in full
        vendure_backend.start_return(past.code, [(line.variant_id, 1)], "damaged")
    assert str(info.value) == f"Variant {line.variant_id} is not in this order"
    with pytest.raises(BackendRejectedError) as info:
        vendure_backend.start_return(past.code, [(line.variant_id, 1)], " ")
    assert str(info.value) == "Give a reason for the return"
    with pytest.raises(BackendRejectedError) as info:
        vendure_backend.start_return("NOPE", [(line.variant_id, 1)], "damaged")
    assert str(info.value) == "Vendure has no order NOPE"
    history = vendure_admin.order(
        past.code,
        "history { items { type data } }",
    )["history"]["items"]
    notes = [h["data"].get("note", "") for h in history if h["type"] == "ORDER_NOTE"]
    assert any(note.startswith(f"Return {past.code}-R1 started in store (wrong_size)") for note in notes)


def test_an_unpaid_kiosk_order_cannot_be_returned(vendure_backend: VendureBackend) -> None:
    receipt = vendure_backend.submit_order(sample_order(number="K-0803"))
    with pytest.raises(BackendRejectedError) as info:
        vendure_backend.start_return(receipt.backend_code, [("1", 1)], "changed_mind")
    assert str(info.value) == f"Order {receipt.backend_code} is ArrangingPayment; only placed orders can be returned"


def test_events_are_idempotent_on_their_ids(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin, tmp_path: Path
) -> None:
    count = lambda: vendure_admin.query("{ kioskEventCount }")["kioskEventCount"]  # noqa: E731
    before = count()
    queue = SqliteEventQueue(tmp_path / "events.db")
    clock = FakeClock(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    recorder = EventRecorder(queue, clock, "madrid-centro", "kiosk-01")
    events = [recorder.record(EventKind.SEARCH, {"query": "laptop", "results": n}) for n in range(120)]
    vendure_backend.submit_events(events[:100])
    vendure_backend.submit_events(events[:100])  # a retry after a lost reply
    assert count() == before + 100
    assert EventSender(vendure_backend, queue, clock).send_due().sent == 120
    assert count() == before + 120 and queue.pending_count() == 0
    queue.close()


def test_related_products_sync_into_the_cache_and_recommend(vendure_backend: VendureBackend, tmp_path: Path) -> None:
    store = SqliteCatalogStore(tmp_path / "catalog.db")
    try:
        CatalogSync(vendure_backend, store, FakeClock(), page_size=25).sync()
        laptop = store.product("1")
        assert laptop is not None and len(laptop.related) == 4 and "1" not in laptop.related
        assert [h.product_id for h in store.also_bought("1", 2)] == list(laptop.related[:2])
        lucia = vendure_backend.find_customer(CustomerLookup.EMAIL, "lucia.garcia@example.com")
        assert lucia is not None
        offers = Recommender(store).personal_offers(lucia, limit=5)
        assert [h.product_id for h in offers[:3]] == list(lucia.wishlist)
    finally:
        store.close()


def test_an_nfc_loyalty_tag_recognises_its_shopper(vendure_backend: VendureBackend) -> None:
    scan = interpret(b"urn:nfc:uid:04A1B2C3D4E5F6", ScanConfig())
    assert scan.member_token == "nfc-uid:04A1B2C3D4E5F6"
    mateo = vendure_backend.find_customer(CustomerLookup.APP_TOKEN, scan.member_token)
    assert mateo is not None and mateo.first_name == "Mateo"
    assert vendure_backend.find_customer(CustomerLookup.APP_TOKEN, "nfc-uid:04a1b2c3d4e5f6") == mateo
    assert vendure_backend.find_customer(CustomerLookup.APP_TOKEN, "nfc-uid:04FFFFFFFFFFFF") is None
