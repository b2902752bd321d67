"""The attract loop from the KioskPlugin (`kioskAttract`, vendure/kiosk-plugin/src/attract.ts): the query and
the mapping of its slides to the kiosk's, texts in every language Vendure has them in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kiosk.core.attract import AttractSlide, slides_from_records

ATTRACT = """
query ($storeId: String!, $newArrivals: Int) {
  kioskAttract(storeId: $storeId, newArrivals: $newArrivals) {
    id kind productId image texts { languageCode title body }
  }
}
"""
NEW_ARRIVALS = 3


def map_slides(raw: Sequence[Mapping[str, Any]]) -> tuple[AttractSlide, ...]:
    """Vendure's slides as the kiosk's; a slide it cannot show (unknown kind, no title) is left out."""
    records: list[dict[str, object]] = []
    for slide in raw:
        texts = {str(t["languageCode"]): t for t in slide["texts"]}
        title = {lang: str(texts[lang]["title"]) for lang in ("en", "es") if lang in texts}
        body = {lang: str(texts[lang]["body"] or "") for lang in ("en", "es") if lang in texts}
        if not title and texts:  # a shop without English or Spanish texts: the first language it has
            first = next(iter(texts.values()))
            title, body = {"en": str(first["title"])}, {"en": str(first["body"] or "")}
        records.append(
            {
                "id": slide["id"],
                "kind": slide["kind"],
                "title": title,
                "body": body,
                "image": slide.get("image") or "",
                "product_id": slide.get("productId") or "",
            }
        )
    return slides_from_records(records)
