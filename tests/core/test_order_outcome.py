"""What the backend made of an order, as the shopper reads it: notes, the store's follow-up on short lines and the
final amount; and the order status of this kiosk's delivered order, from what kiosk.db kept."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import OrderReceipt, ShortLine
from kiosk.core.order_outcome import STORE_FOLLOWS_UP, final_amount_text, outcome_lines, outcome_text
from kiosk.core.order_tracking import TrackingState, order_code
from kiosk.core.services.order_status import OrderStatusLookup, tracking_of
from kiosk.storage.order_outbox import SqliteOrderOutbox
from tests.fakes import FakeClock, FixedOrderTracker
from tests.fixtures.vendure import sample_order

SHORT = LocalizedText("Only 1 of 2 × Trail shoe were in stock; 1 missing.", "Solo había 1 de 2 × Trail shoe en stock; falta 1.")
COUPON = LocalizedText("The code NOPE does not exist. Check it and try again.", "El código NOPE no existe. Revísalo e inténtalo de nuevo.")


def _receipt(client_order_id: str, **changes: object) -> OrderReceipt:
    receipt = OrderReceipt(client_order_id, "DEMO-000001", "PaymentPending", total=Money.of("20.00", "EUR"),
                           points_earned=20, short_lines=(ShortLine("v1", 2, 1),), notes=(SHORT, COUPON))  # fmt: skip
    return replace(receipt, **changes)  # type: ignore[arg-type]


def test_the_notes_come_first_then_the_stores_follow_up_when_a_line_was_short() -> None:
    receipt = _receipt("o1")
    assert outcome_text(receipt, "en") == (
        "Only 1 of 2 × Trail shoe were in stock; 1 missing.\n"
        "The code NOPE does not exist. Check it and try again.\n"
        "The store will contact you about the items that could not be ordered."
    )
    assert outcome_text(receipt, "es") == (
        "Solo había 1 de 2 × Trail shoe en stock; falta 1.\n"
        "El código NOPE no existe. Revísalo e inténtalo de nuevo.\n"
        "La tienda se pondrá en contacto contigo por los artículos que no se han podido pedir."
    )
    assert outcome_lines(replace(receipt, short_lines=(), notes=(COUPON,))) == (COUPON,)
    assert outcome_text(replace(receipt, short_lines=(), notes=()), "en") == ""
    assert outcome_text(None, "es") == ""


def test_the_final_amount_is_said_only_when_it_is_not_what_the_shopper_was_shown() -> None:
    order = sample_order(number="K-0001")
    shown = order.shown_total
    assert final_amount_text(_receipt(order.client_order_id, total=shown), order, "en") == ""
    assert final_amount_text(_receipt(order.client_order_id, total=None), order, "en") == ""
    less = shown - Money.of("5.00", shown.currency)
    assert final_amount_text(_receipt(order.client_order_id, total=less), order, "en") == (
        f"Final amount: {less.format('en')} (the kiosk estimated {shown.format('en')})."
    )
    assert final_amount_text(_receipt(order.client_order_id, total=less), order, "es") == (
        f"Importe final: {less.format('es')} (el quiosco calculó {shown.format('es')})."
    )


def test_the_status_of_this_kiosks_delivered_order_shows_what_kiosk_db_kept_and_a_queued_one_shows_none(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    outbox = SqliteOrderOutbox(tmp_path / "kiosk.db", clock)
    try:
        queued, delivered = sample_order(number="K-0001"), sample_order(number="K-0002")
        outbox.save(queued)
        outbox.save(delivered)
        outbox.mark_delivered(_receipt(delivered.client_order_id))
        tracker = FixedOrderTracker(tracking_of(delivered, TrackingState.RECEIVED, clock))
        lookup = OrderStatusLookup(tracker, outbox, clock, lambda: ())  # type: ignore[arg-type]
        answer = lookup.look_up(order_code(delivered))
        assert answer.outcome == (SHORT, COUPON, STORE_FOLLOWS_UP)
        assert answer.outcome_message("en").endswith("The store will contact you about the items that could not be ordered.")
        assert answer.outcome_message("es").startswith("Solo había 1 de 2 × Trail shoe en stock; falta 1.\n")
        tracker.tracking = None  # offline: the queued order is "saved, not sent yet", with nothing from the backend
        still = lookup.look_up(order_code(queued))
        assert still.tracking is not None and still.tracking.state is TrackingState.NOT_SENT
        assert still.outcome == () and still.outcome_message("en") == ""
        assert still.tracking.detail("en") == (
            "This kiosk will send it as soon as the online store can be reached; stock is confirmed then."
        )
    finally:
        outbox.close()


def test_a_short_line_says_how_many_are_missing_in_both_languages_singular_and_plural() -> None:
    one = ShortLine("v1", ordered=2, placed=1).note("Shoe")
    three = ShortLine("v1", ordered=5, placed=2).note("Shoe")
    assert (one.en, one.es) == (
        "Only 1 of 2 × Shoe were in stock; 1 missing.",
        "Solo había 1 de 2 × Shoe en stock; falta 1.",
    )
    assert (three.en, three.es) == (
        "Only 2 of 5 × Shoe were in stock; 3 missing.",
        "Solo había 2 de 5 × Shoe en stock; faltan 3.",
    )
