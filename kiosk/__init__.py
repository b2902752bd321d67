"""Endless-aisle kiosk: scan, find and order the whole online catalog from a store kiosk, offline-first."""

__version__ = "0.1.0"
