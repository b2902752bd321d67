"""Issue 20 in the running kiosk on real Vendure: a lot recalled through the KioskPlugin's Admin API is refused
at the scanner after the next refresh pass, and the kiosk's recall event reaches Vendure."""

from __future__ import annotations

import uuid

import pytest

from kiosk.core.scanning.messages import MESSAGES
from tests.backends.test_vendure_recalls import create, seeded_gtin
from tests.fixtures.vendure import VendureAdmin
from tests.ui.conftest import MakeKiosk

pytestmark = pytest.mark.vendure


def test_a_lot_recalled_in_vendure_is_refused_after_the_next_pass_and_the_event_arrives(
    make_kiosk: MakeKiosk, qtbot, vendure_backend, vendure_admin: VendureAdmin  # type: ignore[no-untyped-def]
) -> None:
    kiosk = make_kiosk(backend=vendure_backend)
    vm = kiosk.app_vm
    vm.start()
    gtin = "0" + seeded_gtin(vendure_admin, "2")
    tag = uuid.uuid4().hex[:8].upper()
    reference, lot = f"RC-{tag}", f"LOT{tag}"
    assert kiosk.services.recalls.match(gtin, lot, None) is None

    create(vendure_admin, reference=reference, gtin=gtin, lot=lot)
    passes = kiosk.refresher.passes
    kiosk.refresher.poll_now()
    qtbot.waitUntil(lambda: kiosk.refresher.passes > passes, timeout=20000)
    assert kiosk.services.recalls.match(gtin, lot, None) is not None

    assert kiosk.virtual_scanner is not None
    kiosk.virtual_scanner.write(b"]d201" + gtin.encode() + b"10" + lot.encode() + b"\r")
    qtbot.waitUntil(lambda: vm.scan.message != "", timeout=5000)
    assert vm.scan.message == MESSAGES["recalled"].en
    assert vm.scan.lastKind == "invalid" and vm.page == "home"

    kiosk.runner.wait_idle()
    kiosk._event_wake.set()
    sightings = "query ($r: String!) { kioskRecallSightings(reference: $r) { storeId deviceId match lot } }"
    qtbot.waitUntil(
        lambda: len(vendure_admin.query(sightings, {"r": reference})["kioskRecallSightings"]) == 1, timeout=15000
    )
    (seen,) = vendure_admin.query(sightings, {"r": reference})["kioskRecallSightings"]
    assert (seen["match"], seen["lot"]) == ("lot", lot)
    assert (seen["storeId"], seen["deviceId"]) == (kiosk.services.config.kiosk.store_id, kiosk.services.config.kiosk.device_id)
