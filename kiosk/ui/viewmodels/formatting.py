"""Display formatting shared by view-models: prices, numbers, points, dates and times per language, and image
URLs for QML.

One place so every screen writes "8.200 puntos" and "7 dic 2026, 10:15" the same way. Spanish groups
thousands with a dot even in four-digit numbers (the shop's own style, as prices do: "1.234,50 €"), which is
why this does not use Qt's locale (CLDR leaves four Spanish digits ungrouped: "8200").
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

from kiosk.core.catalog import SearchHit
from kiosk.core.dates import date_text, datetime_text, time_text
from kiosk.core.i18n import LocalizedText
from kiosk.core.loyalty import tier_name
from kiosk.core.money import Money
from kiosk.core.ports import CatalogStore
from kiosk.core.stock import card_state, stock_words

# re-exported: view-models take every display text from this module; dates are kiosk.core.dates' (one formatter
# for screens, coupon messages and receipts), in the kiosk's local time zone (their `zone` left out)
__all__ = ["date_text", "datetime_text", "tier_name", "time_text"]


class CachedImageFiles(Protocol):
    def file_for(self, ref: str) -> Path | None: ...


class _ImageFiles:
    cache: CachedImageFiles | None = None


_IMAGE_FILES = _ImageFiles()


def read_cached_images_from(cache: CachedImageFiles | None) -> None:
    """Set once by the engine set-up: pictures already in this disk cache are given to QML as files."""
    _IMAGE_FILES.cache = cache


def price_text(money: Money | None, lang: str) -> str:
    return "" if money is None else money.format(lang)


def number_text(value: int, lang: str) -> str:
    """A whole number with the language's thousands separator: 8.200 (es), 8,200 (en)."""
    text = f"{value:,d}"
    return text.replace(",", ".") if lang == "es" else text


def points_text(points: int, lang: str) -> str:
    """ "8.200 puntos", "8,200 points", "1 punto"."""
    if lang == "es":
        return f"{number_text(points, lang)} {'punto' if points == 1 else 'puntos'}"
    return f"{number_text(points, lang)} {'point' if points == 1 else 'points'}"


def image_url(ref: str | None) -> str:
    """A picture already in the disk cache is a file URL (Qt reads and decodes it without Python); any
    other goes through the catalog image provider, which fetches and caches it. Refs are quoted so any
    backend's ref is a safe URL path; cached files are named by a hash, never by the ref."""
    if not ref:
        return ""
    files = _IMAGE_FILES.cache
    cached = files.file_for(ref) if files is not None else None
    if cached is not None:
        return cached.as_uri()
    return f"image://catalog/{quote(ref, safe='')}"


class ProductBadges(Protocol):
    """kiosk.core.services.offers.Offers as the cards see it: a product's offer badge, if it has one."""

    def product_badge(self, product_id: str) -> LocalizedText | None: ...


def hit_row(hit: SearchHit, lang: str, offers: ProductBadges | None = None) -> dict[str, object]:
    badge = offers.product_badge(hit.product_id) if offers is not None else None
    return {
        "productId": hit.product_id,
        "name": hit.name.get(lang),
        "brand": hit.brand,
        "price": price_text(hit.price, lang),
        "image": image_url(hit.image),
        "rating": hit.rating if hit.rating is not None else 0.0,
        "inStockHere": hit.in_stock_here,
        "stockState": str(card_state(hit.in_stock_here)),
        "stockWords": stock_words(card_state(hit.in_stock_here), lang),
        "offer": badge.get(lang) if badge is not None else "",  # "−20% until Sunday" (kiosk.core.promotions)
    }


def hit_rows(hits: Iterable[SearchHit], lang: str, offers: ProductBadges | None = None) -> list[dict[str, object]]:
    return [hit_row(hit, lang, offers) for hit in hits]


class NamedLine(Protocol):
    """An order line as stored (OrderLine, PastOrderLine): a name in the language it was ordered in."""

    @property
    def sku(self) -> str: ...

    @property
    def name(self) -> str: ...


def catalog_names(
    store: CatalogStore | None, lines: Iterable[NamedLine], product_ids: Iterable[str] = ()
) -> dict[str, LocalizedText]:
    """The catalog's names (both languages) of the products these lines are, by SKU: an order stored with its
    English names is shown in Spanish on a Spanish screen. Reads catalog.db: call it on a background read.
    A SKU the catalog no longer has keeps the stored name (see `line_name`)."""
    if store is None:
        return {}
    names: dict[str, LocalizedText] = {}
    wanted = {line.sku for line in lines if line.sku}
    for product_id in dict.fromkeys(product_ids):
        product = store.product(product_id) if product_id else None
        for variant in product.variants if product is not None else ():
            if variant.sku in wanted:
                names[variant.sku] = product.name  # type: ignore[union-attr]  # product is set here
    for sku in wanted - names.keys():
        for hit in store.search(sku, "en", 3, 0):  # an exact SKU is the search's first answer
            product = store.product(hit.product_id)
            if product is not None and any(v.sku.upper() == sku.upper() for v in product.variants):
                names[sku] = product.name
                break
    return names


def line_name(line: NamedLine, names: dict[str, LocalizedText], lang: str) -> str:
    known = names.get(line.sku)
    return known.get(lang) if known is not None else line.name
