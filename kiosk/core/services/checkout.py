"""Checkout: turns a cart and the shopper's choices into the Order(s) saved durably in the outbox.

A cart whose lines are received in different ways (one delivered, one picked up in another store) becomes one
order per way of receiving, each with its own client order id (its idempotency key) and code, all saved in ONE
outbox transaction: the shopper sees every part saved or none (docs/ux.md says why this design).
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

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
from kiosk.core.promotions import PricedCart


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
    price once, when any part is delivered home; None when nothing is), points redeemed, and the total."""

    subtotal: Money
    delivery: Money | None
    total: Money
    points_discount: Money | None = None
    savings: Money | None = None  # the promotions' and coupons' saving (kiosk.core.promotions), None when none


def delivery_price(method: ShippingMethod, priced: PricedCart | None) -> Money:
    """What the shopper pays for `method` with the cart's offers: nothing under a free-shipping promotion, else
    its list price. The delivery method rows and the totals both ask this, so the two can never disagree."""
    if priced is not None and priced.free_shipping:
        return Money.zero(method.price.currency)
    return method.price


def checkout_totals(
    cart: Cart,
    default: LineFulfilment | None,
    method: ShippingMethod | None,
    points_discount: Money | None = None,
    priced: PricedCart | None = None,
) -> CheckoutTotals:
    """`points_discount`: what the loyalty points the shopper redeems take off (core.loyalty.redeem), or None;
    `priced`: the cart with its promotions and coupons (kiosk.core.services.offers), or None."""
    home = any(part.fulfilment.kind is FulfilmentKind.HOME_DELIVERY for part in order_parts(cart, default))
    delivery = delivery_price(method, priced) if home and method is not None else None
    subtotal = cart.subtotal
    saving = priced.total_saving if priced is not None and priced.total_saving.amount > 0 else None
    items = priced.total if saving is not None and priced is not None else subtotal
    total = items + delivery if delivery is not None else items
    if points_discount is not None and points_discount.amount > 0:
        total = total - points_discount if points_discount.amount < total.amount else Money.zero(cart.currency)
    return CheckoutTotals(subtotal, delivery, total, points_discount, saving)


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


def _subtotal(part: OrderPart) -> Money:
    total = Money.zero(part.lines[0].unit_price.currency)
    for line in part.lines:
        total = total + line.total
    return total


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
        pricing: Callable[[Cart], PricedCart] | None = None,
    ) -> None:
        self._outbox = outbox
        # the session's coupon codes and the cart priced with the promotions (kiosk.core.services.offers): the
        # order carries the codes for the backend, and the kiosk's own figure to compare its total with
        self._coupon_codes = coupon_codes
        self._pricing = pricing
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

    def _part_estimates(self, orders: tuple[Order, ...], cart: Cart, redeeming: int) -> tuple[Order, ...]:
        """Each part's share of what the kiosk showed for the whole cart: its lines after their own savings,
        the order-level savings on the part that carries the codes, free shipping where the cart earned it."""
        if self._pricing is None:
            return orders
        priced = self._pricing(cart)
        if not priced.applied:
            return orders
        estimated: list[Order] = []
        for index, order in enumerate(orders):
            total = Money.zero(order.currency)
            for line in order.lines:
                total = total + line.total - priced.saving_for(line.variant_id)
            if index == redeeming:
                for saving in priced.order_savings:
                    total = total - saving.amount
            if not priced.free_shipping:
                total = total + order.shipping
            floor = Money.zero(order.currency)
            estimated.append(replace(order, estimated_total=(total if total.amount > 0 else floor).rounded()))
        return tuple(estimated)

    def _estimate(self, order: Order, cart: Cart) -> Money | None:
        """The total the kiosk showed with its offers (free shipping included), or None when no offer applied:
        the order's own total is then the estimate."""
        if self._pricing is None:
            return None
        priced = self._pricing(cart)
        if not priced.applied:
            return None
        shipping = Money.zero(order.currency) if priced.free_shipping else order.shipping
        return (priced.total + shipping).rounded()

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
        coupons = tuple(dict.fromkeys(self._coupon_codes()))
        # points redeemed and the session's coupons go with the largest part (the one most able to take the
        # discount; the backend applies them once); the first on a tie
        redeeming = max(range(len(parts)), key=lambda i: (_subtotal(parts[i]), -i)) if parts else 0
        orders = tuple(
            replace(
                self._order(request, part, client_order_id, now, lang, checkout_id, index + 1, len(parts)),
                points_to_redeem=request.points_to_redeem if index == redeeming else 0,
                coupon_codes=coupons if index == redeeming else (),
            )
            for index, (part, client_order_id) in enumerate(zip(parts, ids, strict=True))
        )
        if len(orders) == 1:
            orders = (replace(orders[0], estimated_total=self._estimate(orders[0], request.cart)),)
        else:
            orders = self._part_estimates(orders, request.cart, redeeming)
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
