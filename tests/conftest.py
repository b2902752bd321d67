"""Suite-wide set-up: Qt offscreen, and fixtures shared across test folders."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The kiosk runs with the on-screen keyboard as its input method; so do the UI tests (pytest-qt creates the
# application before the kiosk code could set it).
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")

pytest_plugins = ["tests.fixtures.vendure"] if os.path.exists(
    os.path.join(os.path.dirname(__file__), "fixtures", "vendure.py")
) else []


@pytest.fixture(autouse=True)
def _garbage_collected_on_the_main_thread() -> Iterator[None]:
    """Under a Qt application automatic collection is off (kiosk/ui/qt/main_thread_gc.py) and its timer runs
    only while a test spins the event loop; what a test leaves is collected here, on the main thread, when
    due, so no later worker thread ever collects a Qt object."""
    yield
    if not gc.isenabled():
        from kiosk.ui.qt.main_thread_gc import collect_due

        collect_due(gc.get_threshold())
