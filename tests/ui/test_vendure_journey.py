"""The omnichannel flows through the real QML UI against the real Vendure server on 127.0.0.1.

The same kiosk as in production (serial scanner on a pty, catalog synced into a real catalog.db, orders
through the outbox and its sender thread), with Vendure as the backend: a web-shop cart handed off by QR,
and an order for a recognised shopper picked up at another store.
"""

from __future__ import annotations

import pytest

from kiosk.core.catalog import LocationKind
from kiosk.core.customer import CustomerLookup
from kiosk.core.order import FulfilmentKind, OrderStatus
from tests.fixtures.vendure import VendureAdmin
from tests.ui.conftest import MakeKiosk
from tests.ui.helpers import find, next_step, tap

pytestmark = pytest.mark.vendure

SEEDED_HANDOFF = "3f1c2b9a-6a57-4c1e-9d3b-7e2f8a1c5d40"  # vendure/kiosk-data.json: Hugo's web cart


def test_handoff_then_pickup_elsewhere_for_a_recognised_shopper_on_vendure(
    make_kiosk: MakeKiosk, qtbot, vendure_backend, vendure_admin: VendureAdmin  # type: ignore[no-untyped-def]
) -> None:
    kiosk = make_kiosk(backend=vendure_backend)
    vm, window = kiosk.app_vm, kiosk.window
    hugo = vendure_backend.find_customer(CustomerLookup.EMAIL, "hugo.martinez@example.com")
    assert hugo is not None
    online = vendure_backend.handoff_cart(SEEDED_HANDOFF)
    assert online is not None
    vm.start()
    assert kiosk.virtual_scanner is not None

    # the shopper scans their loyalty card, then the web shop's "continue in store" QR
    kiosk.virtual_scanner.write(b"]E00" + hugo.loyalty_number.encode() + b"\r")
    qtbot.waitUntil(lambda: vm.shopperName == hugo.first_name, timeout=10000)
    qtbot.wait(400)  # outside the scanner's debounce window
    kiosk.virtual_scanner.write(f"]Q1https://shop.example.com/cart/handoff/{SEEDED_HANDOFF}\r".encode())
    qtbot.waitUntil(lambda: vm.page == "cart", timeout=10000)
    assert {x.variant_id: x.quantity for x in vm.cart.cart.lines} == {x.variant_id: x.quantity for x in online.lines}

    # checkout: pickup at another store that has everything, filled from the recognised profile
    tap(window, find(window, "checkoutButton"))
    qtbot.waitUntil(lambda: vm.page == "checkout" and vm.checkout.fulfilmentOptions.count > 0, timeout=10000)
    next_step(qtbot, kiosk, 1)
    here = next(x.id for x in kiosk.services.store.locations() if x.kind is LocationKind.HERE)
    rows = [vm.checkout.fulfilmentOptions.get(i) for i in range(vm.checkout.fulfilmentOptions.count)]
    pickup = next(
        (r for r in rows if r["kind"] == "pickup_store" and r["available"] and not r["optionKey"].endswith(f":{here}")),
        None,
    )
    if pickup is None:
        pytest.fail(f"no other store has Hugo's web cart in the seeded stock: {rows}")
    tap(window, find(window, "option_" + pickup["optionKey"]))
    qtbot.waitUntil(lambda: vm.checkout.fulfilment == "pickup_store")
    next_step(qtbot, kiosk, 2)
    tap(window, find(window, "useProfileButton"))
    qtbot.waitUntil(lambda: vm.checkout.email == hugo.email)
    next_step(qtbot, kiosk, 3)
    tap(window, find(window, "placeOrderButton"))
    qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=10000)
    order = vm.checkout.last_order
    assert order is not None and order.fulfilment is FulfilmentKind.PICKUP_STORE
    assert order.contact.customer_id == hugo.id and order.contact.loyalty_number == hugo.loyalty_number

    # the sender thread delivers it to Vendure: Hugo's order, store pickup at the chosen store
    outbox = kiosk.services.outbox
    kiosk._wake.set()
    qtbot.waitUntil(
        lambda: (e := outbox.get(order.client_order_id)) is not None and e.status is OrderStatus.DELIVERED,
        timeout=30000,
    )
    entry = outbox.get(order.client_order_id)
    assert entry is not None
    placed = vendure_admin.order(
        entry.backend_code,
        "customer { id } shippingLines { shippingMethod { code } } customFields { kioskFulfilment kioskPickupLocationId }",
    )
    assert placed["customer"]["id"] == hugo.id
    assert placed["shippingLines"][0]["shippingMethod"]["code"] == "store-pickup"
    assert placed["customFields"] == {
        "kioskFulfilment": "pickup_store",
        "kioskPickupLocationId": order.pickup_location_id,
    }
    assert vendure_backend.customer_orders(hugo.id, 1)[0].code == entry.backend_code
