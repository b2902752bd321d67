"""The ports: what core needs from the outside world, as Protocols the adapters implement."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from kiosk.core.attract import AttractContent, AttractSlide
from kiosk.core.cart import CartItemRef
from kiosk.core.catalog import (
    CatalogPage,
    Category,
    Location,
    Product,
    Review,
    SearchHit,
    SearchRefinement,
    SearchResults,
    StockAvailability,
    Variant,
)
from kiosk.core.catalog_snapshot import CatalogSnapshot, SnapshotTrailer
from kiosk.core.customer import Customer, CustomerLookup, PastOrder
from kiosk.core.enrolment import EnrolmentRequest, EnrolmentResult
from kiosk.core.events import KioskEvent
from kiosk.core.fleet import FleetEntry, Heartbeat, HeartbeatAck
from kiosk.core.handoff import CartLink, HandoffCart
from kiosk.core.order import Order, OrderReceipt, OrderStatus, ShippingMethod
from kiosk.core.promotions import Promotion
from kiosk.core.returns import ReturnReceipt
from kiosk.core.scanning.recall import RecallList
from kiosk.core.search_facets import FacetValue
from kiosk.core.size_guide import SizeGuide


class Clock(Protocol):
    def now(self) -> datetime:
        """Aware UTC time."""
        ...

    def monotonic(self) -> float:
        """Seconds for measuring intervals; never goes backwards."""
        ...


class CommerceBackend(Protocol):
    """The online store: the source of truth for catalog, stock, customers and orders."""

    name: str

    def ping(self) -> None:
        """Reachability probe; raises BackendUnavailableError when the backend cannot be reached."""
        ...

    def catalog_changes(self, cursor: str | None, limit: int) -> CatalogPage:
        """Products changed or deleted since `cursor` (None: everything), oldest first, at most `limit`."""
        ...

    def reviews(self, product_id: str, limit: int) -> Sequence[Review]: ...

    def find_customer(self, by: CustomerLookup, value: str) -> Customer | None: ...

    def shipping_methods(self, country_code: str) -> Sequence[ShippingMethod]: ...

    def submit_order(self, order: Order) -> OrderReceipt:
        """Idempotent on order.client_order_id: a retry returns the first receipt, never a second order."""
        ...

    def find_order(self, client_order_id: str) -> OrderReceipt | None: ...

    def search(self, query: str, limit: int) -> Sequence[str]:
        """The backend's own search (product ids), used by `kiosk bench` for comparison."""
        ...

    # --- the omnichannel journey (issue 8) ----------------------------------------------------------------
    # Every method raises BackendUnavailableError when offline (the UI says what cannot be done right now)
    # and BackendRejectedError when the backend refuses; none of them is needed to take an order.

    def handoff_cart(self, cart_id: str) -> HandoffCart | None:
        """The cart behind a web-shop "continue in store" QR (or one a kiosk published); None if unknown."""
        ...

    def publish_cart(self, lines: Sequence[CartItemRef], customer_id: str | None) -> CartLink:
        """Parks this kiosk cart online; the link (https://<store host>/cart/handoff/<uuid>) opens it in the web
        shop and, scanned at a kiosk, loads it back (handoff_cart)."""
        ...

    def send_cart_link(self, customer_id: str, link: CartLink) -> None:
        """Sends the link to a recognised shopper (email / app notification) through the backend."""
        ...

    def save_customer_cart(self, customer_id: str, lines: Sequence[CartItemRef]) -> None:
        """A recognised shopper's cart left at the kiosk becomes their saved online cart (replacing it)."""
        ...

    def customer_orders(self, customer_id: str, limit: int) -> Sequence[PastOrder]:
        """The customer's orders, newest first, with lines and state (associate mode)."""
        ...

    def resend_order_confirmation(self, order_code: str) -> None:
        """Sends the order confirmation again to the order's customer; BackendRejectedError if no such order."""
        ...

    def start_return(self, order_code: str, lines: Sequence[tuple[str, int]], reason: str) -> ReturnReceipt:
        """Records a return of (variant_id, quantity) lines of an online order, started in store."""
        ...

    def submit_events(self, batch: Sequence[KioskEvent]) -> None:
        """Stores measurement events; idempotent on event_id, so a resent batch is not counted twice."""
        ...

    def recall_list(self) -> RecallList:
        """Lots and serial numbers withdrawn from sale (issue 20): the kiosk refuses them at the scanner and
        reports each refused scan as a `recall` event. Empty when the backend keeps no such list."""
        ...


@runtime_checkable
class CatalogSnapshotSource(Protocol):
    """A backend that can hand over its whole catalog in one pass (kiosk.core.catalog_snapshot), which a
    first import uses instead of pages when the backend offers it. Optional, so checked at run time: a
    backend without it (Vendure) is synced by pages."""

    def catalog_snapshot(self) -> CatalogSnapshot | None:
        """A snapshot being produced, or None when this backend cannot make one."""
        ...


@runtime_checkable
class SizeGuideSource(Protocol):
    """A backend that keeps size guides (issue 18): the product page offers one where the product has it.
    Optional, so checked at run time; asked online like reviews, so offline the page offers none."""

    def size_guide(self, product_id: str) -> SizeGuide | None:
        """The product's size guide, or None when it has none; BackendUnavailableError when offline."""
        ...


@runtime_checkable
class PromotionSource(Protocol):
    """A backend that publishes its promotions (issue 19), so the kiosk can show offers and price a cart
    offline. Optional, so checked at run time: a backend without it shows no offers."""

    def promotions(self) -> Sequence[Promotion]:
        """Every promotion the backend runs now or will run, coupon-code ones included."""
        ...


@runtime_checkable
class LoyaltyMembership(Protocol):
    """A backend that can enrol shoppers at the kiosk and keep their wishlist (issue 19). Optional, so checked
    at run time: without it the kiosk offers the web shop's sign-up link and shows the wishlist read-only.
    Both raise BackendUnavailableError offline and BackendRejectedError when refused; neither is ever queued
    on the kiosk, which keeps no personal data beyond the session."""

    def enrol(self, request: EnrolmentRequest) -> EnrolmentResult:
        """Creates the member with a new loyalty number and records the consent (version, words, time); an
        email or phone that already has an account gives ALREADY_MEMBER and nothing else."""
        ...

    def set_wishlisted(self, customer_id: str, product_id: str, wished: bool) -> tuple[str, ...]:
        """Adds (newest first) or removes a product on the customer's wishlist; returns the whole list after
        the change. Idempotent: adding twice or removing what is not there changes nothing."""
        ...


@runtime_checkable
class VariantProducts(Protocol):
    """A backend that says which product each variant belongs to, so the kiosk can put a promotion's badge on
    its products' cards without scanning its cache (variants travel inside their product's row). Optional:
    without it the cache finds them itself (kiosk.storage.catalog_store.save_promotions)."""

    def products_of(self, variant_ids: Sequence[str]) -> Mapping[str, str]:
        """The product id of each variant id the backend knows; unknown ids are left out."""
        ...


@runtime_checkable
class AttractSource(Protocol):
    """A backend that says what a store's attract loop shows (issue 18): its promotions, new arrivals and
    "scan me" hints. Optional, so checked at run time: without it the kiosk shows its built-in slides."""

    def attract_slides(self, store_id: str) -> Sequence[AttractSlide]:
        """The store's slides in the order to show them; empty when the store has none of its own.
        BackendUnavailableError offline (the kiosk then shows the slides it cached)."""
        ...


class AttractCache(Protocol):
    """The last slides a store was sent, kept on the kiosk's disk so the loop runs offline (no personal data)."""

    def load(self) -> AttractContent | None:
        """What was saved last, or None when nothing (readable) was."""
        ...

    def save(self, content: AttractContent) -> None: ...


@runtime_checkable
class ServerPluginCheck(Protocol):
    """A backend whose server side is a plugin of ours (Vendure's KioskPlugin): `kiosk doctor` asks it."""

    def check_plugin(self) -> str:
        """ "KioskPlugin 2.0.0 (journal kept 168 h)" when this kiosk knows the plugin's version; raises
        BackendRejectedError naming both versions when it does not (the kiosk then serves its cache)."""
        ...


class ImageSource(Protocol):
    def image_bytes(self, ref: str) -> bytes:
        """Encoded image (PNG/JPEG) for a reference from the catalog; raises KeyError if unknown."""
        ...


class CatalogStore(Protocol):
    """The local, rebuildable catalog cache the kiosk reads from, online or not."""

    def apply_page(self, page: CatalogPage, synced_at: datetime) -> None:
        """Writes the page and advances the cursor in one transaction, so a crash never skips a page."""
        ...

    def load_snapshot(self, snapshot: CatalogSnapshot, synced_at: datetime) -> SnapshotTrailer:
        """Fills an EMPTY cache from a snapshot, all or nothing, and leaves the cursor at the snapshot's;
        raises CatalogSnapshotError (the cache stays empty) when the snapshot cannot be used."""
        ...

    def cursor(self) -> str | None: ...

    def resync_pending(self) -> str | None:
        """The reason of a full re-feed (CatalogPage.resync_reason) the cache is still in, or None: the cache
        sweeps what the re-feed did not send once the feed ends, and a pass that resumes it is a refresh too."""
        ...

    def last_synced_at(self) -> datetime | None: ...

    def product(self, product_id: str) -> Product | None: ...

    def variant_by_gtin(self, gtin14: str) -> Variant | None: ...

    def search(self, query: str, lang: str, limit: int, offset: int) -> Sequence[SearchHit]: ...

    def search_refined(self, query: str, refinement: SearchRefinement, limit: int, offset: int) -> SearchResults:
        """A page of `query`'s matches sorted and filtered as asked, over its SEARCH_CANDIDATES most relevant
        matches, with how many there are in all."""
        ...

    def search_facets(self, query: str, refinement: SearchRefinement) -> Sequence[FacetValue]:
        """The filter values (size, colour, brand, price band) among the same candidates, each with how many
        results choosing it would leave (kiosk.core.search_facets.facet_values)."""
        ...

    def spelling_suggestion(self, query: str) -> str | None:
        """The query with one-letter typos corrected against the cache's words (kiosk.core.spelling), or None."""
        ...

    def categories(self) -> Sequence[Category]: ...

    def products_in_category(self, category_id: str, limit: int, offset: int) -> Sequence[SearchHit]: ...

    def popular(self, limit: int) -> Sequence[SearchHit]: ...

    def locations(self) -> Sequence[Location]: ...

    def availability(self, variant: Variant) -> StockAvailability: ...

    def product_count(self) -> int: ...

    def also_bought(self, product_id: str, limit: int) -> Sequence[SearchHit]:
        """Products often bought with this one (Product.related from the last sync), strongest first."""
        ...

    def recommended_for(self, product_ids: Sequence[str], exclude: Sequence[str], limit: int) -> Sequence[SearchHit]:
        """Co-purchase recommendations for several seed products (strongest seed first), ranked by
        kiosk.core.recommendations.rank; never a seed or an excluded product."""
        ...


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    order: Order
    status: OrderStatus
    attempts: int
    next_attempt_at: datetime
    last_error: str
    backend_code: str
    reject_reason: str = "other"  # a RejectionReason value: what the dead-letter screen says
    # what the backend made of it (total, points, short lines, notes), kept with a delivered order; None until
    # delivered, and for orders delivered before kiosk.db kept it
    receipt: OrderReceipt | None = None


class OrderOutbox(Protocol):
    """Durable order queue in kiosk.db: an order the shopper saw as saved is never lost."""

    def save(self, order: Order) -> None:
        """Order row and outbox row in ONE transaction; raises StorageError if not committed."""
        ...

    def save_all(self, orders: Sequence[Order]) -> None:
        """Several orders of one checkout (one per way of receiving), all rows in ONE transaction."""
        ...

    def due(self, now: datetime, limit: int) -> Sequence[OutboxEntry]: ...

    def get(self, client_order_id: str) -> OutboxEntry | None: ...

    def mark_delivered(self, receipt: OrderReceipt) -> None:
        """Records the backend code and strips the shopper's personal data from the local copy."""
        ...

    def mark_retry(self, client_order_id: str, error: str, next_attempt_at: datetime) -> None: ...

    def mark_rejected(self, client_order_id: str, error: str, reason: str = "other") -> None: ...

    def pending_count(self) -> int: ...

    def oldest_pending_at(self) -> datetime | None: ...

    def rejected(self) -> Sequence[OutboxEntry]:
        """The dead-letter list an associate sees, oldest first."""
        ...

    def retry_rejected(self, client_order_id: str) -> None:
        """Puts a rejected order back in the queue, due now, with its attempts reset (same idempotency key)."""
        ...

    def cancel_rejected(self, client_order_id: str) -> None:
        """Gives up on a rejected order: status cancelled, out of the queue, the shopper's data removed."""
        ...


class EventQueue(Protocol):
    """Durable queue of measurement events waiting to go to the backend (events.db); never holds PII."""

    def append(self, event: KioskEvent) -> None: ...

    def oldest(self, limit: int) -> Sequence[KioskEvent]:
        """The next batch to send, oldest first."""
        ...

    def remove(self, event_ids: Sequence[str]) -> None:
        """Drops events the backend has (or refused for good)."""
        ...

    def pending_count(self) -> int: ...


class DeviceState(enum.StrEnum):
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"


@dataclass(frozen=True, slots=True)
class ScanFrame:
    """One framed read from any scanning source, before interpretation."""

    data: bytes
    source: str  # "serial:/dev/ttyACM0", "wedge", "nfc", "demo"
    received_ns: int  # time.monotonic_ns() when the frame was complete


ScanHandler = Callable[[ScanFrame], None]
StatusHandler = Callable[[str, DeviceState], None]


class ScanSource(Protocol):
    """A scanner-like device; calls on_frame from its own thread, so receivers must hop threads."""

    def start(self, on_frame: ScanHandler, on_status: StatusHandler) -> None: ...

    def stop(self) -> None: ...


@runtime_checkable
class FleetBackend(Protocol):
    """Where heartbeats go and the fleet view comes from (the KioskPlugin's kioskHeartbeat / kioskFleet, or
    the demo store's own table). Separate from CommerceBackend: selling works without it."""

    def send_heartbeat(self, heartbeat: Heartbeat) -> HeartbeatAck:
        """Raises BackendUnavailableError (unreachable) or BackendRejectedError (refused, the reason said)."""
        ...

    def fleet(self) -> Sequence[FleetEntry]:
        """The latest heartbeat of every kiosk the backend has heard from."""
        ...

    def server_time(self) -> datetime:
        """The backend's clock now (for `kiosk doctor`'s clock-skew check)."""
        ...
