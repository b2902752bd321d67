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
    QRect,
    Qt,
    QTimer,
    QTranslator,
    Slot,
)
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.core.ports import ImageSource
from kiosk.resources import resources_dir
from kiosk.ui.qt.activity import SCREEN_ACTIVITY
from kiosk.ui.qt.image_providers import CatalogImageProvider, QrImageProvider, default_disk_cache
from kiosk.ui.qt.main_thread_gc import collect_on_main_thread
from kiosk.ui.viewmodels.formatting import read_cached_images_from

RESOURCES = resources_dir()
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
    collect_on_main_thread(app)
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
    target = source.with_suffix(".qm")
    if not source.exists():  # the packaged bundle ships the compiled .qm only (packaging/build.py)
        return target if target.exists() else None
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
    screen = QGuiApplication.primaryScreen()
    follow_screen = fullscreen and compositor_owns_the_screen()
    if fullscreen and screen is not None and not screen.size().isEmpty():
        # Full screen is the screen's size, whatever --size said: under cage (the kiosk's Wayland compositor)
        # Qt kept the requested 1080x1920 and ignored the compositor's full-screen and maximized sizes, so a
        # 1280x720 screen showed a third of the kiosk (seen with cage 0.1.4 headless, packaging/tests).
        width, height = _screen_fill(screen.size().width(), screen.size().height(), follow_screen)
    if follow_screen:
        fullscreen = False  # cage shows the window over the whole screen; asking for full screen left it black
    engine.setInitialProperties(
        {"app": app_vm, "initialWidth": width, "initialHeight": height, "fullscreen": fullscreen}
    )
    engine.loadFromModule("Kiosk", "Main")
    roots = engine.rootObjects()
    if not roots:
        raise RuntimeError("The QML UI failed to load; see the QML errors above")
    window = roots[0]
    if not isinstance(window, QQuickWindow):
        raise RuntimeError(f"The QML UI's root is a {type(window).__name__}, not a window")
    if follow_screen and screen is not None:
        # the compositor may tell the screen's size (or a rotation, cage -r) only after the first frame
        def follow(geometry: QRect) -> None:
            window.resize(*_screen_fill(geometry.width(), geometry.height(), True))

        screen.geometryChanged.connect(follow)
    return window


def _screen_fill(width: int, height: int, under_compositor: bool) -> tuple[int, int]:
    """The window size that fills a screen. Under cage one pixel taller than the screen: a surface exactly the
    screen's size makes cage 0.1.4 try to scan its buffer out directly, and when the output refuses that buffer
    (a software-rendered one, here on the headless backend) the screen stays black; one pixel more is drawn the
    ordinary way, and that pixel row falls off the bottom of the screen."""
    return width, height + 1 if under_compositor else height


def compositor_owns_the_screen() -> bool:
    """Under cage (kiosk.service sets KIOSK_COMPOSITOR=cage; the kiosk reaches cage through its Xwayland) or any
    Wayland compositor, the compositor places and sizes windows: cage shows one application over the whole
    screen with no way out (no decorations with -d, no VT switching without -s). There the kiosk must not ask
    for full screen: with cage 0.1.4 a Qt window that did (and the kiosk guard asking again at every state
    change) was never shown, a black screen, while a screen-sized window was (packaging/tests)."""
    return QGuiApplication.platformName() == "wayland" or os.environ.get("KIOSK_COMPOSITOR") == "cage"


class StartedAndQuiet(QObject):
    """Calls back once, on the GUI thread, after the window's first frame and then a quiet moment.

    Quiet: no touch, click or key for `quiet_ms`, and no `poke()` (the kiosk pokes on every scan). Start-up
    work that is not needed on screen (building the demo backend, the first sync, the senders) holds the
    interpreter lock for tens of milliseconds at a time; run while a shopper taps or scans, it slowed their
    first scan from ~20 to 100-200 ms in trials, so it waits for a pause, at most `max_wait_ms` after the
    first frame. `fallback_ms`: if the window never renders (hidden), it starts anyway.
    """

    def __init__(
        self,
        window: QQuickWindow,
        callback: Callable[[], None],
        *,
        quiet_ms: int = 400,
        max_wait_ms: int = 3000,
        fallback_ms: int = 3000,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._callback: Callable[[], None] | None = callback
        self._quiet_ms = quiet_ms
        self._max_wait_ms = max_wait_ms
        self._shown = False
        # queued: frameSwapped comes from the render thread with a threaded render loop, and nothing here
        # should run inside a frame
        window.frameSwapped.connect(self._first_frame, Qt.ConnectionType.QueuedConnection)
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.timeout.connect(self._fire)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._fire)
        self._deadline.start(fallback_ms)
        window.installEventFilter(self)  # every touch and key reaches the window first (see KioskApp)

    @Slot()
    def _first_frame(self) -> None:
        if self._shown or self._callback is None:
            return
        self._shown = True
        self._window.frameSwapped.disconnect(self._first_frame)
        self._deadline.start(self._max_wait_ms)
        self._quiet.start(self._quiet_ms)

    @Slot()
    def poke(self) -> None:
        """Activity that is no input event (a scan): the quiet moment starts again."""
        if self._shown and self._callback is not None:
            self._quiet.start(self._quiet_ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in SCREEN_ACTIVITY:
            self.poke()
        return False

    @Slot()
    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is None:
            return
        self._quiet.stop()
        self._deadline.stop()
        self._window.removeEventFilter(self)
        if not self._shown:
            self._window.frameSwapped.disconnect(self._first_frame)
        callback()


def dispose_engine(engine: QQmlApplicationEngine) -> None:
    """Deletes the QML tree now, while the view-models it binds to (children of the engine) still exist."""
    for root in engine.rootObjects():
        if isinstance(root, QQuickWindow):
            root.close()
    engine.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
