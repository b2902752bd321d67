"""The "kiosk process" the harness kills: real CheckoutService + SqliteOrderOutbox + VendureBackend + sender.

Run as `python -m tests.faults.child ...` (the harness does). It writes one marker line per step to stdout
so the harness knows where each kill landed:

    ready          started; the queue resumes from kiosk.db
    C+ / C-        a checkout began / save() returned and the order number was journalled (fsync)
    D+ / D-        a submission to the backend began / its outcome was written to kiosk.db
    drained        (--drain) the outbox is empty

The journal holds only what the shopper was shown as saved: a line is appended after save() returned.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import threading
import time
from pathlib import Path

from kiosk.backends.vendure.backend import VendureBackend
from kiosk.backends.vendure.credentials import VendureCredentials
from kiosk.core.cart import Cart, CartLine
from kiosk.core.clock import SystemClock
from kiosk.core.customer import Address
from kiosk.core.errors import StorageError
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import FulfilmentKind, Order, OrderContact, OrderReceipt, PaymentChoice, ShippingMethod
from kiosk.core.ports import CommerceBackend
from kiosk.core.services.checkout import CheckoutRequest, CheckoutService
from kiosk.core.services.outbox_sender import BackoffPolicy, OutboxSender
from kiosk.storage.order_outbox import SqliteOrderOutbox

_out_lock = threading.Lock()


def mark(text: str) -> None:
    with _out_lock:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


class MarkedOutbox(SqliteOrderOutbox):
    """The real outbox; says when a submission's outcome is on disk."""

    def mark_delivered(self, receipt: OrderReceipt) -> None:
        super().mark_delivered(receipt)
        mark("D-")

    def mark_retry(self, client_order_id: str, error: str, next_attempt_at: object) -> None:  # type: ignore[override]
        super().mark_retry(client_order_id, error, next_attempt_at)  # type: ignore[arg-type]
        mark("D-")

    def mark_rejected(self, client_order_id: str, error: str, reason: str = "other") -> None:
        super().mark_rejected(client_order_id, error, reason)
        mark("D-")


class MarkedBackend:
    """Passes everything through; says when a submission begins."""

    def __init__(self, backend: CommerceBackend) -> None:
        self._backend = backend
        self.name = backend.name

    def __getattr__(self, name: str) -> object:
        return getattr(self._backend, name)

    def ping(self) -> None:
        self._backend.ping()

    def submit_order(self, order: Order) -> OrderReceipt:
        mark("D+")
        return self._backend.submit_order(order)


def build_backend(args: argparse.Namespace) -> CommerceBackend:
    credentials = VendureCredentials(api_key=os.environ["KIOSK_FAULTS_API_KEY"])
    kind = VendureBackend
    if args.control == "ignore-key":
        from tests.faults.controls import KeylessVendureBackend

        kind = KeylessVendureBackend
    backend: CommerceBackend = kind(
        args.admin_url, args.shop_url, credentials, timeout_s=args.timeout, order_timeout_s=args.timeout, currency="EUR"
    )
    if args.control == "new-key":
        from tests.faults.controls import NewKeyPerAttempt

        backend = NewKeyPerAttempt(backend)
    return backend


def request(rng: random.Random, variants: list[str], shopper: int, method_id: str) -> CheckoutRequest:
    cart = Cart("EUR")
    for variant in rng.sample(variants, rng.randint(1, min(3, len(variants)))):
        line = CartLine(variant, "p" + variant, "SKU" + variant, LocalizedText.same(f"Item {variant}"), "",
                        Money.of("10.00", "EUR"), rng.randint(1, 3))  # fmt: skip
        cart = cart.add(line)
    email = f"faults.shopper{shopper}@example.com"
    return CheckoutRequest(
        cart=cart,
        contact=OrderContact("Fault", f"Shopper{shopper}", email, phone="+34600000000"),
        fulfilment=FulfilmentKind.HOME_DELIVERY,
        payment=PaymentChoice.PAY_AT_COUNTER,
        shipping_address=Address(f"Fault Shopper{shopper}", "Calle Mayor 1", "Madrid", "28013", "ES"),
        shipping_method=ShippingMethod(
            method_id, "standard-shipping", LocalizedText.same("Standard"), Money.of("5", "EUR"), 3, 5
        ),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.faults.child")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--journal", type=Path, required=True)
    parser.add_argument("--admin-url", required=True)
    parser.add_argument("--shop-url", required=True)
    parser.add_argument("--device-id", required=True)
    parser.add_argument("--variants", required=True, help="comma-separated Vendure variant ids")
    parser.add_argument("--shipping-method", default="1")
    parser.add_argument("--timeout", type=float, default=1.0)
    parser.add_argument("--gap", type=float, default=0.4, help="mean seconds between checkouts")
    parser.add_argument(
        "--max-pending", type=int, default=25, help="no new checkout while this many orders wait (bounds the backlog)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--control", choices=["none", "new-key", "ignore-key"], default="none")
    parser.add_argument("--drain", action="store_true", help="no checkouts; exit 0 once the outbox is empty")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    clock = SystemClock()
    outbox = MarkedOutbox(args.db, clock)
    backend = MarkedBackend(build_backend(args))
    # Short backoff so a run of hundreds of kills drains in seconds; the policy itself is what production uses.
    sender = OutboxSender(
        backend, outbox, clock, BackoffPolicy(0.2, 2.0), rng=random.Random(args.seed + 1),  # type: ignore[arg-type]
        probe_policy=BackoffPolicy(0.1, 1.0),
    )  # fmt: skip
    stop, wake = threading.Event(), threading.Event()
    thread = threading.Thread(target=sender.run, args=(stop, wake, 0.1), name="outbox-sender", daemon=True)
    service = CheckoutService(outbox, clock, "faults", args.device_id)
    thread.start()
    mark("ready")
    if args.drain:
        while outbox.pending_count():
            time.sleep(0.1)
        mark("drained")
        stop.set()
        wake.set()
        thread.join(10)
        return 0
    journal = os.open(args.journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    shopper = 0
    while True:
        time.sleep(rng.expovariate(1 / args.gap))
        if outbox.pending_count() >= args.max_pending:
            continue  # a long outage in a real store fills the queue too, but slower than this loop would
        shopper += 1
        mark("C+")
        try:
            order = service.place(request(rng, args.variants.split(","), shopper % 7, args.shipping_method), "en")
        except StorageError as exc:
            mark(f"not-saved {exc}")
            continue
        # The shopper now sees "saved": only from here on does the order count as promised.
        os.write(journal, f"{order.number} {order.client_order_id}\n".encode())
        os.fsync(journal)
        mark("C-")
        wake.set()


if __name__ == "__main__":
    sys.exit(main())
