"""The shell around every page (issue 18): the bottom bar on each shopper page with its language switch,
accessibility and "call an associate", pages that end above it, and the demo scanner's tray that pushes the
page up instead of covering it or a dialog."""

from __future__ import annotations

from PySide6.QtQml import QQmlProperty
from PySide6.QtQuick import QQuickItem

from kiosk.app import KioskApp
from kiosk.ui.devtools.accessibility_audit import Role, window_nodes
from tests.ui.helpers import find, tap, wait_for_frame

BAR_CONTROLS = {
    "language_en": (Role.RadioButton, "English"),
    "language_es": (Role.RadioButton, "Español"),
    "accessibilityButton": (Role.Button, "Accessibility: speech, large text, contrast, reach"),
    "callAssociateButton": (Role.Button, "Call an associate"),
}


def _top(item: QQuickItem) -> float:
    return float(item.mapToScene(item.boundingRect().topLeft()).y())


def _bottom(item: QQuickItem) -> float:
    return float(item.mapToScene(item.boundingRect().bottomLeft()).y())


def test_the_bottom_bar_is_on_every_shopper_page_named_and_below_the_page(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, vm = kiosk.window, kiosk.app_vm
    product_id = vm.home.popular.get(0)["productId"]

    def add_and_open_checkout() -> None:
        vm.product.addToCart()
        qtbot.waitUntil(lambda: vm.cart.count == 1)
        vm.openCheckout()

    steps = [
        ("attract", lambda: None),
        ("home", vm.start),
        ("search", lambda: vm.searchFor("shirt")),
        ("product", lambda: vm.openProduct(product_id)),
        ("checkout", add_and_open_checkout),
        ("cart", vm.openCart),
    ]
    for page, go in steps:
        go()
        qtbot.waitUntil(lambda p=page: vm.page == p, timeout=5000)
        wait_for_frame(qtbot, window)
        bar, pages = find(window, "bottomBar"), find(window, "pages")
        assert bar.isVisible(), page
        assert _bottom(pages) <= _top(bar) + 0.5, page  # the page ends where the bar begins: nothing covered
        assert _bottom(bar) <= window.height() + 0.5
        for name in BAR_CONTROLS:
            control = find(window, name)
            assert control.isVisible() and control.height() >= 72, (page, name)  # 72 px: about 9 mm
        spoken = {(n.role, n.name) for n in window_nodes(window)}
        assert set(BAR_CONTROLS.values()) <= spoken, page
    assert sum(1 for n in window_nodes(window) if n.name == "Call an associate") == 1  # one way, not two

    # at the bottom of the picture the bar lies within forward reach (EN 301 549 8.3: 380-1220 mm above the
    # floor) with the configured mounting, even outside reach mode; the top bar would not (above 1220 mm)
    screen = vm.access.screen
    for name in BAR_CONTROLS:
        control = find(window, name)
        centre_px = control.mapToScene(control.boundingRect().center()).y()
        above_floor_mm = screen.bottom_mm + (screen.height_px - centre_px) / screen.px_per_mm
        assert 380 <= above_floor_mm <= 1220, (name, above_floor_mm)


def test_the_language_switch_names_each_language_in_its_own_words(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, vm = kiosk.window, kiosk.app_vm
    vm.start()
    qtbot.waitUntil(lambda: vm.page == "home")
    wait_for_frame(qtbot, window)
    try:
        tap(window, find(window, "language_es"))
        assert vm.language == "es"
        wait_for_frame(qtbot, window)
        spoken = {(n.role, n.name) for n in window_nodes(window)}
        # the languages keep their own names; the rest of the bar speaks Spanish
        assert {(Role.RadioButton, "English"), (Role.RadioButton, "Español"), (Role.Button, "Llamar al personal")} <= spoken
        assert find(window, "language_es").property("selected") and not find(window, "language_en").property("selected")
        tap(window, find(window, "language_en"))
        assert vm.language == "en"
    finally:
        vm.setLanguage("en")  # the translator belongs to the QApplication every test shares


def test_the_demo_tray_pushes_the_page_up_and_dialogs_cover_it(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, vm = kiosk.window, kiosk.app_vm
    vm.start()
    qtbot.waitUntil(lambda: vm.page == "home")
    wait_for_frame(qtbot, window)
    pages, bar, tray = find(window, "pages"), find(window, "bottomBar"), find(window, "demoScannerTray")
    full_height = pages.height()
    assert not tray.isVisible()
    tap(window, find(window, "demoScannerButton"))
    qtbot.waitUntil(tray.isVisible)
    wait_for_frame(qtbot, window)
    assert pages.height() < full_height  # the page gave up the room ...
    assert _bottom(pages) <= _top(tray) + 0.5 and _bottom(tray) <= _top(bar) + 0.5  # ... and nothing overlaps
    # a dialog opened meanwhile is drawn over the tray, never under it
    vm.access.setPanelOpen(True)
    wait_for_frame(qtbot, window)
    panel, stage = find(window, "accessibilityPanel"), find(window, "stage")
    shell = tray.parentItem()  # the shell's column: pages, tray, bar
    siblings = stage.childItems()
    assert panel.isVisible() and panel.parentItem() is stage and shell.parentItem() is stage
    assert (panel.z(), siblings.index(panel)) > (shell.z(), siblings.index(shell))  # drawn later, on top
    vm.access.setPanelOpen(False)
    # the checkout has no demo scanner (a scan there would leave the shopper's form), so no tray either
    vm.demoScanner.setOpen(True)
    vm.openCart()
    qtbot.waitUntil(lambda: vm.page == "cart")
    wait_for_frame(qtbot, window)
    assert tray.isVisible()
    vm.goHome()
    vm.demoScanner.setOpen(False)


def test_a_message_over_a_button_is_dismissed_by_a_touch_that_still_presses_the_button(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    window, vm = kiosk.window, kiosk.app_vm
    vm.start()
    qtbot.waitUntil(lambda: vm.page == "home")
    vm._show_notice("A store associate has been called and is on the way.")
    wait_for_frame(qtbot, window)
    toast, start = find(window, "noticeToast"), find(window, "bottomBar")
    assert toast.isVisible() and _bottom(toast) <= _top(start)  # above the bar, never over it
    # the toast over the bar's "Call an associate" for this test: one touch there does both
    call = find(window, "callAssociateButton")
    centre = call.mapToScene(call.boundingRect().center())
    assert QQmlProperty(toast, "anchors.bottomMargin").write(window.height() - centre.y() - 10)
    wait_for_frame(qtbot, window)
    assert _top(toast) < centre.y() < _bottom(toast) and toast.mapToScene(toast.boundingRect().topLeft()).x() < centre.x()
    before = vm.assistance.waiting
    tap(window, find(window, "callAssociateButton"))
    qtbot.waitUntil(lambda: vm.assistance.waiting == before + 1)
    assert vm.notice == "A store associate has been called and is on the way."  # the new message, not the old
