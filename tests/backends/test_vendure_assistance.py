"""Calls for an associate on real Vendure: kiosks' ASSISTANCE events, sent by the event sender to the
KioskPlugin, listed store-wide by `kioskAssistanceCalls` until an ASSISTANCE_ANSWERED event names them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from kiosk.backends.vendure.backend import VendureBackend
from kiosk.core.assistance import AssistanceBoard
from kiosk.core.errors import BackendRejectedError
from kiosk.core.events import EventKind, KioskEvent
from tests.fixtures.vendure import VendureAdmin

STORE = f"store-{uuid.uuid4().hex[:8]}"  # this test's own store: other tests' events never mix in


def _event(kind: EventKind, device: str, at: datetime, **data: str) -> KioskEvent:
    return KioskEvent(str(uuid.uuid4()), kind, at, STORE, device, tuple(data.items()))


def test_calls_are_listed_store_wide_newest_first_until_answered(vendure_backend: VendureBackend) -> None:
    assert isinstance(vendure_backend, AssistanceBoard)
    now = datetime.now(UTC)
    older = _event(EventKind.ASSISTANCE, "kiosk-01", now - timedelta(minutes=5), page="product")
    newer = _event(EventKind.ASSISTANCE, "kiosk-02", now - timedelta(minutes=1), page="cart")
    stale = _event(EventKind.ASSISTANCE, "kiosk-03", now - timedelta(hours=2), page="home")
    elsewhere = KioskEvent(str(uuid.uuid4()), EventKind.ASSISTANCE, now, "another-store", "kiosk-09", (("page", "home"),))
    vendure_backend.submit_events([older, newer, stale, elsewhere])

    calls = vendure_backend.assistance_calls(STORE, now - timedelta(minutes=30))
    assert [(c.call_id, c.device_id, c.page) for c in calls] == [
        (newer.event_id, "kiosk-02", "cart"), (older.event_id, "kiosk-01", "product"),
    ]  # fmt: skip
    assert calls[0].at.tzinfo is not None

    vendure_backend.submit_events([_event(EventKind.ASSISTANCE_ANSWERED, "tablet-1", now, call_id=newer.event_id)])
    assert [c.call_id for c in vendure_backend.assistance_calls(STORE, now - timedelta(minutes=30))] == [older.event_id]


def test_bad_arguments_are_named(vendure_admin: VendureAdmin) -> None:
    reply = vendure_admin.reply('{ kioskAssistanceCalls(storeId: "s", since: "yesterday") { callId } }')
    assert reply["errors"][0]["message"] == 'since: must be an ISO 8601 date and time, got "yesterday"'
    reply = vendure_admin.reply('{ kioskAssistanceCalls(storeId: "", since: "2026-12-07T10:00:00Z") { callId } }')
    assert reply["errors"][0]["message"] == "storeId: must be 1 to 100 characters, got 0"


def test_the_kiosk_role_can_read_calls_but_a_malformed_store_is_refused(vendure_backend: VendureBackend) -> None:
    with pytest.raises(BackendRejectedError) as caught:
        vendure_backend.assistance_calls("x" * 101, datetime.now(UTC))
    assert "storeId: must be 1 to 100 characters, got 101" in str(caught.value)
