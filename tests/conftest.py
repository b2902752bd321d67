"""Suite-wide set-up: Qt offscreen, and fixtures shared across test folders."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.fixtures.vendure"] if os.path.exists(
    os.path.join(os.path.dirname(__file__), "fixtures", "vendure.py")
) else []
