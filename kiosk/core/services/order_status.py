"""Answers the scan of an order QR at any kiosk: where the order is, and "I'm here" for a pickup at this store.

The backend is asked first (any kiosk can answer for any order); an order still in this kiosk's outbox is
"saved, not sent yet" and one the backend refused is "not accepted"; offline the last answer seen in this
kiosk's life is shown with its time, never a guess. The caller records the arrival as a kiosk event (see
`arrival_event`) in the durable event queue, so it reaches the backend even if the network drops right after
the scan.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from kiosk.core.catalog import Location, LocationKind
from kiosk.core.errors import BackendError, BackendUnavailableError
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import Order, OrderStatus
from kiosk.core.order_outcome import FINAL_AMOUNT, outcome_lines
from kiosk.core.order_tracking import (
    ArrivalAnswer,
    ArrivalBoard,
    OrderCode,
    OrderTracker,
    OrderTracking,
    PickupArrival,
    TrackingState,
    arrival_answer,
)
from kiosk.core.ports import Clock, CommerceBackend, OrderOutbox
from kiosk.core.services.offers import PRICE_CONFIRMED_LATER

LAST_KNOWN_LIMIT = 200  # answers kept in memory for offline scans; orders a kiosk sees in a day, roughly


@dataclass(frozen=True, slots=True)
class StatusAnswer:
    tracking: OrderTracking | None  # None: neither the backend nor this kiosk knows the order
    live: bool  # the backend answered just now (else: this kiosk's own knowledge, as of tracking.as_of)
    arrival: ArrivalAnswer = ArrivalAnswer.NOT_PICKUP
    here_location_id: str | None = None
    # this kiosk's own order: what it told the shopper the order costs, when the backend's total (the final
    # amount, tracking.total) differs from it; and whether the price still waits for the order to be sent
    estimated_total: Money | None = None
    price_pending: bool = False
    # this kiosk's own order, delivered: what the backend placed differently (its notes, and that the store
    # follows up on lines short of stock), from the receipt kept in kiosk.db (kiosk.core.order_outcome)
    outcome: tuple[LocalizedText, ...] = ()

    @property
    def final_differs(self) -> bool:
        return self.estimated_total is not None and self.tracking is not None and self.tracking.total is not None

    def price_message(self, lang: str) -> str:
        """ "Final amount: €45.00 (the kiosk estimated €40.00)." or "Price confirmed when the order is sent." or ""."""
        if self.final_differs and self.tracking is not None and self.tracking.total is not None:
            assert self.estimated_total is not None
            text = FINAL_AMOUNT.get(lang)
            return text.format(final=self.tracking.total.format(lang), estimate=self.estimated_total.format(lang))
        return PRICE_CONFIRMED_LATER.get(lang) if self.price_pending else ""

    def outcome_message(self, lang: str) -> str:
        """The backend's notes on the order, one a line, then the follow-up for short lines; "" if none."""
        return "\n".join(line.get(lang) for line in self.outcome)


_LOCAL_STATES = frozenset({TrackingState.NOT_SENT, TrackingState.NOT_ACCEPTED})


class OrderStatusLookup:
    def __init__(
        self,
        backend: CommerceBackend,
        outbox: OrderOutbox,
        clock: Clock,
        locations: Callable[[], Sequence[Location]],
    ) -> None:
        self._backend = backend
        self._outbox = outbox
        self._clock = clock
        self._locations = locations  # the cache's locations: which one is this store, and the stores' names
        self._lock = threading.Lock()
        self._last_known: OrderedDict[str, OrderTracking] = OrderedDict()

    def look_up(self, code: OrderCode) -> StatusAnswer:
        """Blocking (a backend call): run it on a worker. Never raises for a backend failure."""
        tracking, live = self._from_backend(code.client_order_id), True
        if tracking is None:
            live = False
            tracking = self._local(code.client_order_id)
        if tracking is None:
            return StatusAnswer(None, live=False)
        locations = self._locations()
        if tracking.pickup_location_id and not tracking.pickup_location_name:
            names = {loc.id: loc.name for loc in locations}
            tracking = replace(tracking, pickup_location_name=names.get(tracking.pickup_location_id, ""))
        here = _here(locations)
        answer = arrival_answer(tracking, here) if here else ArrivalAnswer.NOT_PICKUP
        estimate, pending = self._price(code.client_order_id, tracking)
        return StatusAnswer(tracking, live=live, arrival=answer, here_location_id=here, estimated_total=estimate,
                            price_pending=pending, outcome=self._outcome(code.client_order_id))  # fmt: skip

    def _outcome(self, client_order_id: str) -> tuple[LocalizedText, ...]:
        """For an order this kiosk delivered: the receipt's notes and short lines kept in kiosk.db. An order
        still in the outbox has none yet: its detail says stock is confirmed when it is sent."""
        entry = self._outbox.get(client_order_id)
        if entry is None or entry.status is not OrderStatus.DELIVERED:
            return ()
        return outcome_lines(entry.receipt)

    def _price(self, client_order_id: str, tracking: OrderTracking) -> tuple[Money | None, bool]:
        """For an order this kiosk took: the estimate it showed when the backend's total differs, and whether
        an offer's price still waits for the order to be sent (the backend decides it then)."""
        entry = self._outbox.get(client_order_id)
        if entry is None:
            return None, False
        order = entry.order
        if tracking.state in _LOCAL_STATES:
            offers = order.estimated_total is not None or bool(order.coupon_codes)
            return None, offers and tracking.state is TrackingState.NOT_SENT
        shown = order.shown_total
        differs = tracking.total is not None and tracking.total.rounded() != shown.rounded()
        return (shown if differs else None), False

    @staticmethod
    def arrival_event(code: OrderCode, answer: StatusAnswer) -> dict[str, str] | None:
        """The PICKUP_ARRIVAL event's fields when this scan means "I'm here" at this store, else None."""
        if answer.arrival not in (ArrivalAnswer.BRINGING, ArrivalAnswer.NOT_READY) or not answer.here_location_id:
            return None
        return {
            "order_number": code.number, "client_order_id": code.client_order_id,
            "location_id": answer.here_location_id,
        }  # fmt: skip

    def arrivals(self) -> Sequence[PickupArrival]:
        """The associates' list: shoppers waiting here, oldest first; empty if the backend cannot say."""
        board = self._backend if isinstance(self._backend, ArrivalBoard) else None
        here = _here(self._locations())
        if board is None or here is None:
            return ()
        return tuple(sorted(board.pickup_arrivals(here), key=lambda a: a.arrived_at))

    def _tracker(self) -> OrderTracker | None:
        """The backend, if it can track orders (a backend built on first use forwards the question)."""
        return self._backend if isinstance(self._backend, OrderTracker) else None

    def _from_backend(self, client_order_id: str) -> OrderTracking | None:
        tracker = self._tracker()
        if tracker is None:
            return None
        try:
            tracking = tracker.order_tracking(client_order_id)
        except BackendUnavailableError:
            return None
        except BackendError:
            return None  # it answered, but not with an order: what this kiosk knows is the best answer
        if tracking is not None:
            with self._lock:
                self._last_known[client_order_id] = tracking
                self._last_known.move_to_end(client_order_id)
                while len(self._last_known) > LAST_KNOWN_LIMIT:
                    self._last_known.popitem(last=False)
        return tracking

    def _local(self, client_order_id: str) -> OrderTracking | None:
        entry = self._outbox.get(client_order_id)
        if entry is not None and entry.status in (OrderStatus.SAVED, OrderStatus.REJECTED):
            state = TrackingState.NOT_SENT if entry.status is OrderStatus.SAVED else TrackingState.NOT_ACCEPTED
            return tracking_of(entry.order, state, self._clock)
        with self._lock:
            return self._last_known.get(client_order_id)


def _here(locations: Sequence[Location]) -> str | None:
    return next((loc.id for loc in locations if loc.kind is LocationKind.HERE), None)


def tracking_of(order: Order, state: TrackingState, clock: Clock) -> OrderTracking:
    return OrderTracking(
        number=order.number,
        state=state,
        as_of=clock.now(),
        fulfilment=order.fulfilment,
        pickup_location_id=order.pickup_location_id,
        total=order.shown_total,  # with the offers the kiosk computed, as the shopper was told
        item_count=sum(line.quantity for line in order.lines),
        payment=order.payment,
    )
