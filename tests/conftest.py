"""Suite-wide set-up: Qt offscreen, and fixtures shared across test folders."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The kiosk runs with the on-screen keyboard as its input method; so do the UI tests (pytest-qt creates the
# application before the kiosk code could set it).
os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")

pytest_plugins = ["tests.fixtures.vendure"] if os.path.exists(
    os.path.join(os.path.dirname(__file__), "fixtures", "vendure.py")
) else []
