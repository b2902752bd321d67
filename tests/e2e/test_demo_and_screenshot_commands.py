"""`kiosk demo` / `kiosk run` without a display, and `kiosk screenshot`, as a new user runs them: real processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
NO_DISPLAY = (
    "kiosk: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
    "To see the screens without a display, render them to PNG:\n"
    "    .venv/bin/kiosk screenshot --out screenshots/\n"
)
# every main screen of the shopper's journey, and the staff and associate screens the tour adds
MAIN_SCREENS = {
    "attract", "demo-scanner", "home", "category", "search", "product", "cart", "checkout", "checkout-keyboard",
    "confirmation", "idle-warning",
}


def _headless(tmp_path: Path) -> dict[str, str]:
    drop = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "KIOSK_CONFIG"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["KIOSK_DATA_DIR"] = str(tmp_path / "data")
    return env


@pytest.mark.parametrize("args", [["demo"], ["demo", "--catalog-size", "5000"], ["run"]])
def test_without_a_display_the_kiosk_says_so_and_points_to_screenshots(tmp_path: Path, args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, cwd=ROOT, env=_headless(tmp_path),
        timeout=60,
    )
    assert (done.returncode, done.stdout, done.stderr) == (3, "", NO_DISPLAY)
    assert not (tmp_path / "data").exists()  # nothing generated for a window that cannot open


def test_screenshot_renders_every_main_screen_offscreen_in_the_size_and_language_asked(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "screenshot", "--out", str(out), "--size", "1920x1080", "--lang", "es"],
        capture_output=True, text=True, cwd=ROOT, env=_headless(tmp_path), timeout=240,
    )
    assert done.returncode == 0, done.stderr
    saved = [Path(line) for line in done.stdout.splitlines()]
    assert done.stderr.splitlines()[-1] == f"kiosk: {len(saved)} screens saved to {out}"
    assert sorted(saved) == sorted(out.glob("*.png"))
    assert {p.stem for p in saved} >= MAIN_SCREENS
    for path in saved:
        with Image.open(path) as image:
            assert image.size == (1920, 1080), path.name
            colours = image.convert("RGB").resize((192, 108)).getcolors(192 * 108)
            assert colours is not None and len(colours) > 40, f"{path.name} looks blank"
