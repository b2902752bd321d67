"""When the running kiosk next asks the backend for catalog changes, so what it shows at 4 pm is 4 pm's stock.

The first sync at start-up fills the cache; afterwards the kiosk polls the backend's change feed every
`interval_s` (30 s by default, per store in the config). The poll itself is cheap (nothing changed is one
small request), so the interval is set by how stale a figure on screen may be, not by cost. While the backend
is unreachable the polls back off (full jitter, capped) so a store's kiosks do not all hammer a backend that is
coming back; the first answer resets the interval. The pass runs on the writer thread; this class only
decides timing and is driven by whoever owns the timer (a Qt timer in the UI, a loop in tests).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from kiosk.core.errors import BackendError, BackendUnavailableError
from kiosk.core.services.catalog_sync import SyncReport


@dataclass(frozen=True, slots=True)
class RefreshPolicy:
    interval_s: float = 30.0
    offline_cap_s: float = 300.0  # the longest wait between polls while the backend is unreachable

    def __post_init__(self) -> None:
        if not 1 <= self.interval_s <= 3600:
            raise ValueError(f"catalog refresh interval must be from 1 to 3600 s, got {self.interval_s:g}")
        if self.offline_cap_s < self.interval_s:
            raise ValueError(
                f"offline back-off cap ({self.offline_cap_s:g} s) must not be below"
                f" the interval ({self.interval_s:g} s)"
            )


@dataclass(frozen=True, slots=True)
class RefreshStatus:
    """What the screen may say about the catalog: the last pass that worked, and whether polls are failing."""

    synced_ok: bool  # the last pass reached the backend
    failures: int  # consecutive failed passes
    last_error: str  # why the last pass failed ("" after a success)
    next_in_s: float  # when the next pass is due, from now


class CatalogRefresh:
    """Timing of the periodic delta sync: `succeeded`/`failed` return the seconds until the next pass."""

    def __init__(self, policy: RefreshPolicy, rng: random.Random | None = None) -> None:
        self.policy = policy
        self._rng = rng or random.Random()
        self._failures = 0
        self.status = RefreshStatus(True, 0, "", policy.interval_s)

    def succeeded(self, report: SyncReport) -> float:
        self._failures = 0
        self.status = RefreshStatus(True, 0, "", self.policy.interval_s)
        return self.policy.interval_s

    def failed(self, error: BackendError) -> float:
        """Unreachable: back off. Refused or malformed (the backend answered): keep the interval, since
        waiting longer does not make a bad answer good and the next pass may well be fine."""
        self._failures += 1
        if isinstance(error, BackendUnavailableError):
            ceiling = min(self.policy.offline_cap_s, self.policy.interval_s * 2 ** min(self._failures, 20))
            delay = self._rng.uniform(self.policy.interval_s, ceiling)
            if error.retry_after_s is not None:
                delay = max(delay, min(error.retry_after_s, self.policy.offline_cap_s))
        else:
            delay = self.policy.interval_s
        self.status = RefreshStatus(False, self._failures, str(error), delay)
        return delay
