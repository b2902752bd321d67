"""Every touch target on the shopper's screens is at least 72 px a side: 9 mm or more on any kiosk panel from a
21" 1080p to a 55" 4K (Theme.touch), in portrait and landscape."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.ui.devtools.bench_driver import visual_items
from tests.ui.conftest import MakeKiosk

MIN_PX = 72


def _touch_targets(window: QQuickWindow) -> list[QQuickItem]:
    """The tappable items a finger can reach now: buttons (every control is a Qt Quick AbstractButton since
    issue 17), mouse areas and text fields, visible, enabled, on screen."""
    found = []
    for item in visual_items(window.contentItem()):
        kind = item.metaObject().className()
        if not (kind.startswith("QQuickMouseArea") or "TextField" in kind or item.inherits("QQuickAbstractButton")):
            continue
        if not (item.isVisible() and item.isEnabled()):
            continue
        corner = item.mapToScene(QPointF(0, 0))
        inside = corner.y() < window.height() and corner.y() + item.height() > 0
        if inside and corner.x() < window.width() and corner.x() + item.width() > 0:
            found.append(item)
    return found


def _name(item: QQuickItem) -> str:
    names = []
    current: QQuickItem | None = item
    while current is not None and len(names) < 3:
        if current.objectName():
            names.append(current.objectName())
        current = current.parentItem()
    return "/".join(names) or item.metaObject().className()


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=["portrait", "landscape"])
def test_every_touch_target_on_the_shoppers_screens_is_at_least_9_mm(make_kiosk: MakeKiosk, qtbot, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    kiosk = make_kiosk(size=size)
    vm, window = kiosk.app_vm, kiosk.window
    product = kiosk.services.store.popular(1)[0].product_id
    steps = {
        "attract": (lambda: None, lambda: True),
        "home": (vm.start, lambda: vm.home.categories.count > 0 and vm.home.popular.count > 0),
        "search": (lambda: vm.searchFor("sho"), lambda: vm.search.results.count > 0),
        "product": (lambda: vm.openProduct(product), lambda: vm.page == "product" and vm.product.asOf != ""),
        "cart": (lambda: (vm.product.addToCart(), vm.openCart()), lambda: vm.page == "cart"),
        "checkout": (vm.openCheckout, lambda: vm.page == "checkout" and vm.checkout.shippingMethods.count > 0),
        "demo scanner": (lambda: (vm.goHome(), vm.demoScanner.setOpen(True)), lambda: vm.demoScanner.open),
    }
    small: list[str] = []
    for screen, (go, ready) in steps.items():
        go()
        qtbot.waitUntil(ready, timeout=5000)
        with qtbot.waitSignal(window.frameSwapped, timeout=3000):
            window.update()
        targets = _touch_targets(window)
        assert len(targets) >= 5, screen
        small += [
            f"{screen}: {_name(t)} {t.width():.0f}x{t.height():.0f}" for t in targets if min(t.width(), t.height()) < MIN_PX
        ]
    assert small == []
