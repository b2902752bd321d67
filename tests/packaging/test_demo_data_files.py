"""The demo store's data files live under resources/demo/ (not inside the package), the PyInstaller spec bundles
that folder, and the build's smoke test of the frozen demo store checks each file through what the store answers.
Checked without building: `make test-package` runs the same smoke test on the real bundle."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from kiosk.backends.demo import backend, promotions
from kiosk.resources import resources_dir
from tests.fixtures.demo_store import ServedDemoStore

ROOT = Path(__file__).resolve().parents[2]
DATA_FILES = ("attract.json", "promotions.json", "recalls.json", "customer_groups.json")


def _build() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kiosk_package_build", ROOT / "packaging" / "build.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    return build


def test_the_demo_store_reads_its_data_from_resources_demo_which_the_bundle_carries() -> None:
    demo = resources_dir() / "demo"
    used = (backend.ATTRACT_FILE, promotions.PROMOTIONS_FILE, backend.RECALLS_FILE, promotions.GROUPS_FILE)
    assert tuple(f.name for f in used) == DATA_FILES
    assert all(f.parent == demo and f.is_file() for f in used)
    assert not list((ROOT / "kiosk").rglob("*.json"))  # data belongs under resources/, not in the package
    spec = (ROOT / "packaging" / "kiosk.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources" / "demo"), "resources/demo")' in spec


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedDemoStore]:
    served = ServedDemoStore(tmp_path_factory.mktemp("store"), 300)
    yield served
    served.stop()


def test_the_smoke_test_reads_each_data_file_back_from_the_served_store(
    store: ServedDemoStore, capsys: pytest.CaptureFixture[str]
) -> None:
    _build().smoke_test_demo_data(store.url)
    assert capsys.readouterr().out == (
        "smoke test: the frozen demo store serves its data files ({'promotions.json': 9, 'recalls.json': 3,"
        " 'attract.json': 6}, member groups ['Gold', 'VIP'])\n"
    )


def test_the_smoke_test_fails_on_a_store_without_them(store: ServedDemoStore) -> None:
    """Negative control: the address of something that is not the demo store (no such routes: 404)."""
    with pytest.raises(SystemExit) as info:
        _build().smoke_test_demo_data(store.url + "/nowhere")
    assert str(info.value).startswith("smoke test: the frozen demo store lacks promotions.json: HTTP 404")
