"""Shared fakes, named for what they fake; used for speed in unit tests, never as the only proof."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

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
from kiosk.core.customer import Customer, CustomerLookup
from kiosk.core.errors import BackendUnavailableError
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import Order, OrderReceipt, ShippingMethod


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


LOCATIONS = (
    Location("here", "Madrid Gran Vía", LocationKind.HERE, "Madrid"),
    Location("bcn", "Barcelona Diagonal", LocationKind.STORE, "Barcelona"),
    Location("wh", "Central warehouse", LocationKind.WAREHOUSE, "Getafe"),
)


def make_product(index: int, *, name: str = "", popularity: int = 0, here: int = 3, price: str = "19.99") -> Product:
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
    )


@dataclass
class FakeBackend:
    """A CommerceBackend in memory; `offline` makes every call fail like a dead network."""

    products: list[Product] = field(default_factory=list)
    name: str = "fake"
    offline: bool = False
    orders: dict[str, Order] = field(default_factory=dict)
    submit_calls: int = 0

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


class FakeImages:
    """ImageSource that renders nothing; views show their placeholder colour."""

    def image_bytes(self, ref: str) -> bytes:
        raise KeyError(ref)
