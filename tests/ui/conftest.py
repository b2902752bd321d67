"""A running kiosk per test: demo backend (generated once per session), real SQLite files, real pty scanner."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import KioskApp, Services
from kiosk.config import load_config
from tests.fakes import FakeClock


@pytest.fixture(scope="session")
def demo_backend(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from kiosk.backends.demo import DemoBackend

    return DemoBackend(tmp_path_factory.mktemp("demo-store"), catalog_size=300)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def kiosk(qtbot, tmp_path: Path, demo_backend, clock: FakeClock) -> Iterator[KioskApp]:  # type: ignore[no-untyped-def]
    env = {"KIOSK_DATA_DIR": str(tmp_path / "data"), "KIOSK_LANGUAGE": "en", **os.environ}
    env["KIOSK_LANGUAGE"] = "en"
    config = load_config(env=env)
    services = Services.build(config, backend=demo_backend, clock=clock)
    services.sync()
    app = KioskApp(services, width=1080, height=1920)
    app.load_shipping_methods()
    qtbot.waitUntil(lambda: app.app_vm.checkout.shippingMethods.count > 0, timeout=5000)
    yield app
    app.shutdown()
