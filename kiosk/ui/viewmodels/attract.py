"""The attract loop on screen: the store's slides in turn, one every SLIDE_SECONDS while the attract page shows,
standing still while a shopper holds a slide or has just used its controls, and in speech mode.

The slides come from `load` on a worker (kiosk.core.attract.refresh_attract: the backend, else the cache, else
the built-in slides), at start from the cache alone and then from the backend every REFRESH_SECONDS. The
rotation counts time on the injected clock, so tests step it without waiting.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Property, QObject, QTimer, Slot

from kiosk.core.attract import (
    DEFAULT_CONTENT,
    KIND_LABELS,
    PAUSE_AFTER_TOUCH_SECONDS,
    REFRESH_SECONDS,
    SLIDE_SECONDS,
    AttractContent,
)
from kiosk.core.ports import Clock
from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.qt.runner import BackgroundRunner
from kiosk.ui.viewmodels.formatting import image_url
from kiosk.ui.viewmodels.list_models import RowListModel

ATTRACT_PAGE = "attract"


class AttractViewModel(ViewModel):
    currentChanged, current = notified(int, "current", 0)
    countChanged, count = notified(int, "count", 0)
    pausedChanged, paused = notified(bool, "paused", False)
    builtInChanged, builtIn = notified(bool, "builtIn", True)  # the built-in slides: nothing from the store yet

    def __init__(
        self,
        load: Callable[[bool], AttractContent],
        runner: BackgroundRunner,
        clock: Clock,
        lang: Callable[[], str],
        *,
        page: Callable[[], str],
        start: Callable[[], None],
        open_product: Callable[[str], None],
        speaking: Callable[[], bool] = lambda: False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._load = load  # load(fetch): fetch=False reads the cache only (before the backend is up)
        self._runner = runner
        self._clock = clock
        self._lang = lang
        self._page = page
        self._start = start
        self._open_product = open_product
        self._speaking = speaking
        self._content = DEFAULT_CONTENT
        self._shown_at = clock.monotonic()
        self._paused_until = 0.0
        self._held = False
        self._loading = False
        self._slides = RowListModel(("slideId", "kind", "kindLabel", "title", "body", "image", "opensProduct"), self)
        self._show(DEFAULT_CONTENT)
        self._tick_timer = QTimer(self, interval=1000)
        self._tick_timer.timeout.connect(self.tick)
        self._tick_timer.start()
        self._refresh_timer = QTimer(self, interval=REFRESH_SECONDS * 1000)
        self._refresh_timer.timeout.connect(self.refresh)

    slides = Property(QObject, lambda self: self._slides, constant=True)

    @property
    def content(self) -> AttractContent:
        return self._content

    # --- content ----------------------------------------------------------------------------------
    def load_cached(self) -> None:
        """At start: the slides cached by an earlier run (or the built-in ones), without calling the backend."""
        self._reload(fetch=False)

    def start_refreshing(self) -> None:
        """Once the backend is up: its slides now, then every REFRESH_SECONDS."""
        self.refresh()
        self._refresh_timer.start()

    @Slot()
    def refresh(self) -> None:
        self._reload(fetch=True)

    def _reload(self, *, fetch: bool) -> None:
        if self._loading:
            return
        self._loading = True
        load = self._load

        def done(content: AttractContent | None, error: Exception | None) -> None:
            self._loading = False
            if content is not None:
                self._show(content)

        self._runner.read(lambda: load(fetch), done)

    def _show(self, content: AttractContent) -> None:
        self._content = content
        lang = self._lang()
        rows: list[dict[str, object]] = [
            {
                "slideId": slide.slide_id,
                "kind": slide.kind.value,
                "kindLabel": KIND_LABELS[slide.kind].get(lang),
                "title": slide.title.get(lang),
                "body": slide.body.get(lang),
                "image": image_url(slide.image) if slide.image else "",
                "opensProduct": slide.product_id,  # not "productId": the slide is no product card
            }
            for slide in content.slides
        ]
        if rows != self._slides.rows():
            current_id = self._slides.rows()[self.current]["slideId"] if self._slides.rowCount() else None
            self._slides.reset(rows)
            ids = [row["slideId"] for row in rows]
            self._set("current", ids.index(current_id) if current_id in ids else 0)  # the same slide stays up
        self._set("count", len(rows))
        self._set("builtIn", content.built_in)

    @Slot()
    def refresh_language(self) -> None:
        self._show(self._content)

    # --- rotation ---------------------------------------------------------------------------------
    @Slot()
    def tick(self) -> None:
        """Every second: the next slide once the current one has been up SLIDE_SECONDS, unless paused."""
        now = self._clock.monotonic()
        paused = self._held or now < self._paused_until or self._speaking()
        self._set("paused", paused)
        if self._page() != ATTRACT_PAGE or paused or self.count < 2:
            if paused:
                self._shown_at = now  # a slide let go gets its full time again
            return
        if now - self._shown_at >= SLIDE_SECONDS:
            self._go(self.current + 1)

    def _go(self, index: int) -> None:
        if self.count:
            self._set("current", index % self.count)
        self._shown_at = self._clock.monotonic()

    def _touched(self) -> None:
        self._paused_until = self._clock.monotonic() + PAUSE_AFTER_TOUCH_SECONDS
        self._set("paused", True)

    @Slot()
    def next(self) -> None:
        self._touched()
        self._go(self.current + 1)

    @Slot()
    def previous(self) -> None:
        self._touched()
        self._go(self.current - 1)

    @Slot(bool)
    def setHeld(self, held: bool) -> None:
        """A finger on the slide: it stays up until let go (and PAUSE_AFTER_TOUCH_SECONDS more)."""
        self._held = held
        self._touched()

    @Slot(int)
    def open(self, index: int) -> None:
        """A tap on a slide starts a session; a slide about a product opens that product."""
        rows = self._slides.rows()
        product_id = str(rows[index]["opensProduct"]) if 0 <= index < len(rows) else ""
        self._start()
        if product_id:
            self._open_product(product_id)
