"""The machine's time zone with its rules: what names dates on the kiosk's screens across a change of the clocks."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk import host
from kiosk.backends.demo.placement import place
from kiosk.backends.vendure.placement import coupon_note
from kiosk.core.i18n import LocalizedText
from kiosk.core.promotions import Promotion, PromotionKind

ZONEINFO = Path("/usr/share/zoneinfo")


def test_tz_names_the_zone_and_its_summer_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Madrid")
    zone = host.machine_zone()
    assert zone == ZoneInfo("Europe/Madrid")
    assert datetime(2027, 3, 28, 22, 0, tzinfo=UTC).astimezone(zone).isoformat() == "2027-03-29T00:00:00+02:00"


def test_without_tz_the_zone_is_read_from_localtime(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TZ", raising=False)
    zone = host.machine_zone(ZONEINFO / "Europe" / "Madrid")
    assert zone is not None
    assert datetime(2027, 7, 1, 10, 0, tzinfo=UTC).astimezone(zone).utcoffset().total_seconds() == 7200  # type: ignore[union-attr]
    assert datetime(2026, 12, 1, 10, 0, tzinfo=UTC).astimezone(zone).utcoffset().total_seconds() == 3600  # type: ignore[union-attr]


@pytest.mark.parametrize("tz", ["Mars/Olympus_Mons", ":/nowhere/zone"])
def test_a_zone_that_cannot_be_read_is_none_never_an_error(monkeypatch: pytest.MonkeyPatch, tz: str) -> None:
    monkeypatch.setenv("TZ", tz)
    assert host.machine_zone() is None
    monkeypatch.delenv("TZ")
    assert host.machine_zone(Path("/nowhere/localtime")) is None


def test_the_servers_coupon_note_names_the_day_by_that_days_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """No zone given: each moment is read with the machine's rules on its own day, not today's offset (a
    December kiosk in Madrid, UTC+1, reading 22:00 UTC on 28 March 2027, which is midnight of the 29th)."""
    monkeypatch.setenv("TZ", "Europe/Madrid")
    time.tzset()
    try:
        note = coupon_note({"code": "spring", "problem": "not_yet_valid", "at": "2027-03-28T22:00:00Z"})
    finally:
        monkeypatch.undo()
        time.tzset()
    assert note.en == "The code SPRING can be used from 29 Mar 2027."


def test_the_demo_stores_coupon_refusal_names_the_day_by_that_days_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """The embedded store words a refused code as the kiosk's own check does: midnight of 29 March in Madrid."""
    from tests.backends.test_demo_placement import _order

    spring = Promotion("spring", LocalizedText.same("Spring"), PromotionKind.PERCENT_OFF, percent=Decimal(10),
                       coupon_code="SPRING", starts_at=datetime(2027, 3, 28, 22, 0, tzinfo=UTC))  # fmt: skip
    monkeypatch.setenv("TZ", "Europe/Madrid")
    time.tzset()
    try:
        placed = place(_order(("v1", 1, "20.00"), coupon_codes=("spring",)), [spring], None, {"v1": 5},
                       datetime(2026, 12, 7, 10, 0, tzinfo=UTC))  # fmt: skip
    finally:
        monkeypatch.undo()
        time.tzset()
    assert [n.en for n in placed.notes] == ["The code SPRING can be used from 29 Mar 2027."]
