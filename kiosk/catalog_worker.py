"""The catalog worker: a second, small composition root that applies the rest of a big refresher pass in its own
process (`kiosk catalog-worker`, hidden), and the kiosk's side that starts it and waits for it.

Why a process (kiosk.core.services.catalog_catch_up): a pass applied on a thread of the kiosk shares the
interpreter lock with the GUI thread, and the GUI stalled whenever the writer was preempted holding it. The
worker builds the backend from the kiosk's [backend] config as the kiosk does (kiosk.backend_builder), opens
catalog.db and runs CatalogSync from the cursor the kiosk just saved, one transaction per page.

The conversation, one JSON object per line: the kiosk writes the request on the worker's stdin (the backend's
options may hold an API key: never on the command line) and keeps stdin open; the worker answers on stdout
with `ready` (imports done, backend built, cache open), `page` after each page, `refreshing` when the backend
starts a full re-import, `log` for its log records, then `report` (the SyncReport) or `failed` (a backend
error). It lowers its own priority, and dies with the kiosk: PR_SET_PDEATHSIG, and its stdin reaching EOF.
"""

from __future__ import annotations

import collections
import contextlib
import ctypes
import json
import logging
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from kiosk.core.errors import BackendError
from kiosk.core.services.catalog_catch_up import (
    WORKER_PAGE,
    CatchUpError,
    report_from_record,
    report_to_record,
)
from kiosk.core.services.catalog_sync import SyncReport

_log = logging.getLogger(__name__)

COMMAND = "catalog-worker"
NICE = 10  # the GUI wins any contest for a CPU
_PR_SET_PDEATHSIG = 1  # prctl(2)
EXIT_BACKEND = 3  # the backend failed (offline, refused): a `failed` line says why
EXIT_ORPHANED = 4  # the kiosk went away


# --- the kiosk's side -------------------------------------------------------------------------------------------


def worker_command() -> list[str]:
    """How to start the worker: the bundle's own `kiosk` executable (PyInstaller), else this interpreter."""
    if getattr(sys, "frozen", False):
        return [sys.executable, COMMAND]
    return [sys.executable, "-m", "kiosk", COMMAND]


@dataclass(frozen=True, slots=True)
class WorkerRun:
    """One worker's figures, for the log and `kiosk bench`: start is Popen -> its `ready` line."""

    start_s: float
    seconds: float  # Popen -> its exit
    pages: int
    products: int
    exit_code: int
    peak_rss_kb: int = 0  # VmHWM
    cpu_s: float = 0.0


class CatalogWorkerProcess:
    """Starts a worker for the rest of one pass and waits for it on the calling thread (CatchUpWorker)."""

    def __init__(
        self,
        kind: str,
        options: dict[str, Any],
        catalog_db: Path,
        *,
        page_size: int = WORKER_PAGE,
        quiet_timeout_s: float = 120.0,
        command: Sequence[str] | None = None,
    ) -> None:
        self._request = {"kind": kind, "options": options, "catalog_db": str(catalog_db), "page_size": page_size}
        self._quiet_timeout_s = quiet_timeout_s  # a worker that says nothing for this long is stopped
        self._command = list(command or worker_command())
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._stopped = False
        self.runs: collections.deque[WorkerRun] = collections.deque(maxlen=64)

    def stop(self) -> None:
        """The kiosk is closing: a running worker is killed (the page it was applying rolls back) and no new
        one starts."""
        with self._lock:
            self._stopped = True
            proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.kill()

    @property
    def running_pid(self) -> int | None:
        with self._lock:
            return None if self._proc is None or self._proc.poll() is not None else self._proc.pid

    def __call__(self, on_refreshing: Callable[[str], None]) -> SyncReport:
        with tempfile.TemporaryFile() as errors:
            return self._run(on_refreshing, errors)

    def _run(self, on_refreshing: Callable[[str], None], errors: IO[bytes]) -> SyncReport:
        started = time.monotonic()
        with self._lock:
            if self._stopped:
                raise CatchUpError("the kiosk is closing: no catalog worker started")
            try:
                proc = subprocess.Popen(
                    self._command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, close_fds=True
                )
            except OSError as exc:
                raise CatchUpError(f"the catalog worker could not be started: {exc}") from None
            self._proc = proc
        _log.info("catalog worker %d started for the rest of the pass", proc.pid)
        assert proc.stdin is not None and proc.stdout is not None
        request = dict(self._request, parent_pid=os.getpid())
        try:
            proc.stdin.write(json.dumps(request).encode() + b"\n")
            proc.stdin.flush()  # stdin stays open: its EOF tells the worker the kiosk is gone
        except OSError:
            pass  # it died at once: its exit code says why below
        state = _Conversation(on_refreshing)
        timed_out = True  # until the worker closed its stdout in time
        try:
            timed_out = not self._read(proc.stdout, state, started)
        finally:
            if timed_out:
                proc.kill()
            with contextlib.suppress(OSError):
                proc.stdin.close()
            try:
                code = proc.wait(timeout=self._quiet_timeout_s)
            except subprocess.TimeoutExpired:  # it closed stdout but does not end
                proc.kill()
                code = proc.wait()
            proc.stdout.close()
        seconds = time.monotonic() - started
        run = WorkerRun(state.ready_s, seconds, state.pages, state.products, code, state.peak_rss_kb, state.cpu_s)
        self.runs.append(run)
        if timed_out:
            reason = f"the catalog worker sent nothing for {self._quiet_timeout_s:g} s and was stopped"
        elif code == 0 and state.report is not None:
            _log.info(
                "catalog worker %d: %d pages, %d products in %.1f s (start %.2f s, peak RSS %.0f MB), exit 0",
                proc.pid, state.pages, state.products, seconds, state.ready_s, state.peak_rss_kb / 1024,
            )  # fmt: skip
            return state.report
        elif state.failed:
            reason = state.failed
        elif code < 0:
            reason = f"the catalog worker was ended by signal {-code} after {state.pages} pages"
        else:
            reason = f"the catalog worker exited with code {code} after {state.pages} pages{_last_line(errors)}"
        _log.warning("catalog worker %d failed after %.1f s (exit code %d): %s", proc.pid, seconds, code, reason)
        raise CatchUpError(reason)

    def _read(self, stdout: IO[bytes], state: _Conversation, started: float) -> bool:
        """Reads the worker's lines until it closes stdout; False if it fell quiet for too long."""
        buffer = b""
        fd = stdout.fileno()
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while True:
                if not selector.select(self._quiet_timeout_s):
                    return False
                chunk = os.read(fd, 65536)
                if not chunk:
                    return True
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    state.take(line, started)


class _Conversation:
    """What the worker said so far."""

    def __init__(self, on_refreshing: Callable[[str], None]) -> None:
        self._on_refreshing = on_refreshing
        self.ready_s = 0.0
        self.pages = self.products = self.peak_rss_kb = 0
        self.cpu_s = 0.0
        self.report: SyncReport | None = None
        self.failed = ""

    def take(self, line: bytes, started: float) -> None:
        try:
            message = json.loads(line)
            event = message["event"]
        except (ValueError, TypeError, KeyError):
            _log.warning("catalog worker said something unexpected (%d bytes)", len(line))
            return
        if event == "ready":
            self.ready_s = time.monotonic() - started
        elif event == "page":
            self.pages += 1
            self.products += int(message.get("products", 0))
        elif event == "refreshing":
            self._on_refreshing(str(message.get("reason", "")))
        elif event == "log":
            level = message.get("level")
            _log.log(level if isinstance(level, int) else logging.INFO, "catalog worker: %s", message.get("msg"))
        elif event == "failed":
            self.failed = str(message.get("reason", "")) or "the catalog worker failed"
        elif event == "report":
            try:
                self.report = report_from_record(message["report"])
            except (ValueError, KeyError, TypeError) as exc:
                self.failed = f"the catalog worker's report was not understood: {exc}"
            self.peak_rss_kb = int(message.get("peak_rss_kb", 0))
            self.cpu_s = float(message.get("cpu_s", 0.0))


def _last_line(errors: IO[bytes]) -> str:
    """The last line the worker wrote on stderr (a traceback's last line names the exception), for the log."""
    errors.seek(0, os.SEEK_END)
    size = errors.tell()
    errors.seek(max(0, size - 2000))
    tail = errors.read().decode("utf-8", "replace").strip().splitlines()
    return f": {tail[-1][:300]}" if tail else ""


# --- the worker's side ------------------------------------------------------------------------------------------


class _Pipe:
    """The worker's stdout: one JSON object per line, written whole (log records come from any thread)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def send(self, **message: Any) -> None:
        line = json.dumps(message, separators=(",", ":")) + "\n"
        with self._lock:
            self._stream.write(line)
            self._stream.flush()


class _PipeLog(logging.Handler):
    def __init__(self, pipe: _Pipe) -> None:
        super().__init__(logging.INFO)
        self._pipe = pipe

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(Exception):
            self._pipe.send(event="log", level=record.levelno, msg=f"{record.name}: {record.getMessage()}")


def _die_with(parent_pid: int, stdin_fd: int) -> None:
    """Killed when the kiosk dies, however it dies (Linux); also when its stdin reaches EOF (the kiosk closed
    it or is gone), for systems without prctl."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # it died before prctl took effect
        os._exit(EXIT_ORPHANED)

    def watch() -> None:
        # the raw descriptor, not sys.stdin: a daemon thread holding the buffered reader's lock aborts the
        # interpreter's shutdown ("could not acquire lock ... at interpreter shutdown")
        with contextlib.suppress(OSError):
            while os.read(stdin_fd, 4096):
                pass
        os._exit(EXIT_ORPHANED)

    threading.Thread(target=watch, name="kiosk-watch", daemon=True).start()


def _peak_rss_kb() -> int:
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


class _ReportingStore:
    """The cache, telling the kiosk after each page (the kiosk's quiet time-out counts from the last one)."""

    def __init__(self, store: Any, on_page: Callable[[int], None]) -> None:
        self._store = store
        self._on_page = on_page

    def apply_page(self, page: Any, synced_at: Any) -> None:
        self._store.apply_page(page, synced_at)
        self._on_page(len(page.products) + len(page.deleted_product_ids))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def _read_request(stdin_fd: int) -> dict[str, Any]:
    """The request line, read from the raw descriptor up to its newline (nothing more is read: the rest of
    stdin is the kiosk's liveness, watched by _die_with)."""
    data = b""
    while not data.endswith(b"\n"):
        chunk = os.read(stdin_fd, 1)
        if not chunk:
            break
        data += chunk
    request = json.loads(data)
    if not isinstance(request, dict):
        raise ValueError("the catalog worker's request is not a JSON object")
    return request


def run_worker(stdin_fd: int, stdout: IO[str]) -> int:
    """`kiosk catalog-worker`: reads the request, applies the pass to its end, reports. The exit code says how
    it ended (0: a `report` was sent; EXIT_BACKEND: a `failed` line says why; anything else: a crash)."""
    from kiosk.backend_builder import build_remote_backend
    from kiosk.core.clock import SystemClock
    from kiosk.core.ports import CatalogStore
    from kiosk.core.services.catalog_sync import CatalogSync
    from kiosk.storage.catalog_store import SqliteCatalogStore

    pipe = _Pipe(stdout)
    request = _read_request(stdin_fd)
    _die_with(int(request["parent_pid"]), stdin_fd)
    with contextlib.suppress(OSError):
        os.nice(NICE)
    root = logging.getLogger()
    root.handlers[:] = [_PipeLog(pipe)]
    root.setLevel(logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per request is noise in the kiosk's log
    backend = build_remote_backend(str(request["kind"]), request["options"])
    store = SqliteCatalogStore(Path(request["catalog_db"]))
    try:
        pipe.send(event="ready", pid=os.getpid())
        reporting = cast(CatalogStore, _ReportingStore(store, lambda n: pipe.send(event="page", products=n)))
        sync = CatalogSync(
            backend, reporting, SystemClock(), int(request["page_size"]), snapshot=False,
            on_refreshing=lambda reason: pipe.send(event="refreshing", reason=reason),
        )  # fmt: skip
        try:
            report = sync.sync()
        except BackendError as exc:
            pipe.send(event="failed", reason=str(exc))
            return EXIT_BACKEND
        times = os.times()
        pipe.send(
            event="report", report=report_to_record(report), peak_rss_kb=_peak_rss_kb(), cpu_s=times.user + times.system
        )
        return 0
    finally:
        store.close()
        close = getattr(backend, "close", None)
        if callable(close):
            with contextlib.suppress(Exception):
                close()


def main() -> int:
    return run_worker(sys.stdin.fileno(), sys.stdout)
