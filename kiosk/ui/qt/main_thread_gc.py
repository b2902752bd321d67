"""Python's cyclic garbage collection, run on the GUI thread only, for as long as the Qt application lives.

Automatic collection runs in whichever thread happens to allocate past the threshold. When that is a worker
(the catalog sync, the snapshot's read-ahead, a database reader) and the garbage holds a Python-owned QObject
(a view-model of a kiosk that was shut down, a timer, a thread pool), the QObject's C++ side is deleted on that
worker while the GUI thread may be delivering an event to it: the full test suite segfaulted that way, a
virtual call through a freed object in the GUI thread, mostly while a snapshot import or its read-ahead thread
allocated hard. So automatic collection is off and a timer on the GUI thread collects, by the interpreter's
own thresholds, what it would have collected.

Every 100 ms: at 500 ms, garbage waited long enough to reach the oldest generation, and a 1M-SKU bench run
ended at 438 MB with a 1 s collection on the GUI thread (100 ms: 287 MB and 20 ms, as with automatic
collection: 294 MB and 21 ms). What is loaded when it starts is frozen, never scanned again.

While a catalog refresher pass applies on the writer (`hold`), nothing is collected until the young generation
holds HELD_YOUNG_LIMIT objects, and then only that generation: the pass's page is alive until the writer is done
with it, and a collection on the GUI thread walks all of it (`kiosk bench`, a 10k-change batch at 1M SKUs:
older collections of 20-100 ms, then young ones of 7-25 ms, in the middle of the pass, the longest GUI stalls of
the run). Once the pass is over its objects are freed by their reference counts, and the collection it missed
is short. The limit bounds what a pass that does make cycles can leave uncollected.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Slot

CHECK_INTERVAL_MS = 100
HELD_YOUNG_LIMIT = 100_000  # container objects in generation 0 before a held collector collects it anyway


class MainThreadCollector(QObject):
    def __init__(self, app: QCoreApplication, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(app)
        self.thresholds = gc.get_threshold()
        self.collections = [0, 0, 0]  # per generation, for the tests
        self._holds = 0  # passes under way that asked for young collections only
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        gc.disable()
        gc.freeze()  # what is loaded so far (modules, classes) lives as long as the process: never scanned again
        app.aboutToQuit.connect(self._stop)

    @Slot()
    def check(self) -> None:
        if self._holds and gc.get_count()[0] <= HELD_YOUNG_LIMIT:
            return
        generation = collect_due(self.thresholds, oldest=0 if self._holds else 2)
        if generation is not None:
            self.collections[generation] += 1

    def hold(self, holding: bool) -> None:
        """True while a catalog pass runs on the writer (nested passes count), False when it is over:
        meanwhile generation 0 is collected only past HELD_YOUNG_LIMIT objects, the older ones not at all;
        what fell due is collected at the first check after the end."""
        self._holds = max(0, self._holds + (1 if holding else -1))

    def resume(self) -> None:
        """After an earlier kiosk's exit path on the same application turned automatic collection back on."""
        gc.disable()
        self._timer.start()

    @Slot()
    def _stop(self) -> None:
        """Back to automatic collection once the event loop ends (the exit path runs no more ticks)."""
        self._timer.stop()
        gc.enable()


def collect_on_main_thread(app: QCoreApplication) -> MainThreadCollector:
    """Installs the collector once per application (tests build many kiosks on one application)."""
    collector = app.findChild(MainThreadCollector, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if isinstance(collector, MainThreadCollector):
        collector.resume()
        return collector
    return MainThreadCollector(app)


def collect_due(thresholds: tuple[int, int, int], oldest: int = 2) -> int | None:
    """The collection the interpreter would have run by now, on the calling thread, up to generation
    `oldest`; its generation."""
    counts = gc.get_count()
    if counts[0] <= thresholds[0]:
        return None
    generation = 0
    if counts[1] > thresholds[1]:
        generation = 2 if counts[2] > thresholds[2] else 1
    generation = min(generation, oldest)
    gc.collect(generation)
    return generation
