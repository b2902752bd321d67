"""The demo store places orders as Vendure's kioskPlaceOrder does: coupons, points, short stock, exactly once."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from kiosk.backends.demo.backend import DemoBackend
from kiosk.backends.demo.placement import DEMO_REDEEM_RULES, NothingInStockError, place
from kiosk.core.cart import Cart, CartLine
from kiosk.core.customer import Customer, CustomerLookup
from kiosk.core.errors import BackendRejectedError
from kiosk.core.i18n import LocalizedText
from kiosk.core.loyalty import RedemptionError, points_for, redeem
from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind, Order, OrderContact, OrderLine, PaymentChoice, ShortLine
from kiosk.core.promotions import Promotion, PromotionKind, check_coupon
from tests.fakes import FakeClock

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
WELCOME = Promotion("w5", LocalizedText.same("Welcome"), PromotionKind.FIXED_OFF, amount=Money.of("5", "EUR"),
                    coupon_code="WELCOME5", minimum_order=Money.of("25", "EUR"))  # fmt: skip
OLD = Promotion("old", LocalizedText.same("Old"), PromotionKind.PERCENT_OFF, percent=Decimal(15),
                coupon_code="AUTUMN15", ends_at=datetime(2026, 11, 27, tzinfo=UTC))  # fmt: skip


def _order(*lines: tuple[str, int, str], **changes: object) -> Order:
    order = Order(
        client_order_id=str(uuid.uuid4()), number="K-0200", created_at=NOW, store_id="s", device_id="d",
        lines=tuple(OrderLine(v, "SKU", None, f"Item {v}", q, Money.of(price, "EUR")) for v, q, price in lines),
        fulfilment=FulfilmentKind.PICKUP_STORE, payment=PaymentChoice.PAY_AT_COUNTER,
        contact=OrderContact("Ana", "K", "ana@example.com"), shipping_address=None, shipping_method=None,
        pickup_location_id="x", currency="EUR",
    )  # fmt: skip
    return replace(order, **changes)  # type: ignore[arg-type]


def _member(points: int, tier: str = "Member") -> Customer:
    return Customer("c1", "Ana", "K", "ana@example.com", "400000000001", points, tier)


def test_coupons_that_do_not_apply_are_left_off_in_the_kiosks_words() -> None:
    order = _order(("v1", 2, "20.00"), coupon_codes=("welcome5", "AUTUMN15", "NOPE"))
    placed = place(order, [WELCOME, OLD], None, {"v1": 10}, NOW)
    assert placed.total == Money.of("35.00", "EUR") and placed.applied_codes == ("WELCOME5",)
    cart = Cart("EUR", (CartLine("v1", "", "SKU", LocalizedText.same("Item v1"), "", Money.of("20", "EUR"), 2),))
    expected = [check_coupon(code, [WELCOME, OLD], cart, NOW.astimezone()).message for code in ("AUTUMN15", "NOPE")]
    assert list(placed.notes) == expected
    assert placed.notes[1].en == "The code NOPE does not exist. Check it and try again."


def test_points_within_the_rules_are_redeemed_and_the_rest_earned() -> None:
    order = _order(("v1", 3, "20.00"), points_to_redeem=500)
    placed = place(order, [], _member(800, "Gold"), {"v1": 10}, NOW)
    assert (placed.total, placed.points_redeemed, placed.notes) == (Money.of("55.00", "EUR"), 500, ())
    assert placed.points_earned == points_for(Money.of("55.00", "EUR"), "Gold") == 82


def test_points_the_rules_refuse_leave_the_order_at_full_price_and_say_why() -> None:
    order = _order(("v1", 1, "20.00"), points_to_redeem=400)
    placed = place(order, [], _member(150), {"v1": 10}, NOW)
    with pytest.raises(RedemptionError) as kiosk:
        redeem(400, 150, Money.of("20.00", "EUR"), DEMO_REDEEM_RULES)
    assert (placed.total, placed.points_redeemed, placed.points_earned) == (Money.of("20.00", "EUR"), 0, 20)
    assert placed.notes == (
        LocalizedText(f"{kiosk.value.text.en}. The order was placed without redeeming points.",
                      f"{kiosk.value.text.es}. El pedido se hizo sin canjear puntos."),
    )  # fmt: skip
    assert (
        placed.notes[0].en
        == "You have 150 points; 400 cannot be redeemed. The order was placed without redeeming points."
    )


def test_a_line_short_of_stock_is_placed_with_what_there_is() -> None:
    placed = place(_order(("v1", 1, "20.00"), ("v2", 5, "3.00")), [], None, {"v1": 4, "v2": 2}, NOW)
    assert placed.short_lines == (ShortLine("v2", 5, 2),) and placed.total == Money.of("26.00", "EUR")
    assert placed.notes == (
        LocalizedText("Only 2 of 5 × Item v2 were in stock; 3 missing.", "Solo había 2 de 5 × Item v2 en stock; faltan 3."),
    )  # fmt: skip
    with pytest.raises(NothingInStockError) as info:
        place(_order(("v2", 2, "3.00")), [], None, {"v2": 0}, NOW)
    assert str(info.value) == "nothing in the order is in stock (variant v2: 0 of 2)"


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[DemoBackend]:
    backend = DemoBackend(tmp_path / "demo", catalog_size=300, clock=FakeClock())
    yield backend
    backend.close()


def test_the_demo_store_credits_points_once_and_a_retry_gets_the_same_receipt(demo: DemoBackend) -> None:
    shopper = demo.customers()[0]
    product = next(
        p for p in demo.catalog_changes(None, 50).products if sum(s.quantity for s in p.variants[0].stock) > 2
    )
    variant = product.variants[0]
    line = OrderLine(variant.id, variant.sku, variant.gtin, product.name.en, 2, variant.price)
    order = replace(_order(), lines=(line,), pickup_location_id="barcelona-diagonal",
                    contact=OrderContact("A", "B", shopper.email, loyalty_number=shopper.loyalty_number))  # fmt: skip
    receipt = demo.submit_order(order)
    assert receipt.total is not None and receipt.points_earned is not None and receipt.points_earned > 0
    after = demo.find_customer(CustomerLookup.LOYALTY_NUMBER, shopper.loyalty_number)
    assert after is not None and after.points == shopper.points + receipt.points_earned
    assert demo.submit_order(order) == receipt == demo.find_order(order.client_order_id)
    again = demo.find_customer(CustomerLookup.LOYALTY_NUMBER, shopper.loyalty_number)
    assert again is not None and again.points == after.points  # credited once


def test_the_demo_store_refuses_an_order_with_nothing_in_stock(demo: DemoBackend) -> None:
    sold_out = next(
        (p, v)
        for p in demo.catalog_changes(None, 300).products
        for v in p.variants
        if not sum(s.quantity for s in v.stock)
    )
    product, variant = sold_out
    line = OrderLine(variant.id, variant.sku, variant.gtin, product.name.en, 1, variant.price)
    with pytest.raises(BackendRejectedError) as info:
        demo.submit_order(replace(_order(), lines=(line,), pickup_location_id="barcelona-diagonal"))
    assert str(info.value) == f"nothing in the order is in stock (variant {variant.id}: 0 of 1)"
