"""Nothing of a shopper survives the session: canary personal data is planted through the real UI, the
session ends, and the UI tree, every file in the data folder and the logs are searched for it.

Two shoppers, both recognised by a real loyalty-card scan through the pty scanner (the backend knows them):

1. The first types a delivery address into the checkout with key events and places the order. While the
   backend is unreachable the order waits in kiosk.db WITH the shopper's contact data: that is by design
   (an undelivered order must be deliverable) and the test checks the canary IS on disk then, which also
   proves the file search can see it. Once the backend is back, the sender delivers the order, the local
   copy is redacted, and the shopper taps Done.
2. The second fills the checkout from the online profile and walks away before ordering: the idle warning
   shows (>= 20 s to continue), nobody answers, the session expires through the real idle path.

Then: every string property of every QObject under the window (visual children and delegates included)
and of every view-model, and every row of every list model; kiosk.db, -wal, -shm, catalog.db* and any other
file in the data folder, byte for byte; the log file (root logger at DEBUG), Qt's messages and the
process's stdout/stderr: zero hits. The demo "online store" keeps its copy of the delivered order in its own
folder, outside the kiosk's data folder: that is the backend, where the order belongs.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, QObject, Qt, QUrl
from PySide6.QtQuick import QQuickItem

from kiosk.app import KioskApp, Services
from kiosk.backends.demo.people import loyalty_number
from kiosk.config import load_config
from kiosk.core.customer import Address, Customer, CustomerLookup
from kiosk.core.order import OrderStatus
from kiosk.logs import configure_logging
from tests.fakes import FakeClock
from tests.ui.helpers import find, next_step, tap, type_text

FIRST = Customer(
    id="cust-canary-7731",
    first_name="Zyxqorwen",
    last_name="Canarybright",
    email="zyxqorwen.canarybright@example.org",
    loyalty_number=loyalty_number(9876501234),
    points=4321,
    phone="+34 611 987 123",
    addresses=(Address("Zyxqorwen Canarybright", "Calle Canariopolis 123", "Villacanaria", "28013", "ES"),),
)
SECOND = Customer(
    id="cust-canary-8842",
    first_name="Quelmara",
    last_name="Songthrushley",
    email="quelmara.songthrushley@example.net",
    loyalty_number=loyalty_number(8765409876),
    points=987,
    phone="+34 622 456 789",
    addresses=(Address("Quelmara Songthrushley", "Avenida Jilguerosa 45", "Pajarillos", "28014", "ES"),),
)


def _canaries(c: Customer) -> list[str]:
    address = c.addresses[0]
    digits = "".join(ch for ch in c.phone if ch.isdigit())
    return [
        c.id, c.first_name, c.last_name, c.email, c.email.split("@")[0], c.phone, digits[-9:], c.loyalty_number,
        address.street, address.city,
    ]


CANARIES = _canaries(FIRST) + _canaries(SECOND)


class CanaryBackend:
    """The demo store, plus two customers it recognises by card; everything else is the demo store's."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def find_customer(self, by: CustomerLookup, value: str) -> Customer | None:
        for customer in (FIRST, SECOND):
            if by is CustomerLookup.LOYALTY_NUMBER and value.lstrip("0") == customer.loyalty_number.lstrip("0"):
                return customer
        return self._inner.find_customer(by, value)  # type: ignore[no-any-return]

    def sample_customer(self) -> Customer:
        """The 'online profile' checkout can fill from: the second shopper's."""
        return SECOND


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "logs" / "kiosk.log"
    path.parent.mkdir()
    stream = path.open("w", encoding="utf-8")
    root = logging.getLogger()
    level = root.level
    handler = configure_logging("DEBUG", stream)  # the kiosk's own log set-up (JSON lines), at DEBUG
    yield path
    root.removeHandler(handler)
    root.setLevel(level)
    stream.close()


@pytest.fixture
def app(qtbot, tmp_path: Path, demo_backend, clock: FakeClock, log_file: Path) -> Iterator[KioskApp]:  # type: ignore[no-untyped-def]
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data"), "KIOSK_LANGUAGE": "en"}
    env.pop("KIOSK_CONFIG", None)
    services = Services.build(load_config(env=env), backend=CanaryBackend(demo_backend), clock=clock)  # type: ignore[arg-type]
    services.sync()
    kiosk = KioskApp(services, width=1080, height=1920)
    kiosk.load_shipping_methods()
    qtbot.waitUntil(lambda: kiosk.app_vm.checkout.shippingMethods.count > 0, timeout=5000)
    yield kiosk
    demo_backend.offline = False
    kiosk.shutdown()


# --- where shopper data could hide -----------------------------------------------------------------
def _values(obj: QObject) -> Iterator[str]:
    meta = obj.metaObject()
    for i in range(meta.propertyCount()):
        prop = meta.property(i)
        if prop.typeName() not in ("QString", "QUrl", "QStringList", "QVariant", "QVariantList", "QVariantMap"):
            continue
        value = prop.read(obj)
        if isinstance(value, QUrl):
            yield value.toString()
        elif value is not None and not isinstance(value, QObject):
            yield str(value)
    if isinstance(obj, QAbstractItemModel):
        roles = [*obj.roleNames(), Qt.ItemDataRole.DisplayRole]
        for row in range(obj.rowCount()):
            index = obj.index(row, 0)
            for role in roles:
                value = obj.data(index, role)
                if value is not None and not isinstance(value, QObject):
                    yield str(value)


def _objects(roots: list[QObject]) -> Iterator[QObject]:
    """Every QObject reachable as a QObject child or a visual child (delegates have no QObject parent)."""
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        yield obj
        stack.extend(obj.children())
        if isinstance(obj, QQuickItem):
            stack.extend(obj.childItems())


def ui_hits(kiosk: KioskApp, canaries: list[str]) -> list[tuple[str, str, str]]:
    hits = []
    roots: list[QObject] = [kiosk.window, kiosk.window.contentItem(), kiosk.app_vm]
    for obj in _objects(roots):
        for value in _values(obj):
            for canary in canaries:
                if canary.lower() in value.lower():
                    hits.append((obj.metaObject().className(), obj.objectName(), canary))
    return hits


def file_hits(folder: Path, canaries: list[str]) -> list[tuple[str, str]]:
    hits = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes().lower()
        hits += [(path.name, c) for c in canaries if c.lower().encode() in data]
    return hits


# --- the journey ----------------------------------------------------------------------------------
def _tap(qtbot, kiosk: KioskApp, name: str) -> None:  # type: ignore[no-untyped-def]
    tap(kiosk.window, find(kiosk.window, name))


def _scan_card(kiosk: KioskApp, qtbot, customer: Customer) -> None:  # type: ignore[no-untyped-def]
    kiosk.virtual_scanner.write(b"]E00" + customer.loyalty_number.encode() + b"\r")
    qtbot.waitUntil(lambda: kiosk.app_vm.shopperName == customer.first_name, timeout=5000)
    kiosk.app_vm.dismissNotice()


def _cart_to_checkout(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    hit = kiosk.services.store.popular(1)[0]
    vm.openProduct(hit.product_id)
    qtbot.waitUntil(lambda: vm.page == "product" and vm.product.productId == hit.product_id)
    vm.product.addToCart()
    qtbot.waitUntil(lambda: vm.cart.count == 1)
    vm.openCheckout()
    qtbot.waitUntil(lambda: vm.page == "checkout")


def _type_into(kiosk: KioskApp, qtbot, field: str, text: str, vm_name: str) -> None:  # type: ignore[no-untyped-def]
    find(kiosk.window, field + "Input").forceActiveFocus()
    type_text(kiosk.window, text)
    qtbot.waitUntil(lambda: getattr(kiosk.app_vm.checkout, vm_name) == text)


def test_no_shopper_data_survives_the_session(app: KioskApp, qtbot, clock: FakeClock, demo_backend, log_file: Path, qtlog, capfd) -> None:  # type: ignore[no-untyped-def]
    vm, window, data_dir = app.app_vm, app.window, app.services.config.data_dir
    outbox = app.services.outbox

    # 1. Recognised by card, types the delivery address, orders while the backend is unreachable
    _scan_card(app, qtbot, FIRST)
    _cart_to_checkout(app, qtbot)
    address = FIRST.addresses[0]
    qtbot.waitUntil(lambda: vm.checkout.optionKey == "home_delivery:")
    next_step(qtbot, app, 1)
    for field, text, name in [
        ("streetField", address.street, "street"), ("postalCodeField", address.postal_code, "postalCode"),
        ("cityField", address.city, "city"),
    ]:
        _type_into(app, qtbot, field, text, name)
    next_step(qtbot, app, 2)
    for field, text, name in [
        ("firstNameField", FIRST.first_name, "firstName"), ("lastNameField", FIRST.last_name, "lastName"),
        ("emailField", FIRST.email, "email"), ("phoneField", FIRST.phone, "phone"),
    ]:
        _type_into(app, qtbot, field, text, name)
    next_step(qtbot, app, 3)
    demo_backend.offline = True
    _tap(qtbot, app, "placeOrderButton")
    qtbot.waitUntil(lambda: vm.page == "confirmation", timeout=5000)
    order = vm.checkout.last_order
    assert order is not None
    outbox.checkpoint()
    on_disk = {c for _, c in file_hits(data_dir, _canaries(FIRST))}
    assert {FIRST.email, FIRST.last_name, address.street} <= on_disk  # undelivered: kept, and the search sees it

    # the backend comes back; the sender delivers and redacts the local copy; the shopper taps Done
    demo_backend.offline = False
    clock.advance(31)  # past the sender's offline probe backoff (capped at 30 s)
    app._wake.set()
    qtbot.waitUntil(
        lambda: (e := outbox.get(order.client_order_id)) is not None and e.status is OrderStatus.DELIVERED,
        timeout=15000,
    )
    assert demo_backend.find_order(order.client_order_id) is not None
    vm.refresh_status()  # the status strip (shown while offline) leaves; later taps aim at a settled layout
    qtbot.waitUntil(lambda: vm.online and vm.pendingOrders == 0, timeout=5000)
    _tap(qtbot, app, "doneButton")
    qtbot.waitUntil(lambda: vm.page == "attract")

    # 2. Recognised by card, fills the checkout from the online profile, walks away
    _scan_card(app, qtbot, SECOND)
    _cart_to_checkout(app, qtbot)
    qtbot.waitUntil(lambda: vm.checkout.optionKey == "home_delivery:")
    next_step(qtbot, app, 1)
    _tap(qtbot, app, "useProfileAddressButton")
    qtbot.waitUntil(lambda: vm.checkout.email == SECOND.email)
    seen = {c for _, _, c in ui_hits(app, _canaries(SECOND))}
    assert {SECOND.first_name, SECOND.email, SECOND.addresses[0].street} <= seen  # the UI search sees it
    policy = vm.session.policy
    clock.advance(policy.idle_timeout_s + 1)
    qtbot.waitUntil(lambda: vm.session.phase == "warning")
    assert find(window, "continueButton").isVisible() and vm.session.secondsLeft >= 20
    clock.advance(policy.warning_s)
    qtbot.waitUntil(lambda: vm.page == "attract", timeout=3000)
    app.runner.wait_idle()
    qtbot.waitUntil(lambda: vm.checkout.firstName == "" and vm.shopperName == "")

    # 3. Search everywhere: zero hits
    assert vm.customer is None and vm.checkout.last_order is None and vm.cart.count == 0
    assert ui_hits(app, CANARIES) == []
    assert file_hits(data_dir, CANARIES) == []
    assert {p.name for p in data_dir.iterdir() if p.is_file()} >= {"kiosk.db", "catalog.db"}
    wal = data_dir / "kiosk.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed and truncated at session end
    logging.getLogger("tests.privacy").info("log capture check")
    logged = log_file.read_text(encoding="utf-8")
    assert "log capture check" in logged
    records = [json.loads(line) for line in logged.splitlines()]  # every line one JSON object
    assert len(records) > 3 and {"ts", "level", "logger", "msg"} <= set(records[-1])
    assert [c for c in CANARIES if c.lower() in logged.lower()] == []
    qt_messages = " ".join(r.message for r in qtlog.records).lower()
    assert [c for c in CANARIES if c.lower() in qt_messages] == []
    out, err = capfd.readouterr()
    assert [c for c in CANARIES if c.lower() in (out + err).lower()] == []
