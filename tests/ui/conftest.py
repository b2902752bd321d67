"""A running kiosk per test: demo backend (generated once per session), real SQLite files, real pty scanner."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.app import KioskApp, Services
from kiosk.config import load_config
from tests.fakes import FakeClock

MakeKiosk = Callable[..., KioskApp]


@pytest.fixture(scope="session")
def demo_backend(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from kiosk.backends.demo.backend import DemoBackend

    return DemoBackend(tmp_path_factory.mktemp("demo-store"), catalog_size=300)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_kiosk(qtbot, tmp_path: Path, demo_backend, clock: FakeClock) -> Iterator[MakeKiosk]:  # type: ignore[no-untyped-def]
    """Builds the kiosk with config sections overridden, e.g. make_kiosk(nfc={"port": path}); portrait
    1080x1920 unless a size is given (make_kiosk(size=(1920, 1080)) for landscape).

    The keyboard-wedge detector is off unless a test turns it on: test helpers type at machine speed,
    which is exactly what a wedge scanner looks like, so typed text would be held back as a possible scan.
    """
    apps: list[KioskApp] = []

    def build(backend: Any = None, size: tuple[int, int] = (1080, 1920), **sections: dict[str, Any]) -> KioskApp:
        env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data"), "KIOSK_LANGUAGE": "en"}
        config = load_config(env=env)
        sections.setdefault("scanner", {})
        sections["scanner"] = {"wedge": False, **sections["scanner"]}
        sections.setdefault("accessibility", {})
        sections["accessibility"] = {"speech_engine": "mock", **sections["accessibility"]}
        for name, values in sections.items():
            config = dataclasses.replace(config, **{name: dataclasses.replace(getattr(config, name), **values)})
        services = Services.build(config, backend=backend or demo_backend, clock=clock)
        services.sync()
        services.refresh_promotions()  # the store's offers, as the kiosk's first sync pass fetches them
        app = KioskApp(services, width=size[0], height=size[1])
        apps.append(app)
        app.load_shipping_methods()
        qtbot.waitUntil(lambda: app.app_vm.checkout.shippingMethods.count > 0, timeout=5000)
        return app

    yield build
    for app in apps:
        app.shutdown()


@pytest.fixture
def kiosk(make_kiosk: MakeKiosk) -> KioskApp:
    return make_kiosk()
