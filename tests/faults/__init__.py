"""Fault harness: kill -9 the kiosk during checkout and delivery behind a fault proxy; see docs/faults.md."""
