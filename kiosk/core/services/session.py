"""Shopper session lifetime: after inactivity a warning, then the end of the session and a wipe."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class SessionPhase(enum.StrEnum):
    IDLE = "idle"  # attract screen, nobody using the kiosk
    ACTIVE = "active"
    WARNING = "warning"  # "Are you still there?" with a countdown
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class SessionPolicy:
    idle_timeout_s: float = 90.0
    warning_s: float = 30.0  # the shopper always gets at least 20 s to continue

    def __post_init__(self) -> None:
        if self.warning_s < 20:
            raise ValueError("The idle warning must give the shopper at least 20 seconds")
        if self.idle_timeout_s <= 0:
            raise ValueError("The idle timeout must be positive")

    def phase(self, active: bool, idle_for_s: float) -> SessionPhase:
        if not active:
            return SessionPhase.IDLE
        if idle_for_s < self.idle_timeout_s:
            return SessionPhase.ACTIVE
        if idle_for_s < self.idle_timeout_s + self.warning_s:
            return SessionPhase.WARNING
        return SessionPhase.EXPIRED

    def seconds_left(self, idle_for_s: float) -> int:
        return max(0, int(self.idle_timeout_s + self.warning_s - idle_for_s + 0.999))
