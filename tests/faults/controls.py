"""NEGATIVE CONTROLS, test only: two broken ways to deliver orders that the fault harness must catch.

Nothing in kiosk/ imports this; only the harness's child process selects one (`--control`), so the
production code paths stay as they are. Each must make the harness report duplicated orders.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from kiosk.backends.vendure import queries as q
from kiosk.backends.vendure.backend import VendureBackend
from kiosk.core.order import Order, OrderReceipt
from kiosk.core.ports import CommerceBackend


class NewKeyPerAttempt:
    """A build that makes a new idempotency key on every retry (the bug the issue forbids)."""

    def __init__(self, backend: CommerceBackend) -> None:
        self._backend = backend
        self.name = backend.name

    def __getattr__(self, name: str) -> Any:
        return getattr(self._backend, name)

    def submit_order(self, order: Order) -> OrderReceipt:
        attempt = replace(order, client_order_id=str(uuid.uuid4()))
        receipt = self._backend.submit_order(attempt)
        return replace(receipt, client_order_id=order.client_order_id)


_CLAIM = """
mutation ($orderId: ID!, $input: UpdateOrderInput!) { setDraftOrderCustomFields(orderId: $orderId, input: $input) { id } }
"""
_ADD = """
mutation ($orderId: ID!, $variantId: ID!, $quantity: Int!) {
  addItemToDraftOrder(orderId: $orderId, input: { productVariantId: $variantId, quantity: $quantity }) {
    ... on Order { id } ... on ErrorResult { errorCode message } } }
"""
_CUSTOMER = """
mutation ($orderId: ID!, $input: CreateCustomerInput!) {
  setCustomerForDraftOrder(orderId: $orderId, input: $input) { ... on Order { id } ... on ErrorResult { errorCode message } } }
"""
_ADDRESS = """
mutation ($orderId: ID!, $input: CreateAddressInput!) { setDraftOrderShippingAddress(orderId: $orderId, input: $input) { id } }
"""
_METHOD = """
mutation ($orderId: ID!, $methodId: ID!) { setDraftOrderShippingMethod(orderId: $orderId, shippingMethodId: $methodId) {
    ... on Order { id } ... on ErrorResult { errorCode message } } }
"""
# named like the kiosk's placing request, so the harness's harsher faults for placing hit this step too
_TRANSITION = """
mutation KioskPlaceOrder($orderId: ID!, $state: String!) { transitionOrderToState(id: $orderId, state: $state) {
    ... on Order { id code state } ... on OrderStateTransitionError { errorCode message transitionError } } }
"""


class KeylessVendureBackend(VendureBackend):
    """A backend path that ignores the key: the draft-order flow of Admin API calls with no look-up first and no
    unique client id on the order (home delivery only), so every retry after a lost answer makes another order."""

    def submit_order(self, order: Order) -> OrderReceipt:
        created = self._client.admin("create draft order", q.CREATE_DRAFT_ORDER)
        order_id = str(created.data["createDraftOrder"]["id"])
        fields = {
            "kioskOrderNumber": order.number,
            "kioskStoreId": order.store_id,
            "kioskDeviceId": order.device_id,
            "kioskFulfilment": order.fulfilment.value,
            "kioskPayment": order.payment.value,
        }
        admin = self._client.admin
        admin("claim draft order", _CLAIM, {"orderId": order_id, "input": {"id": order_id, "customFields": fields}})
        for line in order.lines:
            admin("add item", _ADD, {"orderId": order_id, "variantId": line.variant_id, "quantity": line.quantity})
        contact = order.contact
        customer = {"firstName": contact.first_name, "lastName": contact.last_name, "emailAddress": contact.email}
        admin("set customer", _CUSTOMER, {"orderId": order_id, "input": customer})
        assert order.shipping_address is not None and order.shipping_method is not None
        ship_to = order.shipping_address
        address = {
            "fullName": ship_to.full_name,
            "streetLine1": ship_to.street,
            "city": ship_to.city,
            "postalCode": ship_to.postal_code,
            "countryCode": ship_to.country_code,
        }
        admin("set shipping address", _ADDRESS, {"orderId": order_id, "input": address})
        admin("set shipping method", _METHOD, {"orderId": order_id, "methodId": order.shipping_method.id})
        placed = admin("place order", _TRANSITION, {"orderId": order_id, "state": "ArrangingPayment"})
        raw = placed.data["transitionOrderToState"]
        return OrderReceipt(order.client_order_id, str(raw["code"]), str(raw["state"]))
