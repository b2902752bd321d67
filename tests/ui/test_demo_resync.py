"""A running kiosk whose cache came from another demo catalog (the store re-seeded) refreshes it on its next
pass: the status strip says so in the screen's language while it runs, and a product only the old catalog had
is withdrawn on the open product page."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.backends.demo.backend import DemoBackend
from tests.ui.conftest import MakeKiosk
from tests.ui.helpers import find


# The earlier catalog's pictures are not in the re-seeded store: until the refresh replaces those products, their
# cards show the placeholder, and Qt warns for each picture its provider could not give (that, and only that).
@pytest.mark.qt_log_ignore(
    r"^.*(QQuickImage\*?|QML ShownImage): Failed to get image from provider: image://catalog/demo%3Ap\d{7}%3A\w+$"
)
@pytest.mark.parametrize(("lang", "text"), [("en", "Refreshing the catalog…"), ("es", "Actualizando el catálogo…")])
def test_a_cache_from_another_demo_catalog_is_refreshed_on_screen_and_swept(
    make_kiosk: MakeKiosk,
    qtbot,
    tmp_path: Path,
    lang: str,
    text: str,  # type: ignore[no-untyped-def]
) -> None:
    shop = DemoBackend(tmp_path / "shop", catalog_size=300)
    kiosk = make_kiosk(backend=shop)
    vm, cache = kiosk.app_vm, kiosk.services.store
    # the cache as a kiosk left it under the store's earlier catalog: another seed, 100 products more
    earlier = DemoBackend(tmp_path / "earlier", catalog_size=400, seed=7)
    cache.apply_page(earlier.catalog_changes(None, 10**4), datetime.now(UTC))
    earlier.close()
    assert cache.product_count() == 400
    vm.openProduct("p0000350")
    qtbot.waitUntil(lambda: vm.product.productId == "p0000350" and vm.product.loaded, timeout=5000)
    vm.setLanguage(lang)
    try:
        line = find(kiosk.window, "catalogRefreshing")
        assert not vm.catalogRefreshing and not line.property("visible")

        seen: list[tuple[bool, bool, str]] = []
        vm.catalogRefreshingChanged.connect(
            lambda: seen.append((vm.catalogRefreshing, bool(line.property("visible")), str(line.property("text"))))
        )
        passes = kiosk.refresher.passes
        kiosk.refresher.poll_now()
        qtbot.waitUntil(lambda: kiosk.refresher.passes > passes, timeout=30000)
        qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
        assert seen == [(True, True, text), (False, False, text)]
        assert kiosk.last_sync is not None and kiosk.last_sync.everything_changed
        assert (
            kiosk.last_sync.resync_reason == "the catalog cursor belongs to another demo catalog (seed or size changed)"
        )
        qtbot.waitUntil(lambda: vm.product.withdrawn, timeout=5000)
        assert cache.product_count() == 300 and cache.product("p0000350") is None
        assert cache.resync_pending() is None
    finally:
        vm.setLanguage("en")  # the translator is the application's: the next test starts in English
