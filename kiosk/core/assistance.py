"""Calls for an associate, store-wide: any kiosk's call reaches every associate device of the store.

A shopper's "Call an associate" goes to the backend as an ASSISTANCE kiosk event; an associate's tablet (or a
kiosk's staff menu) lists the store's calls from the backend, newest first, and marking them answered sends an
ASSISTANCE_ANSWERED event naming each call, so every device drops them. Offline, a device shows only the calls
made on itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol, runtime_checkable

CALLS_SHOWN_FOR = timedelta(minutes=30)  # an unanswered call older than this has been dealt with in person


@dataclass(frozen=True, slots=True)
class AssistanceCall:
    call_id: str  # the ASSISTANCE event's id
    device_id: str  # which kiosk
    page: str  # the screen the shopper was on
    at: datetime


@runtime_checkable
class AssistanceBoard(Protocol):
    """A backend that lists a store's unanswered calls (CommerceBackend's companion, like ArrivalBoard)."""

    def assistance_calls(self, store_id: str, since: datetime) -> Sequence[AssistanceCall]:
        """Calls made at `store_id` since `since` with no ASSISTANCE_ANSWERED event naming them, newest first."""
        ...
