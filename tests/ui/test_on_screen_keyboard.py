"""The on-screen keyboard speaks the shopper's language: its layout follows the interface language."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from kiosk.app import KioskApp
from kiosk.ui.devtools.bench_driver import on_screen_key
from tests.ui.helpers import open_search_keyboard, tap


def test_a_spanish_shopper_gets_the_spanish_layout_and_types_an_enye(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    vm.setLanguage("es")
    try:
        vm.start()
        window = kiosk.window
        open_search_keyboard(qtbot, window)
        qtbot.waitUntil(lambda: QGuiApplication.inputMethod().locale().name() == "es_ES")
        qtbot.waitUntil(lambda: on_screen_key(window, "ñ") is not None)
        for ch in "niño":
            key = on_screen_key(window, ch)
            assert key is not None, f"no {ch!r} key on the Spanish layout"
            tap(window, key)
        qtbot.waitUntil(lambda: vm.search.query == "niño")
    finally:
        vm.setLanguage("en")  # the translator is application-wide, and the application outlives this kiosk


def test_back_in_english_the_layout_is_english_again(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm = kiosk.app_vm
    vm.setLanguage("es")
    vm.setLanguage("en")
    vm.start()
    window = kiosk.window
    open_search_keyboard(qtbot, window)
    qtbot.waitUntil(lambda: QGuiApplication.inputMethod().locale().name() == "en_GB")
    assert vm.property("keyboardLocale") == "en_GB"
    assert on_screen_key(window, "ñ") is None  # the English layout has no ñ key of its own
