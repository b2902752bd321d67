"""Qt-level guarantees: list models obey Qt's contract, signals survive heavy use, translations are complete."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont, QFontInfo, QGuiApplication, QRawFont

from kiosk.app import KioskApp
from kiosk.ui.devtools.bench_driver import visual_items
from kiosk.ui.viewmodels.list_models import PagedListModel, RowListModel

ROOT = Path(__file__).resolve().parents[2]


def test_row_model_passes_qtmodeltester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = RowListModel(("name", "price"))
    model.reset([{"name": f"n{i}", "price": f"€{i}"} for i in range(10)])
    qtmodeltester.check(model)
    model.append([{"name": "x", "price": "y"}])
    qtmodeltester.check(model)


def test_paged_model_fetches_more_lazily_and_passes_qtmodeltester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    requests: list[tuple[int, int]] = []

    def fetch(offset: int, limit: int, deliver) -> None:  # type: ignore[no-untyped-def]
        requests.append((offset, limit))
        deliver([{"name": f"n{offset + i}"} for i in range(min(limit, 50 - offset))])

    model = PagedListModel(("name",), fetch, page_size=20)
    model.restart([{"name": f"n{i}"} for i in range(20)])
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 50 and not model.canFetchMore()
    assert requests == [(20, 20), (40, 20)]
    qtmodeltester.check(model)


def test_replace_tells_only_what_changed_and_keeps_the_model_consistent(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    """A new query's rows replace the old ones in place: unchanged rows are not announced, so a view
    keeps (and does not even rebind) their delegates; shrinking removes and growing inserts at the end."""
    model = RowListModel(("name",))
    model.reset([{"name": n} for n in "abcde"])
    events: list[tuple[str, int, int]] = []
    model.dataChanged.connect(lambda first, last: events.append(("changed", first.row(), last.row())))
    model.rowsRemoved.connect(lambda _parent, first, last: events.append(("removed", first, last)))
    model.rowsInserted.connect(lambda _parent, first, last: events.append(("inserted", first, last)))
    model.modelReset.connect(lambda: events.append(("reset", -1, -1)))
    model.replace([{"name": n} for n in "aXcY"])  # b->X, d->Y, e gone
    assert events == [("removed", 4, 4), ("changed", 1, 1), ("changed", 3, 3)]
    assert [model.get(i)["name"] for i in range(model.rowCount())] == list("aXcY")
    events.clear()
    model.replace([{"name": n} for n in "aXZWVU"])  # c->Z, Y->W, two more
    assert events == [("changed", 2, 3), ("inserted", 4, 5)]
    assert [model.get(i)["name"] for i in range(model.rowCount())] == list("aXZWVU")
    qtmodeltester.check(model)
    events.clear()
    model.replace([])
    assert events == [("removed", 0, 5)] and model.rowCount() == 0


class _Emitter(QObject):
    changed = Signal(bool)
    stamped = Signal("qint64")


def test_pyside6_is_pinned_to_6_11_and_that_is_what_runs() -> None:
    """6.12.0 aborts on Python 3.11 after ~500 signal emits (the test below); the pin keeps it out."""
    import tomllib
    from importlib.metadata import version

    import PySide6

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert {"PySide6-Essentials==6.11.*", "PySide6-Addons==6.11.*"} <= set(deps)
    assert PySide6.__version__.startswith("6.11.")
    assert version("PySide6-Essentials").startswith("6.11.") and version("PySide6-Addons").startswith("6.11.")


def test_a_thousand_signal_emits_with_bool_and_int64_arguments(qtbot) -> None:  # type: ignore[no-untyped-def]
    # PySide6 6.12.0 on Python 3.11 aborts after ~500 emits of True (refcount bug); 6.11.x must not.
    emitter = _Emitter()
    seen: list[object] = []
    emitter.changed.connect(seen.append)
    emitter.stamped.connect(seen.append)
    for i in range(1000):
        emitter.changed.emit(i % 2 == 0)
        emitter.stamped.emit(1_700_000_000_000_000_000 + i)
    assert len(seen) == 2000 and seen[-1] == 1_700_000_000_000_000_999


def test_every_qml_string_has_a_spanish_translation() -> None:
    ts = ET.parse(ROOT / "resources/i18n/kiosk_es.ts")
    translated = {
        m.findtext("source"): m.find("translation")
        for m in ts.iter("message")
    }
    pattern = re.compile(r'qsTr\("((?:[^"\\]|\\.)*)"')
    for qml in (ROOT / "resources/qml").rglob("*.qml"):
        for source in pattern.findall(qml.read_text(encoding="utf-8")):
            text = source.replace('\\"', '"')
            assert text in translated, f"{qml.name}: {text!r} is not in kiosk_es.ts (run make i18n)"
            node = translated[text]
            assert node is not None and node.get("type") != "unfinished", f"{text!r} is untranslated"


def test_the_bundled_font_covers_every_character_the_kiosk_can_show() -> None:
    """Qt ships no fonts and a kiosk image may have none: a character missing from Inter would be a box."""
    fonts = sorted((ROOT / "resources/fonts").glob("Inter-*.otf"))
    assert [f.stem for f in fonts] == ["Inter-Bold", "Inter-Medium", "Inter-Regular", "Inter-SemiBold"]
    shown = set()
    sources = [*(ROOT / "kiosk").rglob("*.py"), *(ROOT / "resources/qml").rglob("*.qml"), ROOT / "resources/i18n/kiosk_es.ts"]
    for path in sources:
        if path.name == "urls.py":
            continue  # look-alike letters of phishing hosts, which are refused, never shown
        shown |= {ch for ch in path.read_text(encoding="utf-8") if ord(ch) > 127}
    assert {"€", "ñ", "¿", "¡", "·", "•", "×", "…"} <= shown
    for font in fonts:
        raw = QRawFont(str(font), 20)
        assert raw.isValid() and raw.familyName() == "Inter", font.name
        missing = sorted(ch for ch in shown if not raw.supportsCharacter(ord(ch)))
        assert missing == [], f"{font.name} has no glyph for {missing}"


def test_the_running_ui_draws_every_text_in_the_bundled_font(kiosk: KioskApp, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert QFontInfo(QGuiApplication.font()).family() == "Inter"  # the default for anything without a family
    kiosk.app_vm.start()
    qtbot.waitUntil(lambda: kiosk.app_vm.home.popular.count > 0)
    # The on-screen keyboard's built-in style asks for "Sans": the system's sans where there is one, and
    # Inter (the only font fontconfig knows) where there is none, so its keys are never boxes either.
    panel = next(i for i in visual_items(kiosk.window.contentItem()) if i.metaObject().className().startswith("InputPanel"))
    keyboard = {shiboken6.getCppPointer(i)[0] for i in visual_items(panel)}
    texts = [
        item for item in visual_items(kiosk.window.contentItem())
        if item.isVisible() and item.metaObject().className().startswith("QQuickText") and shiboken6.getCppPointer(item)[0] not in keyboard
    ]
    assert len(texts) > 20
    for item in texts:
        font = item.property("font")
        assert isinstance(font, QFont)
        assert QFontInfo(font).family() == "Inter", f"{item.objectName() or item.property('text')!r}: {QFontInfo(font).family()}"
