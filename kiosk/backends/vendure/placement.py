"""The KioskPlugin's kioskPlaceOrder answer as the kiosk's OrderReceipt, with the notes a shopper reads.

The plugin says what it made of the order in codes (coupon `expired`, points `balance`, a short line's
quantities); the words are the kiosk's own, the same the kiosk shows before the order is sent
(kiosk.core.promotions.coupon_message, kiosk.core.loyalty's redemption messages), so a shopper reads one
message for one problem whether the kiosk or the server found it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo
from typing import Any

from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import Order, OrderReceipt, ShortLine
from kiosk.core.promotions import CouponProblem, coupon_message, normalise_code


def coupon_note(raw: Mapping[str, Any], zone: tzinfo | None = None) -> LocalizedText:
    """The message for a code the server left off the order (its `problem` one of CouponProblem's values)."""
    at = datetime.fromisoformat(str(raw["at"]).replace("Z", "+00:00")) if raw.get("at") else None
    problem = CouponProblem(str(raw["problem"]))
    # no zone given: each moment in the machine's zone with that day's rules (not today's offset)
    return coupon_message(problem, normalise_code(str(raw["code"])), at, zone)


def points_note(raw: Mapping[str, Any]) -> LocalizedText:
    """Why the server redeemed none of the points asked for, in kiosk.core.loyalty.redeem's words, followed by
    what happened to the order."""
    problem = str(raw["problem"])
    requested, balance = int(raw["requested"]), int(raw["balance"])
    if problem == "balance":
        why = LocalizedText(
            f"You have {balance} points; {requested} cannot be redeemed",
            f"Tienes {balance} puntos; no se pueden canjear {requested}",
        )
    elif problem == "minimum":
        minimum = int(raw["minimum"])
        why = LocalizedText(f"Redeem at least {minimum} points at a time", f"Canjea al menos {minimum} puntos cada vez")
    elif problem == "share":
        most = int(raw["most"])
        why = LocalizedText(
            f"This order can take at most {most} points", f"Este pedido admite como máximo {most} puntos"
        )
    else:
        raise ValueError(f"unknown points problem {problem!r}")
    return LocalizedText(
        f"{why.en}. The order was placed without redeeming points.",
        f"{why.es}. El pedido se hizo sin canjear puntos.",
    )


def placed_receipt(order: Order, raw: Mapping[str, Any], zone: tzinfo | None = None) -> OrderReceipt:
    """kioskPlaceOrder's answer (KeyError / ValueError on a malformed one: the caller's reply_shape names it)."""
    if str(raw["clientOrderId"]) != order.client_order_id:
        raise ValueError("the placed order carries another client order id")
    names = {line.variant_id: line.name for line in order.lines}
    short = tuple(ShortLine(str(s["variantId"]), int(s["ordered"]), int(s["placed"])) for s in raw["shortLines"])
    notes = [coupon_note(c, zone) for c in raw["coupons"] if not c["applied"]]
    if raw["points"] is not None and raw["points"]["problem"]:
        notes.append(points_note(raw["points"]))
    notes.extend(line.note(names.get(line.variant_id, line.variant_id)) for line in short)
    return OrderReceipt(
        order.client_order_id,
        str(raw["code"]),
        str(raw["state"]),
        total=Money.from_minor(int(raw["total"]), str(raw["currencyCode"])),
        points_earned=int(raw["pointsEarned"]),
        short_lines=short,
        notes=tuple(notes),
    )
