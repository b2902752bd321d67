"""Where the kiosk's data files are (resources/: QML, fonts, translations, demo data): the one place that
knows, so bundling the kiosk changes one function."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """A PyInstaller bundle's resources/ (its bootloader sets sys._MEIPASS to the unpacked folder), else the
    source checkout's, beside the kiosk package (kiosk/resources.py -> the repository root)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if isinstance(bundle, str):
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"
