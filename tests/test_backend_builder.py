"""Which kiosks a catalog worker can serve: only a backend another process can rebuild from the config alone."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import Any

import pytest

from kiosk.backend_builder import build_remote_backend, worker_settings
from kiosk.config import BackendSettings, load_config


def _config(tmp_path: Path, kind: str, options: dict[str, Any]):  # type: ignore[no-untyped-def]
    config = load_config(env={"KIOSK_DATA_DIR": str(tmp_path)})
    return dataclasses.replace(config, backend=BackendSettings(kind=kind, options=options))


def test_a_store_reached_over_the_network_can_be_rebuilt_in_a_worker(tmp_path: Path) -> None:
    vendure = {"admin_url": "https://shop.example.com/admin-api", "api_key": "k"}
    assert worker_settings(_config(tmp_path, "vendure", vendure)) == ("vendure", vendure)
    demo = {"url": "http://127.0.0.1:8765"}
    assert worker_settings(_config(tmp_path, "demo", demo)) == ("demo", demo)


def test_a_store_living_in_the_kiosks_own_process_cannot(tmp_path: Path) -> None:
    assert worker_settings(_config(tmp_path, "demo", {})) is None  # the embedded demo store
    assert worker_settings(_config(tmp_path, "vendure", {})) is None  # the local server the kiosk starts and owns


def test_options_that_cannot_travel_as_json_keep_passes_in_the_kiosk(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    odd = {"url": "http://127.0.0.1:8765", "since": datetime.date(2026, 12, 7)}  # TOML has dates
    assert worker_settings(_config(tmp_path, "demo", odd)) is None
    assert "big catalog passes stay in the kiosk's process: [backend] options are not plain values" in caplog.text


def test_the_worker_refuses_to_build_an_embedded_store() -> None:
    with pytest.raises(ValueError) as info:
        build_remote_backend("demo", {})
    assert str(info.value) == "a demo backend without a url cannot be built in another process"
