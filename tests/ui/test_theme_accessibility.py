"""The theme's accessibility arithmetic on the real QML (issue 17): every text/background pair the screens
use at WCAG AA in both colour schemes, large text whose capital H subtends 0.7° at the configured viewing
distance, and reach mode that puts every control of a journey between 800 and 1100 mm above the floor."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QObject, QPointF
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from kiosk.app import KioskApp
from kiosk.core.accessibility import REACH_HIGH_MM, REACH_LOW_MM, Screen, contrast_ratio, min_cap_height_mm
from kiosk.ui.devtools.bench_driver import visual_items
from tests.ui.conftest import MakeKiosk
from tests.ui.helpers import find, wait_for_frame

TEXT, LARGE_OR_UI = 4.5, 3.0
# (foreground, background, minimum): where the screens put one on the other
PAIRS = [
    *[("ink", bg, TEXT) for bg in ("background", "surface", "surfaceAlt", "chosen", "warnSurface", "badSurface")],
    *[("muted", bg, TEXT) for bg in ("background", "surface", "surfaceAlt", "chosen")],
    *[("primary", bg, TEXT) for bg in ("background", "surface", "surfaceAlt")],
    *[("accent", bg, TEXT) for bg in ("background", "surface")],
    *[("ok", bg, TEXT) for bg in ("background", "surface", "chosen")],
    *[("warn", bg, TEXT) for bg in ("background", "surface", "surfaceAlt", "warnSurface")],
    *[("bad", bg, TEXT) for bg in ("background", "surface", "surfaceAlt", "badSurface")],
    ("primaryInk", "primary", TEXT),  # primary buttons, selected chips, the attract screen
    ("primarySoft", "primary", TEXT),
    *[("toneInk", bg, TEXT) for bg in ("primary", "accent", "ok", "bad")],  # toasts, banner, scanner tab
    # parts of controls a shopper must see (WCAG 1.4.11): outlines, the focus ring, a chosen option's border
    *[("control", bg, LARGE_OR_UI) for bg in ("background", "surface")],
    # the focus ring is drawn 6 px outside its control, over the page or panel around it (FocusRing.qml)
    *[("focus", bg, LARGE_OR_UI) for bg in ("background", "surface", "surfaceAlt")],
    ("primary", "chosen", LARGE_OR_UI),
]


def _theme(kiosk: KioskApp) -> QObject:
    theme = kiosk.engine.singletonInstance("Kiosk", "Theme")
    assert isinstance(theme, QObject)
    return theme


def _colour(theme: QObject, name: str) -> str:
    value = theme.property(name)
    assert isinstance(value, QColor), name
    assert value.alpha() == 255, f"{name} is not opaque"
    return value.name()


@pytest.mark.parametrize("high_contrast", [False, True], ids=["default", "high-contrast"])
def test_every_text_and_control_colour_pair_meets_wcag_aa(kiosk: KioskApp, qtbot, high_contrast: bool) -> None:  # type: ignore[no-untyped-def]
    if high_contrast:
        kiosk.app_vm.access.toggleHighContrast()
    theme = _theme(kiosk)
    assert theme.property("highContrast") is high_contrast
    ratios = {(fg, bg): contrast_ratio(_colour(theme, fg), _colour(theme, bg)) for fg, bg, _ in PAIRS}
    short = {f"{fg} on {bg}": round(ratios[fg, bg], 2) for fg, bg, need in PAIRS if ratios[fg, bg] < need}
    assert short == {}
    if high_contrast:  # the high-contrast scheme aims at AAA (7:1) for all its text
        assert min(ratios[fg, bg] for fg, bg, need in PAIRS if need == TEXT) >= 7.0


def test_contrast_ratio_matches_wcag_examples() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # the classic near miss
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == 1.0


@pytest.mark.parametrize(("diagonal", "distance"), [(32.0, 500.0), (21.5, 600.0), (55.0, 700.0)])
def test_large_text_capital_h_subtends_0_7_degrees(make_kiosk: MakeKiosk, qtbot, diagonal: float, distance: float) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk(accessibility={"screen_diagonal_in": diagonal, "viewing_distance_mm": distance})
    vm, window = kiosk.app_vm, kiosk.window
    vm.access.toggleLargeText()
    theme = _theme(kiosk)
    screen = Screen(diagonal, window.width(), window.height(), 700.0)
    need_mm = min_cap_height_mm(distance)
    assert need_mm == pytest.approx(2 * distance * math.tan(math.radians(0.35)))
    for size in ("textXS", "textCaption", "textS", "textM", "textL", "textXL", "textHero"):
        font = QFont("Inter")
        font.setPixelSize(int(theme.property(size)))
        cap_mm = QFontMetricsF(font).capHeight() / screen.px_per_mm
        assert cap_mm >= need_mm, f"{size}: H is {cap_mm:.2f} mm, needs {need_mm:.2f} mm at {distance} mm"
    # every text item on the home page really is drawn at one of those sizes or larger
    vm.start()
    qtbot.waitUntil(lambda: vm.home.categories.count > 0)
    wait_for_frame(qtbot, window)
    # (the on-screen keyboard, closed below the window, is Qt's own and left out)
    smallest = min(
        item.property("font").pixelSize()
        for item in visual_items(window.contentItem())
        if item.inherits("QQuickText") and item.isVisible() and item.property("text")
        and 0 <= item.mapToScene(QPointF(0, 0)).y() < window.height()
    )
    assert smallest >= int(theme.property("largeTextMin"))
    vm.access.toggleLargeText()
    assert int(theme.property("textXS")) == 16  # and back to the default sizes


def _controls_on_screen(kiosk: KioskApp) -> list[tuple[str, float, float]]:
    """(name, top, bottom) in window pixels of the part of each control a finger can touch: its rectangle
    cut by every clipping ancestor (a page scrolls under its own edges), for those with any part showing."""
    window = kiosk.window
    found = []
    for item in visual_items(window.contentItem()):
        if not (item.inherits("QQuickAbstractButton") or item.inherits("QQuickTextInput")) or not item.isVisible():
            continue
        top = item.mapToScene(QPointF(0, 0)).y()
        bottom = top + item.height()
        ancestor = item.parentItem()
        while ancestor is not None:
            if ancestor.clip():
                clip_top = ancestor.mapToScene(QPointF(0, 0)).y()
                top, bottom = max(top, clip_top), min(bottom, clip_top + ancestor.height())
            ancestor = ancestor.parentItem()
        top, bottom = max(top, 0.0), min(bottom, float(window.height()))
        if bottom - top > 1:
            found.append((str(item.property("text")) or item.objectName(), top, bottom))
    return found


@pytest.mark.parametrize("bottom_mm", [400.0, 700.0])
def test_reach_mode_puts_every_control_of_the_journey_between_800_and_1100_mm(make_kiosk: MakeKiosk, qtbot, bottom_mm: float) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk(accessibility={"screen_diagonal_in": 43.0, "screen_bottom_mm": bottom_mm})
    vm, window = kiosk.app_vm, kiosk.window
    screen = Screen(43.0, window.width(), window.height(), bottom_mm)
    top_px, bottom_px = screen.reach_band_px()
    # the band from the floor heights, on this panel: 800 mm and 1100 mm map to these rows
    assert top_px == math.ceil(max(0.0, screen.y_px_at_height(REACH_HIGH_MM)))
    assert bottom_px == math.floor(min(window.height(), screen.y_px_at_height(REACH_LOW_MM)))
    assert (vm.access.reachTop, vm.access.reachBottom) == (top_px, bottom_px)
    assert bottom_px - top_px >= 480
    vm.access.toggleReachMode()
    product = kiosk.services.store.popular(1)[0].product_id
    journey = {
        "attract": lambda: None,
        "home": vm.start,
        "search": lambda: vm.searchFor("sho"),
        "product": lambda: vm.openProduct(product),
        "cart": lambda: (vm.product.addToCart(), vm.openCart()),
        "checkout": vm.openCheckout,
    }
    for page, go in journey.items():
        go()
        qtbot.waitUntil(lambda p=page: vm.page == p, timeout=5000)
        wait_for_frame(qtbot, window)
        controls = _controls_on_screen(kiosk)
        assert len(controls) >= 2, page
        outside = [(n, round(t), round(b)) for n, t, b in controls if t < top_px - 1 or b > bottom_px + 1]
        assert outside == [], f"{page}: outside {top_px}-{bottom_px} px ({REACH_LOW_MM:.0f}-{REACH_HIGH_MM:.0f} mm)"
    stage = find(kiosk.window, "stage")
    corner = stage.mapToScene(QPointF(0, 0))
    assert (corner.y(), corner.y() + stage.height()) == (top_px, bottom_px)
