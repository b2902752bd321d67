"""Customer groups against the real Vendure server: a group made in the Admin API, a promotion limited to it;
the kiosk reads the shopper's groups with the customer and prices the group's promotion offline for members
only, exactly as Vendure discounts the placed order."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from kiosk.backends.vendure.backend import VendureBackend
from kiosk.core.cart import Cart, CartLine
from kiosk.core.customer import Customer, CustomerLookup
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import OrderContact
from kiosk.core.promotions import apply_promotions
from tests.backends.test_vendure_promotions import PLACED, VARIANT, _create, _operation, made  # noqa: F401
from tests.fixtures.vendure import VendureAdmin, sample_order

CREATE_CUSTOMER = """
mutation ($input: CreateCustomerInput!) {
  createCustomer(input: $input) { ... on Customer { id } ... on ErrorResult { errorCode message } }
}
"""
CREATE_GROUP = "mutation ($input: CreateCustomerGroupInput!) { createCustomerGroup(input: $input) { id } }"
DELETE_GROUP = "mutation ($id: ID!) { deleteCustomerGroup(id: $id) { result } }"


@pytest.fixture
def group_ids(vendure_admin: VendureAdmin) -> Iterator[list[str]]:
    """Customer groups a test creates, deleted afterwards (their promotions go with `made`)."""
    ids: list[str] = []
    yield ids
    for gid in ids:
        vendure_admin.query(DELETE_GROUP, {"id": gid})


def _new_customer(admin: VendureAdmin, first_name: str) -> str:
    """A customer of this test alone, so no other test's shopper earns points or discounts from it."""
    email = f"{first_name.lower()}.{uuid.uuid4().hex[:8]}@example.com"
    created = admin.query(CREATE_CUSTOMER, {"input": {"firstName": first_name, "lastName": "Grupo",
                                                       "emailAddress": email}})["createCustomer"]  # fmt: skip
    assert "id" in created, created
    return email


def _found(backend: VendureBackend, email: str) -> Customer:
    customer = backend.find_customer(CustomerLookup.EMAIL, email)
    assert customer is not None
    return customer


def test_a_group_promotion_is_read_with_the_shoppers_groups_and_priced_for_members_only(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin, made: list[str], group_ids: list[str]  # noqa: F811
) -> None:
    member = _found(vendure_backend, _new_customer(vendure_admin, "Vera"))
    other = _found(vendure_backend, _new_customer(vendure_admin, "Otto"))
    assert member.groups == other.groups == frozenset()
    gid = str(vendure_admin.query(CREATE_GROUP, {"input": {"name": f"Kiosk VIP {uuid.uuid4().hex[:6]}",
                                                            "customerIds": [member.id]}})["createCustomerGroup"]["id"])  # fmt: skip
    group_ids.append(gid)
    pid = _create(vendure_admin, made, "VIP ten", [_operation("customer_group", customerGroupId=gid)],
                  [_operation("products_percentage_discount", discount="10", productVariantIds=["11"])])  # fmt: skip

    member = _found(vendure_backend, member.email)
    assert member.groups == frozenset({gid})  # read with the customer, in the same request
    assert _found(vendure_backend, other.email).groups == frozenset()
    promotion = next(p for p in vendure_backend.promotions() if p.id == pid)
    assert promotion.customer_groups == frozenset({gid})

    variant = vendure_admin.query(VARIANT, {"id": "11"})["productVariant"]
    price = Money.from_minor(int(variant["priceWithTax"]), str(variant["currencyCode"]))
    cart = Cart("EUR", (CartLine("11", "p", str(variant["sku"]), LocalizedText.same("x"), "", price, 2),))
    now = datetime.now(UTC)
    for_member = apply_promotions(cart, [promotion], now, member.groups)
    for_other = apply_promotions(cart, [promotion], now, other.groups)
    assert for_member.saving_for("11").amount > 0 and for_member.applied == (pid,)
    assert for_other.total == cart.subtotal and for_other.applied == ()

    for shopper, offline in ((member, for_member), (other, for_other)):
        order = replace(
            sample_order(number="K-1902", variant_id="11", quantity=2, email=shopper.email),
            contact=OrderContact(shopper.first_name, shopper.last_name, shopper.email, customer_id=shopper.id),
        )
        vendure_backend.submit_order(order)
        (placed,) = vendure_admin.query(PLACED, {"id": order.client_order_id})["orders"]["items"]
        assert Money.from_minor(int(placed["subTotalWithTax"]), "EUR") == offline.total, shopper.first_name
        assert [d["description"] for d in placed["discounts"]] == (["VIP ten"] if shopper is member else [])
