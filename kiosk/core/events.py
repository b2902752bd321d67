"""Kiosk events for measurement (scan, search, product view, add to cart, handoff, order): what happened,
where and when, and never who.

An event carries the store and device, a kind, a UTC time and a few string fields from a fixed list of
keys. The constructor refuses anything that looks like personal data (an email address, a phone number, a
loyalty number, or a key outside the list), so no code path can queue one; the one event that says who is the
audit record of an associate revealing a customer's data (PII_REVEAL): the associate's id and the customer's
backend id, never a name, contact or the value shown, since an audit that cannot say whose data was seen is
no audit. `EventRecorder` is the friendly
front that blanks a shopper's typed search when it looks personal instead of failing the search.
"""

from __future__ import annotations

import enum
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # ports imports this module for KioskEvent
    from kiosk.core.ports import Clock, EventQueue

MAX_VALUE_CHARS = 200

# Every key an event may carry; anything else is refused, so a new field is a reviewed decision.
ALLOWED_KEYS = frozenset(
    {
        "scan_kind",  # product / loyalty / cart_handoff / foreign_url / invalid ...: never the loyalty value
        "symbology",
        "source",  # serial / wedge / nfc / demo
        "gtin",  # products only
        "product_id",
        "variant_id",
        "category_id",
        "query",  # search text as typed, blanked when it looks personal
        "results",
        "quantity",
        "lang",
        "direction",  # handoff: "in" (web cart scanned) or "out" (continue on phone)
        "lines",
        "order_number",  # the kiosk's own order number, not the shopper's
        "fulfilment",
        "payment",
        "total_minor",
        "currency",
        "recognised",  # "yes"/"no": whether a shopper was recognised, not which
        "associate",  # "yes"/"no": the order was placed by an associate
        "client_order_id",  # the order's UUID (an order QR holder announcing their arrival): not the shopper
        "location_id",  # a store's stock location id
        "call_id",  # the ASSISTANCE event an associate answered
        "recall",  # the backend's reference of a recall a scanned item fell under
        "match",  # "lot" / "serial": which datum put the item on the recall list
        "lot",  # the recalled lot (AI 10): a production batch, never a person's
        "page",  # assistance: the page the shopper called an associate from
    }
)
# PII_REVEAL's keys, allowed on that kind only: every other event stays anonymous.
AUDIT_KEYS = frozenset(
    {
        "staff_id",  # the associate's sign-in name or badge id (staff, not a shopper)
        "customer_id",  # the backend's id of the customer, never their name or contact
        "field",  # which field was shown (kiosk.core.personal_data.PersonalField), not its value
        "reason",  # the reason code chosen from the list (REVEAL_REASONS)
    }
)

# Identifiers the kiosk itself made or the catalog holds: long digit runs are normal there.
_ID_KEYS = frozenset(
    {"product_id", "variant_id", "category_id", "order_number", "client_order_id", "location_id", "recall", "lot",
     "call_id", "staff_id", "customer_id"}
)
_NUMBER_KEYS = frozenset({"results", "quantity", "lines", "total_minor"})
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_DIGIT_RUN = re.compile(r"\+?\d[\d\s().-]{5,}\d")
_REDACTED = "[redacted]"


class PersonalDataError(ValueError):
    """An event was given something that could identify a shopper; events must never carry it."""


class EventKind(enum.StrEnum):
    SCAN = "scan"
    SEARCH = "search"
    PRODUCT_VIEW = "product_view"
    ADD_TO_CART = "add_to_cart"
    HANDOFF = "handoff"
    ORDER = "order"
    PICKUP_ARRIVAL = "pickup_arrival"  # a pickup order's QR scanned at its store: the shopper is here
    RECALL = "recall"  # a scanned item refused as recalled: the backend learns where its recalled stock turns up
    ASSISTANCE = "assistance"  # a shopper pressed "call an associate"
    ASSISTANCE_ANSWERED = "assistance_answered"  # an associate took the call (data: call_id)
    PII_REVEAL = "pii_reveal"  # an associate revealed a customer's field (staff_id, customer_id, field, reason)


def allowed_keys(kind: EventKind) -> frozenset[str]:
    """The keys an event of `kind` may carry."""
    return ALLOWED_KEYS | AUDIT_KEYS if kind is EventKind.PII_REVEAL else ALLOWED_KEYS


def looks_personal(key: str, value: str) -> bool:
    """True for an email address anywhere, or a phone- or card-like run of 7+ digits in free text.

    A "gtin" must be 8-14 digits outside GS1's company-internal range (GTIN-13 starting 04, i.e. UPC-A
    starting 4), which is where loyalty cards live; numeric fields must be plain numbers; catalog and
    order-number identifiers may hold digit runs.
    """
    if _EMAIL.search(value):
        return True
    if key == "gtin":
        if not value.isdigit() or not 8 <= len(value) <= 14:
            return True
        return value[-13:].zfill(13).startswith("04")
    if key in _NUMBER_KEYS:
        return not value.lstrip("-").isdigit() or len(value) > 12
    if key in _ID_KEYS:
        return False
    return any(sum(ch.isdigit() for ch in run) >= 7 for run in _DIGIT_RUN.findall(value))


@dataclass(frozen=True, slots=True)
class KioskEvent:
    event_id: str  # UUID; the backend keeps each id once, so a resent batch is not counted twice
    kind: EventKind
    at: datetime  # aware UTC
    store_id: str
    device_id: str
    data: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        uuid.UUID(self.event_id)  # raises ValueError on anything else
        if self.at.tzinfo is None:
            raise ValueError("Event time must be timezone-aware (UTC)")
        allowed = allowed_keys(self.kind)
        for key, value in self.data:
            if key not in allowed:
                raise PersonalDataError(f"Event field {key!r} is not allowed")
            if not isinstance(value, str) or len(value) > MAX_VALUE_CHARS:
                raise ValueError(f"Event field {key!r} must be text of at most {MAX_VALUE_CHARS} characters")
            if looks_personal(key, value):
                raise PersonalDataError(f"Event field {key!r} looks like personal data")

    def get(self, key: str) -> str | None:
        for k, v in self.data:
            if k == key:
                return v
        return None


class EventRecorder:
    """Builds events for this kiosk and queues them; a personal-looking value is blanked, never queued.

    `record` is cheap (one small SQLite insert); the UI may call it on a worker or, at the kiosk's event
    rate (a few per minute), on the GUI thread.
    """

    def __init__(
        self,
        queue: EventQueue,
        clock: Clock,
        store_id: str,
        device_id: str,
        new_id: Callable[[], str] = lambda: str(uuid.uuid4()),
    ) -> None:
        self._queue = queue
        self._clock = clock
        self._store_id = store_id
        self._device_id = device_id
        self._new_id = new_id

    def make(self, kind: EventKind, data: Mapping[str, object] | None = None) -> KioskEvent:
        fields: list[tuple[str, str]] = []
        allowed = allowed_keys(kind)
        for key, raw in (data or {}).items():
            if key not in allowed:
                raise PersonalDataError(f"Event field {key!r} is not allowed")
            value = str(raw)[:MAX_VALUE_CHARS]
            if looks_personal(key, value):
                value = _REDACTED
            fields.append((key, value))
        return KioskEvent(self._new_id(), kind, self._clock.now(), self._store_id, self._device_id, tuple(fields))

    def record(self, kind: EventKind, data: Mapping[str, object] | None = None) -> KioskEvent:
        event = self.make(kind, data)
        self._queue.append(event)
        return event
