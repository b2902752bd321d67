"""Where an order is, as a shopper holding its QR may see it: the state and what to do, nothing personal.

Any kiosk can answer the scan of an order QR (the confirmation screen's or the slip's): the backend says where
the order is; an order still in this kiosk's outbox is "saved, not sent yet"; offline, the last answer seen is
shown with its time. For a pickup order at this store the scan also means "I'm here": an arrival event goes to
the backend and associates see the shopper waiting (oldest first).
"""

from __future__ import annotations

import enum
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind, Order, PaymentChoice

ORDER_QR_PREFIX = "KIOSK-ORDER:"
_ORDER_QR = re.compile(r"KIOSK-ORDER:([0-9A-F]{4}-[0-9A-F]{4}):([0-9a-fA-F-]{36})")


class TrackingState(enum.StrEnum):
    NOT_SENT = "not_sent"  # still in this kiosk's outbox (offline since it was placed)
    RECEIVED = "received"  # the backend has it, awaiting payment
    PAID = "paid"
    PREPARING = "preparing"
    SHIPPED = "shipped"
    READY_FOR_PICKUP = "ready_for_pickup"
    COLLECTED = "collected"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"
    NOT_ACCEPTED = "not_accepted"  # the backend refused it (e.g. stock ran out): an associate will help


class PaymentState(enum.StrEnum):
    """A pay-on-phone order's payment, as the payment provider reported it to the backend."""

    PENDING = "pending"  # no payment yet (or paid at the counter later)
    AUTHORIZED = "authorized"
    SETTLED = "settled"
    DECLINED = "declined"
    EXPIRED = "expired"  # the payment session timed out


PAYMENT_MESSAGES: dict[PaymentState, LocalizedText] = {
    PaymentState.PENDING: LocalizedText(
        "Waiting for your payment on the phone…", "Esperando tu pago en el móvil…"
    ),
    PaymentState.AUTHORIZED: LocalizedText("Payment authorised, confirming…", "Pago autorizado, confirmando…"),
    PaymentState.SETTLED: LocalizedText("Paid. Thank you!", "Pagado. ¡Gracias!"),
    PaymentState.DECLINED: LocalizedText(
        "The payment was declined. Try another card on your phone, or pay at the counter with this number.",
        "El pago ha sido rechazado. Prueba otra tarjeta en el móvil o paga en caja con este número.",
    ),
    PaymentState.EXPIRED: LocalizedText(
        "The payment was not completed in time. Scan the code to try again, or pay at the counter with this number.",
        "El pago no se completó a tiempo. Escanea el código para volver a intentarlo o paga en caja con este número.",
    ),
}

HEADLINES: dict[TrackingState, LocalizedText] = {
    TrackingState.NOT_SENT: LocalizedText("Saved, not sent yet", "Guardado, aún sin enviar"),
    TrackingState.RECEIVED: LocalizedText("Received, waiting for payment", "Recibido, pendiente de pago"),
    TrackingState.PAID: LocalizedText("Paid", "Pagado"),
    TrackingState.PREPARING: LocalizedText("Being prepared", "En preparación"),
    TrackingState.SHIPPED: LocalizedText("Shipped", "Enviado"),
    TrackingState.READY_FOR_PICKUP: LocalizedText("Ready for pickup", "Listo para recoger"),
    TrackingState.COLLECTED: LocalizedText("Collected", "Recogido"),
    TrackingState.DELIVERED: LocalizedText("Delivered", "Entregado"),
    TrackingState.CANCELLED: LocalizedText("Cancelled", "Cancelado"),
    TrackingState.REFUNDED: LocalizedText("Refunded", "Reembolsado"),
    TrackingState.NOT_ACCEPTED: LocalizedText("Not accepted", "No aceptado"),
}

_NOT_SENT = LocalizedText(
    "This kiosk will send it as soon as the online store can be reached; stock is confirmed then.",
    "Este quiosco lo enviará en cuanto pueda conectar con la tienda online; el stock se confirma entonces.",
)
_NOT_ACCEPTED = LocalizedText(
    "The online store could not accept this order. Please ask a store associate.",
    "La tienda online no pudo aceptar este pedido. Pide ayuda al personal de la tienda.",
)
_AT = LocalizedText("At {store}", "En {store}")
_CARRIER = LocalizedText("{carrier}, tracking {code}", "{carrier}, seguimiento {code}")
_ON_ITS_WAY = LocalizedText(
    "We are bringing your order. Please wait here.", "Te traemos tu pedido. Espera aquí, por favor."
)
_NOT_READY_HERE = LocalizedText(
    "Your order is not ready yet: we will tell you when it is.", "Tu pedido aún no está listo: te avisaremos."
)
_ELSEWHERE = LocalizedText("This order is collected at {store}.", "Este pedido se recoge en {store}.")


@dataclass(frozen=True, slots=True)
class OrderCode:
    """What an order QR carries: the kiosk's short number and the order's client id (its idempotency key)."""

    number: str
    client_order_id: str

    @property
    def qr_payload(self) -> str:
        return f"{ORDER_QR_PREFIX}{self.number}:{self.client_order_id}"


def order_code(order: Order) -> OrderCode:
    return OrderCode(order.number, order.client_order_id)


def parse_order_code(text: str) -> OrderCode | None:
    """The order QR's payload, or None if the text is not one (a malformed one is not an order code)."""
    match = _ORDER_QR.fullmatch(text)
    if match is None:
        return None
    try:
        client_order_id = str(uuid.UUID(match.group(2)))
    except ValueError:
        return None
    return OrderCode(match.group(1), client_order_id)


@dataclass(frozen=True, slots=True)
class OrderTracking:
    """An order's state for the QR holder: no name, no address, no contact; the number, items and total."""

    number: str
    state: TrackingState
    as_of: datetime
    fulfilment: FulfilmentKind | None = None
    pickup_location_id: str | None = None
    pickup_location_name: str = ""
    carrier: str = ""
    tracking_code: str = ""
    total: Money | None = None
    item_count: int = 0
    payment: PaymentChoice | None = None
    backend_code: str = ""
    payment_state: PaymentState = PaymentState.PENDING

    @property
    def is_pickup(self) -> bool:
        return self.fulfilment in (FulfilmentKind.PICKUP_STORE, FulfilmentKind.RESERVE_HERE)

    def headline(self, lang: str) -> str:
        return HEADLINES[self.state].get(lang)

    def detail(self, lang: str) -> str:
        if self.state is TrackingState.NOT_SENT:
            return _NOT_SENT.get(lang)
        if self.state is TrackingState.NOT_ACCEPTED:
            return _NOT_ACCEPTED.get(lang)
        if self.state is TrackingState.SHIPPED and self.carrier:
            return _CARRIER.get(lang).format(carrier=self.carrier, code=self.tracking_code or "-")
        if self.is_pickup and self.pickup_location_name:
            return _AT.get(lang).format(store=self.pickup_location_name)
        return ""


class ArrivalAnswer(enum.StrEnum):
    BRINGING = "bringing"  # ready here: an associate brings it
    NOT_READY = "not_ready"  # for this store, but not ready yet
    ELSEWHERE = "elsewhere"  # collected at another store
    NOT_PICKUP = "not_pickup"


def arrival_answer(tracking: OrderTracking, here_location_id: str) -> ArrivalAnswer:
    """What "I'm here" means for this order at this store."""
    if not tracking.is_pickup or tracking.state in (
        TrackingState.COLLECTED, TrackingState.CANCELLED, TrackingState.REFUNDED, TrackingState.NOT_ACCEPTED,
    ):  # fmt: skip
        return ArrivalAnswer.NOT_PICKUP
    if tracking.pickup_location_id != here_location_id:
        return ArrivalAnswer.ELSEWHERE
    if tracking.state is TrackingState.READY_FOR_PICKUP:
        return ArrivalAnswer.BRINGING
    return ArrivalAnswer.NOT_READY


def arrival_message(answer: ArrivalAnswer, tracking: OrderTracking, lang: str) -> str:
    if answer is ArrivalAnswer.BRINGING:
        return _ON_ITS_WAY.get(lang)
    if answer is ArrivalAnswer.NOT_READY:
        return _NOT_READY_HERE.get(lang)
    if answer is ArrivalAnswer.ELSEWHERE:
        return _ELSEWHERE.get(lang).format(store=tracking.pickup_location_name or tracking.pickup_location_id)
    return ""


@dataclass(frozen=True, slots=True)
class PickupArrival:
    """A shopper waiting at this store for a pickup order, for the associates' list."""

    order_number: str
    client_order_id: str
    arrived_at: datetime
    state: TrackingState
    item_count: int = 0


@runtime_checkable
class OrderTracker(Protocol):
    """A backend that can say where an order is and keep the pickup arrivals (CommerceBackend's companion)."""

    def order_tracking(self, client_order_id: str) -> OrderTracking | None:
        """None: the backend has no such order (yet)."""
        ...


@runtime_checkable
class ArrivalBoard(Protocol):
    """A backend that keeps the kiosks' pickup-arrival events and lists who is waiting at a store."""

    def pickup_arrivals(self, location_id: str) -> Sequence[PickupArrival]:
        """Arrivals at this location whose order is not collected yet, oldest first."""
        ...
