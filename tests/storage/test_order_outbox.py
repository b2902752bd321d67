from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.core.cart import Cart, CartLine
from kiosk.core.customer import Address
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind, OrderContact, OrderReceipt, OrderStatus, PaymentChoice, ShortLine
from kiosk.core.services.checkout import CheckoutError, CheckoutRequest, CheckoutService
from kiosk.core.services.outbox_sender import OutboxSender
from kiosk.storage.order_outbox import SqliteOrderOutbox
from tests.fakes import FakeBackend, FakeClock

CANARY = "Zebulon Canarywitz"


def _request(**changes: object) -> CheckoutRequest:
    cart = Cart("EUR").add(
        CartLine("v1", "p1", "SKU1", LocalizedText("Shoe", "Zapato"), "42", Money.of("19.99", "EUR"), 2)
    )
    fields: dict[str, object] = {
        "cart": cart,
        "contact": OrderContact("Zebulon", "Canarywitz", "zeb@example.com"),
        "fulfilment": FulfilmentKind.HOME_DELIVERY,
        "payment": PaymentChoice.PAY_AT_COUNTER,
        "shipping_address": Address(CANARY, "Calle Mayor 1", "Madrid", "28013", "ES"),
        "shipping_method": FakeBackend().shipping_methods("ES")[0],
    }
    fields.update(changes)
    return CheckoutRequest(**fields)  # type: ignore[arg-type]


@pytest.fixture
def outbox(tmp_path: Path) -> SqliteOrderOutbox:
    box = SqliteOrderOutbox(tmp_path / "kiosk.db", FakeClock())
    yield box
    box.close()


def test_kiosk_db_is_durable_by_configuration(outbox: SqliteOrderOutbox) -> None:
    conn = sqlite3.connect(outbox.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    assert outbox._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert outbox._conn.execute("PRAGMA secure_delete").fetchone()[0] == 1


def test_place_saves_order_and_outbox_row_together(outbox: SqliteOrderOutbox) -> None:
    order = CheckoutService(outbox, FakeClock(), "here", "k1").place(_request(), "en")
    entry = outbox.get(order.client_order_id)
    assert entry is not None and entry.status is OrderStatus.SAVED
    assert entry.order == order
    assert str(order.total.amount) == "44.93"
    assert outbox.pending_count() == 1


def test_sender_delivers_once_with_the_same_key_and_strips_personal_data(outbox: SqliteOrderOutbox) -> None:
    clock = FakeClock()
    backend = FakeBackend(offline=True)
    order = CheckoutService(outbox, clock, "here", "k1").place(_request(), "en")
    sender = OutboxSender(backend, outbox, clock)
    assert sender.send_due().retried == 1
    clock.advance(400)
    backend.offline = False
    assert sender.send_due().delivered == 1
    assert list(backend.orders) == [order.client_order_id]
    entry = outbox.get(order.client_order_id)
    assert entry is not None and entry.status is OrderStatus.DELIVERED and entry.backend_code == "B00001"
    assert entry.order.number == order.number
    outbox.checkpoint()
    for suffix in ("", "-wal"):
        path = Path(str(outbox.path) + suffix)
        if path.exists():
            assert CANARY.encode() not in path.read_bytes()
    assert outbox.pending_count() == 0


def test_rejected_order_goes_to_dead_letters_and_does_not_block(outbox: SqliteOrderOutbox) -> None:
    from kiosk.core.errors import BackendRejectedError

    clock = FakeClock()
    service = CheckoutService(outbox, clock, "here", "k1")
    first = service.place(_request(), "en")
    second = service.place(_request(), "en")

    class PickyBackend(FakeBackend):
        def submit_order(self, order):  # type: ignore[no-untyped-def]
            if order.client_order_id == first.client_order_id:
                raise BackendRejectedError("Variant no longer exists")
            return super().submit_order(order)

    backend = PickyBackend()
    report = OutboxSender(backend, outbox, clock).send_due()
    assert (report.delivered, report.rejected) == (1, 1)
    assert [e.order.client_order_id for e in outbox.rejected()] == [first.client_order_id]
    assert list(backend.orders) == [second.client_order_id]


@pytest.mark.parametrize(
    ("changes", "code", "message"),
    [
        ({"cart": Cart("EUR")}, "empty_cart", "Your cart is empty."),
        ({"shipping_method": None}, "missing_method", "Please choose a delivery method."),
        (
            {"shipping_address": Address("", "", "Madrid", "28013", "ES")},
            "missing_address",
            "Please complete the delivery address: full name, street.",
        ),
        (
            {"fulfilment": FulfilmentKind.PICKUP_STORE},
            "missing_pickup",
            "Please choose a store for pickup.",
        ),
    ],
)
def test_checkout_refuses_incomplete_orders_with_exact_messages(
    outbox: SqliteOrderOutbox, changes: dict[str, object], code: str, message: str
) -> None:
    with pytest.raises(CheckoutError) as info:
        CheckoutService(outbox, FakeClock(), "here", "k1").place(_request(**changes), "en")
    assert (info.value.code, info.value.message.en) == (code, message)
    assert outbox.pending_count() == 0


def test_a_full_disk_raises_storage_error_and_keeps_every_saved_order(tmp_path: Path) -> None:
    from kiosk.core.errors import StorageError

    box = SqliteOrderOutbox(tmp_path / "kiosk.db", FakeClock())
    pages = box._conn.execute("PRAGMA page_count").fetchone()[0]
    box._conn.execute(f"PRAGMA max_page_count={pages + 3}")  # the file cannot grow: like a full disk
    service = CheckoutService(box, FakeClock(), "here", "k1")
    saved = []
    with pytest.raises(StorageError, match="kiosk.db write failed: database or disk is full"):
        for _ in range(200):
            saved.append(service.place(_request(), "en").client_order_id)
    assert 0 < len(saved) < 200
    box._conn.execute("PRAGMA max_page_count=1073741823")
    assert box.pending_count() == len(saved)
    assert all(box.get(cid) is not None for cid in saved)
    assert box._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    box.close()


def test_mark_delivered_for_unknown_order_is_an_error(outbox: SqliteOrderOutbox) -> None:
    from kiosk.core.errors import StorageError

    with pytest.raises(StorageError, match="No order nope in kiosk.db"):
        outbox.mark_delivered(OrderReceipt("nope", "X", "s"))


def _receipt(client_order_id: str) -> OrderReceipt:
    return OrderReceipt(
        client_order_id,
        "DEMO-000007",
        "PaymentPending",
        total=Money.of("19.99", "EUR"),
        points_earned=19,
        short_lines=(ShortLine("v1", 2, 1),),
        notes=(
            LocalizedText("Only 1 of 2 × Shoe were in stock; 1 missing.", "Solo había 1 de 2 × Zapato en stock; falta 1."),
            LocalizedText("The code NOPE does not exist.", "El código NOPE no existe."),
        ),
    )


def test_the_receipts_outcome_is_kept_with_the_delivered_order_and_nothing_personal(
    outbox: SqliteOrderOutbox,
) -> None:
    order = CheckoutService(outbox, FakeClock(), "here", "k1").place(_request(), "en")
    saved = outbox.get(order.client_order_id)
    assert saved is not None and saved.receipt is None  # not sent yet: nothing from the backend
    receipt = _receipt(order.client_order_id)
    outbox.mark_delivered(receipt)
    entry = outbox.get(order.client_order_id)
    assert entry is not None and entry.status is OrderStatus.DELIVERED
    assert entry.receipt == receipt  # every field back: total, points, short lines, both languages of each note
    # the outcome column holds the receipt and no trace of the shopper
    raw = sqlite3.connect(outbox.path).execute(
        "SELECT outcome FROM orders WHERE client_order_id=?", (order.client_order_id,)
    ).fetchone()[0]
    assert "Solo había 1 de 2 × Zapato" in raw and CANARY not in raw and "zeb@example.com" not in raw


def test_a_receipt_without_outcome_round_trips_and_an_unreadable_one_reads_as_none(outbox: SqliteOrderOutbox) -> None:
    service = CheckoutService(outbox, FakeClock(), "here", "k1")
    bare, damaged = service.place(_request(), "en"), service.place(_request(), "en")
    outbox.mark_delivered(OrderReceipt(bare.client_order_id, "B1", "ArrangingPayment"))
    entry = outbox.get(bare.client_order_id)
    assert entry is not None and entry.receipt == OrderReceipt(bare.client_order_id, "B1", "ArrangingPayment")
    outbox.mark_delivered(_receipt(damaged.client_order_id))
    with sqlite3.connect(outbox.path) as conn:
        conn.execute("UPDATE orders SET outcome='{\"total\": 3}' WHERE client_order_id=?", (damaged.client_order_id,))
    entry = outbox.get(damaged.client_order_id)
    assert entry is not None and entry.status is OrderStatus.DELIVERED and entry.receipt is None
