"""Orders against the real Vendure server: delivery, pick-up, idempotent retries, half-built drafts."""

from __future__ import annotations

import threading
import uuid
from dataclasses import replace
from typing import Any

import pytest

from kiosk.backends.vendure.backend import VendureBackend, payment_state, tracking_state
from kiosk.core.customer import CustomerLookup
from kiosk.core.errors import BackendRejectedError
from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind, OrderContact, OrderLine, PaymentChoice
from kiosk.core.order_tracking import PaymentState, TrackingState
from tests.fixtures.vendure import VendureAdmin, sample_order

ORDER_READ = """
query ($id: String!) {
  orders(options: { filter: { kioskClientOrderId: { eq: $id } } }) {
    totalItems
    items {
      id code state totalWithTax shippingWithTax currencyCode
      customer { id emailAddress firstName lastName }
      lines { quantity productVariant { id sku } }
      shippingAddress { fullName company streetLine1 city postalCode countryCode phoneNumber }
      shippingLines { shippingMethod { code } }
      customFields { kioskClientOrderId kioskOrderNumber kioskStoreId kioskDeviceId kioskFulfilment
                     kioskPayment kioskPickupLocationId }
    }
  }
}
"""


def read_orders(admin: VendureAdmin, client_order_id: str) -> list[dict[str, Any]]:
    data = admin.query(ORDER_READ, {"id": client_order_id})["orders"]
    assert data["totalItems"] == len(data["items"])
    items: list[dict[str, Any]] = data["items"]
    return items


def test_home_delivery_order_reads_back_through_the_admin_api(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin
) -> None:
    extra = OrderLine("2", "L2201508", None, "Laptop 15 inch 8GB", 2, sample_order().lines[0].unit_price)
    order = sample_order(number="K-0101", variant_id="1", extra_lines=(extra,))
    receipt = vendure_backend.submit_order(order)
    assert receipt.client_order_id == order.client_order_id
    assert receipt.state == "ArrangingPayment"
    (placed,) = read_orders(vendure_admin, order.client_order_id)
    assert placed["code"] == receipt.backend_code
    assert placed["state"] == "ArrangingPayment"
    assert sorted((line["productVariant"]["id"], line["quantity"]) for line in placed["lines"]) == [("1", 1), ("2", 2)]
    assert placed["shippingAddress"] == {
        "fullName": "Ana Kiosko",
        "company": None,
        "streetLine1": "Calle Mayor 1",
        "city": "Madrid",
        "postalCode": "28013",
        "countryCode": "ES",
        "phoneNumber": "+34611222333",
    }
    assert placed["shippingLines"][0]["shippingMethod"]["code"] == "standard-shipping"
    assert placed["shippingWithTax"] == 500 and placed["currencyCode"] == "EUR"
    assert placed["customer"]["emailAddress"] == "ana.kiosk@example.com"
    assert placed["customFields"] == {
        "kioskClientOrderId": order.client_order_id,
        "kioskOrderNumber": "K-0101",
        "kioskStoreId": "madrid-centro",
        "kioskDeviceId": "kiosk-01",
        "kioskFulfilment": "home_delivery",
        "kioskPayment": "pay_at_counter",
        "kioskPickupLocationId": "",
    }
    found = vendure_backend.find_order(order.client_order_id)
    assert found is not None and (found.backend_code, found.state, found.total) == (
        receipt.backend_code, receipt.state, receipt.total)  # fmt: skip
    assert receipt.total == Money.from_minor(int(placed["totalWithTax"]), "EUR")
    assert receipt.points_earned == 0  # not a loyalty member


def test_submitting_the_same_order_twice_makes_one_order(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin
) -> None:
    order = sample_order(number="K-0102", variant_id="3", quantity=2)
    first = vendure_backend.submit_order(order)
    second = vendure_backend.submit_order(order)
    assert first == second
    (placed,) = read_orders(vendure_admin, order.client_order_id)
    assert [line["quantity"] for line in placed["lines"]] == [2]


def test_concurrent_submissions_of_one_order_make_one_order(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin
) -> None:
    """Two senders racing (a retry while the first attempt is still in flight): the unique key decides."""
    order = sample_order(number="K-0103", variant_id="4")
    receipts: list[object] = []
    errors: list[BaseException] = []

    def submit() -> None:
        try:
            receipts.append(vendure_backend.submit_order(order))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=submit) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    (placed,) = read_orders(vendure_admin, order.client_order_id)
    assert [(line["productVariant"]["id"], line["quantity"]) for line in placed["lines"]] == [("4", 1)]
    # the server serialises placements of one client order id: the others wait and get the placed order
    assert not errors, errors
    final = vendure_backend.submit_order(order)
    assert len(receipts) == 3 and all(r == final for r in receipts)
    assert final.state == "ArrangingPayment" and placed["code"] == final.backend_code


def test_half_built_draft_is_finished_not_duplicated(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin
) -> None:
    """A kiosk of the request-per-step era crashed after claiming a draft and adding lines: kioskPlaceOrder
    finishes that same draft, with exactly the order's lines."""
    order = sample_order(number="K-0104", variant_id="5", quantity=3)
    draft_id = vendure_admin.query("mutation { createDraftOrder { id } }")["createDraftOrder"]["id"]
    vendure_admin.query(
        """mutation ($id: ID!, $client: String!) { setDraftOrderCustomFields(orderId: $id,
             input: { id: $id, customFields: { kioskClientOrderId: $client } }) { id } }""",
        {"id": draft_id, "client": order.client_order_id},
    )
    vendure_admin.query(
        """mutation ($id: ID!) { addItemToDraftOrder(orderId: $id, input: { productVariantId: "5", quantity: 1 })
             { ... on Order { id } } }""",
        {"id": draft_id},
    )
    vendure_admin.query(
        """mutation ($id: ID!) { addItemToDraftOrder(orderId: $id, input: { productVariantId: "6", quantity: 1 })
             { ... on Order { id } } }""",
        {"id": draft_id},
    )
    assert vendure_backend.find_order(order.client_order_id) is None  # a draft is not an order yet
    receipt = vendure_backend.submit_order(order)
    (placed,) = read_orders(vendure_admin, order.client_order_id)
    assert placed["id"] == draft_id
    assert placed["code"] == receipt.backend_code and placed["state"] == "ArrangingPayment"
    assert [(line["productVariant"]["id"], line["quantity"]) for line in placed["lines"]] == [("5", 3)]


def test_pickup_at_another_store(vendure_backend: VendureBackend, vendure_admin: VendureAdmin) -> None:
    stores = vendure_admin.query("{ stockLocations { items { id name } } }")["stockLocations"]["items"]
    barcelona = next(s["id"] for s in stores if s["name"] == "Barcelona Diagonal")
    order = sample_order(number="K-0105", fulfilment=FulfilmentKind.PICKUP_STORE, pickup_location_id=barcelona)
    receipt = vendure_backend.submit_order(order)
    (placed,) = read_orders(vendure_admin, order.client_order_id)
    assert placed["code"] == receipt.backend_code and placed["state"] == "ArrangingPayment"
    assert placed["shippingLines"][0]["shippingMethod"]["code"] == "store-pickup"
    assert placed["shippingWithTax"] == 0
    assert placed["shippingAddress"]["company"] == "Barcelona Diagonal"
    assert placed["shippingAddress"]["streetLine1"] == "Avinguda Diagonal 550"
    assert placed["shippingAddress"]["fullName"] == "Ana Kiosko"
    assert placed["customFields"]["kioskFulfilment"] == "pickup_store"
    assert placed["customFields"]["kioskPickupLocationId"] == barcelona


def test_pickup_at_an_unknown_store_is_rejected(vendure_backend: VendureBackend) -> None:
    order = sample_order(number="K-0106", fulfilment=FulfilmentKind.PICKUP_STORE, pickup_location_id="999")
    with pytest.raises(BackendRejectedError) as info:
        vendure_backend.submit_order(order)
    assert str(info.value) == (
        "Vendure rejected place order: pickupLocationId: Vendure has no stock location 999 to pick the order up from"
        " (USER_INPUT_ERROR)"
    )


def test_known_shopper_orders_on_their_own_account(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin
) -> None:
    lucia = vendure_backend.find_customer(CustomerLookup.LOYALTY_NUMBER, "400020329196")
    assert lucia is not None
    history_before = len(lucia.history)
    by_id = sample_order(number="K-0107")
    by_id = replace(by_id, contact=OrderContact("Lucía", "García", lucia.email, customer_id=lucia.id))
    by_loyalty = replace(
        sample_order(number="K-0108"), contact=OrderContact("L", "G", "", loyalty_number=lucia.loyalty_number)
    )
    by_email = replace(sample_order(number="K-0109"), contact=OrderContact("L", "G", "LUCIA.garcia@example.com"))
    try:
        earned = 0
        for order in (by_id, by_loyalty, by_email):
            earned += vendure_backend.submit_order(order).points_earned or 0
            (placed,) = read_orders(vendure_admin, order.client_order_id)
            assert placed["customer"]["id"] == lucia.id, order.number
        after = vendure_backend.find_customer(CustomerLookup.LOYALTY_NUMBER, "400020329196")
        assert after is not None and after.points == lucia.points + earned and earned > 0  # she is a member
    finally:  # other tests read her seeded balance
        vendure_admin.query(
            "mutation ($input: UpdateCustomerInput!) { updateCustomer(input: $input) { ... on Customer { id } } }",
            {"input": {"id": lucia.id, "customFields": {"loyaltyPoints": lucia.points}}},
        )
    profile = vendure_backend.find_customer(CustomerLookup.LOYALTY_NUMBER, "400020329196")
    assert profile is not None and len(profile.history) == history_before + 3
    newest = {past.code for past in profile.history[:3]}  # newest first; same-second ties in any order
    assert newest == {read_orders(vendure_admin, o.client_order_id)[0]["code"] for o in (by_id, by_loyalty, by_email)}


def test_anonymous_shopper_gets_a_guest_account(vendure_backend: VendureBackend, vendure_admin: VendureAdmin) -> None:
    order = replace(sample_order(number="K-0110"), contact=OrderContact("Walk", "In", ""))
    vendure_backend.submit_order(order)
    (placed,) = read_orders(vendure_admin, order.client_order_id)
    assert placed["customer"]["emailAddress"] == f"guest+{order.client_order_id}@kiosk.invalid"


def test_ineligible_shipping_method_is_rejected(vendure_backend: VendureBackend) -> None:
    order = sample_order(number="K-0111", shipping_method_id="424242")
    with pytest.raises(BackendRejectedError) as info:
        vendure_backend.submit_order(order)
    assert str(info.value).startswith("Vendure rejected place order: shippingMethodId: ")


def test_unknown_order_is_not_found(vendure_backend: VendureBackend) -> None:
    assert vendure_backend.find_order(str(uuid.uuid4())) is None


def test_shipping_methods_for_spain(vendure_backend: VendureBackend) -> None:
    methods = vendure_backend.shipping_methods("ES")
    assert [(m.code, str(m.price.amount), m.days_min, m.days_max) for m in methods] == [
        ("standard-shipping", "5.00", 3, 5),
        ("express-shipping", "10.00", 1, 2),
    ]
    assert all(m.price.currency == "EUR" for m in methods)


def test_the_client_order_id_is_a_unique_key_in_vendure(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin
) -> None:
    """Not only checked before creating: the database itself refuses a second order with the same UUID."""
    order = sample_order(number="K-0113")
    vendure_backend.submit_order(order)
    draft_id = vendure_admin.query("mutation { createDraftOrder { id } }")["createDraftOrder"]["id"]
    reply = vendure_admin.reply(
        """mutation ($id: ID!, $client: String!) { setDraftOrderCustomFields(orderId: $id,
             input: { id: $id, customFields: { kioskClientOrderId: $client } }) { id } }""",
        {"id": draft_id, "client": order.client_order_id},
    )
    assert reply["errors"] and "UNIQUE" in reply["errors"][0]["message"].upper(), reply
    assert len(read_orders(vendure_admin, order.client_order_id)) == 1
    vendure_admin.query("mutation ($id: ID!) { deleteDraftOrder(orderId: $id) { result } }", {"id": draft_id})


def test_order_tracking_reads_the_state_for_the_qr_holder_and_follows_a_cancellation(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin
) -> None:
    stores = vendure_admin.query("{ stockLocations { items { id name } } }")["stockLocations"]["items"]
    barcelona = next(s["id"] for s in stores if s["name"] == "Barcelona Diagonal")
    order = sample_order(number="K-0301", fulfilment=FulfilmentKind.PICKUP_STORE, pickup_location_id=barcelona)
    assert vendure_backend.order_tracking(order.client_order_id) is None  # not placed yet
    receipt = vendure_backend.submit_order(order)
    tracking = vendure_backend.order_tracking(order.client_order_id)
    assert tracking is not None
    assert (tracking.number, tracking.state, tracking.backend_code) == ("K-0301", TrackingState.RECEIVED, receipt.backend_code)
    assert tracking.fulfilment is FulfilmentKind.PICKUP_STORE and tracking.pickup_location_id == barcelona
    assert tracking.item_count == 1 and tracking.total is not None and tracking.total.currency == "EUR"
    assert tracking.payment is PaymentChoice.PAY_AT_COUNTER
    (placed,) = read_orders(vendure_admin, order.client_order_id)
    vendure_admin.query(
        "mutation ($id: ID!) { cancelOrder(input: { orderId: $id, reason: \"test\" }) { ... on Order { state } } }",
        {"id": placed["id"]},
    )
    cancelled = vendure_backend.order_tracking(order.client_order_id)
    assert cancelled is not None and cancelled.state is TrackingState.CANCELLED


@pytest.mark.parametrize(
    ("state", "fulfilment", "has_fulfilment", "expected"),
    [
        ("ArrangingPayment", FulfilmentKind.HOME_DELIVERY, False, TrackingState.RECEIVED),
        ("PaymentSettled", FulfilmentKind.HOME_DELIVERY, False, TrackingState.PAID),
        ("PaymentSettled", FulfilmentKind.HOME_DELIVERY, True, TrackingState.PREPARING),
        ("Shipped", FulfilmentKind.HOME_DELIVERY, True, TrackingState.SHIPPED),
        ("Shipped", FulfilmentKind.PICKUP_STORE, True, TrackingState.READY_FOR_PICKUP),
        ("Delivered", FulfilmentKind.RESERVE_HERE, True, TrackingState.COLLECTED),
        ("Delivered", FulfilmentKind.HOME_DELIVERY, True, TrackingState.DELIVERED),
        ("Cancelled", None, False, TrackingState.CANCELLED),
    ],
)
def test_vendures_order_process_reads_as_a_shopper_would(
    state: str, fulfilment: FulfilmentKind | None, has_fulfilment: bool, expected: TrackingState
) -> None:
    assert tracking_state(state, fulfilment, has_fulfilment) is expected


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        ([], PaymentState.PENDING),
        (["Authorized"], PaymentState.AUTHORIZED),
        (["Declined"], PaymentState.DECLINED),
        (["Declined", "Settled"], PaymentState.SETTLED),
        (["Error"], PaymentState.DECLINED),
        (["Cancelled"], PaymentState.EXPIRED),
    ],
)
def test_vendures_payments_read_as_one_payment_state(states: list[str], expected: PaymentState) -> None:
    assert payment_state(states) is expected
