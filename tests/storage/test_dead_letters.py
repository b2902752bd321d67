"""Dead-letter orders on a real kiosk.db: a refusal leaves the queue; an associate retries or cancels it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.backends.demo.backend import DemoBackend
from kiosk.core.cart import Cart, CartLine
from kiosk.core.customer import Address
from kiosk.core.errors import StorageError
from kiosk.core.i18n import LocalizedText
from kiosk.core.order import FulfilmentKind, Order, OrderContact, OrderStatus, PaymentChoice
from kiosk.core.services.checkout import CheckoutRequest, CheckoutService
from kiosk.core.services.outbox_sender import OutboxSender
from kiosk.storage.order_outbox import SqliteOrderOutbox
from tests.fakes import FakeBackend, FakeClock

CANARY_NAME = "Quillon Deadletterby"
CANARY_EMAIL = "quillon.dl@canary.example"
CANARY_STREET = "Rue Canarienne 77"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoBackend:
    return DemoBackend(tmp_path_factory.mktemp("dl-store"), catalog_size=20)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def outbox(tmp_path: Path, clock: FakeClock) -> Iterator[SqliteOrderOutbox]:
    box = SqliteOrderOutbox(tmp_path / "kiosk.db", clock)
    yield box
    box.close()


def _place(outbox: SqliteOrderOutbox, clock: FakeClock, backend: DemoBackend, variant_id: str) -> Order:
    variant = backend.catalog_changes(None, 1).products[0].variants[0]
    line = CartLine(variant_id, variant.product_id, variant.sku, LocalizedText("Shoe", "Zapato"), "42", variant.price, 1)
    first, last = CANARY_NAME.split()
    request = CheckoutRequest(
        cart=Cart("EUR").add(line),
        contact=OrderContact(first, last, CANARY_EMAIL, "+34 600 000 777"),
        fulfilment=FulfilmentKind.HOME_DELIVERY,
        payment=PaymentChoice.PAY_AT_COUNTER,
        shipping_address=Address(CANARY_NAME, CANARY_STREET, "Madrid", "28013", "ES", "+34 600 000 777"),
        shipping_method=backend.shipping_methods("ES")[0],
    )
    order = CheckoutService(outbox, clock, "here", "k1").place(request, "en")
    clock.advance(1)
    return order


def _files_contain(outbox: SqliteOrderOutbox, text: str) -> bool:
    outbox.checkpoint()
    paths = [Path(str(outbox.path) + suffix) for suffix in ("", "-wal", "-shm")]
    return any(text.encode() in p.read_bytes() for p in paths if p.exists())


def test_a_refused_order_is_dead_lettered_and_the_order_behind_it_is_delivered(
    outbox: SqliteOrderOutbox, clock: FakeClock, demo: DemoBackend
) -> None:
    good_variant = demo.catalog_changes(None, 1).products[0].variants[0].id
    bad = _place(outbox, clock, demo, "no-such-variant")  # older, so it is first in the queue
    good = _place(outbox, clock, demo, good_variant)
    report = OutboxSender(demo, outbox, clock).send_due()
    assert (report.delivered, report.rejected) == (1, 1)
    [dead] = outbox.rejected()
    assert dead.order.client_order_id == bad.client_order_id
    assert dead.last_error == "unknown variant no-such-variant"  # the raw text: log and `kiosk admin` only
    assert dead.reject_reason == "product_gone"  # typed by the demo store at the raising site
    assert dead.attempts == 1
    assert dead.order.contact.email == CANARY_EMAIL  # the associate needs it to call the shopper back
    delivered = outbox.get(good.client_order_id)
    assert delivered is not None and delivered.status is OrderStatus.DELIVERED
    assert outbox.pending_count() == 0 and outbox.due(clock.now(), 10) == []


def test_retry_puts_it_back_in_the_queue_due_now_with_attempts_reset(
    outbox: SqliteOrderOutbox, clock: FakeClock, demo: DemoBackend
) -> None:
    order = _place(outbox, clock, demo, "no-such-variant")
    sender = OutboxSender(demo, outbox, clock)
    sender.send_due()
    clock.advance(3600)
    outbox.retry_rejected(order.client_order_id)
    entry = outbox.get(order.client_order_id)
    assert entry is not None
    assert (entry.status, entry.attempts, entry.last_error) == (OrderStatus.SAVED, 0, "")
    assert entry.next_attempt_at == clock.now()
    assert [e.order.client_order_id for e in outbox.due(clock.now(), 10)] == [order.client_order_id]
    assert outbox.pending_count() == 1 and outbox.rejected() == []
    # the demo store still refuses it: it is dead-lettered again, counted from zero
    assert sender.send_due().rejected == 1
    again = outbox.get(order.client_order_id)
    assert again is not None and again.status is OrderStatus.REJECTED and again.attempts == 1


def test_a_retried_order_is_delivered_once_the_backend_accepts_it(
    outbox: SqliteOrderOutbox, clock: FakeClock, demo: DemoBackend
) -> None:
    order = _place(outbox, clock, demo, "v1")
    outbox.mark_rejected(order.client_order_id, "variant v1 is not for sale yet")
    backend = FakeBackend()
    assert OutboxSender(backend, outbox, clock).send_due().delivered == 0
    outbox.retry_rejected(order.client_order_id)
    assert OutboxSender(backend, outbox, clock).send_due().delivered == 1
    assert list(backend.orders) == [order.client_order_id]
    assert not _files_contain(outbox, CANARY_EMAIL)


def test_cancel_keeps_the_number_and_lines_but_no_personal_data(
    outbox: SqliteOrderOutbox, clock: FakeClock, demo: DemoBackend
) -> None:
    order = _place(outbox, clock, demo, "no-such-variant")
    OutboxSender(demo, outbox, clock).send_due()
    assert _files_contain(outbox, CANARY_EMAIL)  # still there while an associate may retry it
    outbox.cancel_rejected(order.client_order_id)
    entry = outbox.get(order.client_order_id)
    assert entry is not None and entry.status is OrderStatus.CANCELLED
    assert entry.order.number == order.number and entry.order.lines == order.lines
    assert entry.order.contact.email == "[removed]" and entry.order.contact.phone == ""
    assert entry.last_error == ""
    assert outbox.rejected() == [] and outbox.due(clock.now(), 10) == [] and outbox.pending_count() == 0
    for canary in (CANARY_NAME, "Quillon", "Deadletterby", CANARY_EMAIL, CANARY_STREET, "600 000 777"):
        assert not _files_contain(outbox, canary), canary


def test_only_rejected_orders_can_be_retried_or_cancelled(
    outbox: SqliteOrderOutbox, clock: FakeClock, demo: DemoBackend
) -> None:
    order = _place(outbox, clock, demo, "no-such-variant")
    for action in (outbox.retry_rejected, outbox.cancel_rejected):
        with pytest.raises(StorageError, match=f"^Order {order.client_order_id} is not in the rejected list$"):
            action(order.client_order_id)  # still queued, not rejected
        with pytest.raises(StorageError, match="^Order nope is not in the rejected list$"):
            action("nope")
    entry = outbox.get(order.client_order_id)
    assert entry is not None and entry.status is OrderStatus.SAVED and entry.attempts == 0
