"""Answers that arrive late from a worker never move the shopper or refill a wiped screen, and a reply the
kiosk cannot use is never told to the shopper as "card not found".

Product loads run on a worker against the real catalog.db; a gate holds one load back to make it late.
"""

from __future__ import annotations

import threading
from typing import Any

from kiosk.app import KioskApp
from kiosk.core.errors import BackendProtocolError, BackendRejectedError
from tests.ui.conftest import MakeKiosk


class _HeldStore:
    """The real catalog store, except that loading `held_id` waits until the test releases it."""

    def __init__(self, store: Any, held_id: str) -> None:
        self._store = store
        self._held_id = held_id
        self.release = threading.Event()
        self.asked = threading.Event()
        self.answered = threading.Event()

    def product(self, product_id: str) -> Any:
        if product_id != self._held_id:
            return self._store.product(product_id)
        self.asked.set()
        self.release.wait(10)
        try:
            return self._store.product(product_id)
        finally:
            self.answered.set()

    def let_it_finish(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        """Releases the held load and gives its answer time to reach the GUI thread and be dropped."""
        self.release.set()
        qtbot.waitUntil(self.answered.is_set, timeout=5000)
        qtbot.wait(200)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def _open_a_slow_product(kiosk: KioskApp) -> tuple[_HeldStore, str]:
    """The shopper taps a popular product whose load is held on the worker; returns the gate and another
    product's id."""
    kiosk.app_vm.start()
    slow, other = (hit.product_id for hit in kiosk.services.store.popular(2))
    held = _HeldStore(kiosk.services.store, slow)
    kiosk.app_vm.product._store = held  # the view-model's own store, gated
    kiosk.app_vm.openProduct(slow)
    assert held.asked.wait(5)
    return held, other


def test_a_late_product_load_does_not_pull_the_shopper_back_from_the_cart(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    held, _ = _open_a_slow_product(kiosk)
    vm.openCart()
    held.let_it_finish(qtbot)
    assert vm.page == "cart"


def test_a_late_load_does_not_replace_the_product_the_shopper_opened_after_it(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    held, fast = _open_a_slow_product(kiosk)
    vm.openProduct(fast)
    qtbot.waitUntil(lambda: vm.page == "product" and vm.product.productId == fast, timeout=5000)
    held.let_it_finish(qtbot)
    assert vm.product.productId == fast


def test_a_load_finishing_after_the_session_ended_leaves_the_screen_empty(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    held, _ = _open_a_slow_product(kiosk)
    vm.session.end()
    qtbot.waitUntil(lambda: vm.page == "attract", timeout=5000)
    held.let_it_finish(qtbot)
    assert vm.page == "attract"
    assert vm.product.productId == "" and not vm.product.loaded


class _FailingCustomers:
    """The demo backend, whose customer lookup answers with `error`, as a broken or refusing server would."""

    def __init__(self, backend: Any, error: Exception) -> None:
        self._backend = backend
        self._error = error

    def find_customer(self, by: Any, value: str) -> Any:
        raise self._error

    def __getattr__(self, name: str) -> Any:
        return getattr(self._backend, name)


def test_a_malformed_or_refused_reply_keeps_the_card_for_points_instead_of_saying_not_found(
    make_kiosk: MakeKiosk, qtbot, demo_backend  # type: ignore[no-untyped-def]
) -> None:
    customer = demo_backend.sample_customer()
    masked = "•••• " + customer.loyalty_number[-4:]
    for error in (BackendProtocolError("reply is not JSON"), BackendRejectedError("HTTP 403")):
        kiosk = make_kiosk(backend=_FailingCustomers(demo_backend, error))
        vm = kiosk.app_vm
        vm.start()
        assert kiosk.virtual_scanner is not None
        kiosk.virtual_scanner.write(b"]E00" + customer.loyalty_number.encode() + b"\r")
        qtbot.waitUntil(lambda vm=vm: vm.notice != "", timeout=5000)
        assert vm.notice == f"We can't load your profile right now. Your order will still earn points on card {masked}."
        assert vm.loyalty_number == customer.loyalty_number and vm.customer is None
