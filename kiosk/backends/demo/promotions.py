"""The demo store's promotions (resources/demo/promotions.json) and its customer groups
(resources/demo/customer_groups.json), read and checked like every demo file.

Dates are relative to the store's clock ("ends_after_days": 7 ends at midnight UTC seven days from today), so a
demo always has an offer ending this week, a coupon that expired and one not valid yet, whatever the date.
Group memberships are data too, kept apart from the generated members (changing them needs no new store): a
tier's members all belong to its groups ("Gold"), and named members to theirs ("staff", "VIP").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from kiosk.backends.demo.data import Node, data_file, load_json
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.promotions import Promotion, PromotionError, PromotionKind

PROMOTIONS_FILE = data_file("promotions.json")
GROUPS_FILE = data_file("customer_groups.json")
_KINDS = frozenset(kind.value for kind in PromotionKind)


def _decimal(node: Node) -> Decimal:
    text = node.text()
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise node.fail(f"expected a decimal number as a string, got {text!r}") from None
    if not value.is_finite():
        raise node.fail(f"expected a decimal number as a string, got {text!r}")
    return value


def _optional_decimal(node: Node, key: str) -> Decimal | None:
    found = node.key(key, None)
    return None if found.value is None else _decimal(found)


def _day(node: Node, today: datetime) -> datetime | None:
    if node.value is None:
        return None
    midnight = datetime.combine(today.date(), time(0), tzinfo=today.tzinfo)
    return midnight + timedelta(days=node.integer(-3650, 3650))


def _promotion(node: Node, currency: str, now: datetime) -> Promotion:
    name = node.key("name")
    percent = _optional_decimal(node, "percent")
    amount = _optional_decimal(node, "amount")
    minimum = _optional_decimal(node, "minimum_order")
    code = node.key("coupon_code", None)
    try:
        return Promotion(
            id=node.key("id").text(),
            name=LocalizedText(name.key("en").text(), name.key("es").text()),
            kind=PromotionKind(node.key("kind").one_of(_KINDS, "promotion kind")),
            buy=node.key("buy", 0).integer(0, 99),
            get=node.key("get", 0).integer(0, 99),
            variant_ids=frozenset(node.key("variant_ids", []).texts()),
            free_variant_ids=frozenset(node.key("free_variant_ids", []).texts()),
            customer_groups=frozenset(node.key("customer_groups", []).texts()),
            coupon_code=None if code.value is None else code.text(),
            starts_at=_day(node.key("starts_after_days", None), now),
            ends_at=_day(node.key("ends_after_days", None), now),
            percent=percent,
            amount=None if amount is None else Money(amount, currency),
            minimum_order=None if minimum is None else Money(minimum, currency),
        )
    except PromotionError as exc:
        raise node.fail(str(exc)) from None


def load_promotions(file: Path, currency: str, now: datetime) -> tuple[Promotion, ...]:
    """Every promotion in `file`, priced in `currency`; DemoDataError naming the key of anything wrong."""
    root = Node(file, load_json(file))
    promotions = tuple(_promotion(item, currency, now) for item in root.items())
    seen: set[str] = set()
    for item, promotion in zip(root.items(), promotions, strict=True):
        if promotion.id in seen:
            raise item.key("id").fail(f"duplicate promotion id {promotion.id!r}")
        seen.add(promotion.id)
    return promotions


@dataclass(frozen=True, slots=True)
class GroupMemberships:
    """Which customer groups the demo store's members belong to: by loyalty tier, and by customer id."""

    by_tier: Mapping[str, frozenset[str]]
    members: Mapping[str, frozenset[str]]

    def of(self, customer_id: str, tier: str) -> frozenset[str]:
        return self.by_tier.get(tier, frozenset()) | self.members.get(customer_id, frozenset())


def load_group_memberships(file: Path) -> GroupMemberships:
    """The memberships in `file`; DemoDataError naming the key of anything wrong."""
    root = Node(file, load_json(file))

    def table(name: str) -> dict[str, frozenset[str]]:
        return {key: frozenset(node.texts()) for key, node in root.key(name).entries()}

    return GroupMemberships(table("by_tier"), table("members"))
