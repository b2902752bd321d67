"""Checkout: turns a cart and the shopper's choices into the Order(s) saved durably in the outbox.

A cart whose lines are received in different ways (one delivered, one picked up in another store) becomes one
order per way of receiving, each with its own client order id (its idempotency key) and code, all saved in ONE
outbox transaction: the shopper sees every part saved or none (docs/ux.md says why this design).
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from kiosk.core.cart import Cart, CartLine, LineFulfilment
from kiosk.core.customer import Address
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import (
    FulfilmentKind,
    Order,
    OrderContact,
    OrderLine,
    PaymentChoice,
    ShippingMethod,
)
from kiosk.core.ports import Clock, OrderOutbox
from kiosk.core.promotions import CouponCheck, PricedCart, normalise_code


class CheckoutError(ValueError):
    """The order cannot be placed as asked; `message` is shown to the shopper."""

    def __init__(self, code: str, message: LocalizedText) -> None:
        super().__init__(message.en)
        self.code = code
        self.message = message


EMPTY_CART = LocalizedText("Your cart is empty.", "Tu carrito está vacío.")
MISSING_ADDRESS = LocalizedText(
    "Please complete the delivery address: {fields}.", "Completa la dirección de entrega: {fields}."
)
ADDRESS_FIELDS = {  # Address.missing_fields() names, as the shopper reads them
    "full_name": LocalizedText("full name", "nombre completo"),
    "street": LocalizedText("street", "calle"),
    "city": LocalizedText("city", "ciudad"),
    "postal_code": LocalizedText("postal code", "código postal"),
}
MISSING_METHOD = LocalizedText("Please choose a delivery method.", "Elige un método de envío.")
MISSING_EMAIL = LocalizedText(
    "Please enter an email address so we can send your order confirmation.",
    "Introduce un correo electrónico para enviarte la confirmación del pedido.",
)
WITHDRAWN_ITEMS = LocalizedText(
    "Some items are no longer available: remove them from your cart to continue.",
    "Algunos artículos ya no están disponibles: quítalos del carrito para continuar.",
)
MISSING_PICKUP = LocalizedText("Please choose a store for pickup.", "Elige una tienda para recoger el pedido.")
MISSING_NAME = LocalizedText(
    "Please enter your first or last name so the store can hand your order to you.",
    "Escribe tu nombre o apellido para que la tienda pueda entregarte el pedido.",
)


class CheckoutStep(enum.IntEnum):
    """The checkout's steps in order; each is checked before the shopper can go past it."""

    ITEMS = 0
    RECEIVE = 1
    CONTACT = 2
    PAY = 3


@dataclass(frozen=True, slots=True)
class OrderPart:
    """The lines of one cart received the same way: one order."""

    fulfilment: LineFulfilment
    lines: tuple[CartLine, ...]


@dataclass(frozen=True, slots=True)
class CheckoutTotals:
    """What the shopper pays, the same block on the cart and every checkout step: items, delivery (the method's
    price once, when any part is delivered home; None when nothing is), points redeemed, and the total. A cart
    received in several ways is several orders, each priced by the store on its own: every figure here is the
    sum of the orders' own figures (price_checkout)."""

    subtotal: Money
    delivery: Money | None
    total: Money
    points_discount: Money | None = None
    savings: Money | None = None  # the promotions' and coupons' saving (kiosk.core.promotions), None when none


class OrderPricer(Protocol):
    """Prices one order as the store will when it places it: its promotions for this shopper now, and whether a
    coupon code applies to it (kiosk.core.services.offers.Offers; the demo store's placement asks the same two
    questions of the same core functions)."""

    def price(self, cart: Cart, codes: Iterable[str] = ()) -> PricedCart: ...

    def check(self, code: str, cart: Cart, used_codes: Iterable[str] = ()) -> CouponCheck: ...


def delivery_price(method: ShippingMethod, priced: PricedCart | None) -> Money:
    """What the shopper pays for `method` with the delivered order's offers: nothing under a free-shipping
    promotion, else its list price. The delivery method rows and the totals both ask this, so the two can never
    disagree."""
    if priced is not None and priced.free_shipping:
        return Money.zero(method.price.currency)
    return method.price


@dataclass(frozen=True, slots=True)
class PartPrice:
    """One order of the checkout priced as the store prices that order on its own: its lines only, the coupon
    codes it carries, delivery when it is the delivered one, and the points when it is the one redeeming them.
    `fulfilment` is None for lines with no way of receiving chosen yet (the cart before the checkout): they are
    priced together, as the one order they will be if the shopper chooses one way for all."""

    fulfilment: LineFulfilment | None
    lines: tuple[CartLine, ...]
    priced: PricedCart | None  # None: no promotions known (no pricer)
    codes: tuple[str, ...] = ()
    delivery: Money | None = None  # None when this order is not delivered home
    points: int = 0
    points_discount: Money | None = None

    @property
    def subtotal(self) -> Money:
        total = Money.zero(self.lines[0].unit_price.currency)
        for line in self.lines:
            total = total + line.total
        return total

    @property
    def saving(self) -> Money:
        return self.priced.total_saving if self.priced is not None else Money.zero(self.subtotal.currency)

    @property
    def items(self) -> Money:
        """The lines after this order's promotions and codes."""
        return self.priced.total if self.priced is not None and self.saving.amount > 0 else self.subtotal

    @property
    def before_points(self) -> Money:
        """What this order costs before points: the store judges a redemption against it (at most a share)."""
        return self.items + self.delivery if self.delivery is not None else self.items

    @property
    def total(self) -> Money:
        """What the store will charge for this order: never below zero."""
        total = self.before_points
        discount = self.points_discount
        if discount is not None and discount.amount > 0:
            total = total - discount if discount.amount < total.amount else Money.zero(total.currency)
        return total.rounded()

    @property
    def estimated(self) -> bool:
        """An offer, a code or points change this order's price: the kiosk's own figure, the store confirms it.
        (Free shipping "applies" to a pickup order too in the promotions' terms, but changes nothing there.)"""
        free_delivery = self.delivery is not None and self.priced is not None and self.priced.free_shipping
        points = self.points_discount is not None and self.points_discount.amount > 0
        return self.saving.amount > 0 or free_delivery or points


@dataclass(frozen=True, slots=True)
class CheckoutPricing:
    """The checkout priced order by order (`parts`, in order_parts' order, then any lines not assigned yet),
    the totals block (their sums), and which order takes the points redeemed."""

    parts: tuple[PartPrice, ...]
    totals: CheckoutTotals
    redeeming: int  # index in `parts` of the order carrying the points (and codes no order qualifies for)

    def saving_for(self, variant_id: str) -> Money:
        """One cart line's saving, as its own order's pricing gives it."""
        for part in self.parts:
            if part.priced is not None and any(line.variant_id == variant_id for line in part.lines):
                return part.priced.saving_for(variant_id)
        return Money.zero(self.totals.subtotal.currency)

    @property
    def delivered(self) -> PartPrice | None:
        """The order delivered home, if any (its offers decide what delivery costs)."""
        return next((p for p in self.parts if p.delivery is not None), None)

    @property
    def redeem_base(self) -> Money:
        """What a redemption is judged against: the order taking the points, before them."""
        if not self.parts:
            return self.totals.subtotal
        return self.parts[self.redeeming].before_points

    @property
    def earning(self) -> tuple[Money, ...]:
        """What each order earns points on, as the store credits them: its goods after offers and points
        (delivery never earns), one figure per order (each rounded down on its own, kiosk.core.loyalty)."""
        return tuple(p.total - p.delivery if p.delivery is not None else p.total for p in self.parts)

    def part(self, fulfilment: LineFulfilment) -> PartPrice | None:
        return next((p for p in self.parts if p.fulfilment == fulfilment), None)


def _codes_for(pricer: OrderPricer, cart: Cart, codes: Sequence[str]) -> tuple[str, ...]:
    """The codes that apply to this order on its own, as the store checks them when it places it."""
    return tuple(code for code in codes if pricer.check(code, cart).ok)


def price_checkout(
    cart: Cart,
    default: LineFulfilment | None,
    method: ShippingMethod | None,
    pricer: OrderPricer | None = None,
    codes: Sequence[str] = (),
    points: int = 0,
    points_discount: Money | None = None,
) -> CheckoutPricing:
    """The cart priced the way the store charges it: one order per way of receiving (order_parts), each with
    its own lines' promotions, the codes that apply to it (a code applies to EVERY order it qualifies for, as
    the demo store and Vendure apply the codes each order carries), free shipping judged on the delivered
    order alone, and the points on the order that can take the most (the largest before points: a redemption
    may cover at most a share of ONE order, kiosk.core.loyalty). Codes no order qualifies for ride on that
    same order, so the store says why they did not apply, as it does for a single order."""
    keys = tuple(dict.fromkeys(normalise_code(code) for code in codes if normalise_code(code)))
    groups: list[tuple[LineFulfilment | None, tuple[CartLine, ...]]] = [
        (part.fulfilment, part.lines) for part in order_parts(cart, default)
    ]
    placed = {id(line) for _, lines in groups for line in lines}
    unassigned = tuple(line for line in cart.lines if id(line) not in placed)
    if unassigned:
        groups.append((None, unassigned))
    priced_parts: list[PartPrice] = []
    for fulfilment, lines in groups:
        part_cart = Cart(cart.currency, lines)
        own = _codes_for(pricer, part_cart, keys) if pricer is not None else ()
        priced = pricer.price(part_cart, own) if pricer is not None else None
        home = fulfilment is not None and fulfilment.kind is FulfilmentKind.HOME_DELIVERY
        delivery = delivery_price(method, priced) if home and method is not None else None
        priced_parts.append(PartPrice(fulfilment, lines, priced, own, delivery))
    redeeming = max(range(len(priced_parts)), key=lambda i: (priced_parts[i].before_points, -i)) if groups else 0
    if priced_parts:
        taker = priced_parts[redeeming]
        unused = tuple(code for code in keys if not any(code in p.codes for p in priced_parts))
        priced_parts[redeeming] = replace(
            taker, codes=taker.codes + unused, points=points, points_discount=points_discount
        )
    currency = cart.currency
    delivery_total: Money | None = None
    saving = total = Money.zero(currency)
    for part in priced_parts:
        saving = saving + part.saving
        total = total + part.total
        if part.delivery is not None:
            delivery_total = part.delivery if delivery_total is None else delivery_total + part.delivery
    totals = CheckoutTotals(
        cart.subtotal, delivery_total, total, points_discount, saving if saving.amount > 0 else None
    )
    return CheckoutPricing(tuple(priced_parts), totals, redeeming)


def checkout_totals(
    cart: Cart,
    default: LineFulfilment | None,
    method: ShippingMethod | None,
    points_discount: Money | None = None,
    pricer: OrderPricer | None = None,
    codes: Sequence[str] = (),
) -> CheckoutTotals:
    """`points_discount`: what the loyalty points the shopper redeems take off (core.loyalty.redeem), or None;
    `pricer` and `codes`: the promotions and the session's coupon codes (kiosk.core.services.offers), or none.
    The sum of what each order of the checkout costs (price_checkout)."""
    return price_checkout(cart, default, method, pricer, codes, 0, points_discount).totals


def order_parts(cart: Cart, default: LineFulfilment | None) -> tuple[OrderPart, ...]:
    """The cart's lines grouped by how each is received (its own choice, else `default`), in the order the
    first line of each group appears; lines with neither are left out (the checkout asks for a choice)."""
    groups: dict[LineFulfilment, list[CartLine]] = {}
    for line in cart.lines:
        chosen = line.fulfilment or default
        if chosen is not None:
            groups.setdefault(chosen, []).append(line)
    return tuple(OrderPart(key, tuple(lines)) for key, lines in groups.items())


@dataclass(frozen=True, slots=True)
class CheckoutRequest:
    cart: Cart
    contact: OrderContact
    fulfilment: FulfilmentKind
    payment: PaymentChoice
    shipping_address: Address | None = None
    shipping_method: ShippingMethod | None = None
    pickup_location_id: str | None = None
    points_to_redeem: int = 0  # loyalty points the shopper chose to redeem (the backend applies them)
    points_discount: Money | None = None  # what those points take off, as the shopper was shown (loyalty.redeem)

    @property
    def default_fulfilment(self) -> LineFulfilment | None:
        """The whole order's way of receiving, for lines without their own; None when not complete."""
        if self.fulfilment.needs_pickup_location and not self.pickup_location_id:
            return None
        location = self.pickup_location_id if self.fulfilment.needs_pickup_location else None
        return LineFulfilment(self.fulfilment, location)

    def parts(self) -> tuple[OrderPart, ...]:
        return order_parts(self.cart, self.default_fulfilment)

    @property
    def delivers_home(self) -> bool:
        return any(part.fulfilment.kind is FulfilmentKind.HOME_DELIVERY for part in self.parts())

    @property
    def needs_default(self) -> bool:
        """Some line follows the whole order's way of receiving, so the order needs one."""
        return any(line.fulfilment is None for line in self.cart.lines)


def order_number(client_order_id: str) -> str:
    """A short code the shopper can read out at the counter, derived from the UUID so it is unique too."""
    digits = uuid.UUID(client_order_id).hex[:8].upper()
    return f"{digits[:4]}-{digits[4:]}"


class CheckoutService:
    def __init__(
        self,
        outbox: OrderOutbox,
        clock: Clock,
        store_id: str,
        device_id: str,
        new_id: Callable[[], str] = lambda: str(uuid.uuid4()),
        *,
        coupon_codes: Callable[[], Sequence[str]] = tuple,
        offers: OrderPricer | None = None,
    ) -> None:
        self._outbox = outbox
        # the session's coupon codes and the promotions for this shopper (kiosk.core.services.offers.Offers):
        # each order carries the codes that apply to it for the backend, and the kiosk's own figure for it
        # (Order.estimated_total) to compare the store's total with
        self._coupon_codes = coupon_codes
        self._offers = offers
        self._clock = clock
        self._store_id = store_id
        self._device_id = device_id
        self._new_id = new_id

    def validate(self, request: CheckoutRequest, upto: CheckoutStep = CheckoutStep.PAY) -> None:
        """Checks every step up to and including `upto`; the first problem raises, in the steps' order."""
        if request.cart.is_empty:
            raise CheckoutError("empty_cart", EMPTY_CART)
        if request.cart.has_withdrawn_lines:
            raise CheckoutError("withdrawn_items", WITHDRAWN_ITEMS)
        if upto >= CheckoutStep.RECEIVE:
            self._validate_receiving(request, with_name=upto >= CheckoutStep.CONTACT)
        if upto >= CheckoutStep.CONTACT:
            if "@" not in request.contact.email.strip():
                raise CheckoutError("missing_email", MISSING_EMAIL)
            if not (request.contact.first_name.strip() or request.contact.last_name.strip()):
                raise CheckoutError("missing_name", MISSING_NAME)

    def _validate_receiving(self, request: CheckoutRequest, *, with_name: bool) -> None:
        if request.needs_default and request.fulfilment.needs_pickup_location and not request.pickup_location_id:
            raise CheckoutError("missing_pickup", MISSING_PICKUP)
        if not request.delivers_home:
            return
        address = request.shipping_address
        missing = address.missing_fields() if address else ("full_name", "street", "city", "postal_code")
        if not with_name:  # the name comes with the contact details, one step later
            missing = tuple(m for m in missing if m != "full_name")
        if missing:
            en = ", ".join(ADDRESS_FIELDS[m].en if m in ADDRESS_FIELDS else m.replace("_", " ") for m in missing)
            es = ", ".join(ADDRESS_FIELDS[m].es if m in ADDRESS_FIELDS else m.replace("_", " ") for m in missing)
            raise CheckoutError(
                "missing_address",
                LocalizedText(MISSING_ADDRESS.en.format(fields=en), MISSING_ADDRESS.es.format(fields=es)),
            )
        if request.shipping_method is None:
            raise CheckoutError("missing_method", MISSING_METHOD)

    def place(self, request: CheckoutRequest, lang: str) -> Order:
        """One order for a cart received one way; a cart split across ways of receiving needs place_all."""
        orders = self.place_all(request, lang)
        if len(orders) != 1:
            raise ValueError(f"this checkout placed {len(orders)} orders: use place_all")
        return orders[0]

    def place_all(self, request: CheckoutRequest, lang: str) -> tuple[Order, ...]:
        """Every order of this checkout, one per way of receiving; returns only after all of them and their
        outbox rows are committed in one transaction (StorageError: none was saved)."""
        self.validate(request)
        parts = request.parts()
        now = self._clock.now()
        ids = [self._new_id() for _ in parts]
        checkout_id = ids[0] if len(parts) > 1 else ""
        # each order priced as the store will price it on its own (price_checkout): its own codes, and the
        # points on the one order that can take the most
        pricing = price_checkout(
            request.cart,
            request.default_fulfilment,
            request.shipping_method,
            self._offers,
            self._coupon_codes(),
            request.points_to_redeem,
            request.points_discount,
        )
        assert len(pricing.parts) == len(parts)  # validated: every line has a way of receiving
        orders = tuple(
            replace(
                self._order(request, part, client_order_id, now, lang, checkout_id, index + 1, len(parts)),
                points_to_redeem=price.points,
                coupon_codes=price.codes,
                estimated_total=price.total if price.estimated else None,
            )
            for index, (part, price, client_order_id) in enumerate(zip(parts, pricing.parts, ids, strict=True))
        )
        self._outbox.save_all(orders)
        return orders

    def _order(
        self,
        request: CheckoutRequest,
        part: OrderPart,
        client_order_id: str,
        now: datetime,
        lang: str,
        checkout_id: str,
        index: int,
        count: int,
    ) -> Order:
        home = part.fulfilment.kind is FulfilmentKind.HOME_DELIVERY
        order = Order(
            client_order_id=client_order_id,
            number=order_number(client_order_id),
            created_at=now,
            store_id=self._store_id,
            device_id=self._device_id,
            lines=tuple(
                OrderLine(
                    variant_id=line.variant_id,
                    sku=line.sku,
                    gtin=None,
                    name=line.name.get(lang) + (f" ({line.options_label})" if line.options_label else ""),
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                )
                for line in part.lines
            ),
            fulfilment=part.fulfilment.kind,
            payment=request.payment,
            contact=request.contact,
            shipping_address=request.shipping_address if home else None,
            shipping_method=request.shipping_method if home else None,
            pickup_location_id=part.fulfilment.location_id,
            currency=request.cart.currency,
        )
        return replace(order, checkout_id=checkout_id, part=index, parts=count) if count > 1 else order
