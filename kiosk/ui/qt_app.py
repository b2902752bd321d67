"""Qt start-up: the application object, bundled fonts, translations, the QML engine and its providers."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLocale,
    QLoggingCategory,
    QObject,
    Qt,
    QTimer,
    QTranslator,
    Slot,
)
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.core.ports import ImageSource
from kiosk.ui.formatting import read_cached_images_from
from kiosk.ui.image_providers import CatalogImageProvider, QrImageProvider, default_disk_cache

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
QML_DIR = RESOURCES / "qml"
FONTS_DIR = RESOURCES / "fonts"
I18N_DIR = RESOURCES / "i18n"
UI_FONT = "Inter"


def make_application(argv: list[str] | None = None) -> QGuiApplication:
    """Creates (or reuses, under pytest-qt) the application, with the virtual keyboard and bundled fonts."""
    os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
    # The virtual keyboard pulls in Qt Multimedia for key clicks; the kiosk plays no audio, so its
    # backend probing (pipewire) and Qt-internal property-cache notes are noise, not warnings.
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false;qt.qml.propertyCache.append=false")
    QLoggingCategory.setFilterRules(os.environ["QT_LOGGING_RULES"].replace(";", "\n"))
    app = QGuiApplication.instance() or QGuiApplication(argv or sys.argv[:1])
    assert isinstance(app, QGuiApplication)
    load_fonts()
    return app


def load_fonts() -> None:
    # Qt ships no fonts; without these the offscreen and kiosk builds render text as boxes.
    for font in sorted(FONTS_DIR.glob("*.otf")):
        QFontDatabase.addApplicationFont(str(font))
    base = QFont(UI_FONT)
    base.setPixelSize(20)
    QGuiApplication.setFont(base)


def compiled_translation(lang: str) -> Path | None:
    """The .qm for a language, compiled from its .ts with pyside6-lrelease when missing or stale."""
    source = I18N_DIR / f"kiosk_{lang}.ts"
    if not source.exists():
        return None
    target = source.with_suffix(".qm")
    if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
        lrelease = Path(sys.executable).with_name("pyside6-lrelease")
        subprocess.run([str(lrelease), "-silent", str(source), "-qm", str(target)], check=True)
    return target


class LanguageSwitcher(QObject):
    """Swaps the installed translator and re-evaluates every qsTr() binding in the running UI."""

    def __init__(self, engine: QQmlApplicationEngine) -> None:
        super().__init__(engine)
        self._engine = engine
        self._translator: QTranslator | None = None

    def switch(self, lang: str) -> None:
        app = QCoreApplication.instance()
        if self._translator is not None:
            QCoreApplication.removeTranslator(self._translator)
            self._translator = None
        path = compiled_translation(lang)  # English too: its plural forms ("1 order", "2 orders")
        if path is not None:
            translator = QTranslator(app)
            if translator.load(str(path)):
                QCoreApplication.installTranslator(translator)
                self._translator = translator
        QLocale.setDefault(QLocale(QLocale.Language.Spanish if lang == "es" else QLocale.Language.English))
        self._engine.retranslate()


def make_engine(images: ImageSource) -> QQmlApplicationEngine:
    engine = QQmlApplicationEngine()
    engine.addImportPath(str(QML_DIR))
    disk = default_disk_cache()
    engine.addImageProvider("catalog", CatalogImageProvider(images, disk=disk))
    read_cached_images_from(disk)
    engine.addImageProvider("qr", QrImageProvider())
    return engine


def load_main(
    engine: QQmlApplicationEngine, app_vm: QObject, width: int, height: int, fullscreen: bool
) -> QQuickWindow:
    engine.setInitialProperties(
        {"app": app_vm, "initialWidth": width, "initialHeight": height, "fullscreen": fullscreen}
    )
    engine.loadFromModule("Kiosk", "Main")
    roots = engine.rootObjects()
    if not roots:
        raise RuntimeError("The QML UI failed to load; see the QML errors above")
    window = roots[0]
    assert isinstance(window, QQuickWindow)
    return window


class _FirstFrame(QObject):
    """Calls back once, on the GUI thread, after the window's first frame has been swapped."""

    def __init__(self, window: QQuickWindow, callback: Callable[[], None], fallback_ms: int) -> None:
        super().__init__(window)
        self._window = window
        self._callback: Callable[[], None] | None = callback
        # queued: frameSwapped comes from the render thread with a threaded render loop, and the callback
        # should run after the frame, not inside it
        window.frameSwapped.connect(self._fire, Qt.ConnectionType.QueuedConnection)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fire)
        self._timer.start(fallback_ms)

    @Slot()
    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is None:
            return
        self._timer.stop()
        self._window.frameSwapped.disconnect(self._fire)
        callback()


def after_first_frame(window: QQuickWindow, callback: Callable[[], None], fallback_ms: int = 3000) -> None:
    """Runs `callback` once the window's first frame is on screen (or after `fallback_ms` if the window never
    renders, e.g. hidden), so start-up work that the first frame does not need stays out of its way."""
    _FirstFrame(window, callback, fallback_ms)


def dispose_engine(engine: QQmlApplicationEngine) -> None:
    """Deletes the QML tree now, while the view-models it binds to (children of the engine) still exist."""
    for root in engine.rootObjects():
        if isinstance(root, QQuickWindow):
            root.close()
    engine.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
