"""Display formatting shared by view-models: prices per language and image URLs for QML."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

from kiosk.core.catalog import SearchHit
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.stock import card_state, stock_words


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
