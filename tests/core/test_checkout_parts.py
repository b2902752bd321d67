"""A cart received in several ways: per-line choices, one order per way, all saved at once, checked step by step."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from kiosk.core.cart import Cart, CartError, CartLine, LineFulfilment
from kiosk.core.catalog import StockLevel
from kiosk.core.customer import Address
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind, Order, OrderContact, PaymentChoice, ShippingMethod
from kiosk.core.promotions import PricedCart, Promotion, PromotionKind
from kiosk.core.services.checkout import (
    CheckoutError,
    CheckoutRequest,
    CheckoutService,
    CheckoutStep,
    checkout_totals,
    delivery_price,
    order_parts,
    price_checkout,
)
from kiosk.core.services.offers import Offers
from kiosk.core.services.recheck import LineCheck, recheck
from tests.fakes import FakeClock

METHOD = ShippingMethod("std", "standard", LocalizedText("Standard", "Estándar"), Money.of("4.95", "EUR"), 3, 5)
HOME = LineFulfilment(FulfilmentKind.HOME_DELIVERY)
BCN = LineFulfilment(FulfilmentKind.PICKUP_STORE, "bcn")
HERE = LineFulfilment(FulfilmentKind.RESERVE_HERE, "here")


def _line(variant: str, price: str, quantity: int = 1, fulfilment: LineFulfilment | None = None) -> CartLine:
    return CartLine(
        variant, "p-" + variant, "SKU-" + variant, LocalizedText(variant, variant), "", Money.of(price, "EUR"),
        quantity, fulfilment=fulfilment,
    )  # fmt: skip


class _RecordingOutbox:
    """Records each save_all call: one call is one transaction."""

    def __init__(self) -> None:
        self.transactions: list[tuple[Order, ...]] = []

    def save(self, order: Order) -> None:
        self.save_all((order,))

    def save_all(self, orders: Sequence[Order]) -> None:
        self.transactions.append(tuple(orders))


def _request(cart: Cart, **changes: object) -> CheckoutRequest:
    fields: dict[str, object] = {
        "cart": cart,
        "contact": OrderContact("Nora", "Gil", "nora@example.com"),
        "fulfilment": FulfilmentKind.HOME_DELIVERY,
        "payment": PaymentChoice.PAY_AT_COUNTER,
        "shipping_address": Address("Nora Gil", "Calle Mayor 1", "Madrid", "28013", "ES"),
        "shipping_method": METHOD,
    }
    fields.update(changes)
    return CheckoutRequest(**fields)  # type: ignore[arg-type]


def test_a_line_keeps_its_own_way_of_receiving_through_quantity_changes() -> None:
    cart = Cart("EUR").add(_line("a", "10")).set_fulfilment("a", BCN)
    cart = cart.set_quantity("a", 3)
    assert cart.lines[0].fulfilment == BCN and cart.has_line_fulfilments
    assert not cart.clear_fulfilments().has_line_fulfilments
    with pytest.raises(ValueError, match="pickup_store needs a store"):
        LineFulfilment(FulfilmentKind.PICKUP_STORE)


def test_quantity_is_bounded_by_the_stock_for_that_line_with_an_exact_message() -> None:
    cart = Cart("EUR").add(_line("a", "10", 2))
    assert cart.set_quantity("a", 3, limit=3).lines[0].quantity == 3
    with pytest.raises(CartError) as info:
        cart.set_quantity("a", 4, limit=3)
    assert str(info.value) == "Only 3 available"
    assert info.value.text.get("es") == "Solo hay 3 disponibles"
    # going down is always allowed, even when stock fell below what the line holds
    assert cart.set_quantity("a", 1, limit=0).lines[0].quantity == 1


def test_lines_group_into_one_part_per_way_of_receiving_in_cart_order() -> None:
    cart = Cart("EUR").add(_line("a", "10", fulfilment=BCN)).add(_line("b", "5")).add(_line("c", "7", fulfilment=BCN))
    parts = order_parts(cart, HOME)
    assert [(p.fulfilment, [x.variant_id for x in p.lines]) for p in parts] == [(BCN, ["a", "c"]), (HOME, ["b"])]
    assert [p.fulfilment for p in order_parts(cart, BCN)] == [BCN]  # the rest follows the order: one part


def test_totals_charge_delivery_once_and_only_when_something_is_delivered() -> None:
    cart = Cart("EUR").add(_line("a", "10", fulfilment=BCN)).add(_line("b", "5"))
    totals = checkout_totals(cart, HOME, METHOD)
    assert (totals.subtotal, totals.delivery, totals.total) == (
        Money.of("15", "EUR"), Money.of("4.95", "EUR"), Money.of("19.95", "EUR")
    )
    picked_up = checkout_totals(cart, HERE, METHOD)
    assert picked_up.delivery is None and picked_up.total == Money.of("15", "EUR")


def test_a_mixed_cart_is_placed_as_one_order_per_way_in_one_transaction() -> None:
    outbox = _RecordingOutbox()
    ids = (f"{n:08x}-0000-4000-8000-000000000000" for n in itertools.count(0xA1B2C3D4))
    service = CheckoutService(outbox, FakeClock(), "here", "k1", new_id=lambda: next(ids))  # type: ignore[arg-type]
    cart = Cart("EUR").add(_line("a", "10", fulfilment=BCN)).add(_line("b", "5", 2))
    orders = service.place_all(_request(cart), "en")
    assert len(outbox.transactions) == 1 and outbox.transactions[0] == orders  # all or nothing
    pickup, home = orders
    assert (pickup.fulfilment, pickup.pickup_location_id, pickup.shipping_method, pickup.shipping_address) == (
        FulfilmentKind.PICKUP_STORE, "bcn", None, None
    )
    assert [x.variant_id for x in pickup.lines] == ["a"] and pickup.total == Money.of("10", "EUR")
    assert home.fulfilment is FulfilmentKind.HOME_DELIVERY and home.shipping_method == METHOD
    assert home.shipping_address is not None and home.total == Money.of("14.95", "EUR")
    # each its own idempotency key and code, both saying which checkout and which part they are
    assert pickup.client_order_id != home.client_order_id and pickup.number != home.number
    assert {o.checkout_id for o in orders} == {pickup.client_order_id}
    assert [(o.part, o.parts) for o in orders] == [(1, 2), (2, 2)]
    with pytest.raises(ValueError, match="this checkout placed 2 orders: use place_all"):
        service.place(_request(cart), "en")


def test_a_cart_received_one_way_is_still_one_order_without_parts() -> None:
    outbox = _RecordingOutbox()
    service = CheckoutService(outbox, FakeClock(), "here", "k1")  # type: ignore[arg-type]
    order = service.place(_request(Cart("EUR").add(_line("a", "10"))), "en")
    assert (order.checkout_id, order.part, order.parts) == ("", 1, 1)


def test_every_line_received_its_own_way_needs_no_whole_order_choice() -> None:
    service = CheckoutService(_RecordingOutbox(), FakeClock(), "here", "k1")  # type: ignore[arg-type]
    cart = Cart("EUR").add(_line("a", "10", fulfilment=BCN))
    request = _request(cart, fulfilment=FulfilmentKind.PICKUP_STORE, pickup_location_id=None, shipping_address=None)
    service.validate(request)  # no "choose a store": the one line has its store
    assert [o.pickup_location_id for o in service.place_all(request, "en")] == ["bcn"]


@pytest.mark.parametrize(
    ("upto", "changes", "code", "message"),
    [
        (CheckoutStep.ITEMS, {"cart": Cart("EUR")}, "empty_cart", "Your cart is empty."),
        (
            CheckoutStep.RECEIVE,
            {"shipping_address": Address("", "", "", "", "ES")},
            "missing_address",
            "Please complete the delivery address: street, city, postal code.",  # the name comes a step later
        ),
        (CheckoutStep.RECEIVE, {"shipping_method": None}, "missing_method", "Please choose a delivery method."),
        (
            CheckoutStep.RECEIVE,
            {"fulfilment": FulfilmentKind.PICKUP_STORE, "pickup_location_id": None},
            "missing_pickup",
            "Please choose a store for pickup.",
        ),
        (
            CheckoutStep.CONTACT,
            {"contact": OrderContact("Nora", "Gil", "nora")},
            "missing_email",
            "Please enter an email address so we can send your order confirmation.",
        ),
        (
            CheckoutStep.CONTACT,
            {"contact": OrderContact("", "", "nora@example.com"), "fulfilment": FulfilmentKind.RESERVE_HERE,
             "pickup_location_id": "here"},
            "missing_name",
            "Please enter your first or last name so the store can hand your order to you.",
        ),
    ],
)
def test_each_step_is_checked_with_exact_messages(
    upto: CheckoutStep, changes: dict[str, object], code: str, message: str
) -> None:
    service = CheckoutService(_RecordingOutbox(), FakeClock(), "here", "k1")  # type: ignore[arg-type]
    request = _request(Cart("EUR").add(_line("a", "10")), **changes) if "cart" not in changes else _request(**changes)  # type: ignore[arg-type]
    with pytest.raises(CheckoutError) as info:
        service.validate(request, upto)
    assert (info.value.code, info.value.message.en) == (code, message)
    if upto > CheckoutStep.ITEMS:
        service.validate(request, CheckoutStep(upto - 1))  # the step before is fine: the problem is this step's


def test_recheck_uses_each_lines_own_way_of_receiving() -> None:
    cart = Cart("EUR").add(_line("a", "10", 2, fulfilment=BCN)).add(_line("b", "5"))
    checks = {
        "a": LineCheck("a", Money.of("10", "EUR"), (StockLevel("bcn", 1), StockLevel("wh", 50))),
        "b": LineCheck("b", Money.of("5", "EUR"), (StockLevel("wh", 3),)),
    }
    result = recheck(cart, checks, FulfilmentKind.HOME_DELIVERY, None)
    # a is picked up in Barcelona, which has 1: down to 1 (the warehouse's 50 do not count for a pickup)
    assert [(c.variant_id, c.kind.value, c.new_quantity) for c in result.changes] == [("a", "stock", 1)]
    assert result.cart.lines[0].fulfilment == BCN


def test_points_redeemed_come_off_the_one_order_that_takes_them() -> None:
    cart = Cart("EUR").add(_line("a", "10", fulfilment=BCN)).add(_line("b", "30"))
    totals = checkout_totals(cart, HOME, METHOD, Money.of("2", "EUR"))
    assert (totals.points_discount, totals.total) == (Money.of("2", "EUR"), Money.of("42.95", "EUR"))
    # the points come off the delivered order only (never below 0): the pickup still costs its €10
    assert checkout_totals(cart, HOME, METHOD, Money.of("500", "EUR")).total == Money.of("10", "EUR")
    service = CheckoutService(_RecordingOutbox(), FakeClock(), "here", "k1")  # type: ignore[arg-type]
    request = _request(cart, points_to_redeem=200, points_discount=Money.of("2", "EUR"))
    pickup, home = service.place_all(request, "en")
    assert (pickup.points_to_redeem, home.points_to_redeem) == (0, 200)  # the €34.95 delivered part takes them
    # the order that redeems carries what the shopper was shown for it; the other has nothing to estimate
    assert (pickup.estimated_total, home.estimated_total) == (None, Money.of("32.95", "EUR"))
    assert price_checkout(cart, HOME, METHOD, points=200).redeem_base == Money.of("34.95", "EUR")


def _offers(*promotions: Promotion, groups: frozenset[str] = frozenset()) -> Offers:
    offers = Offers(FakeClock(NOW), lambda: groups)
    offers.replace(promotions, {})
    return offers


def _promotion(pid: str, kind: PromotionKind, **terms: object) -> Promotion:
    return Promotion(pid, LocalizedText(f"Offer {pid}", f"Oferta {pid}"), kind, **terms)  # type: ignore[arg-type]


NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
GOLD_10 = _promotion("gold-10", PromotionKind.PERCENT_OFF, percent=Decimal(10), customer_groups=frozenset({"Gold"}))
FREE_OVER_50 = _promotion("free-50", PromotionKind.FREE_SHIPPING, minimum_order=Money.of("50", "EUR"))
WELCOME5 = _promotion("w5", PromotionKind.FIXED_OFF, amount=Money.of("5", "EUR"), coupon_code="WELCOME5",
                      minimum_order=Money.of("25", "EUR"))  # fmt: skip


def _placed(cart: Cart, offers: Offers, codes: tuple[str, ...] = (), **changes: object) -> tuple[Order, ...]:
    outbox = _RecordingOutbox()
    service = CheckoutService(outbox, FakeClock(NOW), "here", "k1", coupon_codes=lambda: codes, offers=offers)  # type: ignore[arg-type]
    orders = service.place_all(_request(cart, **changes), "en")
    assert outbox.transactions == [orders]
    return orders


def test_a_group_discount_is_taken_on_each_order_as_the_store_takes_it() -> None:
    # session 9: a Gold member's pickup of €15.95 was shown €15.95 and charged €14.36 (10% rounded as Vendure does)
    cart = Cart("EUR").add(_line("a", "15.95", fulfilment=BCN)).add(_line("b", "30.00"))
    gold = _offers(GOLD_10, groups=frozenset({"Gold"}))
    pickup, home = _placed(cart, gold)
    assert pickup.estimated_total == Money.of("14.36", "EUR")  # 1.595 off: half a cent goes to the shop
    assert home.estimated_total == Money.of("31.95", "EUR")  # 27.00 + 4.95 delivery
    pricing = price_checkout(cart, HOME, METHOD, gold)
    assert [p.total for p in pricing.parts] == [pickup.estimated_total, home.estimated_total]
    assert pricing.totals.total == Money.of("46.31", "EUR") and pricing.totals.savings == Money.of("4.59", "EUR")
    assert pricing.saving_for("a") == Money.zero("EUR")  # an order-wide saving is no line's
    assert pricing.earning == (Money.of("14.36", "EUR"), Money.of("27.00", "EUR"))  # goods only: delivery earns none
    # one way for all: one order, one 10% on the whole (45.95 -> 4.595 -> 4.59 off)
    assert checkout_totals(cart.clear_fulfilments(), HOME, METHOD, None, gold).total == Money.of("46.31", "EUR")
    assert _offers(GOLD_10).price(Cart("EUR", cart.lines[:1])).applied == ()  # not a member: nothing


def test_free_shipping_over_50_is_judged_on_the_delivered_order_alone() -> None:
    cart = Cart("EUR").add(_line("a", "40", fulfilment=BCN)).add(_line("b", "30"))
    offers = _offers(FREE_OVER_50)
    pricing = price_checkout(cart, HOME, METHOD, offers)
    assert pricing.delivered is not None and pricing.delivered.delivery == Money.of("4.95", "EUR")
    assert (pricing.totals.delivery, pricing.totals.total) == (Money.of("4.95", "EUR"), Money.of("74.95", "EUR"))
    pickup, home = _placed(cart, offers)
    assert (pickup.estimated_total, home.estimated_total) == (None, None)  # no offer on either: list prices
    assert home.shown_total == Money.of("34.95", "EUR")
    bigger = Cart("EUR").add(_line("a", "40", fulfilment=BCN)).add(_line("b", "55"))
    priced = price_checkout(bigger, HOME, METHOD, offers)
    assert priced.totals.delivery == Money.zero("EUR") and priced.totals.total == Money.of("95", "EUR")
    assert _placed(bigger, offers)[1].estimated_total == Money.of("55", "EUR")
    # a pickup over €50 "qualifies" in the offer's terms, but there is no delivery to make free: nothing to estimate
    big_pickup = Cart("EUR").add(_line("a", "60", fulfilment=BCN)).add(_line("b", "10"))
    assert [order.estimated_total for order in _placed(big_pickup, offers)] == [None, None]
    assert price_checkout(big_pickup, HOME, METHOD, offers).totals.delivery == Money.of("4.95", "EUR")


def test_a_coupon_applies_to_every_order_it_qualifies_for_and_rides_on_one_when_none() -> None:
    offers = _offers(WELCOME5)
    both = Cart("EUR").add(_line("a", "30", fulfilment=BCN)).add(_line("b", "40"))
    pickup, home = _placed(both, offers, ("WELCOME5",))
    assert (pickup.coupon_codes, home.coupon_codes) == (("WELCOME5",), ("WELCOME5",))
    assert (pickup.estimated_total, home.estimated_total) == (Money.of("25", "EUR"), Money.of("39.95", "EUR"))
    assert price_checkout(both, HOME, METHOD, offers, ("welcome5",)).totals.savings == Money.of("10", "EUR")
    one = Cart("EUR").add(_line("a", "10", fulfilment=BCN)).add(_line("b", "40"))
    pickup, home = _placed(one, offers, ("WELCOME5",))
    assert (pickup.coupon_codes, home.coupon_codes) == ((), ("WELCOME5",))
    assert (pickup.estimated_total, home.estimated_total) == (None, Money.of("39.95", "EUR"))
    # no order reaches €25: the code still goes to the store, on the order that takes the points, which says why
    neither = Cart("EUR").add(_line("a", "10", fulfilment=BCN)).add(_line("b", "12"))
    pickup, home = _placed(neither, offers, ("WELCOME5",))
    assert (pickup.coupon_codes, home.coupon_codes) == ((), ("WELCOME5",))
    assert (pickup.estimated_total, home.estimated_total) == (None, None)


def test_a_free_shipping_offer_makes_the_method_and_the_totals_free_alike() -> None:
    cart = Cart("EUR").add(_line("a", "60"))
    free = PricedCart(subtotal=cart.subtotal, line_savings=(), order_savings=(), free_shipping=True, applied=("s",))
    plain = PricedCart(subtotal=cart.subtotal, line_savings=(), order_savings=())
    assert delivery_price(METHOD, None) == delivery_price(METHOD, plain) == Money.of("4.95", "EUR")
    assert delivery_price(METHOD, free) == Money.zero("EUR")
    for offers in (None, _offers(), _offers(FREE_OVER_50)):  # the method's price is the totals' delivery, to the cent
        pricing = price_checkout(cart, HOME, METHOD, offers)
        delivered = pricing.delivered
        assert delivered is not None
        assert pricing.totals.delivery == delivery_price(METHOD, delivered.priced)
        assert pricing.totals.total == Money.of("60", "EUR") + delivery_price(METHOD, delivered.priced)
