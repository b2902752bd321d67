"""The [backend] keys of a demo store served over HTTP (`url`, `timeout_s`), checked without importing the
HTTP client, so a bad config stops the kiosk at start while the client itself is built after the first frame."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def remote_options(options: Mapping[str, Any]) -> tuple[str, float]:
    """(url, timeout in seconds); ValueError naming the key when one is wrong."""
    url = options.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")) or len(url) < 10:
        raise ValueError(f"[backend] url must be an http:// or https:// address, got {url!r}")
    timeout = options.get("timeout_s", 30.0)
    if not isinstance(timeout, int | float) or isinstance(timeout, bool) or timeout <= 0:
        raise ValueError(f"[backend] timeout_s must be a positive number, got {timeout!r}")
    return url, float(timeout)
