"""What the demo store makes of an order it places, by the rules Vendure's KioskPlugin follows (kioskPlaceOrder):
promotions and coupons applied, points redeemed within the rules and earned, lines short of stock placed with
what there is. A coupon that does not apply or points the rules refuse never refuse the order (an order queued
offline must not be lost for them): it is placed without them, and a note says why in the kiosk's own words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from kiosk import host
from kiosk.core.cart import Cart, CartLine
from kiosk.core.customer import Customer
from kiosk.core.i18n import LocalizedText
from kiosk.core.loyalty import RedeemRules, RedemptionError, points_for, redeem
from kiosk.core.money import Money
from kiosk.core.order import Order, ShortLine
from kiosk.core.promotions import Promotion, apply_promotions, check_coupon

# The same rules the KioskPlugin's defaults give a Vendure store (docs/deploy-vendure.md): a point is worth
# one cent, a redemption takes at least 100 points and pays at most half of the order.
DEMO_REDEEM_RULES = RedeemRules(Money.of("0.01", "EUR"))


class NothingInStockError(ValueError):
    """No line of the order has any stock: there is nothing to place."""


@dataclass(frozen=True, slots=True)
class Placement:
    total: Money
    points_earned: int
    points_redeemed: int
    short_lines: tuple[ShortLine, ...]
    notes: tuple[LocalizedText, ...]
    applied_codes: tuple[str, ...]


def place(
    order: Order,
    promotions: Iterable[Promotion],
    customer: Customer | None,
    in_stock: Mapping[str, int],
    now: datetime,
    rules: RedeemRules = DEMO_REDEEM_RULES,
) -> Placement:
    """The order as the store places it. `in_stock` is what each variant has in all locations now; `customer`
    is the loyalty member the order is for, if any (members earn points and may redeem them)."""
    promotions = tuple(promotions)
    notes: list[LocalizedText] = []
    lines: list[CartLine] = []
    short: list[ShortLine] = []
    for line in order.lines:
        have = max(0, in_stock.get(line.variant_id, line.quantity))
        placed = min(line.quantity, have)
        if placed < line.quantity:
            short.append(ShortLine(line.variant_id, line.quantity, placed))
            notes.append(short[-1].note(line.name))
        if placed:
            name = LocalizedText.same(line.name)
            lines.append(CartLine(line.variant_id, "", line.sku, name, "", line.unit_price, placed))
    if not lines:
        summary = ", ".join(f"variant {s.variant_id}: 0 of {s.ordered}" for s in short)
        raise NothingInStockError(f"nothing in the order is in stock ({summary})")
    cart = Cart(order.currency, tuple(lines))
    groups = customer.groups if customer is not None else frozenset()  # as the kiosk prices them offline
    codes: list[str] = []
    local_now = now.astimezone(host.machine_zone())  # dates named by the store's rules, as the kiosk's offers
    for code in dict.fromkeys(order.coupon_codes):
        check = check_coupon(code, promotions, cart, local_now, groups)
        if check.ok:
            codes.append(check.code)
        elif check.message is not None:
            notes.append(check.message)
    priced = apply_promotions(cart, promotions, now, groups, codes, confirmed=True)
    shipping = order.shipping if not priced.free_shipping else Money.zero(order.currency)
    total = priced.total + shipping
    redeemed = 0
    if order.points_to_redeem and customer is not None:
        try:
            discount = redeem(order.points_to_redeem, customer.points, total, rules).discount
        except RedemptionError as exc:
            notes.append(
                LocalizedText(
                    f"{exc.text.en}. The order was placed without redeeming points.",
                    f"{exc.text.es}. El pedido se hizo sin canjear puntos.",
                )
            )
        else:
            redeemed = order.points_to_redeem
            total = total - discount
    earned = points_for(total - shipping, customer.tier) if customer is not None else 0
    return Placement(total, earned, redeemed, tuple(short), tuple(notes), tuple(codes))
