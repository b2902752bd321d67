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

While a catalog refresher pass applies on the writer, only the youngest generation is collected (`hold`):
the pass's pages are alive until it ends, and an older collection on the GUI thread walked all of them
(`kiosk bench`, a 10k-change batch at 1M SKUs: gen-1 and gen-2 collections of 20-100 ms in the middle of the
pass, the longest GUI stalls of the run). Once the pass is over its pages are freed and the collection it
missed is short. Holding the young generation too was tried: the objects a pass leaves alive (a backend's
decoding caches: ~48,000 for the first 10k batch of the demo store) were then walked in one collection after
the pass, 11-73 ms, instead of 3-25 ms pieces during it.
"""

from __future__ import annotations

import gc
import linecache

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Slot

CHECK_INTERVAL_MS = 100


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
        generation = collect_due(self.thresholds, oldest=0 if self._holds else 2)
        if generation is not None:
            self.collections[generation] += 1
        if generation == 2:
            forget_source_lines()

    def hold(self, holding: bool) -> None:
        """True while a catalog pass runs on the writer (nested passes count), False when it is over:
        meanwhile only generation 0 is collected; what falls due in the older ones waits for the end."""
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


def forget_source_lines() -> None:
    """Empties linecache, which PySide6 fills and nothing else in a kiosk reads.

    PySide6's import hook (PYSIDE-2029, `shibokensupport.feature`) reads the whole source of every module
    imported after it (`inspect.getsource`, to look for "PySide6"), and linecache keeps it: 164 files, 11.5 MB
    of Python objects by the end of a 1M-SKU `kiosk bench` run from source (an installed bundle has no sources
    to read). A traceback that needs a line reads it again; a full collection is a quiet moment to let it go.
    """
    linecache.clearcache()


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
