"""Display formatting shared by view-models: prices per language and image URLs for QML."""

from __future__ import annotations

from urllib.parse import quote

from kiosk.core.catalog import SearchHit
from kiosk.core.money import Money


def price_text(money: Money | None, lang: str) -> str:
    return "" if money is None else money.format(lang)


def image_url(ref: str | None) -> str:
    """QML asks the catalog image provider; refs are quoted so any backend's ref is a safe URL path."""
    return f"image://catalog/{quote(ref, safe='')}" if ref else ""


def hit_row(hit: SearchHit, lang: str) -> dict[str, object]:
    return {
        "productId": hit.product_id,
        "name": hit.name.get(lang),
        "brand": hit.brand,
        "price": price_text(hit.price, lang),
        "image": image_url(hit.image),
        "rating": hit.rating if hit.rating is not None else 0.0,
        "inStockHere": hit.in_stock_here,
    }
