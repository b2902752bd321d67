"""Promotions the kiosk computes offline, their badges, coupon codes word for word, and redeeming points."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.cart import Cart, CartLine
from kiosk.core.i18n import LocalizedText
from kiosk.core.loyalty import RedeemRules, RedemptionError, max_redeemable, redeem
from kiosk.core.money import Money
from kiosk.core.promotions import (
    CouponProblem,
    Promotion,
    PromotionError,
    PromotionKind,
    apply_promotions,
    badges_for,
    check_coupon,
    coupon_message,
    offer_badge,
    parse_coupon_payload,
)
from kiosk.core.scanning.interpret import interpret
from kiosk.core.scanning.result import ScanKind

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)  # a Monday
MADRID = ZoneInfo("Europe/Madrid")


def eur(text: str) -> Money:
    return Money.of(text, "EUR")


def line(variant_id: str, price: str, quantity: int = 1) -> CartLine:
    return CartLine(variant_id, f"p-{variant_id}", f"SKU-{variant_id}", LocalizedText.same(variant_id), "", eur(price),
                    quantity)  # fmt: skip


def cart(*lines: CartLine) -> Cart:
    return Cart("EUR", tuple(lines))


def promo(pid: str, kind: PromotionKind, **terms: object) -> Promotion:
    return Promotion(pid, LocalizedText(f"Offer {pid}", f"Oferta {pid}"), kind, **terms)  # type: ignore[arg-type]


def test_percent_off_products_saves_per_line_and_rounds_to_cents() -> None:
    shoes = promo("p1", PromotionKind.PERCENT_OFF, percent=Decimal(20), variant_ids=frozenset({"v1"}))
    priced = apply_promotions(cart(line("v1", "59.99", 2), line("v2", "10.00")), [shoes], NOW)
    assert priced.saving_for("v1") == eur("24.00")  # 119.98 * 0.2 = 23.996
    assert priced.saving_for("v2") == eur("0")
    assert priced.total == eur("105.98")
    assert priced.applied == ("p1",)
    assert not priced.confirmed


def test_fixed_off_each_unit_never_below_zero() -> None:
    socks = promo("p2", PromotionKind.FIXED_OFF, amount=eur("5"), variant_ids=frozenset({"v1"}))
    priced = apply_promotions(cart(line("v1", "3.50", 3)), [socks], NOW)
    assert priced.saving_for("v1") == eur("10.50")
    assert priced.total == eur("0.00")


def test_buy_x_get_y_frees_the_cheapest_free_products_once_as_vendure_does() -> None:
    three_for_two = promo("p3", PromotionKind.BUY_X_GET_Y, buy=3, get=1, variant_ids=frozenset({"a", "b"}),
                          free_variant_ids=frozenset({"a", "b"}))  # fmt: skip
    priced = apply_promotions(cart(line("a", "30.00", 2), line("b", "12.00", 2), line("c", "99")), [three_for_two], NOW)
    # 4 units bought (3 needed): one unit free, the cheapest (b at 12)
    assert priced.saving_for("b") == eur("12.00")
    assert priced.saving_for("a") == eur("0")
    assert priced.total == eur("171.00")
    assert apply_promotions(cart(line("a", "30.00", 2)), [three_for_two], NOW).total_saving == eur("0")
    six = apply_promotions(cart(line("a", "30.00", 6)), [three_for_two], NOW)
    assert six.saving_for("a") == eur("30.00")  # once per order, as Vendure's buy_x_get_y_free
    shirt_free_cap = promo("p6", PromotionKind.BUY_X_GET_Y, buy=1, get=2, variant_ids=frozenset({"shirt"}),
                           free_variant_ids=frozenset({"cap", "socks"}))  # fmt: skip
    basket = cart(line("shirt", "25.00"), line("cap", "9.00", 3), line("socks", "4.00"))
    priced = apply_promotions(basket, [shirt_free_cap], NOW)
    assert (priced.saving_for("socks"), priced.saving_for("cap")) == (eur("4.00"), eur("9.00"))


def test_percent_savings_round_as_vendure_half_a_cent_to_the_shop() -> None:
    half = promo("h", PromotionKind.PERCENT_OFF, percent=Decimal(50), variant_ids=frozenset({"v"}))
    assert apply_promotions(cart(line("v", "0.05")), [half], NOW).saving_for("v") == eur("0.02")
    assert apply_promotions(cart(line("v", "0.07")), [half], NOW).saving_for("v") == eur("0.03")
    order_half = promo("o", PromotionKind.PERCENT_OFF, percent=Decimal(50))
    assert apply_promotions(cart(line("v", "0.05")), [order_half], NOW).total == eur("0.03")


def test_order_level_applies_after_product_level_and_with_a_minimum() -> None:
    line_off = promo("p1", PromotionKind.PERCENT_OFF, percent=Decimal(50), variant_ids=frozenset({"v1"}))
    order_off = promo("p4", PromotionKind.PERCENT_OFF, percent=Decimal(10), minimum_order=eur("50"))
    ten_off = promo("p5", PromotionKind.FIXED_OFF, amount=eur("10"))
    priced = apply_promotions(cart(line("v1", "40.00"), line("v2", "20.00")), [line_off, order_off, ten_off], NOW)
    # subtotal 60 (minimum met), 20 off v1 leaves 40, 10 % of that is 4, then 10 off
    assert priced.saving_for("v1") == eur("20.00")
    assert [(s.promotion_id, s.amount) for s in priced.order_savings] == [("p4", eur("4.00")), ("p5", eur("10"))]
    assert priced.total == eur("26.00")
    small = apply_promotions(cart(line("v2", "20.00")), [order_off], NOW)
    assert small.order_savings == () and small.total == eur("20.00")


def test_free_shipping_customer_groups_dates_and_withdrawn_lines() -> None:
    ship = promo("s", PromotionKind.FREE_SHIPPING, minimum_order=eur("30"))
    gold = promo("g", PromotionKind.PERCENT_OFF, percent=Decimal(15), customer_groups=frozenset({"Gold"}))
    later = promo("l", PromotionKind.PERCENT_OFF, percent=Decimal(50), starts_at=NOW + timedelta(days=1))
    over = promo("o", PromotionKind.PERCENT_OFF, percent=Decimal(50), ends_at=NOW)
    basket = cart(line("v1", "40.00"))
    anonymous = apply_promotions(basket, [ship, gold, later, over], NOW)
    assert anonymous.free_shipping and anonymous.total == eur("40.00") and anonymous.applied == ("s",)
    member = apply_promotions(basket, [ship, gold, later, over], NOW, frozenset({"Gold"}), confirmed=True)
    assert member.total == eur("34.00") and member.confirmed
    gone = Cart("EUR", (line("v1", "40.00"),)).reprice({"v1": None})[0]
    assert apply_promotions(gone, [gold], NOW, frozenset({"Gold"})).total_saving == eur("0")


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        ({"kind": PromotionKind.PERCENT_OFF, "percent": Decimal(0)}, "Promotion x: a percentage off must be above 0 and at most 100"),
        ({"kind": PromotionKind.PERCENT_OFF, "percent": Decimal(101)}, "Promotion x: a percentage off must be above 0 and at most 100"),
        ({"kind": PromotionKind.FIXED_OFF}, "Promotion x: a fixed amount off must be above zero"),
        ({"kind": PromotionKind.BUY_X_GET_Y, "buy": 2, "get": 0, "variant_ids": frozenset({"a"})}, "Promotion x: buy X get Y needs X and Y of at least 1"),
        ({"kind": PromotionKind.BUY_X_GET_Y, "buy": 2, "get": 1, "variant_ids": frozenset({"a"})}, "Promotion x: buy X get Y needs the products bought and those free"),
        ({"kind": PromotionKind.FREE_SHIPPING, "ends_at": datetime(2026, 12, 13)}, "Promotion x: the end needs a time zone"),
    ],
)  # fmt: skip
def test_promotion_terms_that_make_no_sense_are_refused(terms: dict[str, object], message: str) -> None:
    kind = terms.pop("kind")
    with pytest.raises(PromotionError) as error:
        promo("x", kind, **terms)  # type: ignore[arg-type]
    assert str(error.value) == message


def test_badges_name_the_weekday_within_a_week_and_the_date_after() -> None:
    local_now = NOW.astimezone(MADRID)
    # ends at midnight starting Monday 14 Dec in Madrid: the last valid moment is Sunday
    sunday = promo("a", PromotionKind.PERCENT_OFF, percent=Decimal(20), variant_ids=frozenset({"v1"}),
                   ends_at=datetime(2026, 12, 14, tzinfo=MADRID))  # fmt: skip
    assert offer_badge(sunday, local_now) == LocalizedText("−20% until Sunday", "−20 % hasta el domingo")
    today = promo("b", PromotionKind.FIXED_OFF, amount=eur("5"), ends_at=datetime(2026, 12, 7, 23, 0, tzinfo=MADRID))
    assert offer_badge(today, local_now) == LocalizedText("−€5.00 today only", "−5,00 € solo hoy")
    later = promo("c", PromotionKind.BUY_X_GET_Y, buy=3, get=1, variant_ids=frozenset({"v1"}),
                  free_variant_ids=frozenset({"v1"}), ends_at=datetime(2027, 1, 1, tzinfo=MADRID))  # fmt: skip
    assert offer_badge(later, local_now) == LocalizedText("3 for 2 until 31 Dec", "3x2 hasta el 31 dic")
    gift = promo("g", PromotionKind.BUY_X_GET_Y, buy=1, get=1, variant_ids=frozenset({"v1"}),
                 free_variant_ids=frozenset({"v2"}))  # fmt: skip
    assert offer_badge(gift, local_now) == LocalizedText("Buy 1, get 1 free", "Compra 1 y llévate 1 gratis")
    assert offer_badge(promo("d", PromotionKind.FREE_SHIPPING), local_now) == LocalizedText(
        "Free shipping", "Envío gratis"
    )
    coded = promo("e", PromotionKind.PERCENT_OFF, percent=Decimal(5), variant_ids=frozenset({"v1"}), coupon_code="X")
    order_wide = promo("f", PromotionKind.PERCENT_OFF, percent=Decimal(5))
    assert badges_for(["v1", "v9"], [sunday, coded, order_wide], local_now, frozenset()) == (
        offer_badge(sunday, local_now),
    )
    assert badges_for(["v9"], [sunday], local_now, frozenset()) == ()


COUPONS = [
    promo("c1", PromotionKind.PERCENT_OFF, percent=Decimal(10), coupon_code="WELCOME10"),
    promo("c2", PromotionKind.FIXED_OFF, amount=eur("5"), coupon_code="XMAS", ends_at=datetime(2026, 12, 1, tzinfo=UTC)),
    promo("c3", PromotionKind.FIXED_OFF, amount=eur("5"), coupon_code="SALES", starts_at=datetime(2027, 1, 7, tzinfo=UTC)),
    promo("c4", PromotionKind.PERCENT_OFF, percent=Decimal(30), coupon_code="SHOES30", variant_ids=frozenset({"shoe"})),
    promo("c5", PromotionKind.PERCENT_OFF, percent=Decimal(30), coupon_code="GOLD", customer_groups=frozenset({"Gold"})),
]  # fmt: skip


@pytest.mark.parametrize(
    ("code", "problem", "en", "es"),
    [
        ("NOPE", CouponProblem.UNKNOWN, "The code NOPE does not exist. Check it and try again.",
         "El código NOPE no existe. Compruébalo y vuelve a intentarlo."),
        ("   ", CouponProblem.EMPTY, "Type or scan a code first.", "Escribe o escanea un código primero."),
        ("xmas", CouponProblem.EXPIRED, "The code XMAS expired on 30 Nov 2026.", "El código XMAS caducó el 30 nov 2026."),
        ("SALES", CouponProblem.NOT_YET_VALID, "The code SALES can be used from 7 Jan 2027.",
         "El código SALES se puede usar a partir del 7 ene 2027."),
        (" welcome10 ", CouponProblem.ALREADY_USED, "The code WELCOME10 has already been used.",
         "El código WELCOME10 ya se ha usado."),
        ("SHOES30", CouponProblem.NOT_APPLICABLE, "The code SHOES30 does not apply to this cart.",
         "El código SHOES30 no se aplica a este carrito."),
        ("GOLD", CouponProblem.NOT_APPLICABLE, "The code GOLD does not apply to this cart.",
         "El código GOLD no se aplica a este carrito."),
    ],
)  # fmt: skip
def test_coupon_problems_word_for_word(code: str, problem: CouponProblem, en: str, es: str) -> None:
    check = check_coupon(code, COUPONS, cart(line("v1", "20.00")), NOW, used_codes=["Welcome10"])
    assert not check.ok and check.promotion is None
    assert check.problem is problem
    assert check.message == LocalizedText(en, es)


def test_coupon_dates_are_the_kiosks_local_day() -> None:
    """A start at 23:30 UTC on 31 December is 1 January in Madrid; an end at midnight Madrid time (23:00 UTC the
    day before) leaves the day before as the last valid one, whatever day it is in UTC."""
    madrid_now = NOW.astimezone(MADRID)
    new_year = promo("n", PromotionKind.PERCENT_OFF, percent=Decimal(10), coupon_code="NEWYEAR",
                     starts_at=datetime(2026, 12, 31, 23, 30, tzinfo=UTC))  # fmt: skip
    assert check_coupon("NEWYEAR", [new_year], cart(), madrid_now).message == LocalizedText(
        "The code NEWYEAR can be used from 1 Jan 2027.", "El código NEWYEAR se puede usar a partir del 1 ene 2027."
    )
    assert check_coupon("NEWYEAR", [new_year], cart(), NOW).message == LocalizedText(
        "The code NEWYEAR can be used from 31 Dec 2026.", "El código NEWYEAR se puede usar a partir del 31 dic 2026."
    )
    november = promo("o", PromotionKind.PERCENT_OFF, percent=Decimal(10), coupon_code="NOVEMBER",
                     ends_at=datetime(2026, 12, 1, tzinfo=MADRID))  # fmt: skip
    assert check_coupon("november", [november], cart(), madrid_now).message == LocalizedText(
        "The code NOVEMBER expired on 30 Nov 2026.", "El código NOVEMBER caducó el 30 nov 2026."
    )
    assert coupon_message(CouponProblem.EXPIRED, "NOVEMBER", november.ends_at, MADRID) == (
        check_coupon("NOVEMBER", [november], cart(), madrid_now).message
    )
    assert coupon_message(CouponProblem.UNKNOWN, "X").es == "El código X no existe. Compruébalo y vuelve a intentarlo."


def test_a_good_coupon_is_found_whatever_the_case_and_then_applies() -> None:
    basket = cart(line("shoe", "80.00"))
    check = check_coupon(" shoes30", COUPONS, basket, NOW)
    assert check.ok and check.code == "SHOES30" and check.promotion is COUPONS[3] and check.message is None
    assert apply_promotions(basket, COUPONS, NOW).total == eur("80.00")  # no code entered: no discount
    assert apply_promotions(basket, COUPONS, NOW, codes=["shoes30"]).total == eur("56.00")
    assert check_coupon("GOLD", COUPONS, basket, NOW, frozenset({"Gold"})).ok


RULES = RedeemRules(point_value=eur("0.01"), minimum_points=100, max_share=Decimal("0.5"))


def test_points_redeem_within_the_balance_the_minimum_and_half_the_order() -> None:
    assert max_redeemable(5000, eur("30.00"), RULES) == 1500
    assert max_redeemable(900, eur("30.00"), RULES) == 900
    assert max_redeemable(99, eur("30.00"), RULES) == 0
    assert max_redeemable(5000, Money.of("30", "USD"), RULES) == 0
    assert redeem(1500, 5000, eur("30.00"), RULES).discount == eur("15.00")
    assert redeem(250, 5000, eur("30.00"), RULES).discount == eur("2.50")


@pytest.mark.parametrize(
    ("points", "balance", "en", "es"),
    [
        (600, 500, "You have 500 points; 600 cannot be redeemed", "Tienes 500 puntos; no se pueden canjear 600"),
        (50, 500, "Redeem at least 100 points at a time", "Canjea al menos 100 puntos cada vez"),
        (2000, 5000, "This order can take at most 1500 points", "Este pedido admite como máximo 1500 puntos"),
    ],
)
def test_redemptions_the_rules_refuse_say_why(points: int, balance: int, en: str, es: str) -> None:
    with pytest.raises(RedemptionError) as error:
        redeem(points, balance, eur("30.00"), RULES)
    assert error.value.text == LocalizedText(en, es)
    assert str(error.value) == en


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        (b"]Q1KIOSK-COUPON:WELCOME5", "WELCOME5"),  # QR
        (b"]C0KIOSK-COUPON:welcome5\r\n", "WELCOME5"),  # Code 128, lower case, line ending
        (b"KIOSK-COUPON: AUTUMN-15 ", "AUTUMN-15"),  # a keyboard wedge without AIM id
    ],
)
def test_a_coupon_poster_scans_as_its_code(frame: bytes, code: str) -> None:
    result = interpret(frame)
    assert result.kind is ScanKind.COUPON and result.coupon_code == code and result.ok
    assert result.to_json_dict()["coupon_code"] == code
    # the scanned code goes through the same checks as a typed one
    assert check_coupon(code, COUPONS, cart(line("v1", "20.00")), NOW).problem is CouponProblem.UNKNOWN


@pytest.mark.parametrize(
    "frame", [b"]Q1KIOSK-COUPON:", b"]Q1KIOSK-COUPON:TWO WORDS", b"]Q1KIOSK-COUPON:" + b"A" * 33, b"KIOSK-COUPON:%"]
)
def test_a_coupon_poster_with_no_code_says_so_word_for_word(frame: bytes) -> None:
    result = interpret(frame)
    assert result.kind is ScanKind.INVALID and result.reason == "bad_coupon_code"
    assert result.message == LocalizedText(
        "This coupon code could not be read. Please type the code instead.",
        "No se ha podido leer este código de cupón. Escríbelo en su lugar.",
    )
    assert parse_coupon_payload("WELCOME5") is None  # the prefix is what makes it a coupon
