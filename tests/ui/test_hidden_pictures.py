"""Pictures on pages the shopper cannot see give their pixels back (ShownImage): every page stays alive in the
stack, and at 1M SKUs the home tiles, the attract mosaic and the last product's gallery held 35 MB of decoded
pixels while hidden. The search results keep theirs: the shopper goes back to them from a product."""

from __future__ import annotations

from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.app import KioskApp
from tests.ui.helpers import find


def _page(window: QQuickWindow, type_name: str) -> QQuickItem:
    for item in find(window, "pages").childItems():
        if item.metaObject().className().startswith(type_name + "_QMLTYPE"):
            return item
    raise AssertionError(f"no {type_name} in the page stack")


def _pictures(page: QQuickItem) -> list[QQuickItem]:
    found: list[QQuickItem] = []
    stack = [page]
    while stack:
        item = stack.pop()
        if item.metaObject().className().startswith("ShownImage_QMLTYPE"):
            found.append(item)
        stack.extend(item.childItems())
    return found


def _sources(page: QQuickItem) -> list[str]:
    return [str(p.property("source").toString()) for p in _pictures(page) if p.property("picture")]


def _loaded(page: QQuickItem) -> bool:
    shown = _sources(page)
    return bool(shown) and all(shown)


def _released(page: QQuickItem) -> bool:
    return bool(_pictures(page)) and not any(_sources(page))


def test_hidden_pages_release_their_pictures_and_the_results_keep_theirs(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    vm, window = kiosk.app_vm, kiosk.window
    home, search, product = (_page(window, name) for name in ("HomePage", "SearchPage", "ProductPage"))
    vm.start()
    qtbot.waitUntil(lambda: _loaded(home), timeout=10000)
    attract = _page(window, "AttractPage")
    assert not any(_sources(attract)), "the attract page is hidden once the session started"

    vm.searchFor("shoes")
    qtbot.waitUntil(lambda: vm.page == "search" and _loaded(search), timeout=10000)
    assert _released(home)

    vm.openProduct(vm.search.results.get(0)["productId"])
    qtbot.waitUntil(lambda: vm.page == "product" and _loaded(product), timeout=10000)
    assert _loaded(search), "the results keep their pictures while a product is open"

    vm.back()
    qtbot.waitUntil(lambda: vm.page == "search", timeout=5000)
    qtbot.waitUntil(lambda: _released(product), timeout=5000)
    vm.goHome()
    qtbot.waitUntil(lambda: _loaded(home), timeout=10000)
