"""Reads every text a screen shows (Qt Quick Text items) and judges it: untranslated, or clipped without elide.

Used by tests/ui/test_every_screen_text.py on the screenshot tour's screens in Spanish and English. The walk
is over the item tree, not the accessibility tree: a label a screen reader never reaches is still read by eye.
The rules are plain functions over `TextItem` values, so a seeded fault proves each one fails.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QWindow
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem, QQuickWindow

# Qt's enums as plain ints (Text.elide / Text.wrapMode): ElideNone == 3, NoWrap == 0
_ELIDE_NONE = 3
_NO_WRAP = 0
_SLACK = 1.0  # a pixel of rounding between a text's implicit and laid-out size is not a clip
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W\d_]{2,}")
# codes are the same in every language: URLs, anything with a digit (SKUs, order numbers, postcodes) and
# short capitals (country codes, "QR")
_CODE = re.compile(r"\S+://\S+|[\w.-]*\d[\w.-]*|\b[A-Z]{2,4}\b")
# numbers and dates as a language writes them: never ISO dates, never ungrouped thousands of points
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_UNGROUPED_POINTS = re.compile(r"\b\d{4,}\s*(puntos|points)\b")
# what shoppers wrote (reviews) is shown as written, in its own language, with a note when it is the other
# one: the "same on both screens" rule does not apply inside these items (the UI-string rule still does)
USER_CONTENT = ("reviewCard",)
# the bottom bar's language switch names each language in its own words on every screen ("English" on a Spanish
# one, "Español" on an English one), so a shopper who reads only that language finds it: not untranslated text
LANGUAGE_NAMES = ("language_en", "language_es")
_PLACEHOLDER = re.compile(r"%L?\d|%n|\{[a-z_]*\}")


@dataclass(frozen=True, slots=True)
class TextItem:
    """One shown text: what it says and the geometry the clipping rule needs."""

    path: str  # objectName chain from the window, for the failure message
    text: str
    width: float
    height: float
    implicit_width: float
    implicit_height: float
    elided: bool  # Text.elide is not ElideNone
    wraps: bool
    clips: bool  # Text.clip, or a line limit that cut it (Text.truncated without an elide)


@dataclass(frozen=True, slots=True)
class Finding:
    screen: str
    path: str
    text: str
    why: str

    def __str__(self) -> str:
        return f"{self.screen}: {self.path}: {self.text!r} ({self.why})"


def _shown(item: QQuickItem) -> bool:
    if not item.isVisible():
        return False
    node: QQuickItem | None = item
    while node is not None:
        if node.opacity() <= 0.01:
            return False
        node = node.parentItem()
    return True


def _enum(item: QQuickItem, name: str) -> int:
    """Text's enum properties have no Python converter in PySide6: read them as QML sees them (ints)."""
    expression = QQmlExpression(QQmlEngine.contextForObject(item), item, name)
    value, _ = expression.evaluate()
    return int(value)


def text_items(window: QWindow) -> list[TextItem]:
    """Every visible, non-empty Text (labels, button captions, placeholders) in the window, depth first."""
    assert isinstance(window, QQuickWindow)
    found: list[TextItem] = []
    stack: list[tuple[QQuickItem, str]] = [(window.contentItem(), "")]
    while stack:
        item, where = stack.pop()
        if not _shown(item):
            continue
        name = item.objectName()
        here = f"{where}/{name}" if name else where
        if item.inherits("QQuickText"):
            text = _TAG.sub("", str(item.property("text") or "")).strip()
            if text:
                elided = _enum(item, "elide") != _ELIDE_NONE
                truncated = bool(item.property("truncated")) and not elided
                found.append(TextItem(
                    path=f"{here or ''}/Text",
                    text=text,
                    width=item.width(),
                    height=item.height(),
                    implicit_width=item.implicitWidth(),
                    implicit_height=item.implicitHeight(),
                    elided=elided,
                    wraps=_enum(item, "wrapMode") != _NO_WRAP,
                    clips=item.clip() or truncated,
                ))  # fmt: skip
        for child in reversed(item.childItems()):
            stack.append((child, here))
    return found


def clipped(screen: str, items: Iterable[TextItem]) -> list[Finding]:
    """A line wider than its box with no elide runs over its neighbours or is cut off; a wrapped text taller
    than a box that clips (or a line limit with no ellipsis) loses its last lines."""
    out: list[Finding] = []
    for item in items:
        if item.elided:
            continue
        if not item.wraps and item.implicit_width > item.width + _SLACK:
            out.append(Finding(screen, item.path, item.text,
                               f"needs {item.implicit_width:.0f} px, has {item.width:.0f}"))  # fmt: skip
        elif item.clips and item.implicit_height > item.height + _SLACK:
            out.append(Finding(screen, item.path, item.text,
                               f"needs {item.implicit_height:.0f} px high, has {item.height:.0f}"))  # fmt: skip
    return out


@dataclass(frozen=True, slots=True)
class Catalog:
    """The UI's strings in both languages: (English, Spanish) pairs from the .ts file and the Python texts."""

    pairs: tuple[tuple[str, str], ...]

    @classmethod
    def load(cls, ts_file: Path, more: Iterable[tuple[str, str]] = ()) -> Catalog:
        pairs: list[tuple[str, str]] = []
        for message in ET.parse(ts_file).getroot().iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                continue
            forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            pairs.extend((source, form) for form in forms if form)
        pairs.extend((en, es) for en, es in more if en and es)
        return cls(tuple(pairs))

    def strings_of(self, lang: str) -> list[re.Pattern[str]]:
        """Patterns matching a whole shown text that is one of `lang`'s strings and not the other's."""
        index = 0 if lang == "en" else 1
        patterns = []
        for pair in self.pairs:
            mine, theirs = pair[index], pair[1 - index]
            if mine == theirs or not _WORD.search(_PLACEHOLDER.sub("", mine)):
                continue
            parts = _PLACEHOLDER.split(mine)
            patterns.append(re.compile(".+?".join(re.escape(p) for p in parts), re.DOTALL))
        return patterns

    def same_in_both(self) -> set[str]:
        """Words of strings translated as themselves ("OK", "Total"): not English on a Spanish screen."""
        return {w.lower() for en, es in self.pairs if en == es for w in _WORD.findall(en)}


def untranslated(
    screen: str,
    lang: str,
    shown: Iterable[TextItem],
    other_rendering: Iterable[TextItem],
    catalog: Catalog,
    neutral_words: set[str],
) -> list[Finding]:
    """Texts on a `lang` screen that are the other language's: a UI string of the other language (whole,
    placeholders filled), or a text the other language's rendering of the same screen shows identically
    with a word that is not language-neutral (brand, person, code, or data the same in both languages)."""
    other = "es" if lang == "en" else "en"
    theirs = catalog.strings_of(other)
    mine = catalog.strings_of(lang)
    on_other = {item.text for item in other_rendering}
    neutral = neutral_words | catalog.same_in_both()
    out: list[Finding] = []
    for item in shown:
        text = item.text
        if any(p.fullmatch(text) for p in theirs) and not any(p.fullmatch(text) for p in mine):
            out.append(Finding(screen, item.path, text, f"a {other} UI string"))
            continue
        if text in on_other and not any(f"/{name}" in item.path for name in (*USER_CONTENT, *LANGUAGE_NAMES)):
            foreign = [w for w in _WORD.findall(_CODE.sub(" ", text)) if w.lower() not in neutral]
            if foreign:
                out.append(Finding(screen, item.path, text, f"same on the {other} screen: {' '.join(foreign)}"))
    return out


def misformatted(screen: str, items: Iterable[TextItem]) -> list[Finding]:
    """Dates and points as no shopper writes them: "2026-12-07", "8200 puntos"."""
    out: list[Finding] = []
    for item in items:
        if _ISO_DATE.search(item.text):
            out.append(Finding(screen, item.path, item.text, "an ISO date"))
        elif _UNGROUPED_POINTS.search(item.text):
            out.append(Finding(screen, item.path, item.text, "points without a thousands separator"))
    return out


def words_of(texts: Iterable[str]) -> set[str]:
    return {w.lower() for text in texts for w in _WORD.findall(text)}


def audit(
    screens: Mapping[str, Mapping[str, list[TextItem]]], catalog: Catalog, neutral_words: set[str]
) -> Iterator[Finding]:
    """`screens[lang][screen]`: every screen both languages rendered, judged both ways."""
    for lang, other in (("es", "en"), ("en", "es")):
        for screen, items in screens[lang].items():
            yield from untranslated(screen, lang, items, screens[other].get(screen, []), catalog, neutral_words)
            yield from misformatted(screen, items)
