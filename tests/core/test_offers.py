"""The offers in force (kiosk.core.services.offers): badges by product, a variant's price after its offer, the
session's coupon codes word for word, the cached promotions kept when the backend fails, the order's codes and
estimate, and the order status's final amount."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from kiosk.core.cart import Cart, CartLine
from kiosk.core.errors import BackendRejectedError, BackendUnavailableError
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind, OrderContact, OrderStatus, PaymentChoice
from kiosk.core.order_tracking import OrderCode, OrderTracking, TrackingState
from kiosk.core.ports import OutboxEntry
from kiosk.core.promotions import CouponProblem, Promotion, PromotionKind
from kiosk.core.services.checkout import CheckoutRequest, CheckoutService
from kiosk.core.services.offers import Offers, SessionCoupons, index_promotions, refresh_promotions
from kiosk.core.services.order_status import OrderStatusLookup
from tests.fakes import FakeClock, FixedOrderTracker, utc_time_zone

MONDAY = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _utc() -> Iterator[None]:
    """Badges name the weekday in the kiosk's time zone: these tests read them in UTC."""
    with utc_time_zone():
        yield


def eur(text: str) -> Money:
    return Money.of(text, "EUR")


def promo(pid: str, kind: PromotionKind, **terms: object) -> Promotion:
    return Promotion(pid, LocalizedText(f"Offer {pid}", f"Oferta {pid}"), kind, **terms)  # type: ignore[arg-type]


TRAINERS = promo("trainers", PromotionKind.PERCENT_OFF, percent=Decimal(20), variant_ids=frozenset({"p1-v1", "p1-v2"}),
                 ends_at=datetime(2026, 11, 30, tzinfo=UTC))  # fmt: skip
THREE_FOR_TWO = promo("socks", PromotionKind.BUY_X_GET_Y, buy=3, get=1, variant_ids=frozenset({"p2-v1"}),
                      free_variant_ids=frozenset({"p2-v1"}))  # fmt: skip
WELCOME = promo("welcome", PromotionKind.FIXED_OFF, amount=eur("5.00"), coupon_code="WELCOME5", minimum_order=eur("25"))
EXPIRED = promo("autumn", PromotionKind.PERCENT_OFF, percent=Decimal(15), coupon_code="AUTUMN15",
                ends_at=datetime(2026, 11, 13, tzinfo=UTC))  # fmt: skip
GOLD_ONLY = promo("gold", PromotionKind.PERCENT_OFF, percent=Decimal(10), coupon_code="GOLD10",
                  customer_groups=frozenset({"Gold"}))  # fmt: skip
PRODUCT_OF = {"p1-v1": "p1", "p1-v2": "p1", "p2-v1": "p2"}


def line(variant_id: str, price: str, quantity: int = 1) -> CartLine:
    product = variant_id.split("-", maxsplit=1)[0]
    return CartLine(variant_id, product, f"SKU-{variant_id}", LocalizedText.same(variant_id), "", eur(price), quantity)


def offers(*promotions: Promotion) -> Offers:
    found = Offers(FakeClock(MONDAY))
    found.replace(promotions, PRODUCT_OF)
    return found


def test_a_product_shows_the_first_offer_on_any_of_its_variants_and_coupon_or_order_offers_show_on_none() -> None:
    shown = offers(WELCOME, TRAINERS, THREE_FOR_TWO)
    assert shown.product_badge("p1") == LocalizedText("−20% until Sunday", "−20 % hasta el domingo")
    assert shown.product_badge("p2") == LocalizedText("3 for 2", "3x2")
    assert shown.product_badge("p3") is None
    index = index_promotions([WELCOME, TRAINERS], {"p1-v1": "p1"})  # p1-v2 not in the catalog: left out
    assert dict(index.by_product) == {"p1": (TRAINERS,)}


def test_an_offer_not_started_or_over_shows_no_badge() -> None:
    later = promo("later", PromotionKind.PERCENT_OFF, percent=Decimal(10), variant_ids=frozenset({"p1-v1"}),
                  starts_at=MONDAY + timedelta(days=1))  # fmt: skip
    over = promo("over", PromotionKind.PERCENT_OFF, percent=Decimal(10), variant_ids=frozenset({"p1-v1"}),
                 ends_at=MONDAY)  # fmt: skip
    assert offers(later, over).product_badge("p1") is None


def test_a_variant_on_offer_has_its_price_after_it_and_the_price_before_to_strike() -> None:
    shown = offers(TRAINERS, THREE_FOR_TWO)
    offer = shown.variant_offer("p1", "p1-v1", eur("154.99"))
    assert offer.badge == LocalizedText("−20% until Sunday", "−20 % hasta el domingo")
    assert (offer.price, offer.was) == (eur("123.99"), eur("154.99"))  # 31.00 off, as Vendure rounds it
    socks = shown.variant_offer("p2", "p2-v1", eur("4.00"))  # one unit earns nothing: only the badge says it
    assert (socks.badge, socks.price, socks.was) == (LocalizedText("3 for 2", "3x2"), eur("4.00"), None)
    plain = shown.variant_offer("p1", "p1-v3", eur("154.99"))  # another variant of the same product
    assert (plain.badge, plain.price, plain.was) == (None, eur("154.99"), None)


def test_a_typed_coupon_applies_to_the_cart_as_it_is_or_says_the_exact_problem() -> None:
    coupons = SessionCoupons(offers(WELCOME, EXPIRED, GOLD_ONLY))
    small = Cart("EUR", (line("p1-v1", "10.00"),))
    refused = coupons.apply("welcome5", small)
    assert not refused.accepted and refused.problem is CouponProblem.NOT_APPLICABLE
    assert refused.message == LocalizedText("The code WELCOME5 does not apply to this cart.",
                                            "El código WELCOME5 no se aplica a este carrito.")  # fmt: skip
    expired = coupons.apply("autumn15", small)
    assert expired.message == LocalizedText("The code AUTUMN15 expired on 12 Nov 2026.",
                                            "El código AUTUMN15 caducó el 12 nov 2026.")  # fmt: skip
    unknown = coupons.apply(" nope ", small)
    assert unknown.message == LocalizedText("The code NOPE does not exist. Check it and try again.",
                                            "El código NOPE no existe. Compruébalo y vuelve a intentarlo.")  # fmt: skip
    assert coupons.codes == ()
    big = Cart("EUR", (line("p1-v1", "30.00"),))
    taken = coupons.apply("welcome5", big)
    assert taken.accepted and taken.message == LocalizedText("Code WELCOME5 applied: Offer welcome.",
                                                             "Código WELCOME5 aplicado: Oferta welcome.")  # fmt: skip
    again = coupons.apply("WELCOME5", big)
    assert again.accepted and again.message.en == "The code WELCOME5 is already applied."
    assert coupons.codes == ("WELCOME5",)


def test_a_scanned_poster_code_is_kept_until_the_cart_qualifies_but_a_dead_code_is_refused() -> None:
    shown = offers(WELCOME, EXPIRED, GOLD_ONLY)
    coupons = SessionCoupons(shown)
    empty = Cart("EUR")
    kept = coupons.apply("WELCOME5", empty, scanned=True)
    assert kept.accepted and kept.message == LocalizedText(
        "Code WELCOME5 saved: Offer welcome applies when your cart qualifies.",
        "Código WELCOME5 guardado: Oferta welcome se aplica cuando tu carrito cumpla las condiciones.",
    )
    gold = coupons.apply("GOLD10", empty, scanned=True)  # the shopper is not Gold: not the cart's doing
    assert not gold.accepted and gold.problem is CouponProblem.NOT_APPLICABLE
    assert not coupons.apply("AUTUMN15", empty, scanned=True).accepted
    assert coupons.codes == ("WELCOME5",)
    # the kept code applies as soon as the cart qualifies, and not before
    assert shown.price(Cart("EUR", (line("p1-v1", "20.00"),)), coupons.codes).total == eur("20.00")
    assert shown.price(Cart("EUR", (line("p1-v1", "30.00"),)), coupons.codes).total == eur("25.00")
    removed = coupons.remove("welcome5")
    assert removed is not None and removed.en == "Code WELCOME5 removed."
    assert coupons.codes == () and coupons.remove("WELCOME5") is None
    coupons.apply("WELCOME5", empty, scanned=True)
    coupons.clear()
    assert coupons.codes == ()


class _Backend:
    def __init__(self, answer: Sequence[Promotion] | Exception) -> None:
        self.answer = answer

    def promotions(self) -> Sequence[Promotion]:
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


class _BackendThatKnowsProducts(_Backend):
    def __init__(self, answer: Sequence[Promotion], products: dict[str, str] | Exception) -> None:
        super().__init__(answer)
        self.products = products
        self.asked: list[list[str]] = []

    def products_of(self, variant_ids: Sequence[str]) -> dict[str, str]:
        self.asked.append(list(variant_ids))
        if isinstance(self.products, Exception):
            raise self.products
        return {v: self.products[v] for v in variant_ids if v in self.products}


def test_refresh_puts_the_backends_promotions_in_force_and_a_failure_keeps_the_cached_ones() -> None:
    shown = offers(TRAINERS)
    saved: list[Sequence[Promotion]] = []

    def save(promotions: Sequence[Promotion], finder: object) -> dict[str, str]:
        assert finder is None  # this backend cannot say which product a variant is: the cache finds out
        saved.append(promotions)
        return PRODUCT_OF

    version = shown.version
    assert refresh_promotions(_Backend([TRAINERS, THREE_FOR_TWO]), save, shown)
    assert shown.promotions == (TRAINERS, THREE_FOR_TWO) and shown.version == version + 1
    assert refresh_promotions(_Backend([TRAINERS, THREE_FOR_TWO]), save, shown)
    assert shown.version == version + 1  # the same promotions: the screens have nothing to re-read
    for failure in (BackendUnavailableError("offline"), BackendRejectedError("no ReadPromotion")):
        assert not refresh_promotions(_Backend(failure), save, shown)
        assert shown.promotions == (TRAINERS, THREE_FOR_TWO)
    assert not refresh_promotions(object(), save, shown)  # a backend without promotions: nothing changes
    assert len(saved) == 2


def test_a_backend_that_knows_its_variants_products_is_asked_and_its_failure_only_delays_the_badge() -> None:
    shown = offers()
    backend = _BackendThatKnowsProducts([TRAINERS], {"p1-v1": "p1", "p1-v2": "p1"})

    def save(
        promotions: Sequence[Promotion], finder: Callable[[Sequence[str]], Mapping[str, str]] | None
    ) -> Mapping[str, str]:
        assert finder is not None
        return finder(sorted(v for p in promotions for v in p.variant_ids))

    assert refresh_promotions(backend, save, shown)
    assert backend.asked == [["p1-v1", "p1-v2"]] and shown.product_badge("p1") is not None
    failing = _BackendThatKnowsProducts([TRAINERS, THREE_FOR_TWO], BackendUnavailableError("gone mid-pass"))
    assert refresh_promotions(failing, save, shown)  # the promotions are in force; no product known for them yet
    assert shown.promotions == (TRAINERS, THREE_FOR_TWO) and shown.product_badge("p1") is None


class _Outbox:
    def __init__(self) -> None:
        self.orders: dict[str, OutboxEntry] = {}

    def save(self, order):  # type: ignore[no-untyped-def]
        self.orders[order.client_order_id] = OutboxEntry(order, OrderStatus.SAVED, 0, MONDAY, "", "")

    def save_all(self, orders):  # type: ignore[no-untyped-def]
        for order in orders:  # one checkout's orders (one per way of receiving)
            self.save(order)

    def get(self, client_order_id: str) -> OutboxEntry | None:
        return self.orders.get(client_order_id)


def _place(outbox: _Outbox, shown: Offers, coupons: SessionCoupons, cart: Cart) -> str:
    service = CheckoutService(outbox, FakeClock(MONDAY), "s1", "k1", coupon_codes=lambda: coupons.codes,  # type: ignore[arg-type]
                              offers=shown)  # fmt: skip
    request = CheckoutRequest(cart, OrderContact("Ana", "Ruiz", "ana@example.com"), FulfilmentKind.PICKUP_STORE,
                              PaymentChoice.PAY_AT_COUNTER, pickup_location_id="here")  # fmt: skip
    return service.place(request, "en").client_order_id


def test_the_order_carries_the_sessions_codes_and_the_total_the_kiosk_showed() -> None:
    shown, outbox = offers(TRAINERS, WELCOME), _Outbox()
    coupons = SessionCoupons(shown)
    cart = Cart("EUR", (line("p1-v1", "154.99"),))
    assert coupons.apply("welcome5", cart).accepted
    order = outbox.orders[_place(outbox, shown, coupons, cart)].order
    assert order.coupon_codes == ("WELCOME5",)
    assert order.estimated_total == eur("118.99") and order.total == eur("154.99")  # 31.00 and 5.00 off
    plain = outbox.orders[_place(outbox, shown, SessionCoupons(shown), Cart("EUR", (line("p9-v1", "9.99"),)))].order
    assert plain.coupon_codes == () and plain.estimated_total is None and plain.shown_total == eur("9.99")


@pytest.mark.parametrize(
    ("backend_total", "expected_en", "expected_es"),
    [
        ("112.99", "Final amount: €112.99 (the kiosk estimated €118.99).",
         "Importe final: 112,99 € (el quiosco calculó 118,99 €)."),
        ("118.99", "", ""),
        (None, "Price confirmed when the order is sent.", "El precio se confirma cuando se envíe el pedido."),
    ],
)  # fmt: skip
def test_the_order_status_says_the_final_amount_when_it_differs_or_that_an_offer_waits_for_the_send(
    backend_total: str | None, expected_en: str, expected_es: str
) -> None:
    shown, outbox = offers(TRAINERS, WELCOME), _Outbox()
    coupons = SessionCoupons(shown)
    cart = Cart("EUR", (line("p1-v1", "154.99"),))
    coupons.apply("WELCOME5", cart)
    client_order_id = _place(outbox, shown, coupons, cart)
    number = outbox.orders[client_order_id].order.number
    tracking = None
    if backend_total is not None:
        tracking = OrderTracking(number, TrackingState.RECEIVED, MONDAY, total=eur(backend_total), item_count=1)
    lookup = OrderStatusLookup(FixedOrderTracker(tracking), outbox, FakeClock(MONDAY), lambda: ())  # type: ignore[arg-type]
    answer = lookup.look_up(OrderCode(number, client_order_id))
    assert answer.tracking is not None
    assert answer.price_message("en") == expected_en
    assert answer.price_message("es") == expected_es
    if backend_total is None:  # not sent: the kiosk's own figure, offers included
        assert answer.tracking.state is TrackingState.NOT_SENT and answer.tracking.total == eur("118.99")


def test_dates_across_a_change_of_the_clocks_are_named_in_the_kiosks_zone_with_its_rules() -> None:
    """Checked in December (UTC+1 in Madrid), a code from midnight on 29 March 2027 (UTC+2 by then) is usable
    "from 29 Mar": December's offset would have named 28 March."""
    madrid = ZoneInfo("Europe/Madrid")
    spring = promo("spring", PromotionKind.PERCENT_OFF, percent=Decimal(10), coupon_code="SPRING",
                   starts_at=datetime(2027, 3, 29, tzinfo=madrid))  # fmt: skip
    december = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    kiosk = Offers(FakeClock(december), zone=madrid)
    kiosk.replace([spring], PRODUCT_OF)
    assert kiosk.check("SPRING", Cart("EUR")).message == LocalizedText(
        "The code SPRING can be used from 29 Mar 2027.", "El código SPRING se puede usar a partir del 29 mar 2027."
    )
    offset_only = Offers(FakeClock(december.astimezone(timezone(timedelta(hours=1)))))
    offset_only.replace([spring], PRODUCT_OF)
    assert "28 Mar 2027" in offset_only.check("SPRING", Cart("EUR")).message.en  # what a bare offset gets wrong
