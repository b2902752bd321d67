"""The running kiosk's periodic delta sync: when it polls, how it backs off, and what a cart does with a change."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from kiosk.core.cart import Cart, CartLine, LineChange
from kiosk.core.catalog import CatalogPage
from kiosk.core.errors import BackendProtocolError, BackendRejectedError, BackendUnavailableError
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind, OrderContact, PaymentChoice
from kiosk.core.services.catalog_refresh import CatalogRefresh, RefreshPolicy
from kiosk.core.services.catalog_sync import MAX_NAMED_CHANGES, CatalogSync, SyncReport
from kiosk.core.services.checkout import CheckoutError, CheckoutRequest, CheckoutService
from tests.fakes import FakeClock, make_product

EUR = "EUR"


def _report() -> SyncReport:
    return SyncReport(1, 0, 0, 0, 0.01)


def test_polls_at_the_interval_while_the_backend_answers() -> None:
    refresh = CatalogRefresh(RefreshPolicy(30), random.Random(1))
    assert refresh.succeeded(_report()) == 30
    assert refresh.status.synced_ok and refresh.status.failures == 0


def test_backs_off_with_full_jitter_while_unreachable_and_resets_on_the_first_answer() -> None:
    refresh = CatalogRefresh(RefreshPolicy(30, offline_cap_s=300), random.Random(7))
    delays = [refresh.failed(BackendUnavailableError("down")) for _ in range(8)]
    ceilings = [min(300, 30 * 2**n) for n in range(1, 9)]
    assert all(30 <= d <= c for d, c in zip(delays, ceilings, strict=True)), delays
    assert max(delays) > 60  # it really backs off
    assert refresh.status.failures == 8 and refresh.status.last_error == "down"
    assert refresh.succeeded(_report()) == 30
    assert refresh.failed(BackendUnavailableError("down again")) <= 60  # the back-off starts over


def test_retry_after_is_honoured_up_to_the_cap() -> None:
    refresh = CatalogRefresh(RefreshPolicy(10, offline_cap_s=120), random.Random(2))
    assert refresh.failed(BackendUnavailableError("busy", retry_after_s=100)) >= 100
    assert refresh.failed(BackendUnavailableError("busy", retry_after_s=10_000)) <= 120


@pytest.mark.parametrize("error", [BackendRejectedError("refused"), BackendProtocolError("bad reply")])
def test_an_answer_that_is_not_changes_keeps_the_interval(error: Exception) -> None:
    refresh = CatalogRefresh(RefreshPolicy(30), random.Random(3))
    assert [refresh.failed(error) for _ in range(3)] == [30, 30, 30]  # type: ignore[arg-type]
    assert not refresh.status.synced_ok


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"interval_s": 0.5}, "catalog refresh interval must be from 1 to 3600 s, got 0.5"),
        ({"interval_s": 7200}, "catalog refresh interval must be from 1 to 3600 s, got 7200"),
        ({"interval_s": 60, "offline_cap_s": 30}, "offline back-off cap (30 s) must not be below the interval (60 s)"),
    ],
)
def test_bad_policies_are_named_exactly(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError) as caught:
        RefreshPolicy(**kwargs)
    assert str(caught.value) == message


def _line(variant: str, price: str, quantity: int = 1) -> CartLine:
    return CartLine(variant, f"p-{variant}", f"SKU-{variant}", LocalizedText("Shirt", "Camisa"), "M", Money.of(price, EUR), quantity)


def test_a_repriced_line_shows_old_and_new_price_in_both_languages() -> None:
    cart = Cart(EUR).add(_line("a", "19.95", 2)).add(_line("b", "5.00"))
    cart, changes = cart.reprice({"a": Money.of("17.95", EUR), "b": Money.of("5.00", EUR)})
    assert changes == (LineChange("a", Money.of("19.95", EUR), Money.of("17.95", EUR)),)
    line = cart.lines[0]
    assert line.unit_price == Money.of("17.95", EUR) and cart.subtotal == Money.of("40.90", EUR)
    notice = line.notice()
    assert notice == LocalizedText("Price changed: €19.95 → €17.95", "El precio ha cambiado: 19,95 € → 17,95 €")
    assert cart.lines[1].notice() is None
    # accepted: the notice goes; a second change is measured from the price the shopper accepted
    cart = cart.acknowledge_changes()
    assert cart.lines[0].notice() is None
    cart, _ = cart.reprice({"a": Money.of("18.95", EUR)})
    assert cart.lines[0].previous_price == Money.of("17.95", EUR)


def test_a_price_that_returns_to_what_the_shopper_saw_clears_the_notice() -> None:
    cart = Cart(EUR).add(_line("a", "10.00"))
    cart, _ = cart.reprice({"a": Money.of("12.00", EUR)})
    cart, changes = cart.reprice({"a": Money.of("10.00", EUR)})
    assert len(changes) == 1 and cart.lines[0].notice() is None


def test_a_withdrawn_line_is_flagged_and_blocks_checkout_until_removed() -> None:
    cart = Cart(EUR).add(_line("a", "10.00")).add(_line("b", "3.00"))
    cart, changes = cart.reprice({"b": None})
    assert changes == (LineChange("b", Money.of("3.00", EUR), None),)
    assert cart.lines[1].withdrawn and cart.has_withdrawn_lines
    assert cart.lines[1].notice() == LocalizedText(
        "No longer available: remove it to continue", "Ya no está disponible: quítalo para continuar"
    )
    again, changes = cart.reprice({"b": None})
    assert changes == () and again == cart  # told once
    service = CheckoutService(_NoOutbox(), _Clock(), "store", "kiosk")
    request = CheckoutRequest(cart, OrderContact("Ana", "Ruiz", "ana@example.com"), FulfilmentKind.PICKUP_STORE, PaymentChoice.PAY_AT_COUNTER, pickup_location_id="here")
    with pytest.raises(CheckoutError) as caught:
        service.validate(request)
    assert caught.value.code == "withdrawn_items"
    assert caught.value.message == LocalizedText(
        "Some items are no longer available: remove them from your cart to continue.",
        "Algunos artículos ya no están disponibles: quítalos del carrito para continuar.",
    )
    service.validate(CheckoutRequest(cart.remove("b"), request.contact, request.fulfilment, request.payment, pickup_location_id="here"))


def test_a_price_in_another_currency_withdraws_the_line_rather_than_mixing_currencies() -> None:
    cart, changes = Cart(EUR).add(_line("a", "10.00")).reprice({"a": Money.of("10.00", "USD")})
    assert cart.lines[0].withdrawn and changes[0].new_price is None


class _Pages:
    """A backend whose change feed is a script of pages; the cursor is the page's number."""

    def __init__(self, pages: list[CatalogPage]) -> None:
        self.pages = pages

    def catalog_changes(self, cursor: str | None, limit: int) -> CatalogPage:
        return self.pages[int(cursor or 0)]


class _Store:
    def __init__(self) -> None:
        self.saved_cursor: str | None = None

    def cursor(self) -> str | None:
        return self.saved_cursor

    def resync_pending(self) -> str | None:
        return None

    def product_count(self) -> int:
        return 1

    def apply_page(self, page: CatalogPage, synced_at: datetime) -> None:
        self.saved_cursor = page.next_cursor


def test_sync_reports_name_the_changed_and_deleted_products_until_there_are_too_many() -> None:
    pages = [
        CatalogPage((make_product(1), make_product(2)), (), "1", True),
        CatalogPage((make_product(3),), ("p2", "p9"), "2", False),
        CatalogPage((), (), "2", False),
    ]
    store = _Store()
    report = CatalogSync(_Pages(pages), store, FakeClock(), snapshot=False).sync()  # type: ignore[arg-type]
    assert report.changed_product_ids == {"p1", "p3"}  # p2 changed, then deleted: deleted
    assert report.deleted_product_ids == {"p2", "p9"}
    assert report.anything_changed and not report.everything_changed
    quiet = CatalogSync(_Pages(pages), store, FakeClock(), snapshot=False).sync()  # type: ignore[arg-type]
    assert not quiet.anything_changed

    many = [CatalogPage(tuple(make_product(i) for i in range(MAX_NAMED_CHANGES + 1)), (), "1", False)]
    flood = CatalogSync(_Pages(many), _Store(), FakeClock(), snapshot=False).sync()  # type: ignore[arg-type]
    assert flood.everything_changed and flood.changed_product_ids == frozenset()


class _NoOutbox:
    def save(self, order: object) -> None:
        raise AssertionError("validation only")


class _Clock:
    def now(self) -> datetime:
        return datetime(2026, 12, 7, tzinfo=UTC)

    def monotonic(self) -> float:
        return 0.0
