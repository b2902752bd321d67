"""The offers in force at this kiosk: the backend's promotions as last cached, what a product shows for them, the
coupon codes a shopper applied in this session, and a cart priced with both.

One object for the whole kiosk (`Offers`) holds the promotions: the refresher replaces them on the writer after
each catalog pass, screens read them on the GUI thread, so the promotions and their index by product are
swapped together as one immutable value. The session's codes (`SessionCoupons`) live on the GUI thread and are
cleared with the session. Pure: time, the shopper's groups and which product a variant belongs to are given.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from kiosk.core.cart import Cart, CartLine
from kiosk.core.errors import BackendError
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.ports import Clock, PromotionSource, VariantProducts
from kiosk.core.promotions import (
    CouponCheck,
    CouponProblem,
    PricedCart,
    Promotion,
    apply_promotions,
    check_coupon,
    normalise_code,
    offer_badge,
)

_log = logging.getLogger(__name__)

COUPON_APPLIED = LocalizedText("Code {code} applied: {name}.", "Código {code} aplicado: {name}.")
COUPON_KEPT = LocalizedText(
    "Code {code} saved: {name} applies when your cart qualifies.",
    "Código {code} guardado: {name} se aplica cuando tu carrito cumpla las condiciones.",
)
COUPON_ALREADY_APPLIED = LocalizedText("The code {code} is already applied.", "El código {code} ya está aplicado.")
COUPON_REMOVED = LocalizedText("Code {code} removed.", "Código {code} quitado.")
# an order's price the kiosk computed itself, offers included, while the backend could not be asked
PRICE_CONFIRMED_LATER = LocalizedText(
    "Price confirmed when the order is sent.", "El precio se confirma cuando se envíe el pedido."
)


@dataclass(frozen=True, slots=True)
class OfferIndex:
    """The promotions and, per product, the product-level ones on its variants (what a card shows)."""

    promotions: tuple[Promotion, ...] = ()
    by_product: Mapping[str, tuple[Promotion, ...]] = field(default_factory=dict)


def index_promotions(promotions: Sequence[Promotion], product_of: Mapping[str, str]) -> OfferIndex:
    """`product_of` maps the variant ids the promotions name to their products (those not in the catalog are
    left out: no card shows them). Coupon-only and order-wide promotions are no product's offer."""
    by_product: dict[str, list[Promotion]] = {}
    for promotion in promotions:
        if promotion.coupon_code is not None or not promotion.variant_ids:
            continue
        products = {product_of[v] for v in promotion.variant_ids | promotion.free_variant_ids if v in product_of}
        for product_id in sorted(products):
            by_product.setdefault(product_id, []).append(promotion)
    return OfferIndex(tuple(promotions), {k: tuple(v) for k, v in by_product.items()})


@dataclass(frozen=True, slots=True)
class VariantOffer:
    """What a product page shows for one variant: the badge, and the unit price after the offer when one
    unit already earns it (a "3 for 2" changes no unit price: the badge says it)."""

    badge: LocalizedText | None
    price: Money
    was: Money | None = None  # the price before the offer, struck through; None when no unit saving


class Offers:
    """The promotions in force at this kiosk, as last fetched from the backend or read from the cache."""

    def __init__(
        self, clock: Clock, groups: Callable[[], frozenset[str]] = frozenset, zone: tzinfo | None = None
    ) -> None:
        self._clock = clock
        # the kiosk's zone with its rules (the composition root reads it); None: today's offset of the machine,
        # which names a date across a change of the clocks one day early or late
        self._zone = zone
        # The customer groups of the shopper using the kiosk now (Customer.groups), read at each use: the
        # session's shopper record is the one place they live, so they go when the session wipes it.
        self._groups = groups
        self._index = OfferIndex()
        self.version = 0  # counts changes, so the screens know when to re-read (read on the GUI thread)

    def follow_shopper(self, groups: Callable[[], frozenset[str]]) -> None:
        """Where the current shopper's groups are read from (the composition root: the session's shopper
        record; no shopper, no groups), so group promotions apply to the group's members only."""
        self._groups = groups

    @property
    def promotions(self) -> tuple[Promotion, ...]:
        return self._index.promotions

    def replace(self, promotions: Sequence[Promotion], product_of: Mapping[str, str]) -> bool:
        """Puts these promotions in force; True when that changed what is in force."""
        index = index_promotions(promotions, product_of)
        if index == self._index:
            return False
        self._index = index
        self.version += 1
        return True

    def _local_now(self) -> datetime:
        return self._clock.now().astimezone(self._zone)

    def _showable(self, promotions: Iterable[Promotion], now: datetime) -> list[Promotion]:
        groups = self._groups()
        return [p for p in promotions if p.active_at(now) and p.open_to(groups)]

    def product_badge(self, product_id: str) -> LocalizedText | None:
        """The first offer on any of the product's variants, for its card ("−20% until Sunday")."""
        now = self._local_now()
        showable = self._showable(self._index.by_product.get(product_id, ()), now)
        return offer_badge(showable[0], now) if showable else None

    def variant_offer(self, product_id: str, variant_id: str, unit_price: Money) -> VariantOffer:
        """The badge and price of one unit of a variant on the product page."""
        now = self._local_now()
        named = self._index.by_product.get(product_id, ())
        mine = [p for p in named if variant_id in p.variant_ids | p.free_variant_ids]
        showable = self._showable(mine, now)
        if not showable:
            return VariantOffer(None, unit_price)
        line = CartLine(variant_id, product_id, "", LocalizedText("", ""), "", unit_price, 1)
        one = Cart(unit_price.currency, (line,))
        saving = apply_promotions(one, showable, now, self._groups()).saving_for(variant_id)
        if saving.amount <= 0:
            return VariantOffer(offer_badge(showable[0], now), unit_price)
        return VariantOffer(offer_badge(showable[0], now), (unit_price - saving).rounded(), unit_price)

    def price(self, cart: Cart, codes: Iterable[str] = (), *, confirmed: bool = False) -> PricedCart:
        """The cart with every promotion that applies now and the codes entered (the kiosk's estimate unless
        `confirmed`: the backend's own figure)."""
        return apply_promotions(cart, self.promotions, self._clock.now(), self._groups(), codes, confirmed)

    def coupon_promotion(self, code: str) -> Promotion | None:
        key = normalise_code(code)
        return next((p for p in self.promotions if p.coupon_code and normalise_code(p.coupon_code) == key), None)

    def open_to_shopper(self, promotion: Promotion) -> bool:
        return promotion.open_to(self._groups())

    def check(self, code: str, cart: Cart, used_codes: Iterable[str] = ()) -> CouponCheck:
        return check_coupon(code, self.promotions, cart, self._local_now(), self._groups(), used_codes)


ProductFinder = Callable[[Sequence[str]], Mapping[str, str]]


def refresh_promotions(
    backend: object, save: Callable[[Sequence[Promotion], ProductFinder | None], Mapping[str, str]], offers: Offers
) -> bool:
    """Fetches the backend's promotions, caches them (`save` returns which product each named variant is, asking
    the backend when it can say: VariantProducts) and puts them in force. A backend without promotions,
    unreachable or refusing, leaves the cached ones in force (False): a network fault never withdraws an offer
    the shopper was shown."""
    if not isinstance(backend, PromotionSource):
        return False
    try:
        promotions = tuple(backend.promotions())
    except BackendError as exc:
        _log.info("promotions unavailable, keeping %d cached: %s", len(offers.promotions), exc)
        return False
    finder = _asking(backend) if isinstance(backend, VariantProducts) else None
    offers.replace(promotions, save(promotions, finder))
    return True


def _asking(backend: VariantProducts) -> ProductFinder:
    def find(variant_ids: Sequence[str]) -> Mapping[str, str]:
        try:
            return backend.products_of(variant_ids)
        except BackendError as exc:  # looked for again once the catalog moves; the offers still apply in the cart
            _log.info("which products %d promoted variants belong to is not known yet: %s", len(variant_ids), exc)
            return {}

    return find


@dataclass(frozen=True, slots=True)
class CouponOutcome:
    """What applying a code did: `accepted` means it is in the session's codes now; `message` says so or names
    the exact problem (kiosk.core.promotions.COUPON_MESSAGES)."""

    code: str
    accepted: bool
    message: LocalizedText
    problem: CouponProblem | None = None


def _say(text: LocalizedText, **values: str) -> LocalizedText:
    return LocalizedText(text.en.format(**values), text.es.format(**values))


class SessionCoupons:
    """The coupon codes the shopper applied in this session, in the order applied; cleared with the session."""

    def __init__(self, offers: Offers) -> None:
        self._offers = offers
        self._codes: list[str] = []

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self._codes)

    def apply(self, code: str, cart: Cart, *, scanned: bool = False) -> CouponOutcome:
        """A typed code must apply to the cart as it is. A scanned poster's code is kept for the session when
        only the cart stops it (a shopper scans the poster at the door, before choosing anything): it then
        applies as soon as the cart qualifies; any other problem refuses it, word for word."""
        key = normalise_code(code)
        if key and key in self._codes:
            return CouponOutcome(key, True, _say(COUPON_ALREADY_APPLIED, code=key))
        checked = self._offers.check(key, cart)
        if checked.ok and checked.promotion is not None:
            self._codes.append(checked.code)
            return CouponOutcome(checked.code, True, _named(COUPON_APPLIED, checked.code, checked.promotion))
        promotion = self._offers.coupon_promotion(key)
        cart_stops_it = promotion is not None and self._offers.open_to_shopper(promotion)
        if scanned and checked.problem is CouponProblem.NOT_APPLICABLE and promotion is not None and cart_stops_it:
            self._codes.append(checked.code)
            return CouponOutcome(checked.code, True, _named(COUPON_KEPT, checked.code, promotion))
        assert checked.message is not None
        return CouponOutcome(checked.code, False, checked.message, checked.problem)

    def remove(self, code: str) -> LocalizedText | None:
        key = normalise_code(code)
        if key not in self._codes:
            return None
        self._codes.remove(key)
        return _say(COUPON_REMOVED, code=key)

    def clear(self) -> None:
        self._codes.clear()


def _named(text: LocalizedText, code: str, promotion: Promotion) -> LocalizedText:
    return LocalizedText(
        text.en.format(code=code, name=promotion.name.en), text.es.format(code=code, name=promotion.name.es)
    )
