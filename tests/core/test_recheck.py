"""The re-check before placing: each line compared with the backend's price and stock, in the shopper's words."""

from __future__ import annotations

from kiosk.core.cart import Cart, CartLine
from kiosk.core.catalog import StockLevel
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind
from kiosk.core.services.recheck import ChangeKind, LineCheck, recheck

HOME, PICKUP = FulfilmentKind.HOME_DELIVERY, FulfilmentKind.PICKUP_STORE


def _line(variant: str, price: str, quantity: int, name: str = "Shirt", options: str = "M") -> CartLine:
    return CartLine(variant, "p1", "SKU", LocalizedText(name, "Camisa" if name == "Shirt" else name), options,
                    Money.of(price, "EUR"), quantity)  # fmt: skip


def _check(variant: str, price: str | None, **stock: int) -> LineCheck:
    levels = tuple(StockLevel(location, qty) for location, qty in stock.items())
    return LineCheck(variant, Money.of(price, "EUR") if price else None, levels)


CART = Cart("EUR").add(_line("a", "19.95", 2)).add(_line("b", "5.00", 3, "Socks", ""))


def test_nothing_changed_means_the_order_goes_ahead_as_it_stands() -> None:
    result = recheck(CART, {"a": _check("a", "19.95", wh=5), "b": _check("b", "5.00", here=3)}, HOME, None)
    assert result.unchanged and result.cart == CART


def test_a_new_price_is_shown_old_to_new_in_both_languages_and_taken_into_the_cart() -> None:
    result = recheck(CART, {"a": _check("a", "17.95", wh=5), "b": _check("b", "5.00", here=3)}, HOME, None)
    (change,) = result.changes
    assert change.kind is ChangeKind.PRICE
    assert change.describe("en") == "Shirt (M): €19.95 → €17.95"
    assert change.describe("es") == "Camisa (M): 19,95 € → 17,95 €"
    assert result.cart.lines[0].unit_price == Money.of("17.95", "EUR") and result.cart.subtotal == Money.of("50.90", "EUR")


def test_fewer_in_stock_lowers_the_quantity_and_none_left_removes_the_line() -> None:
    checks = {"a": _check("a", "19.95", wh=1), "b": _check("b", "5.00", here=0)}
    result = recheck(CART, checks, HOME, None)
    assert [(c.variant_id, c.kind) for c in result.changes] == [("a", ChangeKind.STOCK), ("b", ChangeKind.GONE)]
    assert [c.describe("en") for c in result.changes] == ["Shirt (M): 2 → 1 available", "Socks: no longer available"]
    assert result.changes[0].describe("es") == "Camisa (M): 2 → 1 disponibles"
    assert [(x.variant_id, x.quantity) for x in result.cart.lines] == [("a", 1)]


def test_a_pickup_counts_only_that_stores_shelf() -> None:
    checks = {"a": _check("a", "19.95", wh=9, bcn=1), "b": _check("b", "5.00", bcn=3)}
    result = recheck(CART, checks, PICKUP, "bcn")
    assert [(c.variant_id, c.kind, c.new_quantity) for c in result.changes] == [("a", ChangeKind.STOCK, 1)]
    assert recheck(CART, checks, HOME, None).unchanged


def test_a_variant_the_backend_no_longer_sells_or_prices_in_another_currency_is_gone() -> None:
    checks = {"a": LineCheck("a", Money.of("19.95", "USD"), (StockLevel("wh", 5),))}
    result = recheck(CART, checks, HOME, None)
    assert [(c.variant_id, c.kind) for c in result.changes] == [("a", ChangeKind.GONE), ("b", ChangeKind.GONE)]
    assert result.cart.is_empty
