"""Calls for an associate are store-wide: every kiosk's call reaches the staff list of every device of the
store through the backend, and answering them there clears them everywhere."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

from kiosk.backends.demo.backend import DemoBackend
from kiosk.core.events import EventKind, KioskEvent
from tests.ui.conftest import MakeKiosk


def test_a_call_from_another_kiosk_shows_here_and_answering_clears_it_on_the_backend(
    make_kiosk: MakeKiosk,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    shop = DemoBackend(tmp_path / "shop", catalog_size=300)
    kiosk = make_kiosk(backend=shop)
    vm, clock = kiosk.app_vm, kiosk.services.clock
    store = kiosk.services.config.kiosk.store_id
    vm.callAssociate()  # this kiosk's own call goes out as an event
    kiosk._event_wake.set()
    qtbot.waitUntil(lambda: len(shop.assistance_calls(store, clock.now().replace(year=2000))) == 1, timeout=10_000)
    # another kiosk of the store calls too
    other = KioskEvent(str(uuid.uuid4()), EventKind.ASSISTANCE, clock.now(), store, "kiosk-02", (("page", "cart"),))
    shop.submit_events([other])

    vm.assistance.refresh()
    qtbot.waitUntil(lambda: vm.assistance.waiting == 2, timeout=5000)
    assert sorted(row["device"] for row in vm.assistance.calls.rows()) == ["kiosk-01", "kiosk-02"]

    vm.assistance.answerAll()
    kiosk._event_wake.set()
    qtbot.waitUntil(lambda: shop.assistance_calls(store, clock.now().replace(year=2000)) == [], timeout=10_000)
    vm.assistance.refresh()
    qtbot.waitUntil(lambda: vm.assistance.calls.count == 0, timeout=5000)


def test_offline_the_staff_list_keeps_this_devices_own_calls(make_kiosk: MakeKiosk, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shop = DemoBackend(tmp_path / "shop", catalog_size=300)
    kiosk = make_kiosk(backend=shop)
    shop.offline = True
    vm = kiosk.app_vm
    vm.callAssociate()
    vm.assistance.refresh()
    qtbot.waitUntil(lambda: vm.assistance.calls.count == 1, timeout=5000)
    assert vm.assistance.waiting == 1 and vm.assistance.calls.get(0)["device"] == ""


def test_a_store_list_read_before_answer_all_does_not_bring_the_calls_back(
    make_kiosk: MakeKiosk,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    """The staff menu opens (a refresh starts), the associate taps "mark all as answered" before the store's
    list arrives: that list is older than the answer and is dropped (under load it came back as "4 waiting")."""
    shop = DemoBackend(tmp_path / "shop", catalog_size=300)
    kiosk = make_kiosk(backend=shop)
    vm, clock = kiosk.app_vm, kiosk.services.clock
    store = kiosk.services.config.kiosk.store_id
    vm.callAssociate()
    kiosk._event_wake.set()
    qtbot.waitUntil(lambda: len(shop.assistance_calls(store, clock.now().replace(year=2000))) == 1, timeout=10_000)
    release, reading = threading.Event(), threading.Event()
    calls_of = vm.assistance._store_calls

    def slow(since):  # type: ignore[no-untyped-def]
        reading.set()
        release.wait(10)
        return calls_of(since)

    vm.assistance._store_calls = slow
    runner, delivered = vm.assistance._runner, threading.Event()

    class Counted:
        """The kiosk's runner, telling when the read's answer has been handed to the view-model."""

        def read(self, work, done):  # type: ignore[no-untyped-def]
            runner.read(work, lambda result, error: (done(result, error), delivered.set()))

    vm.assistance._runner = Counted()
    vm.assistance.refresh()
    assert reading.wait(10)
    vm.assistance.answerAll()
    assert vm.assistance.waiting == 0
    release.set()
    qtbot.waitUntil(delivered.is_set, timeout=5000)
    assert vm.assistance.waiting == 0 and vm.assistance.calls.count == 0
