"""Loyalty points an order earns: a pure rule the kiosk can show before the backend confirms anything.

The rule: one point per whole currency unit of the order total (cents never earn), multiplied by the
shopper's tier multiplier and rounded down. Unknown tiers earn like members, and a zero or negative total
earns nothing. The backend's loyalty programme is the authority; this figure is what the shopper is told
"this order will earn", so it must match the programme's published rule, which is this table.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from kiosk.core.money import Money

# tier name -> points per whole currency unit
TIER_MULTIPLIERS: dict[str, Decimal] = {
    "Member": Decimal("1"),
    "Silver": Decimal("1.25"),
    "Gold": Decimal("1.5"),
    "Platinum": Decimal("2"),
}


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
