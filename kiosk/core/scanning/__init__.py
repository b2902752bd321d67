"""Scan interpretation: bytes from any scanning source -> what they mean for the shopper (pure, no I/O)."""

from kiosk.core.scanning.config import ScanConfig
from kiosk.core.scanning.interpret import interpret, warm_up
from kiosk.core.scanning.result import ScanKind, ScanResult

__all__ = ["ScanConfig", "ScanKind", "ScanResult", "interpret", "warm_up"]
