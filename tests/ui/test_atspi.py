"""The kiosk as Orca would meet it on Linux: Qt's AT-SPI bridge on a virtual X display, inside a D-Bus
session of its own (Debian's at-spi2-core, Xvfb, dbus-run-session; `make system-deps` installs them), read
by AT-SPI's own client library (python3-gi, gir1.2-atspi-2.0) on every screen of the screenshot tour."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# AT-SPI role names of controls a blind shopper operates (Qt: Button, CheckBox, RadioButton, EditableText...)
INTERACTIVE = {
    "push button", "toggle button", "check box", "radio button", "text", "entry", "password text",
    "combo box", "slider", "spin button", "link", "menu item", "page tab", "list item",
}
NEEDED = ["Xvfb", "dbus-run-session", "/usr/libexec/at-spi-bus-launcher"]


@pytest.fixture(scope="module")
def atspi_tour(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    missing = [tool for tool in NEEDED if shutil.which(tool) is None and not Path(tool).exists()]
    probe = subprocess.run(
        ["/usr/bin/python3", "-c", "import gi; gi.require_version('Atspi', '2.0'); from gi.repository import Atspi"],
        capture_output=True,
    )
    if probe.returncode != 0:
        missing.append("python3-gi + gir1.2-atspi-2.0")
    assert not missing, f"AT-SPI test needs {', '.join(missing)}: run `make system-deps` as root"
    out = tmp_path_factory.mktemp("atspi") / "tree.json"
    subprocess.run(
        ["dbus-run-session", "--", sys.executable, "-m", "tests.ui.atspi_session", str(out), "en"],
        cwd=ROOT, check=True, timeout=600, capture_output=True,
    )
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_every_screen_over_atspi_has_no_unnamed_interactive_control(atspi_tour) -> None:  # type: ignore[no-untyped-def]
    assert atspi_tour.pop("_exit") == 0
    assert len(atspi_tour) >= 27
    errors = {screen: tree["error"] for screen, tree in atspi_tour.items() if "error" in tree}
    assert errors == {}
    unnamed = {
        screen: [n["role"] for n in tree["nodes"] if n["role"] in INTERACTIVE and not n["name"]]
        for screen, tree in atspi_tour.items()
    }
    assert {screen: roles for screen, roles in unnamed.items() if roles} == {}


def test_atspi_sees_the_controls_with_their_roles(atspi_tour) -> None:  # type: ignore[no-untyped-def]
    """The bridge really carries the QML's roles: buttons, radio buttons, fields, the panel's switches."""
    def roles(screen: str) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for node in atspi_tour[screen]["nodes"]:
            found.setdefault(node["role"], []).append(node["name"])
        return found

    checkout: dict[str, list[str]] = {}  # the four steps together
    for step in ("checkout", "checkout-receive", "checkout-details", "checkout-pay"):
        for role, names in roles(step).items():
            checkout.setdefault(role, []).extend(names)
    assert len(checkout["text"]) >= 8 and len(checkout["radio button"]) >= 5
    assert "Use my online profile" in checkout["push button"]
    assert "Step 2 of 4, How to receive" in checkout["push button"]  # the step indicator, read as it is drawn
    panel = roles("accessibility")
    assert {"Large text", "High contrast"} <= set(panel["check box"])
    assert "Add to cart" in " ".join(roles("product")["push button"])
