"""Shared fakes, named for what they fake; used for speed in unit tests, never as the only proof."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from kiosk.core.cart import CartItemRef
from kiosk.core.catalog import (
    CatalogPage,
    Category,
    Location,
    LocationKind,
    Product,
    Review,
    StockLevel,
    Variant,
)
from kiosk.core.customer import Customer, CustomerLookup, PastOrder, PastOrderLine
from kiosk.core.errors import BackendRejectedError, BackendUnavailableError
from kiosk.core.events import KioskEvent
from kiosk.core.handoff import CartLink, HandoffCart, handoff_url
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import Order, OrderReceipt, ShippingMethod
from kiosk.core.order_tracking import OrderTracking
from kiosk.core.returns import ReturnReceipt, check_return
from kiosk.core.scanning.recall import RecallList


class FakeClock:
    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
        self._mono = 1000.0

    def now(self) -> datetime:
        return self._now

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)
        self._mono += seconds


@contextmanager
def utc_time_zone() -> Iterator[None]:
    """The process's local time zone set to UTC for a block (what `datetime.astimezone()` uses), then restored:
    for words that name a local weekday or hour, whatever the machine's own zone."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        yield
    finally:
        if old is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old
        time.tzset()


LOCATIONS = (
    Location("here", "Madrid Gran Vía", LocationKind.HERE, "Madrid"),
    Location("bcn", "Barcelona Diagonal", LocationKind.STORE, "Barcelona"),
    Location("wh", "Central warehouse", LocationKind.WAREHOUSE, "Getafe"),
)


def make_product(
    index: int,
    *,
    name: str = "",
    popularity: int = 0,
    here: int = 3,
    price: str = "19.99",
    related: tuple[str, ...] = (),
) -> Product:
    pid = f"p{index}"
    gtin = f"{index:013d}"
    return Product(
        id=pid,
        name=LocalizedText(name or f"Trail shoe {index}", f"Zapatilla {index}"),
        brand="Norda",
        description=LocalizedText("Light trail shoe.", "Zapatilla ligera."),
        category_id="shoes",
        variants=(
            Variant(
                id=f"{pid}-v1",
                product_id=pid,
                sku=f"SKU-{index}",
                gtin=gtin.zfill(14),
                price=Money(Decimal(price), "EUR"),
                options=(("colour", LocalizedText("Red", "Rojo")), ("size", LocalizedText.same("42"))),
                image=f"demo:{pid}:red",
                stock=(StockLevel("here", here), StockLevel("bcn", 5), StockLevel("wh", 20)),
            ),
        ),
        rating=4.5,
        review_count=12,
        popularity=popularity,
        related=related,
    )


@dataclass
class FakeBackend:
    """A CommerceBackend in memory; `offline` makes every call fail like a dead network."""

    products: list[Product] = field(default_factory=list)
    name: str = "fake"
    offline: bool = False
    orders: dict[str, Order] = field(default_factory=dict)
    submit_calls: int = 0
    customers: list[Customer] = field(default_factory=list)
    app_tokens: dict[str, str] = field(default_factory=dict)  # token (or "nfc-uid:HEX") -> customer id
    handoff_carts: dict[str, HandoffCart] = field(default_factory=dict)
    sent_links: list[tuple[str, CartLink]] = field(default_factory=list)
    resent_confirmations: list[str] = field(default_factory=list)
    past_orders: dict[str, list[PastOrder]] = field(default_factory=dict)  # customer id -> newest first
    returns: list[ReturnReceipt] = field(default_factory=list)
    events: dict[str, KioskEvent] = field(default_factory=dict)
    event_batches: int = 0
    store_host: str = "shop.example.com"
    recalls: RecallList = field(default_factory=RecallList)

    def ping(self) -> None:
        if self.offline:
            raise BackendUnavailableError("offline")

    def catalog_changes(self, cursor: str | None, limit: int) -> CatalogPage:
        start = int(cursor or 0)
        chunk = self.products[start : start + limit]
        end = start + len(chunk)
        return CatalogPage(
            products=tuple(chunk),
            deleted_product_ids=(),
            next_cursor=str(end),
            has_more=end < len(self.products),
            categories=(Category("shoes", LocalizedText("Shoes", "Calzado")),) if start == 0 else (),
            locations=LOCATIONS if start == 0 else (),
        )

    def reviews(self, product_id: str, limit: int) -> Sequence[Review]:
        return []

    def find_customer(self, by: CustomerLookup, value: str) -> Customer | None:
        self.ping()
        value = value.strip()
        for customer in self.customers:
            if (
                (by is CustomerLookup.LOYALTY_NUMBER and customer.loyalty_number == value)
                or (by is CustomerLookup.APP_TOKEN and self.app_tokens.get(value) == customer.id)
                or (by is CustomerLookup.EMAIL and customer.email.lower() == value.lower())
                or (
                    by is CustomerLookup.PHONE
                    and len(_digits(value)) >= 7
                    and _digits(customer.phone).endswith(_digits(value))
                )
            ):
                return customer
        return None

    def shipping_methods(self, country_code: str) -> Sequence[ShippingMethod]:
        return [ShippingMethod("1", "standard", LocalizedText("Standard", "Estándar"), Money.of("4.95", "EUR"), 3, 5)]

    def submit_order(self, order: Order) -> OrderReceipt:
        self.submit_calls += 1
        self.ping()
        self.orders.setdefault(order.client_order_id, order)
        code = f"B{list(self.orders).index(order.client_order_id) + 1:05d}"
        return OrderReceipt(order.client_order_id, code, "ArrangingPayment")

    def find_order(self, client_order_id: str) -> OrderReceipt | None:
        return None

    def search(self, query: str, limit: int) -> Sequence[str]:
        return [p.id for p in self.products if query.lower() in p.name.en.lower()][:limit]

    # --- omnichannel --------------------------------------------------------------------------------------
    def handoff_cart(self, cart_id: str) -> HandoffCart | None:
        self.ping()
        return self.handoff_carts.get(cart_id.lower())

    def publish_cart(self, lines: Sequence[CartItemRef], customer_id: str | None) -> CartLink:
        self.ping()
        cart_id = str(uuid.uuid4())
        self.handoff_carts[cart_id] = HandoffCart(cart_id, tuple(lines), customer_id)
        return CartLink(cart_id, handoff_url(self.store_host, cart_id))

    def send_cart_link(self, customer_id: str, link: CartLink) -> None:
        self.ping()
        self._customer(customer_id)
        self.sent_links.append((customer_id, link))

    def save_customer_cart(self, customer_id: str, lines: Sequence[CartItemRef]) -> None:
        self.ping()
        customer = self._customer(customer_id)
        self.customers[self.customers.index(customer)] = replace(customer, saved_cart=tuple(lines))

    def customer_orders(self, customer_id: str, limit: int) -> Sequence[PastOrder]:
        self.ping()
        customer = self._customer(customer_id)
        return (self.past_orders.get(customer_id) or list(customer.history))[:limit]

    def resend_order_confirmation(self, order_code: str) -> None:
        self.ping()
        self._past_order(order_code)
        self.resent_confirmations.append(order_code)

    def start_return(self, order_code: str, lines: Sequence[tuple[str, int]], reason: str) -> ReturnReceipt:
        self.ping()
        order = self._past_order(order_code)
        bought: dict[str, int] = {}
        for line in order.lines:
            bought[line.variant_id] = bought.get(line.variant_id, 0) + line.quantity
        check_return(lines, bought, reason)
        receipt = ReturnReceipt(f"R{len(self.returns) + 1:04d}", order_code, tuple(lines), reason)
        self.returns.append(receipt)
        return receipt

    def recall_list(self) -> RecallList:
        self.ping()
        return self.recalls

    def submit_events(self, batch: Sequence[KioskEvent]) -> None:
        self.ping()
        self.event_batches += 1
        for event in batch:
            self.events.setdefault(event.event_id, event)

    def _customer(self, customer_id: str) -> Customer:
        for customer in self.customers:
            if customer.id == customer_id:
                return customer
        raise BackendRejectedError(f"no customer {customer_id}")

    def _past_order(self, order_code: str) -> PastOrder:
        for orders in [*self.past_orders.values(), *(list(c.history) for c in self.customers)]:
            for order in orders:
                if order.code == order_code:
                    return order
        raise BackendRejectedError(f"no order {order_code}")


def make_customer(n: int = 1, *, history: bool = True) -> Customer:
    """A recognisable shopper with one past order of make_product(1) and make_product(2)."""
    eur = "EUR"
    past = PastOrder(
        code=f"WEB-{n:04d}",
        placed_on=datetime(2026, 10, 1, tzinfo=UTC).date(),
        total=Money.of("39.98", eur),
        item_names=("Trail shoe 1", "Trail shoe 2"),
        lines=(
            PastOrderLine("p1-v1", "SKU-1", "Trail shoe 1", 1, Money.of("19.99", eur), "p1"),
            PastOrderLine("p2-v1", "SKU-2", "Trail shoe 2", 1, Money.of("19.99", eur), "p2"),
        ),
        status="Delivered",
    )
    return Customer(
        id=f"c{n}",
        first_name="Lucía",
        last_name="García",
        email=f"lucia{n}@example.com",
        loyalty_number=f"4000000000{n:02d}",
        points=8200,
        tier="Gold",
        phone="+34 600 123 456",
        history=(past,) if history else (),
        wishlist=("p3",),
    )


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


class FakeImages:
    """ImageSource that renders nothing; views show their placeholder colour."""

    def image_bytes(self, ref: str) -> bytes:
        raise KeyError(ref)


class FixedOrderTracker:
    """A backend's order tracking that knows one order's tracking (any id), or is offline (None)."""

    def __init__(self, tracking: OrderTracking | None) -> None:
        self.tracking = tracking

    def order_tracking(self, client_order_id: str) -> OrderTracking | None:
        if self.tracking is None:
            raise BackendUnavailableError("offline")
        return self.tracking

    def pickup_arrivals(self, location_id: str) -> list[object]:
        return []
