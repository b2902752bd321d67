"""Issue 20 in the running kiosk: a recalled lot, an expired item, a best-before warning, an empty read and the
same pack's second symbol, scanned on the real pty scanner; the recall event reaches the demo backend."""

from __future__ import annotations

import json
import sqlite3

from kiosk.app import KioskApp
from kiosk.backends.demo.backend import RECALLS_FILE
from kiosk.core.scanning.messages import MESSAGES

RECALL = json.loads(RECALLS_FILE.read_text(encoding="utf-8"))[0]  # a lot of a product in the demo catalog


def _scan(kiosk: KioskApp, data: bytes) -> None:
    assert kiosk.virtual_scanner is not None
    kiosk.virtual_scanner.write(data + b"\r")


def test_a_recalled_lot_is_refused_and_the_event_reaches_the_backend(kiosk: KioskApp, qtbot, demo_backend) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    vm.start()
    assert len(kiosk.services.refresh_recalls()) == 3  # the demo store's data file
    before = demo_backend.event_count()
    _scan(kiosk, b"]d201" + RECALL["gtin"].encode() + b"10" + RECALL["lot"].encode())
    qtbot.waitUntil(lambda: vm.scan.message != "", timeout=5000)
    assert vm.scan.message == MESSAGES["recalled"].en
    assert vm.scan.lastKind == "invalid"
    assert vm.page == "home"  # nothing opened
    kiosk.runner.wait_idle()
    kiosk._event_wake.set()
    qtbot.waitUntil(lambda: demo_backend.event_count() >= before + 2, timeout=10000)
    with sqlite3.connect(demo_backend.path) as conn:
        rows = conn.execute("SELECT kind, data FROM events ORDER BY rowid").fetchall()[before:]
    recall = [dict(json.loads(data)) for kind, data in rows if kind == "recall"]
    assert len(recall) == 1
    assert (recall[0]["recall"], recall[0]["gtin"], recall[0]["match"], recall[0]["lot"]) == (
        RECALL["reference"],
        RECALL["gtin"],
        "lot",
        RECALL["lot"],
    )


def test_an_expired_item_is_refused_and_a_past_best_before_warns_over_the_product(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    vm.start()
    gtin = RECALL["gtin"].encode()
    # the test clock's day is 2026-11-23
    _scan(kiosk, b"]d201" + gtin + b"17261122" + b"10OTHER")
    qtbot.waitUntil(lambda: vm.scan.message == MESSAGES["expired"].en, timeout=5000)
    assert vm.page == "home"
    vm.scan.dismiss()
    _scan(kiosk, b"]d201" + gtin + b"15261122" + b"10FRESH")
    qtbot.waitUntil(lambda: vm.page == "product" and vm.scan.message != "", timeout=5000)
    assert vm.scan.message == MESSAGES["best_before_passed"].en


def test_an_empty_read_and_the_packs_other_symbol_show_nothing(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    vm.start()
    kinds: list[str] = []
    vm.scan.interpreted.connect(lambda result, _source: kinds.append(result.kind.value))
    gtin = RECALL["gtin"]
    _scan(kiosk, b"")  # the scanner's empty read: a bare CR
    _scan(kiosk, b"]E0" + gtin[1:].encode())
    qtbot.waitUntil(lambda: vm.page == "product", timeout=5000)
    _scan(kiosk, b"]d201" + gtin.encode() + b"10NEWLOT")
    qtbot.waitUntil(lambda: len(kinds) == 3, timeout=5000)
    assert kinds == ["empty", "product", "same_pack"]
    assert vm.scan.message == ""  # nothing to tell the shopper about either
    assert kiosk.app_vm.scan.router.counts["frames"] == 3


def test_the_recall_list_arrives_with_the_refresh_pass(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    """No one calls refresh_recalls by hand here: the catalog refresher's pass brings the list."""
    kiosk.app_vm.start()
    kiosk.refresher.poll_now()
    qtbot.waitUntil(lambda: len(kiosk.services.recalls) == 3, timeout=10000)
    assert kiosk.services.recalls.match(RECALL["gtin"], RECALL["lot"], None) is not None
