"""Dates, numbers, points and money as each language writes them, product names and tiers in the display
language, and the dead-letter screen's reason in words (issue 18, item 4): one formatting module for all."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from kiosk.core.catalog import Product, SearchHit, Variant
from kiosk.core.errors import BackendRejectedError, RejectionReason
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import OrderLine
from kiosk.core.ports import OutboxEntry
from kiosk.ui.viewmodels.admin import dead_letter_row
from kiosk.ui.viewmodels.formatting import (
    catalog_names,
    date_text,
    datetime_text,
    line_name,
    number_text,
    points_text,
    price_text,
    tier_name,
)


@pytest.fixture(autouse=True)
def _madrid(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    import time

    monkeypatch.setenv("TZ", "Europe/Madrid")
    time.tzset()
    yield
    monkeypatch.undo()  # the machine's own zone again for the tests after this one
    time.tzset()


def test_numbers_points_money_dates_per_language() -> None:
    assert (number_text(8200, "es"), number_text(8200, "en"), number_text(950, "es")) == ("8.200", "8,200", "950")
    assert (points_text(8200, "es"), points_text(8200, "en")) == ("8.200 puntos", "8,200 points")
    assert (points_text(1, "es"), points_text(1, "en")) == ("1 punto", "1 point")
    amount = Money(Decimal("1234.50"), "EUR")
    assert (price_text(amount, "es"), price_text(amount, "en")) == ("1.234,50 €", "€1,234.50")
    moment = datetime(2026, 12, 7, 9, 15, tzinfo=UTC)  # 10:15 in Madrid
    assert datetime_text(moment, "es") == "7 dic 2026, 10:15"
    assert datetime_text(moment, "en") == "7 Dec 2026, 10:15"
    assert (date_text(date(2026, 9, 3), "es"), date_text(date(2026, 9, 3), "en")) == ("3 sept 2026", "3 Sep 2026")


def test_tiers_in_the_display_language() -> None:
    assert [tier_name(t, "es") for t in ("Member", "Silver", "Gold", "Platinum")] == ["Socio", "Plata", "Oro", "Platino"]
    assert tier_name("Gold", "en") == "Gold" and tier_name("Diamond", "es") == "Diamond"


TROUSERS = LocalizedText("Pleated Twill Trousers", "Pantalón plisado de sarga")


class _Store:
    """The two catalog reads catalog_names makes: a product by id, and the search that finds an exact SKU."""

    def __init__(self) -> None:
        price = Money(Decimal("46.43"), "EUR")
        variant = Variant("p1-v1", "p1", "APP-0001-BLK-M", None, price)
        self.item = Product("p1", TROUSERS, "Alma", LocalizedText("", ""), None, (variant,))

    def product(self, product_id: str) -> Product | None:
        return self.item if product_id == "p1" else None

    def search(self, query: str, lang: str, limit: int, offset: int) -> list[SearchHit]:
        if query != "APP-0001-BLK-M":
            return []
        return [SearchHit("p1", TROUSERS, "Alma", None, None, None, True)]


def _line(sku: str) -> OrderLine:
    return OrderLine("p1-v1-retired", sku, None, "Pleated Twill Trousers", 2, Money(Decimal("46.43"), "EUR"))


def test_an_order_line_stored_in_english_is_named_in_the_screens_language() -> None:
    store = _Store()
    names = catalog_names(store, [_line("APP-0001-BLK-M"), _line("GONE-1")])  # type: ignore[arg-type]
    assert names == {"APP-0001-BLK-M": TROUSERS}
    assert line_name(_line("APP-0001-BLK-M"), names, "es") == "Pantalón plisado de sarga"
    assert line_name(_line("GONE-1"), names, "es") == "Pleated Twill Trousers"  # unknown: as it was stored
    assert catalog_names(None, [_line("APP-0001-BLK-M")]) == {}


def test_the_dead_letter_row_gives_a_reason_in_words_never_the_raw_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.core.order import FulfilmentKind, Order, OrderContact, PaymentChoice

    order = Order(
        "id-1", "C381-E694", datetime(2026, 12, 7, 9, 15, tzinfo=UTC), "madrid", "k1", (_line("APP-0001-BLK-M"),),
        FulfilmentKind.PICKUP_STORE, PaymentChoice.PAY_AT_COUNTER, OrderContact("Ana", "Ruiz", "a@example.com"),
        None, None, "madrid", "EUR",
    )  # fmt: skip
    entry = OutboxEntry(order, None, 1, order.created_at, "unknown variant p1-v1-retired", "", "product_gone")  # type: ignore[arg-type]
    names = {"APP-0001-BLK-M": TROUSERS}
    es, en = dead_letter_row(entry, "es", names), dead_letter_row(entry, "en", names)
    assert es["error"] == "La tienda ya no vende un producto de este pedido."
    assert en["error"] == "The store no longer sells a product in this order."
    assert (es["date"], en["date"]) == ("7 dic 2026, 10:15", "7 Dec 2026, 10:15")
    assert (es["items"], en["items"]) == ("2 × Pantalón plisado de sarga", "2 × Pleated Twill Trousers")
    for reason, words in (("out_of_stock", "not have enough stock"), ("contact_refused", "contact detail"),
                          ("other", "another reason"), ("a-reason-from-a-newer-kiosk", "another reason")):  # fmt: skip
        assert words in str(dead_letter_row(replace(entry, reject_reason=reason), "en")["error"])
    assert "unknown variant" not in str(es) + str(en)


def test_a_rejection_carries_its_reason_and_defaults_to_other() -> None:
    assert BackendRejectedError("x").reason is RejectionReason.OTHER
    assert BackendRejectedError("x", RejectionReason.OUT_OF_STOCK).reason == "out_of_stock"
