"""Every screen of the tour in Spanish and in English, read text by text (issue 18, item 4): no text of the
other language, and no text cut off (wider than its box with no elide, or taller than a box that clips).

The two tours run once per module (about 50 s each). Each rule is proved on a seeded fault below it, so a
walk that finds nothing cannot pass by reading nothing.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QGuiApplication, QWindow

import kiosk
from kiosk.commands.screenshot import screenshot
from kiosk.core.i18n import LocalizedText
from kiosk.resources import resources_dir
from kiosk.ui.devtools.text_audit import Catalog, TextItem, audit, clipped, text_items, untranslated, words_of

Screens = dict[str, dict[str, list[TextItem]]]


def _window() -> QWindow:
    return next(w for w in QGuiApplication.topLevelWindows() if w.isVisible())


def _drop_translators() -> None:
    app = QCoreApplication.instance()
    for translator in app.findChildren(QTranslator) if app is not None else []:
        QCoreApplication.removeTranslator(translator)
        translator.deleteLater()


def _tour(out: Path, lang: str, size: str = "1080x1920") -> dict[str, list[TextItem]]:
    seen: dict[str, list[TextItem]] = {}

    def inspect(name: str) -> None:
        seen[name] = text_items(_window())

    args = argparse.Namespace(out=out, size=size, lang=lang, data_dir=None, suffix="", config=None)
    try:
        assert screenshot(args, inspect=inspect) == 0
    finally:
        _drop_translators()
    return seen


@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory) -> Screens:
    mp = pytest.MonkeyPatch()
    mp.setenv("KIOSK_SPEECH_ENGINE", "mock")
    try:
        # Spanish in landscape and English in portrait, as `make screenshots` renders them: both orientations'
        # layouts are measured for clipping, and the longer language gets the shorter height
        sizes = {"es": "1920x1080", "en": "1080x1920"}
        return {lang: _tour(tmp_path_factory.mktemp(f"text-{lang}"), lang, size) for lang, size in sizes.items()}
    finally:
        mp.undo()


def _python_texts() -> Iterator[tuple[str, str]]:
    """The LocalizedText constants of every module (view-models' messages, stock words, scanning, slips)."""
    for info in pkgutil.walk_packages(kiosk.__path__, "kiosk."):
        if ".devtools" in info.name or info.name.endswith("__main__"):
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:
            continue
        stack: list[object] = list(vars(module).values())
        while stack:
            value = stack.pop()
            if isinstance(value, LocalizedText):
                yield value.en, value.es
            elif isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, tuple | list | frozenset | set) and len(value) < 200:
                stack.extend(value)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load(resources_dir() / "i18n" / "kiosk_es.ts", _python_texts())


@pytest.fixture(scope="module")
def neutral_words(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Words that are the same in both languages by data: brands, names the catalog gives the same in both,
    stores and cities, the demo customers' names and addresses. Nothing from the UI's own strings."""
    from kiosk.app import Services
    from kiosk.config import load_config

    data_dir = tmp_path_factory.mktemp("neutral")
    mp = pytest.MonkeyPatch()
    mp.setenv("KIOSK_DATA_DIR", str(data_dir))
    mp.setenv("KIOSK_BACKEND", "demo")
    try:
        services = Services.build(load_config(None))
        services.sync()
        texts: list[str] = []
        for location in services.store.locations():
            texts += [location.name, location.city, location.address]
        for customer in services.backend.customers():  # type: ignore[attr-defined]
            texts += [customer.first_name, customer.last_name, customer.email, customer.masked_email]
            texts += [f"{a.full_name} {a.street} {a.city}" for a in customer.addresses]
        services.close()
    finally:
        mp.undo()
    conn = sqlite3.connect(data_dir / "catalog.db")
    try:
        texts += [r[0] for r in conn.execute("SELECT DISTINCT brand FROM products")]
        texts += [r[0] for r in conn.execute("SELECT name_en FROM products WHERE name_en = name_es")]
    finally:
        conn.close()
    return words_of(texts) | {"qr", "nfc", "pin", "sku", "ean", "gtin", "vendure", "web"}


def test_no_screen_shows_the_other_languages_words(
    screens: Screens,
    catalog: Catalog,
    neutral_words: set[str],
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    assert set(screens["es"]) == set(screens["en"])
    assert len(screens["es"]) >= 34
    assert {"checkout-recheck", "payment-declined", "payment-timed-out", "order-status", "enrol"} <= set(screens["es"])
    checked = sum(len(items) for lang in screens.values() for items in lang.values())
    assert checked > 1000  # the walk reads the screens, not an empty window
    findings = [str(f) for f in audit(screens, catalog, neutral_words)]
    assert findings == []


def test_no_screen_cuts_a_text_off(screens: Screens, qtbot) -> None:  # type: ignore[no-untyped-def]
    findings = [str(f) for lang, by_screen in screens.items() for screen, items in by_screen.items()
                for f in clipped(f"{screen} ({lang})", items)]  # fmt: skip
    assert findings == []


def test_the_rules_fail_on_seeded_faults(screens: Screens, catalog: Catalog, neutral_words: set[str], qtbot) -> None:  # type: ignore[no-untyped-def]
    """An English button on the Spanish home page, an English product name on a Spanish dead-letter screen,
    and a label squeezed into half its width: each is found, by screen, path and text."""
    home_es = list(screens["es"]["home"])
    seeded = TextItem("/homePage/seeded/Text", "Add to cart", 200, 40, 120, 30, False, False, False)
    found = untranslated("home", "es", [*home_es, seeded], screens["en"]["home"], catalog, neutral_words)
    assert [(f.screen, f.path, f.text) for f in found] == [("home", "/homePage/seeded/Text", "Add to cart")]

    product_line = TextItem("/deadLetterPage/line/Text", "2 × Pleated Twill Trousers", 500, 40, 300, 30,
                            False, False, False)  # fmt: skip
    found = untranslated("dead-letters", "es", [product_line], [product_line], catalog, neutral_words)
    assert [f.text for f in found] == ["2 × Pleated Twill Trousers"]
    assert "Pleated Twill Trousers" in found[0].why

    formatted = TextItem("/x/Text", "Card 1234 · 8,200 points", 500, 40, 300, 30, False, False, False)
    assert [f.why for f in untranslated("profile", "es", [formatted], [], catalog, set())] == ["a en UI string"]

    label = next(i for i in screens["es"]["checkout"] if not i.wraps and not i.elided and i.implicit_width > 40)
    squeezed = TextItem(label.path, label.text, label.implicit_width / 2, label.height, label.implicit_width,
                        label.implicit_height, False, False, False)  # fmt: skip
    assert [(f.path, f.text) for f in clipped("checkout", [label, squeezed])] == [(label.path, label.text)]
    cut = TextItem("/p/Text", "Two lines\nof text", 200, 20, 100, 40, False, True, True)
    assert len(clipped("x", [cut])) == 1
    elided = TextItem("/p/Text", "A long name", 50, 20, 100, 20, True, False, False)
    assert clipped("x", [elided]) == []
