"""Scan interpretation: bytes from any scanning source -> what they mean for the shopper (pure, no I/O)."""

from kiosk.core.scanning.config import ScanConfig
from kiosk.core.scanning.interpret import interpret, lookup_order, warm_up
from kiosk.core.scanning.recall import NO_RECALLS, RecallEntry, RecallList
from kiosk.core.scanning.result import ScanKind, ScanResult
from kiosk.core.scanning.router import ScanRouter, check_item

__all__ = [
    "NO_RECALLS",
    "RecallEntry",
    "RecallList",
    "ScanConfig",
    "ScanKind",
    "ScanResult",
    "ScanRouter",
    "check_item",
    "interpret",
    "lookup_order",
    "warm_up",
]
