"""Loyalty points an order earns: a pure rule the kiosk can show before the backend confirms anything.

The rule: one point per whole currency unit of the order total (cents never earn), multiplied by the
shopper's tier multiplier and rounded down. Unknown tiers earn like members, and a zero or negative total
earns nothing. The backend's loyalty programme is the authority; this figure is what the shopper is told
"this order will earn", so it must match the programme's published rule, which is this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money

# tier name -> points per whole currency unit
TIER_MULTIPLIERS: dict[str, Decimal] = {
    "Member": Decimal("1"),
    "Silver": Decimal("1.25"),
    "Gold": Decimal("1.5"),
    "Platinum": Decimal("2"),
}

# the programme's tier names as shoppers read them; the backend sends the English key ("Gold")
TIER_NAMES: dict[str, LocalizedText] = {
    "Member": LocalizedText("Member", "Socio"),
    "Silver": LocalizedText("Silver", "Plata"),
    "Gold": LocalizedText("Gold", "Oro"),
    "Platinum": LocalizedText("Platinum", "Platino"),
}


def tier_name(tier: str, lang: str) -> str:
    """The tier in the display language; a tier this table does not know yet is shown as the backend names it.

    >>> tier_name("Gold", "es"), tier_name("Gold", "en"), tier_name("Diamond", "es")
    ('Oro', 'Gold', 'Diamond')
    """
    known = TIER_NAMES.get(tier)
    return known.get(lang) if known is not None else tier


def points_for(total: Money, tier: str = "Member") -> int:
    """Points an order of `total` earns for a shopper of `tier`.

    >>> points_for(Money.of("59.99", "EUR"))
    59
    >>> points_for(Money.of("59.99", "EUR"), "Gold")
    88
    """
    units = total.amount.to_integral_value(rounding=ROUND_FLOOR)
    if units <= 0:
        return 0
    multiplier = TIER_MULTIPLIERS.get(tier, TIER_MULTIPLIERS["Member"])
    return int((units * multiplier).to_integral_value(rounding=ROUND_FLOOR))


class RedemptionError(ValueError):
    """A points redemption the rules do not allow; `text` is shown to the shopper in their language."""

    def __init__(self, text: LocalizedText) -> None:
        super().__init__(text.en)
        self.text = text


@dataclass(frozen=True, slots=True)
class RedeemRules:
    """How points turn into a discount: each point is worth `point_value`, a redemption is at least
    `minimum_points`, and it covers at most `max_share` of the order total (so an order is never free)."""

    point_value: Money
    minimum_points: int = 100
    max_share: Decimal = Decimal("0.5")

    def __post_init__(self) -> None:
        if self.point_value.amount <= 0:
            raise ValueError("A point must be worth more than zero")
        if not Decimal(0) < self.max_share <= Decimal(1):
            raise ValueError("The share of an order points may cover must be above 0 and at most 1")


@dataclass(frozen=True, slots=True)
class Redemption:
    points: int
    discount: Money


def max_redeemable(balance: int, total: Money, rules: RedeemRules) -> int:
    """The most points this order can take: whole points, within the balance and the share of the total."""
    if total.currency != rules.point_value.currency:
        return 0
    cap = (total.amount * rules.max_share / rules.point_value.amount).to_integral_value(rounding=ROUND_FLOOR)
    most = min(balance, int(cap))
    return most if most >= rules.minimum_points else 0


def redeem(points: int, balance: int, total: Money, rules: RedeemRules) -> Redemption:
    """The discount `points` buy on an order of `total`, or RedemptionError saying which rule stops it."""
    if points > balance:
        raise RedemptionError(
            LocalizedText(
                f"You have {balance} points; {points} cannot be redeemed",
                f"Tienes {balance} puntos; no se pueden canjear {points}",
            )
        )
    if points < rules.minimum_points:
        raise RedemptionError(
            LocalizedText(
                f"Redeem at least {rules.minimum_points} points at a time",
                f"Canjea al menos {rules.minimum_points} puntos cada vez",
            )
        )
    most = max_redeemable(balance, total, rules)
    if points > most:
        raise RedemptionError(
            LocalizedText(f"This order can take at most {most} points", f"Este pedido admite como máximo {most} puntos")
        )
    return Redemption(points, (rules.point_value * points).rounded())
