"""Promotions to and from JSON for the catalog cache (catalog.db's `promotions` table)."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any

from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.promotions import Promotion, PromotionKind


def _money(money: Money | None) -> dict[str, str] | None:
    return None if money is None else {"amount": str(money.amount), "currency": money.currency}


def _read_money(data: dict[str, str] | None) -> Money | None:
    return None if data is None else Money(Decimal(data["amount"]), data["currency"])


def _time(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _read_time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def promotion_to_json(promotion: Promotion) -> str:
    payload: dict[str, Any] = {
        "id": promotion.id,
        "name": {"en": promotion.name.en, "es": promotion.name.es},
        "kind": promotion.kind.value,
        "percent": None if promotion.percent is None else str(promotion.percent),
        "amount": _money(promotion.amount),
        "buy": promotion.buy,
        "get": promotion.get,
        "variant_ids": sorted(promotion.variant_ids),
        "free_variant_ids": sorted(promotion.free_variant_ids),
        "customer_groups": sorted(promotion.customer_groups),
        "coupon_code": promotion.coupon_code,
        "starts_at": _time(promotion.starts_at),
        "ends_at": _time(promotion.ends_at),
        "minimum_order": _money(promotion.minimum_order),
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True)


def promotion_from_json(text: str) -> Promotion:
    """Raises ValueError/KeyError (PromotionError is a ValueError) on a row this kiosk cannot read."""
    data = json.loads(text)
    return Promotion(
        id=str(data["id"]),
        name=LocalizedText(str(data["name"]["en"]), str(data["name"]["es"])),
        kind=PromotionKind(data["kind"]),
        percent=None if data["percent"] is None else Decimal(data["percent"]),
        amount=_read_money(data["amount"]),
        buy=int(data["buy"]),
        get=int(data["get"]),
        variant_ids=frozenset(str(x) for x in data["variant_ids"]),
        free_variant_ids=frozenset(str(x) for x in data["free_variant_ids"]),
        customer_groups=frozenset(str(x) for x in data["customer_groups"]),
        coupon_code=data["coupon_code"],
        starts_at=_read_time(data["starts_at"]),
        ends_at=_read_time(data["ends_at"]),
        minimum_order=_read_money(data["minimum_order"]),
    )
