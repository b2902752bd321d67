"""Endless-aisle kiosk: scan, find and order the whole online catalog from a store kiosk, offline-first."""

import sys

__version__ = "0.1.0"

# httpx imports its own command-line client (`httpx._main`) whenever click, rich and pygments can be imported:
# sqlite-utils brings click, the development tools the other two. No kiosk process runs that client, and the
# import cost each of them 7 MB of memory (a 1M-SKU `kiosk bench`, docs/performance.md). None in sys.modules
# makes that one import fail, which httpx expects: it then defines a `main` that says the CLI is not installed.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
