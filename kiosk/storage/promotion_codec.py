"""Promotions to and from JSON for the catalog cache (catalog.db's `promotions` table), in the record layout the
core defines (kiosk.core.promotions.promotion_record), which the demo store also serves over HTTP."""

from __future__ import annotations

import json

from kiosk.core.promotions import Promotion, promotion_from_record, promotion_record


def promotion_to_json(promotion: Promotion) -> str:
    return json.dumps(promotion_record(promotion), ensure_ascii=False, sort_keys=True)


def promotion_from_json(text: str) -> Promotion:
    """Raises ValueError (PromotionError is a ValueError) on a row this kiosk cannot read."""
    return promotion_from_record(json.loads(text))
