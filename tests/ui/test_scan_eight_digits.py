"""An 8-digit code valid as EAN-8 and as UPC-E, without AIM id (issue 20, item 5): the scan view-model opens
the reading the catalog has, the market's default when it has both; the catalog is a recording fake here."""

from __future__ import annotations

from typing import Any, cast

import pytest

from kiosk.core.ports import ScanFrame
from kiosk.core.scanning import ScanConfig
from kiosk.core.services.lookup import ProductLookup, ProductMatch
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.scan import ScanViewModel

EAN8 = "00000001234565"
UPCE = "00012345000065"  # 01234565 read as UPC-E


class FakeLookup:
    """ProductLookup.by_gtin over a set of GTINs; records what was asked, in order."""

    def __init__(self, known: set[str]) -> None:
        self.known = known
        self.asked: list[str] = []

    def by_gtin(self, gtin: str) -> Any:
        self.asked.append(gtin)
        return cast(ProductMatch, gtin) if gtin in self.known else None


@pytest.mark.parametrize(
    ("config", "known", "opened"),
    [
        (ScanConfig(), {EAN8, UPCE}, EAN8),  # both exist: Spain's default, EAN-8
        (ScanConfig(), {UPCE}, UPCE),  # only the UPC-E exists: that one, whatever the default
        (ScanConfig(rcn_region="us"), {EAN8, UPCE}, UPCE),  # both exist: the US default, UPC-E
        (ScanConfig(rcn_region="us"), {EAN8}, EAN8),
    ],
)
def test_the_reading_the_catalog_has_is_opened(qtbot, config: ScanConfig, known: set[str], opened: str) -> None:  # type: ignore[no-untyped-def]
    runner = BackgroundRunner()
    lookup = FakeLookup(known)
    vm = ScanViewModel(config, cast(ProductLookup, lookup), runner, lambda: "en")
    with qtbot.waitSignal(vm.productScanned, timeout=5000) as signal:
        vm.handle_frame(ScanFrame(b"01234565", "serial:test", 0))
    assert signal.args == [opened]
    assert vm.message == ""
    runner.wait_idle()


def test_neither_reading_in_the_catalog_says_not_found(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = BackgroundRunner()
    lookup = FakeLookup(set())
    vm = ScanViewModel(ScanConfig(), cast(ProductLookup, lookup), runner, lambda: "en")
    vm.handle_frame(ScanFrame(b"01234565", "serial:test", 0))
    qtbot.waitUntil(lambda: vm.message != "", timeout=5000)
    assert lookup.asked == [EAN8, UPCE]  # both readings tried, the default first
    runner.wait_idle()
