"""Checkout: turns a cart and the shopper's choices into an Order saved durably in the outbox."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from kiosk.core.cart import Cart
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


@dataclass(frozen=True, slots=True)
class CheckoutRequest:
    cart: Cart
    contact: OrderContact
    fulfilment: FulfilmentKind
    payment: PaymentChoice
    shipping_address: Address | None = None
    shipping_method: ShippingMethod | None = None
    pickup_location_id: str | None = None


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

    def validate(self, request: CheckoutRequest) -> None:
        if request.cart.is_empty:
            raise CheckoutError("empty_cart", EMPTY_CART)
        if request.cart.has_withdrawn_lines:
            raise CheckoutError("withdrawn_items", WITHDRAWN_ITEMS)
        if "@" not in request.contact.email.strip():
            raise CheckoutError("missing_email", MISSING_EMAIL)
        if request.fulfilment is FulfilmentKind.HOME_DELIVERY:
            address = request.shipping_address
            missing = address.missing_fields() if address else ("full_name", "street", "city", "postal_code")
            if missing:
                fields = ", ".join(m.replace("_", " ") for m in missing)
                raise CheckoutError(
                    "missing_address",
                    LocalizedText(MISSING_ADDRESS.en.format(fields=fields), MISSING_ADDRESS.es.format(fields=fields)),
                )
            if request.shipping_method is None:
                raise CheckoutError("missing_method", MISSING_METHOD)
        elif not request.pickup_location_id:
            raise CheckoutError("missing_pickup", MISSING_PICKUP)

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
        """Returns only after the order and its outbox row are committed; StorageError means not saved."""
        self.validate(request)
        client_order_id = self._new_id()
        cart = request.cart
        order = Order(
            client_order_id=client_order_id,
            number=order_number(client_order_id),
            created_at=self._clock.now(),
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
                for line in cart.lines
            ),
            fulfilment=request.fulfilment,
            payment=request.payment,
            contact=request.contact,
            shipping_address=request.shipping_address if request.fulfilment is FulfilmentKind.HOME_DELIVERY else None,
            shipping_method=request.shipping_method,
            pickup_location_id=request.pickup_location_id,
            currency=cart.currency,
            coupon_codes=tuple(dict.fromkeys(self._coupon_codes())),
        )
        order = replace(order, estimated_total=self._estimate(order, cart))
        self._outbox.save(order)
        return order
