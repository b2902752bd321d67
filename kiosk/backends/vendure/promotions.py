"""Vendure promotions (Admin API `promotions`) to the kiosk's Promotion model; the mapping is pure.

Vendure composes a promotion from conditions and actions; the kiosk computes offline only the compositions it
can reproduce exactly (kiosk/core/promotions.py). Anything else -- a facet condition, several actions, a
`contains_products` minimum, per-customer usage limits the kiosk cannot count -- is left out and named in the
log, so the kiosk shows no offer it might price wrongly; the backend still applies it to the placed order and
the order status shows the final amount.

Amounts in args are integer minor units of the channel's currency; prices the kiosk shows include tax, so
only tax-inclusive minimum-order conditions are honoured.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from kiosk.backends.vendure.mapping import localized, parse_time
from kiosk.core.money import Money
from kiosk.core.promotions import Promotion, PromotionError, PromotionKind

_log = logging.getLogger(__name__)

PROMOTIONS = """
query KioskPromotions($skip: Int!, $take: Int!) {
  promotions(options: { skip: $skip, take: $take, sort: { id: ASC } }) {
    totalItems
    items {
      id enabled couponCode startsAt endsAt perCustomerUsageLimit usageLimit
      translations { languageCode name }
      conditions { code args { name value } }
      actions { code args { name value } }
    }
  }
}
"""
PAGE = 100
# which product each variant a promotion names belongs to (the kiosk's cards show products)
VARIANT_PRODUCTS = """
query KioskVariantProducts($ids: [String!]!, $take: Int!) {
  productVariants(options: { filter: { id: { in: $ids } }, take: $take }) { items { id productId } }
}
"""


class UnsupportedPromotion(ValueError):
    """A Vendure promotion the kiosk cannot compute offline; the message says why (for the log)."""


def _args(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Vendure sends every arg value as a string: numbers, booleans and id lists JSON-encoded."""
    values: dict[str, Any] = {}
    for arg in raw["args"]:
        text = str(arg["value"])
        try:
            values[str(arg["name"])] = json.loads(text)
        except json.JSONDecodeError:
            values[str(arg["name"])] = text
    return values


def _ids(value: object) -> frozenset[str]:
    if not isinstance(value, list):
        raise UnsupportedPromotion(f"expected a list of ids, got {value!r}")
    return frozenset(str(x) for x in value)


def map_promotion(raw: Mapping[str, Any], currency: str) -> Promotion:
    """One Admin API promotion as a kiosk Promotion, or UnsupportedPromotion naming what the kiosk cannot do."""
    pid = str(raw["id"])
    if raw.get("perCustomerUsageLimit") or raw.get("usageLimit"):
        raise UnsupportedPromotion("usage limits are counted by the backend only")
    actions = raw["actions"]
    if len(actions) != 1:
        raise UnsupportedPromotion(f"{len(actions)} actions (the kiosk computes exactly one)")
    action, args = str(actions[0]["code"]), _args(actions[0])
    minimum: Money | None = None
    groups: frozenset[str] = frozenset()
    buy_x: tuple[int, frozenset[str], int, frozenset[str]] | None = None
    for condition in raw["conditions"]:
        code, cargs = str(condition["code"]), _args(condition)
        if code == "minimum_order_amount":
            if not cargs.get("taxInclusive"):
                raise UnsupportedPromotion("a minimum order before tax (the kiosk's prices include tax)")
            minimum = Money.from_minor(int(cargs["amount"]), currency)
        elif code == "customer_group":
            groups = frozenset({str(cargs["customerGroupId"])})
        elif code == "buy_x_get_y_free":
            x_ids, y_ids = _ids(cargs["variantIdsX"]), _ids(cargs["variantIdsY"])
            buy_x = (int(cargs["amountX"]), x_ids, int(cargs["amountY"]), y_ids)
        else:
            raise UnsupportedPromotion(f"condition {code}")
    common: dict[str, Any] = {
        "id": pid,
        "name": localized(raw["translations"], "name"),
        "customer_groups": groups,
        "coupon_code": raw.get("couponCode") or None,
        "starts_at": parse_time(raw["startsAt"]) if raw.get("startsAt") else None,
        "ends_at": parse_time(raw["endsAt"]) if raw.get("endsAt") else None,
        "minimum_order": minimum,
    }
    try:
        if action == "products_percentage_discount":
            return Promotion(kind=PromotionKind.PERCENT_OFF, percent=Decimal(str(args["discount"])),
                             variant_ids=_ids(args["productVariantIds"]), **common)  # fmt: skip
        if action == "order_percentage_discount":
            return Promotion(kind=PromotionKind.PERCENT_OFF, percent=Decimal(str(args["discount"])), **common)
        if action == "order_fixed_discount":
            amount = Money.from_minor(int(args["discount"]), currency)
            return Promotion(kind=PromotionKind.FIXED_OFF, amount=amount, **common)
        if action == "free_shipping":
            return Promotion(kind=PromotionKind.FREE_SHIPPING, **common)
        if action == "buy_x_get_y_free" and buy_x is not None:
            amount_x, ids_x, amount_y, ids_y = buy_x
            return Promotion(kind=PromotionKind.BUY_X_GET_Y, buy=amount_x, variant_ids=ids_x, get=amount_y,
                             free_variant_ids=ids_y, **common)  # fmt: skip
    except PromotionError as exc:
        raise UnsupportedPromotion(str(exc)) from None
    raise UnsupportedPromotion(f"action {action}")


def map_promotions(items: Sequence[Mapping[str, Any]], currency: str) -> tuple[Promotion, ...]:
    """The enabled promotions the kiosk can compute; the others are logged once per read with the reason."""
    found: list[Promotion] = []
    for raw in items:
        if not raw["enabled"]:
            continue
        try:
            found.append(map_promotion(raw, currency))
        except UnsupportedPromotion as exc:
            _log.info("promotion %s is applied by Vendure only: %s", raw["id"], exc)
    return tuple(found)
