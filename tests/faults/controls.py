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


class KeylessVendureBackend(VendureBackend):
    """A backend path that ignores the key: no look-up first, no unique client id on the order, no re-check."""

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
        self._client.admin(
            "claim draft order",
            q.SET_ORDER_FIELDS,
            {"orderId": order_id, "input": {"id": order_id, "customFields": fields}},
        )
        self._sync_lines(order_id, [], order.lines)
        self._set_customer(order_id, order)
        self._set_shipping(order_id, order)
        placed = self._client.admin("place order", q.TRANSITION, {"orderId": order_id, "state": "ArrangingPayment"})
        raw = placed.data["transitionOrderToState"]
        return OrderReceipt(order.client_order_id, str(raw["code"]), str(raw["state"]))
