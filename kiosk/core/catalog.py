"""Catalog values as the kiosk sees them, independent of any backend's schema."""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.search_facets import FacetFilters


class LocationKind(enum.StrEnum):
    HERE = "here"  # the store this kiosk stands in
    STORE = "store"  # another store (pickup elsewhere)
    WAREHOUSE = "warehouse"  # ships to home


@dataclass(frozen=True, slots=True)
class OpeningHours:
    """One opening interval on one weekday, in the store's local time; a split day has two."""

    weekday: int  # 0 = Monday ... 6 = Sunday, as datetime.weekday()
    opens: time
    closes: time

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {self.weekday}")
        if self.closes <= self.opens:
            raise ValueError(f"a store must close after it opens, got {self.opens:%H:%M}-{self.closes:%H:%M}")


@dataclass(frozen=True, slots=True)
class Location:
    id: str
    name: str
    kind: LocationKind
    city: str = ""
    address: str = ""
    opening_hours: tuple[OpeningHours, ...] = ()


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
    # the price before a markdown ("was €39.99, now €29.99"); shown only when above `price`, same currency
    compare_at: Money | None = None

    @property
    def was_price(self) -> Money | None:
        """The compare-at price when it is a real reduction, else None (a backend may leave an old, lower
        or foreign-currency figure in the field)."""
        was = self.compare_at
        if was is None or was.currency != self.price.currency or not self.price < was:
            return None
        return was

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
    # Product ids often bought together with this one, strongest first (co-purchases); feeds
    # recommendations from the local cache, so they work offline.
    related: tuple[str, ...] = ()

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
    # set on the first page of a full re-import the backend started because the kiosk's cursor could not
    # be continued (journal pruned past it, another database, a gap): why, for the "refreshing catalog" state
    resync_reason: str = ""


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


class SearchSort(enum.StrEnum):
    RELEVANCE = "relevance"  # the cache's ranking: codes, then titles, then brands
    PRICE_LOW = "price_low"
    PRICE_HIGH = "price_high"
    NEW = "new"  # most recently changed in the catalog first


# Sorting and filtering read this many matches at most, in relevance order, and order those: the FTS5 index
# ranks by key and cannot sort 1M SKUs by price per keystroke (docs/architecture.md). A query with more
# matches than this says "1000+ results" and sorts its 1000 most relevant.
SEARCH_CANDIDATES = 1000


@dataclass(frozen=True, slots=True)
class SearchRefinement:
    """How the shopper narrowed a search: a sort, the "in this store" filter and the facet filters (size,
    colour, brand, price band: kiosk.core.search_facets)."""

    sort: SearchSort = SearchSort.RELEVANCE
    in_store_only: bool = False
    filters: FacetFilters = field(default_factory=FacetFilters)


@dataclass(frozen=True, slots=True)
class SearchResults:
    """One page of a refined search and how many matched in all (`capped`: at least `total`)."""

    hits: tuple[SearchHit, ...]
    total: int
    capped: bool


# ---- opening hours ------------------------------------------------------------------------------------

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAYS_ES = ("lun.", "mar.", "mié.", "jue.", "vie.", "sáb.", "dom.")
_DAY_SPEC = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:\s*[-–]\s*(Mon|Tue|Wed|Thu|Fri|Sat|Sun))?$")
_SPAN = re.compile(r"^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$")


class OpeningHoursError(ValueError):
    """Opening-hours text that does not follow the "Mon–Sat 10:00–22:00, Sun 11:00–21:00" shape."""


def parse_opening_hours(text: str) -> tuple[OpeningHours, ...]:
    """Reads the compact form stores publish and backends keep in one text field.

    Groups are separated by commas; each is a day or a day range followed by one or more time spans:
    "Mon–Sat 10:00–22:00, Sun 11:00–21:00" or "Mon-Fri 10:00-14:00 17:00-20:30". Either dash works. Empty
    text means the hours are unknown (an empty tuple). Days not named are closed.

    >>> parse_opening_hours("Sun 11:00–21:00")
    (OpeningHours(weekday=6, opens=datetime.time(11, 0), closes=datetime.time(21, 0)),)
    """
    hours: list[OpeningHours] = []
    for group in (g.strip() for g in text.split(",")):
        if not group:
            continue
        parts = group.split()
        # the day part may be "Mon–Sat" or "Mon - Sat": collect tokens until the first time span
        first_time = next((i for i, p in enumerate(parts) if p[:1].isdigit()), len(parts))
        days = _DAY_SPEC.match(" ".join(parts[:first_time]))
        spans_text = " ".join(parts[first_time:])
        if days is None or not spans_text:
            raise OpeningHoursError(f"Cannot read opening hours {group!r}; expected e.g. 'Mon–Sat 10:00–22:00'")
        start = WEEKDAYS.index(days.group(1))
        end = WEEKDAYS.index(days.group(2)) if days.group(2) else start
        if end < start:
            raise OpeningHoursError(f"Cannot read opening hours {group!r}; day ranges run Monday to Sunday")
        spans = re.split(r"\s+(?=\d{1,2}:\d{2}\s*[-–])", spans_text)
        for span in spans:
            match = _SPAN.match(span.strip())
            if match is None:
                raise OpeningHoursError(f"Cannot read opening hours {group!r}; expected times like 10:00–22:00")
            h1, m1, h2, m2 = (int(x) for x in match.groups())
            try:
                opens, closes = time(h1, m1), time(h2, m2) if (h2, m2) != (24, 0) else time(23, 59)
                for weekday in range(start, end + 1):
                    hours.append(OpeningHours(weekday, opens, closes))
            except ValueError as exc:
                raise OpeningHoursError(f"Cannot read opening hours {group!r}: {exc}") from None
    return tuple(sorted(hours, key=lambda h: (h.weekday, h.opens)))


def format_opening_hours(hours: Sequence[OpeningHours]) -> str:
    """The inverse of parse_opening_hours: consecutive days with the same spans share one group."""
    by_day: dict[int, tuple[tuple[time, time], ...]] = {}
    for h in sorted(hours, key=lambda h: (h.weekday, h.opens)):
        by_day[h.weekday] = (*by_day.get(h.weekday, ()), (h.opens, h.closes))
    groups: list[str] = []
    day = 0
    while day < 7:
        spans = by_day.get(day)
        if spans is None:
            day += 1
            continue
        last = day
        while last + 1 < 7 and by_day.get(last + 1) == spans:
            last += 1
        days = WEEKDAYS[day] if last == day else f"{WEEKDAYS[day]}–{WEEKDAYS[last]}"
        times = " ".join(f"{a:%H:%M}–{b:%H:%M}" for a, b in spans)
        groups.append(f"{days} {times}")
        day = last + 1
    return ", ".join(groups)


@dataclass(frozen=True, slots=True)
class OpeningStatus:
    """Whether a store is open at a moment, and when that changes."""

    open_now: bool
    closes_at: time | None  # when open_now
    next_open_in_days: int | None  # when closed: 0 today, 1 tomorrow...; None if it never opens / unknown
    next_opens_at: time | None
    next_open_weekday: int | None


def opening_status(hours: Sequence[OpeningHours], local_now: datetime) -> OpeningStatus:
    """Open now / opens at, for the store's wall-clock time `local_now` (on a kiosk in that store,
    `clock.now().astimezone()`); an aware time is read as the wall time it carries."""
    weekday, now = local_now.weekday(), local_now.time().replace(tzinfo=None)
    for h in hours:
        if h.weekday == weekday and h.opens <= now < h.closes:
            return OpeningStatus(True, h.closes, None, None, None)
    for offset in range(8):
        day = (weekday + offset) % 7
        candidates = sorted(h.opens for h in hours if h.weekday == day and (offset > 0 or h.opens > now))
        if candidates:
            return OpeningStatus(False, None, offset, candidates[0], day)
    return OpeningStatus(False, None, None, None, None)


def opening_label(hours: Sequence[OpeningHours], local_now: datetime) -> LocalizedText:
    """Shopper-facing "Open now · closes 22:00" / "Opens tomorrow at 10:00", in English and Spanish."""
    if not hours:
        return LocalizedText("Opening hours not available", "Horario no disponible")
    status = opening_status(hours, local_now)
    if status.open_now and status.closes_at is not None:
        at = f"{status.closes_at:%H:%M}"
        return LocalizedText(f"Open now · closes {at}", f"Abierto ahora · cierra a las {at}")
    if status.next_opens_at is None or status.next_open_in_days is None or status.next_open_weekday is None:
        return LocalizedText("Closed", "Cerrado")
    at = f"{status.next_opens_at:%H:%M}"
    if status.next_open_in_days == 0:
        return LocalizedText(f"Opens today at {at}", f"Abre hoy a las {at}")
    if status.next_open_in_days == 1:
        return LocalizedText(f"Opens tomorrow at {at}", f"Abre mañana a las {at}")
    day = status.next_open_weekday
    return LocalizedText(f"Opens {WEEKDAYS[day]} at {at}", f"Abre el {_WEEKDAYS_ES[day]} a las {at}")


def next_opening(hours: Sequence[OpeningHours], local_now: datetime) -> datetime | None:
    """The next moment the store is open (now, if it is open); None when the hours are unknown."""
    status = opening_status(hours, local_now)
    if status.open_now:
        return local_now
    if status.next_opens_at is None or status.next_open_in_days is None:
        return None
    day = local_now.date() + timedelta(days=status.next_open_in_days)
    return datetime.combine(day, status.next_opens_at, tzinfo=local_now.tzinfo)
