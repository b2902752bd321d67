"""Every screen of the kiosk through a screen reader's eyes (QAccessible): the screenshot tour's 27 screens,
shopper and associate mode, with 0 interactive controls that have no name; and the names are translated."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QGuiApplication, QWindow

from kiosk.commands.screenshot import screenshot
from kiosk.ui.devtools.accessibility_audit import INTERACTIVE, Node, Role, window_nodes

SHOPPER_PAGES = {"attract", "home", "search", "product", "cart", "checkout", "confirmation", "profile"}


def _window() -> QWindow:
    return next(w for w in QGuiApplication.topLevelWindows() if w.isVisible())


def _tour(tmp_path: Path, lang: str) -> dict[str, list[Node]]:
    seen: dict[str, list[Node]] = {}

    def inspect(name: str) -> None:
        seen[name] = window_nodes(_window())

    args = argparse.Namespace(out=tmp_path / "shots", size="1080x1920", lang=lang, data_dir=None, suffix="", config=None)
    try:
        assert screenshot(args, inspect=inspect) == 0
    finally:
        _drop_translators()
    return seen


def _drop_translators() -> None:
    """The tour's kiosks are gone but their translators stay installed on the application every test shares
    (a Spanish one would turn the next tests' screens Spanish)."""
    app = QCoreApplication.instance()
    for translator in app.findChildren(QTranslator) if app is not None else []:
        QCoreApplication.removeTranslator(translator)
        translator.deleteLater()


@pytest.fixture(scope="module")
def english_tour(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Node]]:
    mp = pytest.MonkeyPatch()
    mp.setenv("KIOSK_SPEECH_ENGINE", "mock")
    try:
        return _tour(tmp_path_factory.mktemp("a11y-en"), "en")
    finally:
        mp.undo()


def test_every_screen_has_no_unnamed_interactive_control(english_tour: dict[str, list[Node]], qtbot) -> None:  # type: ignore[no-untyped-def]
    assert len(english_tour) >= 27
    assert set(english_tour) >= SHOPPER_PAGES
    assert {"associate-customer", "associate-orders", "associate-return", "pin-pad", "staff-menu", "dead-letters",
            "idle-warning", "accessibility", "cart-to-phone", "demo-scanner"} <= set(english_tour)
    unnamed = {
        screen: [f"{n.role.name} at {n.path}" for n in nodes if n.role in INTERACTIVE and not n.name]
        for screen, nodes in english_tour.items()
    }
    assert {screen: found for screen, found in unnamed.items() if found} == {}


def test_the_walk_sees_the_controls_it_judges(english_tour: dict[str, list[Node]], qtbot) -> None:  # type: ignore[no-untyped-def]
    """Not a walk that finds nothing and so nothing unnamed: the checkout exposes its fields and choices
    with their roles, the top bar its buttons, the PIN pad its twelve keys."""
    steps = ("checkout", "checkout-receive", "checkout-details", "checkout-pay")
    assert all(step in english_tour for step in steps)
    checkout = Counter(n.role for step in steps for n in english_tour[step])
    assert checkout[Role.EditableText] >= 8  # the search field on each step, the address and the details
    assert checkout[Role.RadioButton] >= 5  # fulfilment options, delivery methods, payments
    names = {n.name for n in english_tour["home"] if n.role == Role.Button}
    assert {"Home", "Call an associate", "Accessibility: speech, large text, contrast, reach"} <= names
    languages = {n.name for n in english_tour["home"] if n.role == Role.RadioButton}
    assert {"English", "Español"} <= languages  # the bottom bar: each language in its own words
    assert any(name.startswith("Cart: ") for name in names)
    keys = {n.name for n in english_tour["pin-pad"] if n.role == Role.Button}
    assert set("0123456789") | {"Delete", "OK"} <= keys
    options = [n for step in steps for n in english_tour[step] if n.role == Role.RadioButton]
    assert options
    assert all(n.description for n in options)  # each option says what it costs / when / why not


def test_names_follow_the_language_on_screen(tmp_path: Path, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KIOSK_SPEECH_ENGINE", "mock")
    spanish = _tour(tmp_path, "es")
    assert {s: [n.path for n in nodes if n.role in INTERACTIVE and not n.name] for s, nodes in spanish.items()
            if any(n.role in INTERACTIVE and not n.name for n in nodes)} == {}
    names = {n.name for n in spanish["home"] if n.role in (Role.Button, Role.RadioButton)}
    assert {"Inicio", "Llamar al personal", "English", "Español"} <= names  # each language in its own words
    assert any(name.startswith("Carrito: ") for name in names)
