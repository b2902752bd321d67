"""`make test-package`: fixtures for the tests of the built bundle and package (build/package/, `make package`)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pkgtest import BUNDLE, OUT, NotifySocket


@pytest.fixture(scope="session")
def bundle() -> Path:
    exe = BUNDLE / "kiosk"
    assert exe.is_file(), f"no bundle at {BUNDLE}: run `make package` first"
    return BUNDLE


@pytest.fixture(scope="session")
def deb() -> Path:
    found = sorted(OUT.glob("endless-aisle-kiosk_*_amd64.deb"))
    assert found, f"no package in {OUT}: run `make package` first"
    return found[-1]


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temp folder another user can reach (pytest's tmp_path sits under a root-only folder)."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-pkg-test-", dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def notify_socket(shared_tmp: Path) -> Iterator[NotifySocket]:
    sock = NotifySocket(shared_tmp / "notify")
    yield sock
    sock.close()
