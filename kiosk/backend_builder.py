"""Builds the commerce backend that reaches a store over the network from the [backend] config, with no Qt.

Shared by the two composition roots: kiosk.app (the kiosk) and kiosk.catalog_worker (a process that applies a
big catalog pass for it). The worker must reach the same store the same way the kiosk does, so both build
it here; only backends a second process can rebuild from config alone qualify (`worker_settings`).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any, cast

from kiosk.config import Config
from kiosk.core.ports import CommerceBackend

_log = logging.getLogger(__name__)


def build_remote_backend(kind: str, options: Mapping[str, Any]) -> CommerceBackend:
    """The Vendure adapter, or the client of a demo store served by `kiosk demo-store serve` (options["url"])."""
    if kind == "vendure":
        from kiosk.backends.vendure.backend import VendureBackend

        return VendureBackend.from_options(options)
    if kind == "demo" and options.get("url") is not None:
        from kiosk.backends.demo.remote import RemoteDemoBackend

        return cast(CommerceBackend, RemoteDemoBackend.from_options(options))
    raise ValueError(f"a {kind} backend without a url cannot be built in another process")


def worker_settings(config: Config) -> tuple[str, dict[str, Any]] | None:
    """The backend kind and options a catalog worker rebuilds this kiosk's backend from, or None when it cannot:
    the embedded demo store (it lives in the kiosk's own process) and a Vendure config without `admin_url` (the
    local development server, which the kiosk's own process starts and owns)."""
    options = dict(config.backend.options)
    remote = (config.backend.kind == "vendure" and options.get("admin_url")) or (
        config.backend.kind == "demo" and options.get("url") is not None
    )
    if not remote:
        return None
    try:
        json.dumps(options)  # the worker reads them as JSON on its stdin
    except (TypeError, ValueError) as exc:
        _log.warning("big catalog passes stay in the kiosk's process: [backend] options are not plain values (%s)", exc)
        return None
    return config.backend.kind, options
