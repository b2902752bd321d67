"""Catalog values as the kiosk sees them, independent of any backend's schema."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money


class LocationKind(enum.StrEnum):
    HERE = "here"  # the store this kiosk stands in
    STORE = "store"  # another store (pickup elsewhere)
    WAREHOUSE = "warehouse"  # ships to home


@dataclass(frozen=True, slots=True)
class Location:
    id: str
    name: str
    kind: LocationKind
    city: str = ""
    address: str = ""
    opening_hours: str = ""


@dataclass(frozen=True, slots=True)
class StockLevel:
    location_id: str
    quantity: int


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    name: LocalizedText
    parent_id: str | None = None
    position: int = 0


@dataclass(frozen=True, slots=True)
class Variant:
    """A sellable item: one size/colour of a product, with its own GTIN and price."""

    id: str
    product_id: str
    sku: str
    gtin: str | None  # 14 digits, normalised; None when the backend has no barcode
    price: Money
    # (("colour", LocalizedText("Red", "Rojo")), ("size", LocalizedText.same("M"))); keys are
    # option codes the UI labels, values are shopper-facing text
    options: tuple[tuple[str, LocalizedText], ...] = ()
    image: str | None = None  # image reference the ImageSource port resolves
    # stock per location as the backend last reported it
    stock: tuple[StockLevel, ...] = ()

    def option(self, name: str) -> LocalizedText | None:
        for key, value in self.options:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Product:
    id: str
    name: LocalizedText
    brand: str
    description: LocalizedText
    category_id: str | None
    variants: tuple[Variant, ...]
    rating: float | None = None  # average of reviews, 0..5; a display figure, not money
    review_count: int = 0
    popularity: int = 0  # higher sorts first among equal matches
    image: str | None = None
    updated_at: datetime | None = None

    @property
    def from_price(self) -> Money | None:
        prices = [v.price for v in self.variants]
        return min(prices) if prices else None


@dataclass(frozen=True, slots=True)
class Review:
    author: str
    rating: int
    title: str
    body: str
    lang: str = "en"


@dataclass(frozen=True, slots=True)
class CatalogPage:
    """One page of catalog changes from a backend, ordered so the cursor can resume after a crash."""

    products: tuple[Product, ...]
    deleted_product_ids: tuple[str, ...]
    next_cursor: str
    has_more: bool
    categories: tuple[Category, ...] = ()
    locations: tuple[Location, ...] = ()


@dataclass(frozen=True, slots=True)
class StockAvailability:
    """Stock of one variant across the estate, with the time the figures were true."""

    here: int
    other_stores: tuple[tuple[Location, int], ...]
    warehouse: int
    as_of: datetime | None

    @property
    def elsewhere(self) -> int:
        return sum(q for _, q in self.other_stores) + self.warehouse


@dataclass(frozen=True, slots=True)
class SearchHit:
    product_id: str
    name: LocalizedText
    brand: str
    price: Money | None
    image: str | None
    rating: float | None
    in_stock_here: bool
    extra: dict[str, str] = field(default_factory=dict)
