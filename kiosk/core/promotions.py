"""Promotions the kiosk can compute offline, and coupon codes checked against them.

Online, the backend's order totals are the authority; offline, the kiosk still has to show the shopper what
an order will cost, so the promotion kinds Vendure ships with and retailers use most are modelled here:
percentage or fixed amount off some products or off the whole order, buy X get Y free, free shipping, each
optionally limited to customer groups, a coupon code, a minimum order and a validity window. A price the kiosk
computed itself is marked unconfirmed ("confirmed when the order is sent"): the order status later shows the
backend's final amount when the two differ.

Order of application follows Vendure: product-level actions first (per line), then order-level ones on what
is left, and no discount ever takes a line or the order below zero. Pure: the time, the shopper's groups and
the codes already used are passed in.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from decimal import ROUND_CEILING, Decimal, InvalidOperation
from typing import Any

from kiosk.core.cart import Cart, CartLine
from kiosk.core.dates import day_month_text, moment_date_text
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money, minor_digits

_HUNDRED = Decimal(100)


class PromotionKind(enum.StrEnum):
    PERCENT_OFF = "percent_off"
    FIXED_OFF = "fixed_off"
    BUY_X_GET_Y = "buy_x_get_y"
    FREE_SHIPPING = "free_shipping"


class PromotionError(ValueError):
    """A promotion whose terms make no sense (the backend sent something the kiosk cannot compute)."""


@dataclass(frozen=True, slots=True)
class Promotion:
    """One promotion in the terms the kiosk computes with.

    `variant_ids` empty means the whole order (percent/fixed off the order total); non-empty means those
    products only (per unit for a fixed amount). Buy X get Y is Vendure's `buy_x_get_y_free`: once the cart
    holds `buy` units of `variant_ids`, `get` units of `free_variant_ids` (cheapest lines first) are free,
    once per order; the two sets may be the same ("2 for 1": buy 2, get 1, same products).
    `customer_groups` empty means every shopper, anonymous ones too. A promotion with a `coupon_code`
    applies only once that code is entered.
    """

    id: str
    name: LocalizedText
    kind: PromotionKind
    percent: Decimal | None = None
    amount: Money | None = None
    buy: int = 0
    get: int = 0
    variant_ids: frozenset[str] = frozenset()
    free_variant_ids: frozenset[str] = frozenset()
    customer_groups: frozenset[str] = frozenset()
    coupon_code: str | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    minimum_order: Money | None = None

    def __post_init__(self) -> None:
        if not self.id:
            raise PromotionError("A promotion needs an id")
        percent_ok = self.percent is not None and Decimal(0) < self.percent <= _HUNDRED
        if self.kind is PromotionKind.PERCENT_OFF and not percent_ok:
            raise PromotionError(f"Promotion {self.id}: a percentage off must be above 0 and at most 100")
        if self.kind is PromotionKind.FIXED_OFF and (self.amount is None or self.amount.amount <= 0):
            raise PromotionError(f"Promotion {self.id}: a fixed amount off must be above zero")
        if self.kind is PromotionKind.BUY_X_GET_Y:
            if self.buy < 1 or self.get < 1:
                raise PromotionError(f"Promotion {self.id}: buy X get Y needs X and Y of at least 1")
            if not self.variant_ids or not self.free_variant_ids:
                raise PromotionError(f"Promotion {self.id}: buy X get Y needs the products bought and those free")
        if self.starts_at is not None and self.starts_at.tzinfo is None:
            raise PromotionError(f"Promotion {self.id}: the start needs a time zone")
        if self.ends_at is not None and self.ends_at.tzinfo is None:
            raise PromotionError(f"Promotion {self.id}: the end needs a time zone")

    @property
    def is_order_level(self) -> bool:
        return not self.variant_ids and self.kind in (PromotionKind.PERCENT_OFF, PromotionKind.FIXED_OFF)

    def active_at(self, now: datetime) -> bool:
        if self.starts_at is not None and now < self.starts_at:
            return False
        return self.ends_at is None or now < self.ends_at

    def open_to(self, groups: frozenset[str]) -> bool:
        return not self.customer_groups or bool(self.customer_groups & groups)

    def covers(self, variant_id: str) -> bool:
        return not self.variant_ids or variant_id in self.variant_ids


@dataclass(frozen=True, slots=True)
class LineSaving:
    variant_id: str
    promotion_id: str
    amount: Money


@dataclass(frozen=True, slots=True)
class OrderSaving:
    promotion_id: str
    name: LocalizedText
    amount: Money


@dataclass(frozen=True, slots=True)
class PricedCart:
    """The cart with its promotions applied: what the cart and checkout show.

    `confirmed` is False when the kiosk computed this itself (offline): the screen then says the price is
    confirmed when the order is sent.
    """

    subtotal: Money
    line_savings: tuple[LineSaving, ...] = ()
    order_savings: tuple[OrderSaving, ...] = ()
    free_shipping: bool = False
    confirmed: bool = False
    applied: tuple[str, ...] = field(default=())

    def saving_for(self, variant_id: str) -> Money:
        total = Money.zero(self.subtotal.currency)
        for saving in self.line_savings:
            if saving.variant_id == variant_id:
                total = total + saving.amount
        return total

    @property
    def total_saving(self) -> Money:
        total = Money.zero(self.subtotal.currency)
        for saving in self.line_savings:
            total = total + saving.amount
        for order_saving in self.order_savings:
            total = total + order_saving.amount
        return total

    @property
    def total(self) -> Money:
        return (self.subtotal - self.total_saving).rounded()


def _min(a: Money, b: Money) -> Money:
    return a if a < b else b


def _eligible(promotion: Promotion, now: datetime, groups: frozenset[str], codes: frozenset[str]) -> bool:
    if not promotion.active_at(now) or not promotion.open_to(groups):
        return False
    return promotion.coupon_code is None or normalise_code(promotion.coupon_code) in codes


def _vendure_round(saving: Money) -> Money:
    """A computed saving in whole minor units as Vendure's DefaultMoneyStrategy rounds the (negative)
    adjustment: Math.round, so half a cent of saving goes to the shop."""
    minor = saving.amount.scaleb(minor_digits(saving.currency))
    whole = (minor - Decimal("0.5")).to_integral_value(rounding=ROUND_CEILING)
    return Money.from_minor(int(whole), saving.currency)


def _line_saving(promotion: Promotion, line: CartLine, left: Money) -> Money:
    """What a product-level percent or fixed promotion takes off one line, never more than is left of it."""
    if promotion.kind is PromotionKind.PERCENT_OFF and promotion.percent is not None:
        off = _vendure_round(line.total * (promotion.percent / _HUNDRED))
    elif promotion.kind is PromotionKind.FIXED_OFF and promotion.amount is not None:
        if promotion.amount.currency != line.unit_price.currency:
            return Money.zero(line.unit_price.currency)
        off = promotion.amount * line.quantity
    else:
        return Money.zero(line.unit_price.currency)
    return _min(off, left)


def _buy_x_get_y(promotion: Promotion, lines: Sequence[CartLine]) -> list[tuple[str, Money]]:
    """Vendure's rule: with `buy` units of the bought products in the cart, `get` units of the free products
    are free, taken from the cheapest lines first (whole lines before the next), once per order."""
    bought = sum(line.quantity for line in lines if line.variant_id in promotion.variant_ids)
    if bought < promotion.buy:
        return []
    candidates = sorted(
        (line for line in lines if line.variant_id in promotion.free_variant_ids), key=lambda x: x.unit_price.amount
    )
    free: list[tuple[str, Money]] = []
    places = promotion.get
    for line in candidates:
        if places == 0:
            break
        count = min(line.quantity, places)
        free.append((line.variant_id, line.unit_price * count))
        places -= count
    return free


def apply_promotions(
    cart: Cart,
    promotions: Iterable[Promotion],
    now: datetime,
    groups: frozenset[str] = frozenset(),
    codes: Iterable[str] = (),
    confirmed: bool = False,
) -> PricedCart:
    """The cart priced with every promotion that applies now to this shopper and the codes entered."""
    entered = frozenset(normalise_code(code) for code in codes)
    usable = [p for p in promotions if _eligible(p, now, groups, entered)]
    currency = cart.currency
    subtotal = cart.subtotal
    left = {line.variant_id: line.total for line in cart.lines if not line.withdrawn}
    savings: list[LineSaving] = []
    applied: list[str] = []

    def take(variant_id: str, promotion_id: str, amount: Money) -> None:
        amount = _min(amount, left[variant_id])
        if amount.amount > 0:
            left[variant_id] = left[variant_id] - amount
            savings.append(LineSaving(variant_id, promotion_id, amount))
            if promotion_id not in applied:
                applied.append(promotion_id)

    lines = [line for line in cart.lines if not line.withdrawn]
    for promotion in usable:
        if promotion.minimum_order is not None and subtotal < promotion.minimum_order:
            continue
        if promotion.kind is PromotionKind.BUY_X_GET_Y:
            for variant_id, price in _buy_x_get_y(promotion, lines):
                take(variant_id, promotion.id, price)
        elif promotion.variant_ids and promotion.kind is not PromotionKind.FREE_SHIPPING:
            for line in lines:
                if line.variant_id in promotion.variant_ids:
                    take(line.variant_id, promotion.id, _line_saving(promotion, line, left[line.variant_id]))

    remaining = Money.zero(currency)
    for amount in left.values():
        remaining = remaining + amount
    order_savings: list[OrderSaving] = []
    free_shipping = False
    for promotion in usable:
        if promotion.minimum_order is not None and subtotal < promotion.minimum_order:
            continue
        if promotion.kind is PromotionKind.FREE_SHIPPING:
            if not promotion.variant_ids or any(line.variant_id in promotion.variant_ids for line in lines):
                free_shipping = True
                applied.append(promotion.id)
            continue
        if not promotion.is_order_level:
            continue
        if promotion.kind is PromotionKind.PERCENT_OFF and promotion.percent is not None:
            off = _vendure_round(remaining * (promotion.percent / _HUNDRED))
        elif promotion.amount is not None and promotion.amount.currency == currency:
            off = promotion.amount
        else:
            continue
        off = _min(off, remaining)
        if off.amount > 0:
            remaining = remaining - off
            order_savings.append(OrderSaving(promotion.id, promotion.name, off))
            applied.append(promotion.id)
    return PricedCart(subtotal, tuple(savings), tuple(order_savings), free_shipping, confirmed, tuple(applied))


# --- what a card or product page shows -------------------------------------------------------------------

_WEEKDAYS = (
    LocalizedText("Monday", "el lunes"),
    LocalizedText("Tuesday", "el martes"),
    LocalizedText("Wednesday", "el miércoles"),
    LocalizedText("Thursday", "el jueves"),
    LocalizedText("Friday", "el viernes"),
    LocalizedText("Saturday", "el sábado"),
    LocalizedText("Sunday", "el domingo"),
)


def _percent_text(percent: Decimal) -> str:
    return f"{percent.normalize():f}"


def offer_badge(promotion: Promotion, local_now: datetime) -> LocalizedText:
    """The short badge on a card or product page: "−20% until Sunday", "Buy 2 get 1 free", "Free shipping".

    The end is named by weekday when it falls within the next six days (local time of the kiosk), by date
    after that; the last moment a promotion is valid is the instant before `ends_at`.
    """
    if promotion.kind is PromotionKind.PERCENT_OFF and promotion.percent is not None:
        p = _percent_text(promotion.percent)
        head = LocalizedText(f"−{p}%", f"−{p} %")
    elif promotion.kind is PromotionKind.FIXED_OFF and promotion.amount is not None:
        head = LocalizedText(f"−{promotion.amount.format('en')}", f"−{promotion.amount.format('es')}")
    elif promotion.kind is PromotionKind.BUY_X_GET_Y and promotion.variant_ids == promotion.free_variant_ids:
        pay = promotion.buy - promotion.get
        if pay > 0:
            head = LocalizedText(f"{promotion.buy} for {pay}", f"{promotion.buy}x{pay}")
        else:
            head = LocalizedText(f"Buy {promotion.buy}, get {promotion.get} free",
                                 f"Compra {promotion.buy} y llévate {promotion.get} gratis")  # fmt: skip
    elif promotion.kind is PromotionKind.BUY_X_GET_Y:
        head = LocalizedText(
            f"Buy {promotion.buy}, get {promotion.get} free", f"Compra {promotion.buy} y llévate {promotion.get} gratis"
        )
    else:
        head = LocalizedText("Free shipping", "Envío gratis")
    if promotion.ends_at is None:
        return head
    last = (promotion.ends_at - timedelta(microseconds=1)).astimezone(local_now.tzinfo)
    days = (last.date() - local_now.date()).days
    if days == 0:
        return LocalizedText(f"{head.en} today only", f"{head.es} solo hoy")
    if 0 < days <= 6:
        day = _WEEKDAYS[last.weekday()]
        return LocalizedText(f"{head.en} until {day.en}", f"{head.es} hasta {day.es}")
    day_en, day_es = day_month_text(last.date(), "en"), day_month_text(last.date(), "es")
    return LocalizedText(f"{head.en} until {day_en}", f"{head.es} hasta el {day_es}")


def badges_for(
    variant_ids: Iterable[str], promotions: Iterable[Promotion], local_now: datetime, groups: frozenset[str]
) -> tuple[LocalizedText, ...]:
    """The badges a product shows: promotions active now, open to this shopper, with no code, on its variants
    (order-wide ones are not product offers and are left to the cart)."""
    ids = frozenset(variant_ids)
    return tuple(
        offer_badge(p, local_now)
        for p in promotions
        if (p.variant_ids | p.free_variant_ids) & ids
        and p.coupon_code is None
        and p.active_at(local_now)
        and p.open_to(groups)
    )


# --- coupon codes ------------------------------------------------------------------------------------------


class CouponProblem(enum.StrEnum):
    EMPTY = "empty"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    ALREADY_USED = "already_used"
    NOT_APPLICABLE = "not_applicable"


COUPON_MESSAGES: dict[CouponProblem, LocalizedText] = {
    CouponProblem.EMPTY: LocalizedText("Type or scan a code first.", "Escribe o escanea un código primero."),
    CouponProblem.UNKNOWN: LocalizedText(
        "The code {code} does not exist. Check it and try again.",
        "El código {code} no existe. Compruébalo y vuelve a intentarlo.",
    ),
    CouponProblem.EXPIRED: LocalizedText("The code {code} expired on {date}.", "El código {code} caducó el {date}."),
    CouponProblem.NOT_YET_VALID: LocalizedText(
        "The code {code} can be used from {date}.", "El código {code} se puede usar a partir del {date}."
    ),
    CouponProblem.ALREADY_USED: LocalizedText(
        "The code {code} has already been used.", "El código {code} ya se ha usado."
    ),
    CouponProblem.NOT_APPLICABLE: LocalizedText(
        "The code {code} does not apply to this cart.", "El código {code} no se aplica a este carrito."
    ),
}


@dataclass(frozen=True, slots=True)
class CouponCheck:
    """A code the shopper entered: the promotion it applies, or the problem and the message to show."""

    code: str
    promotion: Promotion | None = None
    problem: CouponProblem | None = None
    message: LocalizedText | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


COUPON_QR_PREFIX = "KIOSK-COUPON:"
_COUPON_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
MAX_COUPON_LENGTH = 32


def parse_coupon_payload(text: str) -> str | None:
    """The code in a coupon poster's QR or Code 128 ("KIOSK-COUPON:WELCOME5"), normalised; None when what
    follows the prefix is not a code (empty, too long, or characters no code has)."""
    if not text.startswith(COUPON_QR_PREFIX):
        return None
    code = normalise_code(text[len(COUPON_QR_PREFIX) :])
    if not code or len(code) > MAX_COUPON_LENGTH or not set(code) <= _COUPON_CHARS:
        return None
    return code


def normalise_code(code: str) -> str:
    """Codes are compared as Vendure does after trimming: spaces around and letter case do not matter."""
    return code.strip().upper()


def coupon_message(
    problem: CouponProblem, code: str, at: datetime | None = None, zone: tzinfo | None = None
) -> LocalizedText:
    """The words for `problem` with `code` (normalised): a not-yet-valid code names the day its promotion
    starts (`at` = starts_at), an expired one the last day it was valid (`at` = ends_at, exclusive: the instant
    before it), as that day is on the wall clock of `zone`. The kiosk's check and the Vendure adapter's notes
    for what the server refused both say it this way, so a shopper reads one message for one problem."""
    date = LocalizedText("", "")
    if at is not None:
        last_valid = at - timedelta(microseconds=1) if problem is CouponProblem.EXPIRED else at
        date = moment_date_text(last_valid, zone)
    text = COUPON_MESSAGES[problem]
    return LocalizedText(text.en.format(code=code, date=date.en), text.es.format(code=code, date=date.es))


def check_coupon(
    code: str,
    promotions: Iterable[Promotion],
    cart: Cart,
    local_now: datetime,
    groups: frozenset[str] = frozenset(),
    used_codes: Iterable[str] = (),
) -> CouponCheck:
    """Whether `code` applies to this cart now, and if not, the one problem the shopper should hear first:
    unknown, then not yet valid or expired, then already used, then not applicable."""
    key = normalise_code(code)
    shown = key

    def problem(kind: CouponProblem, at: datetime | None = None) -> CouponCheck:
        return CouponCheck(shown, None, kind, coupon_message(kind, shown, at, local_now.tzinfo))

    if not key:
        return problem(CouponProblem.EMPTY)
    match = next((p for p in promotions if p.coupon_code and normalise_code(p.coupon_code) == key), None)
    if match is None:
        return problem(CouponProblem.UNKNOWN)
    if match.starts_at is not None and local_now < match.starts_at:
        return problem(CouponProblem.NOT_YET_VALID, match.starts_at)
    if match.ends_at is not None and local_now >= match.ends_at:
        return problem(CouponProblem.EXPIRED, match.ends_at)
    if key in {normalise_code(c) for c in used_codes}:
        return problem(CouponProblem.ALREADY_USED)
    if not match.open_to(groups):
        return problem(CouponProblem.NOT_APPLICABLE)
    priced = apply_promotions(cart, [match], local_now, groups, [key])
    if match.id not in priced.applied:
        return problem(CouponProblem.NOT_APPLICABLE)
    return CouponCheck(shown, match)


# --- the record a promotion travels and is kept as ---------------------------------------------------------


def _money_record(money: Money | None) -> dict[str, str] | None:
    return None if money is None else {"amount": str(money.amount), "currency": money.currency}


def _money_from_record(data: Any) -> Money | None:
    return None if data is None else Money(Decimal(str(data["amount"])), str(data["currency"]))


def _time_from_record(text: Any) -> datetime | None:
    return None if text is None else datetime.fromisoformat(str(text))


def promotion_record(promotion: Promotion) -> dict[str, Any]:
    """The JSON form of a promotion (promotion_from_record reads it back): how the catalog cache keeps it and
    how the demo store serves it over HTTP, one layout for both so they cannot drift apart."""
    return {
        "id": promotion.id,
        "name": {"en": promotion.name.en, "es": promotion.name.es},
        "kind": promotion.kind.value,
        "percent": None if promotion.percent is None else str(promotion.percent),
        "amount": _money_record(promotion.amount),
        "buy": promotion.buy,
        "get": promotion.get,
        "variant_ids": sorted(promotion.variant_ids),
        "free_variant_ids": sorted(promotion.free_variant_ids),
        "customer_groups": sorted(promotion.customer_groups),
        "coupon_code": promotion.coupon_code,
        "starts_at": None if promotion.starts_at is None else promotion.starts_at.isoformat(),
        "ends_at": None if promotion.ends_at is None else promotion.ends_at.isoformat(),
        "minimum_order": _money_record(promotion.minimum_order),
    }


def promotion_from_record(data: Mapping[str, Any]) -> Promotion:
    """A promotion from its record; PromotionError saying what is wrong with a record this kiosk cannot read."""
    try:
        code = data["coupon_code"]
        return Promotion(
            id=str(data["id"]),
            name=LocalizedText(str(data["name"]["en"]), str(data["name"]["es"])),
            kind=PromotionKind(data["kind"]),
            percent=None if data["percent"] is None else Decimal(str(data["percent"])),
            amount=_money_from_record(data["amount"]),
            buy=int(data["buy"]),
            get=int(data["get"]),
            variant_ids=frozenset(str(x) for x in data["variant_ids"]),
            free_variant_ids=frozenset(str(x) for x in data["free_variant_ids"]),
            customer_groups=frozenset(str(x) for x in data["customer_groups"]),
            coupon_code=None if code is None else str(code),
            starts_at=_time_from_record(data["starts_at"]),
            ends_at=_time_from_record(data["ends_at"]),
            minimum_order=_money_from_record(data["minimum_order"]),
        )
    except PromotionError:
        raise
    except KeyError as exc:
        raise PromotionError(f"A promotion record lacks {exc.args[0]!r}") from None
    except (TypeError, ValueError, InvalidOperation, AttributeError) as exc:
        raise PromotionError(f"A promotion record is malformed: {exc}") from None
