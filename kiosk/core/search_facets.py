"""Search filters from facets (issue 18): size, colour, brand and price band, counted and applied to a search's
candidates.

Pure: the cache reads a search's candidates (at most SEARCH_CANDIDATES, in relevance order) as `FacetItem`s and
this module decides which pass a refinement and how many each filter value would leave. Counts are
"disjunctive", as shop filters usually are: values of one facet are alternatives (size M or L), facets narrow
each other (size M and colour red), so a value's count is what the shopper gets by adding it to the filters of
the OTHER facets. Size and colour are judged per variant (a product passes "M, red" only when one variant is
both), brand, price and "in this store" per product, as the cards show them.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money, minor_digits


class FacetGroup(enum.StrEnum):
    SIZE = "size"
    COLOUR = "colour"
    BRAND = "brand"
    PRICE = "price"


# option codes that mean a size or a colour (the demo store says "colour"; Vendure's importer names groups
# after the product, "<slug>-size", which kiosk.backends.vendure.mapping.option_key shortens to "size")
COLOUR_OPTIONS = frozenset({"colour", "color"})
_SIZE_OPTION = re.compile(r"(^|[-_ ])size$")

BRANDS_SHOWN = 12  # the most frequent brands among the candidates; a chosen one is shown even beyond these
SIZES_SHOWN = 24


def facet_of(option_key: str) -> FacetGroup | None:
    """The facet an option belongs to: colour, size, or none (storage, format...)."""
    key = option_key.strip().lower()
    if key in COLOUR_OPTIONS:
        return FacetGroup.COLOUR
    if _SIZE_OPTION.search(key):
        return FacetGroup.SIZE
    return None


@dataclass(frozen=True, slots=True)
class PriceBand:
    """From `low` (inclusive) to `high` (exclusive; None: no top), in major units of any currency."""

    key: str
    low: int
    high: int | None

    def holds(self, minor: int, currency: str) -> bool:
        scale = 10 ** minor_digits(currency)
        return minor >= self.low * scale and (self.high is None or minor < self.high * scale)

    def label(self, currency: str, lang: str) -> str:
        """'Under €25', '€25 – €50', '€200 and over' (Spanish: 'Menos de 25 €', '25 € – 50 €', '200 € o más')."""

        def money(n: int) -> str:
            return Money.of(n, currency).format(lang).replace(",00", "").replace(".00", "")

        if self.low == 0 and self.high is not None:
            return f"Menos de {money(self.high)}" if lang == "es" else f"Under {money(self.high)}"
        if self.high is None:
            return f"{money(self.low)} o más" if lang == "es" else f"{money(self.low)} and over"
        return f"{money(self.low)} – {money(self.high)}"


PRICE_BANDS = (
    PriceBand("0-25", 0, 25),
    PriceBand("25-50", 25, 50),
    PriceBand("50-100", 50, 100),
    PriceBand("100-200", 100, 200),
    PriceBand("200-", 200, None),
)
_BAND_BY_KEY = {band.key: band for band in PRICE_BANDS}


def price_band(minor: int, currency: str) -> PriceBand | None:
    return next((band for band in PRICE_BANDS if band.holds(minor, currency)), None)


@dataclass(frozen=True, slots=True)
class FacetFilters:
    """The values chosen per facet, by key (a size's or colour's English text, a brand, a price band's key);
    an empty set does not filter."""

    sizes: frozenset[str] = frozenset()
    colours: frozenset[str] = frozenset()
    brands: frozenset[str] = frozenset()
    prices: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.sizes or self.colours or self.brands or self.prices)

    def chosen(self, group: FacetGroup) -> frozenset[str]:
        return {
            FacetGroup.SIZE: self.sizes,
            FacetGroup.COLOUR: self.colours,
            FacetGroup.BRAND: self.brands,
            FacetGroup.PRICE: self.prices,
        }[group]

    def toggled(self, group: FacetGroup, key: str) -> FacetFilters:
        """These filters with `key` added to `group`, or removed when it was there."""
        values = self.chosen(group)
        values = values - {key} if key in values else values | {key}
        field = {FacetGroup.SIZE: "sizes", FacetGroup.COLOUR: "colours", FacetGroup.BRAND: "brands",
                 FacetGroup.PRICE: "prices"}[group]  # fmt: skip
        return FacetFilters(**{**_fields(self), field: frozenset(values)})


def _fields(filters: FacetFilters) -> dict[str, frozenset[str]]:
    return {"sizes": filters.sizes, "colours": filters.colours, "brands": filters.brands, "prices": filters.prices}


@dataclass(frozen=True, slots=True)
class FacetItem:
    """One candidate as the filters see it: its brand, from-price, whether it is on this store's shelf, and the
    (size, colour) of each variant (None where the variant has no such option)."""

    product_id: str
    brand: str
    price_minor: int | None
    currency: str | None
    in_store: bool
    variants: tuple[tuple[LocalizedText | None, LocalizedText | None], ...]


@dataclass(frozen=True, slots=True)
class FacetValue:
    """One value the shopper can filter on, with how many candidates adding it would leave."""

    group: FacetGroup
    key: str
    label: LocalizedText
    count: int
    selected: bool


def _variant_passes(size: LocalizedText | None, colour: LocalizedText | None, sizes: frozenset[str],
                    colours: frozenset[str]) -> bool:  # fmt: skip
    """An empty set lets any value (or none) through."""
    return (not sizes or (size is not None and size.en in sizes)) and (
        not colours or (colour is not None and colour.en in colours)
    )


def _band_key(item: FacetItem) -> str | None:
    if item.price_minor is None or item.currency is None:
        return None
    band = price_band(item.price_minor, item.currency)
    return None if band is None else band.key


def _product_passes(item: FacetItem, filters: FacetFilters, in_store_only: bool, skip: FacetGroup | None) -> bool:
    """`skip`: the facet whose own filter is left out (to count its values)."""
    if in_store_only and not item.in_store:
        return False
    if filters.brands and skip is not FacetGroup.BRAND and item.brand not in filters.brands:
        return False
    if filters.prices and skip is not FacetGroup.PRICE and _band_key(item) not in filters.prices:
        return False
    sizes = frozenset() if skip is FacetGroup.SIZE else filters.sizes
    colours = frozenset() if skip is FacetGroup.COLOUR else filters.colours
    return not (sizes or colours) or any(_variant_passes(s, c, sizes, colours) for s, c in item.variants)


def passes(item: FacetItem, filters: FacetFilters, in_store_only: bool) -> bool:
    """Whether a candidate stays in the results under these filters."""
    return _product_passes(item, filters, in_store_only, None)


def facet_values(items: Sequence[FacetItem], filters: FacetFilters, in_store_only: bool) -> tuple[FacetValue, ...]:
    """Every filter value among `items` with its disjunctive count, sizes in size order, colours and brands by
    count, price bands low to high; a chosen value is always listed (count 0 when nothing has it any more)."""
    out: list[FacetValue] = []
    currency = _main_currency(items)
    for group in (FacetGroup.SIZE, FacetGroup.COLOUR, FacetGroup.BRAND, FacetGroup.PRICE):
        counts: dict[str, int] = {}
        labels: dict[str, LocalizedText] = {}
        for item in items:
            if not _product_passes(item, filters, in_store_only, group):
                continue
            for key, label in _values(item, group, filters):
                counts[key] = counts.get(key, 0) + 1
                labels.setdefault(key, label)
        chosen = filters.chosen(group)
        for key in chosen - counts.keys():
            counts[key] = 0
            labels[key] = _label_for_missing(group, key, currency)
        keys = _ordered(group, counts, chosen)
        out += [FacetValue(group, key, labels[key], counts[key], key in chosen) for key in keys]
    return tuple(out)


def _values(item: FacetItem, group: FacetGroup, filters: FacetFilters) -> Iterable[tuple[str, LocalizedText]]:
    """The item's distinct values in `group`; a size counts only in a variant that passes the colour filter
    (and a colour only in one that passes the size filter)."""
    if group is FacetGroup.BRAND:
        return [(item.brand, _same(item.brand))] if item.brand else []
    if group is FacetGroup.PRICE:
        key = _band_key(item)
        if key is None or item.currency is None:
            return []
        return [(key, _band_text(key, item.currency))]
    seen: dict[str, LocalizedText] = {}
    for size, colour in item.variants:
        value = size if group is FacetGroup.SIZE else colour
        if value is None or value.en in seen:
            continue
        other_ok = (
            _variant_passes(None, colour, frozenset(), filters.colours)
            if group is FacetGroup.SIZE
            else _variant_passes(size, None, filters.sizes, frozenset())
        )
        if other_ok:
            seen[value.en] = value
    return seen.items()


@functools.lru_cache(maxsize=256)
def _same(text: str) -> LocalizedText:
    return LocalizedText.same(text)


@functools.lru_cache(maxsize=64)
def _band_text(key: str, currency: str) -> LocalizedText:
    """A band's words, made once per band and currency (formatting money per candidate cost more than the
    counting)."""
    band = _BAND_BY_KEY[key]
    return LocalizedText(band.label(currency, "en"), band.label(currency, "es"))


def _label_for_missing(group: FacetGroup, key: str, currency: str | None) -> LocalizedText:
    if group is FacetGroup.PRICE and key in _BAND_BY_KEY and currency:
        return _band_text(key, currency)
    return LocalizedText.same(key)


def _main_currency(items: Sequence[FacetItem]) -> str | None:
    counts: dict[str, int] = {}
    for item in items:
        if item.currency:
            counts[item.currency] = counts.get(item.currency, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


_APPAREL = ("XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL", "2XL", "3XL")
_NUMBER = re.compile(r"^\d+([.,]\d+)?")


def size_order(key: str) -> tuple[int, float, str]:
    """Apparel letters in their order, then numbers by value (38, 38.5, 40), then anything else by name."""
    upper = key.strip().upper()
    if upper in _APPAREL:
        return (0, float(_APPAREL.index(upper)), upper)
    number = _NUMBER.match(upper)
    if number:
        return (1, float(number.group(0).replace(",", ".")), upper)
    return (2, 0.0, upper)


def _ordered(group: FacetGroup, counts: dict[str, int], chosen: frozenset[str]) -> list[str]:
    """The values to list, in display order; a long list keeps its most frequent values and the chosen ones."""
    if group is FacetGroup.PRICE:
        return [band.key for band in PRICE_BANDS if band.key in counts]
    by_count = sorted(counts, key=lambda k: (-counts[k], k.lower()))
    if group is FacetGroup.SIZE:
        kept = by_count[:SIZES_SHOWN]
        return sorted({*kept, *chosen}, key=size_order)
    if group is FacetGroup.BRAND:
        kept = by_count[:BRANDS_SHOWN]
        return kept + sorted(chosen - set(kept))
    return by_count
