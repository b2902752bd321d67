"""Loyalty points rule, handoff and payment links, and the return checks every backend applies."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from kiosk.core.cart import Cart, CartItemRef, CartLine
from kiosk.core.handoff import handoff_url, payment_link
from kiosk.core.i18n import LocalizedText
from kiosk.core.loyalty import points_for
from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind, Order, OrderContact, PaymentChoice
from kiosk.core.returns import ReturnError, check_return
from kiosk.core.scanning.config import ScanConfig
from kiosk.core.scanning.interpret import interpret
from kiosk.core.scanning.result import ScanKind
from tests.fakes import make_customer


@pytest.mark.parametrize(
    ("amount", "tier", "points"),
    [
        ("59.99", "Member", 59),
        ("59.99", "Silver", 73),  # 59 * 1.25 = 73.75
        ("59.99", "Gold", 88),
        ("59.99", "Platinum", 118),
        ("0.99", "Platinum", 0),  # cents never earn
        ("100", "Unknown tier", 100),
        ("-20", "Gold", 0),
        ("0", "Member", 0),
    ],
)
def test_points_for_whole_units_times_the_tier(amount: str, tier: str, points: int) -> None:
    assert points_for(Money.of(amount, "EUR"), tier) == points


def test_masked_identifiers_for_a_shared_screen() -> None:
    customer = make_customer(7)
    assert customer.masked_email == "l•••@example.com"
    assert customer.masked_loyalty_number == "•••• 0007"


def test_a_published_cart_link_scans_back_as_the_same_cart() -> None:
    cart_id = str(uuid.uuid4())
    url = handoff_url("shop.example.com", cart_id.upper())
    assert url == f"https://shop.example.com/cart/handoff/{cart_id}"
    result = interpret(f"]Q1{url}".encode(), ScanConfig())
    assert result.kind is ScanKind.CART_HANDOFF and result.cart_id == cart_id
    with pytest.raises(ValueError):
        handoff_url("shop.example.com", "not-a-uuid")


def test_payment_link_works_before_the_backend_knows_the_order() -> None:
    order = Order(
        client_order_id="6f1d3c1e-8f0e-4e39-9d59-3f3c7b0a1b2c",
        number="6F1D-3C1E",
        created_at=datetime(2026, 11, 23, 10, 0, tzinfo=UTC),
        store_id="madrid",
        device_id="kiosk-1",
        lines=(),
        fulfilment=FulfilmentKind.RESERVE_HERE,
        payment=PaymentChoice.PAY_ON_PHONE,
        contact=OrderContact("Ana", "Ruiz", "ana@example.com"),
        shipping_address=None,
        shipping_method=None,
        pickup_location_id="madrid",
        currency="EUR",
    )
    assert (
        payment_link(order, "shop.example.com") == "https://shop.example.com/pay/6f1d3c1e-8f0e-4e39-9d59-3f3c7b0a1b2c"
    )


def test_cart_item_refs_carry_variant_and_quantity_only() -> None:
    price = Money.of("10", "EUR")
    cart = Cart("EUR").add(CartLine("v1", "p1", "S1", LocalizedText("A"), "", price, 2))
    assert cart.item_refs() == (CartItemRef("v1", "S1", 2),)
    with pytest.raises(ValueError) as info:
        CartItemRef("v1", "S1", 0)
    assert str(info.value) == "Cart item S1: quantity must be at least 1"


@pytest.mark.parametrize(
    ("lines", "reason", "message"),
    [
        ([], "wrong_size", "Pick at least one line to return"),
        ([("v1", 1)], "  ", "Give a reason for the return"),
        ([("v9", 1)], "damaged", "Variant v9 is not in this order"),
        ([("v1", 1), ("v1", 2)], "damaged", "Only 2 of v1 were bought; cannot return 3"),
        ([("v1", 0)], "damaged", "Return quantity for v1 must be at least 1"),
    ],
)
def test_return_requests_are_checked_word_for_word(lines: list[tuple[str, int]], reason: str, message: str) -> None:
    with pytest.raises(ReturnError) as info:
        check_return(lines, {"v1": 2, "v2": 1}, reason)
    assert str(info.value) == message
    check_return([("v1", 2), ("v2", 1)], {"v1": 2, "v2": 1}, "wrong_size")  # the whole order is fine
