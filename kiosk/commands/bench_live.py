"""`kiosk bench`, the running kiosk all day (issue 15): freshness, the idle poll, a 10k-change batch, a soak.

The kiosk runs as its own process, offscreen, against the demo store in its own process, and everything it
is measured on arrives the way a shop's changes do: through the store process's API, then the kiosk's
periodic delta sync (CatalogRefresher) and its view-models. In order:

1. freshness at a 1 s refresh: a price (and stock) change made through the store's API, timed to the first
   frame whose product page shows the new price, and to the frame after the cart's line is re-priced; the
   next change waits a random part of the interval, so changes land anywhere in the poll cycle;
2. the idle poll: passes in which nothing changed, counted at the transport (CountingTransport in
   RemoteDemoBackend): requests and bytes on the wire, request and answer;
3. freshness at the default 30 s refresh, two ways: modelled from (1) -- a change lands uniformly in the
   refresher's cycle (the interval plus the pass, since the next pass is timed from the end of the last),
   so its wait is U(0, interval + pass) and then comes the measured time from that pass's start to the
   frame, drawn together from the 1 s samples -- and measured for real on a few samples;
4. a batch of 10k changed products (the store's simulated changes) applied while the UI runs, with the GUI
   thread's longest stall (a 5 ms precise timer's worst lateness, as the other benches measure it);
5. a soak: the store changes itself every `change_s` (its live-store step: stock moves, price drops, a
   withdrawal) while the kiosk polls every `interval_s`, product page open and a line in the cart; the
   kiosk's RSS at the start and the end. A few minutes at a 1 s refresh is as many passes as an hour at
   the default 30 s; `make soak` runs the real hour.
Nothing here asserts a threshold: the parent prints each figure beside its target.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.commands.bench_live_stores import LiveStore

RESULT_PREFIX = "BENCH-LIVE-RESULT "
LIVE_TARGETS = {
    "freshness_1s_p95_ms": 2000,
    "freshness_default_p95_s": 60,
    "idle_poll_requests": 1,
    "idle_poll_bytes": 2048,
    "batch_stall_ms": 20,
    "soak_rss_growth_pct": 10,
}


@dataclasses.dataclass(frozen=True, slots=True)
class LivePlan:
    """How much of each part to run: the bench's defaults, or a few seconds of each in the tests."""

    freshness_samples: int = 30
    default_interval_samples: int = 4  # real samples at the default interval (each waits up to 30 s)
    default_interval_s: float = 30.0
    batch_changes: int = 10_000
    soak_s: float = 120.0
    soak_interval_s: float = 1.0
    soak_change_s: float = 1.0
    catalog_worker: bool = True  # False: every pass in the kiosk's process, as before catch-up passes


def run_live_child(
    data_dir: Path, catalog_size: int, store_url: str, plan: LivePlan, vendure: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Starts the kiosk as its own process for the live figures and reads them back: against the demo store
    at `store_url`, or with `vendure` (kiosk and back-office access to a running server) against Vendure."""
    params = {"data_dir": str(data_dir), "catalog_size": catalog_size, "store_url": store_url,
              "plan": dataclasses.asdict(plan), "vendure": vendure}  # fmt: skip
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    timeout = 1800 + plan.soak_s + plan.default_interval_samples * plan.default_interval_s * 2
    # on stdin, not the command line: the Vendure parameters carry credentials
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk.commands.bench_live", "-"], input=json.dumps(params),
        env=env, stdout=subprocess.PIPE, text=True, timeout=timeout, check=False,
    )  # fmt: skip
    for line in proc.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            result: dict[str, Any] = json.loads(line[len(RESULT_PREFIX) :])
            return result
    return {"ok": False, "error": f"the kiosk process exited with {proc.returncode} and no live figures"}


# ---- the model for the default interval --------------------------------------------------------------


def modelled_latency_s(
    interval_s: float, samples: Sequence[tuple[float, float]], draws: int = 20_000, seed: int = 15
) -> dict[str, float]:
    """Freshness at `interval_s` from measured (pass seconds, pass start -> frame seconds) pairs: a change
    lands uniformly in a cycle of interval + pass, waits U(0, interval + pass) for the next pass to start,
    then takes that pass-to-frame time. p50/p95/p99 of `draws` draws (fixed seed: the same figures for the
    same samples)."""
    if not samples:
        return {"n": 0}
    rng = random.Random(seed)
    values = []
    for _ in range(draws):
        pass_s, to_frame_s = samples[rng.randrange(len(samples))]
        values.append(rng.uniform(0, interval_s + pass_s) + to_frame_s)
    values.sort()

    def rank(p: float) -> float:
        return round(values[min(len(values) - 1, int(p / 100 * len(values)))], 2)

    return {"n": len(samples), "p50": rank(50), "p95": rank(95), "p99": rank(99)}


# ---- the child: the real kiosk, offscreen ----------------------------------------------------------------


def _kiosk_services(params: dict[str, Any]) -> tuple[Any, Any, Any]:
    """The kiosk's services for the run, its backend's transport counter, and the store the bench changes."""
    from kiosk.app import Services
    from kiosk.commands.bench import _config
    from kiosk.commands.bench_live_stores import DemoLiveStore, VendureLiveStore

    vendure = params.get("vendure")
    if vendure is None:
        config = _config(Path(params["data_dir"]), int(params["catalog_size"]), params["store_url"])
        return Services.build(_live_settings(config)), None, DemoLiveStore(params["store_url"])
    import httpx

    from kiosk.backends.demo.remote import CountingTransport
    from kiosk.backends.vendure.backend import VendureBackend
    from kiosk.backends.vendure.credentials import VendureCredentials
    from kiosk.config import BackendSettings

    kiosk = vendure["kiosk"]
    config = _config(Path(params["data_dir"]), 2000)
    # the catalog worker builds its own adapter from these options: the same long timeout as the kiosk's below
    options = {**kiosk, "timeout_s": 60.0}
    config = dataclasses.replace(config, backend=BackendSettings(kind="vendure", options=options))
    traffic = CountingTransport(httpx.HTTPTransport())
    backend = VendureBackend(
        kiosk["admin_url"], kiosk["shop_url"], VendureCredentials(api_key=kiosk["api_key"]),
        here_location=kiosk["here_location"], transport=traffic, timeout_s=60.0,
    )  # fmt: skip
    return Services.build(_live_settings(config), backend=backend), traffic, VendureLiveStore(vendure["admin"])


def _live_settings(config: Any) -> Any:
    """A 1 s refresh, and a shopper who stays on the product page for the whole run: the session does not
    time out under it."""
    kiosk_settings = dataclasses.replace(config.kiosk, catalog_refresh_s=1.0, idle_timeout_s=7 * 86400.0)
    return dataclasses.replace(config, kiosk=kiosk_settings)


def _child(params: dict[str, Any]) -> dict[str, Any]:
    from kiosk.app import DeferredBackend, KioskApp
    from kiosk.commands.bench import percentiles, rss_split
    from kiosk.core.services.catalog_refresh import CatalogRefresh, RefreshPolicy
    from kiosk.ui.devtools import bench_driver as drive

    plan = LivePlan(**params["plan"])
    services, traffic, admin = _kiosk_services(params)
    kiosk = KioskApp(services, width=1080, height=1920)
    if not plan.catalog_worker:
        kiosk.catalog_worker = None  # every pass on the writer thread: the figures before catch-up passes
    window, refresher = kiosk.window, kiosk.refresher
    probe = drive.FrameProbe(window)
    out: dict[str, Any] = {"ok": False, "targets": LIVE_TARGETS, "backend": admin.kind,
                           "change_how": admin.change_how, "batch_how": admin.batch_how}  # fmt: skip
    kiosk.start_sync()
    try:
        if not drive.process_until(lambda: kiosk.sync_done.is_set() and refresher.passes >= 1, 900):
            return {"ok": False, "error": "the first sync and refresh pass did not finish"}
        if kiosk.last_sync is None:
            return {"ok": False, "error": "the first sync failed (see the kiosk's log)"}
        out["catalog"] = {"products": kiosk.services.store.product_count()}
        if traffic is None:
            backend = kiosk.services.backend
            inner = backend.get() if isinstance(backend, DeferredBackend) else backend
            traffic = getattr(inner, "traffic", None)
        if traffic is None:
            return {"ok": False, "error": "the kiosk's backend is not the demo store over HTTP"}
        product_id = _open_product_in_cart(kiosk, admin)
        if product_id is None:
            return {"ok": False, "error": "no live product could be opened and added to the cart"}
        admin.keep(product_id)
        rng = random.Random(f"live:{params['catalog_size']}")
        prices = iter(Decimal(11 + i) + Decimal("0.49") for i in range(1_000_000))

        one = _freshness(kiosk, probe, admin, product_id, prices, plan.freshness_samples, 1.0, rng)
        out["freshness_1s"] = {
            "product_ms": percentiles(one["product_ms"]),
            "cart_ms": percentiles(one["cart_ms"]),
            "pass_ms": percentiles([p * 1000 for p, _ in one["model"]]),
            "pass_to_frame_ms": percentiles([f * 1000 for _, f in one["model"]]),
            "lost": one["lost"],
        }
        out["freshness_model"] = {
            "interval_s": plan.default_interval_s,
            "default": modelled_latency_s(plan.default_interval_s, one["model"]),
            "at_1s": modelled_latency_s(1.0, one["model"]),  # beside the real 1 s figure: checks the model
        }
        out["idle_poll"] = _idle_poll(refresher, traffic)

        if plan.default_interval_samples > 0:
            refresher.refresh = CatalogRefresh(
                RefreshPolicy(plan.default_interval_s, max(300.0, plan.default_interval_s))
            )
            slow = _freshness(kiosk, probe, admin, product_id, prices, plan.default_interval_samples,
                              plan.default_interval_s, rng)  # fmt: skip
            out["freshness_default"] = {"product_ms": percentiles(slow["product_ms"]), "lost": slow["lost"]}
            refresher.refresh = CatalogRefresh(RefreshPolicy(1.0, 300.0))
            drive.process_until(lambda: False, 0.1)
            refresher.stop()
            refresher.start(0.5)

        out["batch"] = _batch(kiosk, probe, admin, plan.batch_changes, product_id)
        out["soak"] = _soak(kiosk, admin, plan, rss_split)
        out["ok"] = True
        return out
    finally:
        admin.close()
        kiosk.shutdown()


def _open_product_in_cart(kiosk: Any, admin: LiveStore) -> str | None:
    """A live product on screen with one of it in the cart: the two places a shopper sees its price."""
    from kiosk.ui.devtools import bench_driver as drive

    vm, store = kiosk.app_vm, kiosk.services.store
    drive.tap(kiosk.window, drive.find_item(kiosk.window, "startButton"))  # the shopper starts a session
    drive.process_until(lambda: vm.page == "home", 5)
    for product_id in admin.candidates(40):
        if store.product(product_id) is None:
            continue
        vm.openProduct(product_id)

        def shown(pid: str = product_id) -> bool:
            return bool(vm.page == "product" and vm.product.productId == pid and vm.product.price != "")

        if not drive.process_until(shown, 10):
            continue
        count = int(vm.cart.count)
        vm.product.addToCart()

        def added(before: int = count) -> bool:
            return int(vm.cart.count) > before

        if drive.process_until(added, 5):
            return product_id
    return None


def _freshness(
    kiosk: Any,
    probe: Any,
    admin: Any,
    product_id: str,
    prices: Any,
    samples: int,
    interval_s: float,
    rng: random.Random,
) -> dict[str, Any]:
    """Each sample: a random part of the interval, then a new price (and moved stock) through the store's
    API; the clock runs from just before that request to the first frame showing the new price on the
    product page, and to the first frame after the cart's line was re-priced. Also the pass that brought
    it: its length and the time from its start to the frame (the model's inputs)."""
    from kiosk.ui.devtools import bench_driver as drive

    vm, refresher = kiosk.app_vm, kiosk.refresher
    out: dict[str, Any] = {"product_ms": [], "cart_ms": [], "model": [], "lost": 0}
    for _ in range(samples):
        drive.process_until(lambda: False, rng.uniform(0, interval_s))
        before_price, before_total = str(vm.product.price), str(vm.cart.subtotal)

        def new_price(before: str = before_price) -> bool:
            return bool(vm.product.price != before)

        def new_total(before: str = before_total) -> bool:
            return bool(vm.cart.subtotal != before)

        on_page = drive.VisibleWhen(new_price, [vm.product.priceChanged])
        in_cart = drive.VisibleWhen(new_total, [vm.cart.subtotalChanged])

        def both(page: Any = on_page, cart: Any = in_cart) -> bool:
            return page.at_ns is not None and cart.at_ns is not None

        started = drive.now_ns()
        try:
            if admin.change_product(product_id, next(prices)) != 1:
                out["lost"] += 1
                break  # the product is gone from the store: nothing left to time on this page
            seen = drive.process_until(both, interval_s * 2 + 30, step_ms=1)
            page_frame = probe.wait_frame_after(on_page.at_ns) if seen and on_page.at_ns else None
            cart_frame = probe.wait_frame_after(in_cart.at_ns) if seen and in_cart.at_ns else None
        finally:
            on_page.close()
            in_cart.close()
        if page_frame is None or cart_frame is None or on_page.at_ns is None:
            out["lost"] += 1
            continue
        out["product_ms"].append((page_frame - started) / 1e6)
        out["cart_ms"].append((cart_frame - started) / 1e6)
        brought = [t for t in refresher.timings if t.ended_ns <= on_page.at_ns and t.ended_ns >= started]
        if brought:
            last = brought[-1]
            out["model"].append(((last.ended_ns - last.started_ns) / 1e9, (page_frame - last.started_ns) / 1e9))
    return out


def _idle_poll(refresher: Any, traffic: Any, passes: int = 5) -> dict[str, Any]:
    """Passes in which nothing changed: each one's requests on the wire (the pass's own thread, within its
    start and end), with request and answer bytes."""
    from kiosk.ui.devtools import bench_driver as drive

    drive.process_until(lambda: False, 1.5)  # the pass that brought the last change is over
    start_requests, start_passes = traffic.requests, refresher.passes
    if not drive.process_until(lambda: refresher.passes >= start_passes + passes, passes * 5 + 30):
        return {"passes": 0}
    exchanges = traffic.since(start_requests)
    per_pass = []
    for timing in list(refresher.timings)[-passes:]:
        on_its_thread = [x for x in exchanges if x.thread_id == timing.thread_id]
        per_pass.append([x for x in on_its_thread if timing.started_ns <= x.started_ns <= timing.ended_ns])
    worst = max(per_pass, key=lambda xs: (len(xs), sum(x.total_bytes for x in xs)))
    return {
        "passes": len(per_pass),
        "requests_max": max(len(xs) for xs in per_pass),
        "bytes_max": max(sum(x.total_bytes for x in xs) for xs in per_pass),
        "worst": [
            {"method": x.method, "path": x.path, "request_bytes": x.request_bytes, "response_bytes": x.response_bytes}
            for x in worst
        ],
    }


def _run_delay_ns(task: int | None = None) -> int:
    """How long a thread (this one, or the task with that native id) has waited for a CPU while runnable, in
    total (Linux schedstat; 0 elsewhere)."""
    where = "/proc/thread-self/schedstat" if task is None else f"/proc/self/task/{task}/schedstat"
    try:
        return int(Path(where).read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0


class _Gaps:
    """Every gap of the bench's 5 ms stall timer (StallMonitor keeps only the worst), and for each how much
    of it the GUI thread spent runnable but waiting for a CPU: on a machine shared with other work that
    part is the neighbours', the rest is the kiosk's own (its Python holding the GIL, its GUI-thread work).
    The longest own stalls are also attributed: the GUI thread's own garbage collection in the gap, and where
    every other thread stood when the GUI thread ran again (a thread that held the interpreter for the gap
    stands just past the call that held it)."""

    def __init__(self, writer: int = 0, keep: int = 6) -> None:
        from kiosk.ui.devtools.bench_driver import StallMonitor

        gaps: list[float] = []
        own: list[float] = []
        own_both: list[float] = []
        collections: list[float] = []  # the GUI thread's garbage collection in each gap, ms
        collections_cpu: list[float] = []  # the same in its CPU time, ms
        long_collections: list[tuple[float, int, int]] = []  # over 5 ms: (ms, oldest generation, when it ended)
        large: list[tuple[float, float, int]] = []  # over 20 ms: (stall, CPU wait in it, when it ended)
        worst: list[dict[str, Any]] = []  # the `keep` longest own stalls, attributed
        last_delay = [_run_delay_ns(), _run_delay_ns(writer) if writer else 0]
        gui = threading.get_ident()
        gc_ns = [0, 0, -1]  # GUI-thread collection time since the last tick; when the running one started; its
        # oldest generation
        gc_cpu = [0, 0]  # the same in the GUI thread's CPU time: its own work, whatever the machine's load

        def on_gc(phase: str, info: dict[str, int]) -> None:
            if threading.get_ident() != gui:
                return
            if phase == "start":
                gc_ns[1] = time.perf_counter_ns()
                gc_cpu[1] = time.thread_time_ns()
                gc_ns[2] = max(gc_ns[2], info.get("generation", 0))
            elif gc_ns[1]:
                gc_ns[0] += time.perf_counter_ns() - gc_ns[1]
                gc_cpu[0] += time.thread_time_ns() - gc_cpu[1]
                gc_ns[1] = 0

        class Monitor(StallMonitor):
            def on_gap(self, gap_ms: float) -> None:
                super().on_gap(gap_ms)
                delay = _run_delay_ns()
                waited_ms, last_delay[0] = (delay - last_delay[0]) / 1e6, delay
                writer_delay = _run_delay_ns(writer) if writer else 0
                writer_waited_ms, last_delay[1] = (writer_delay - last_delay[1]) / 1e6, writer_delay
                collected_ms, generation, gc_ns[0], gc_ns[2] = gc_ns[0] / 1e6, gc_ns[2], 0, -1
                collections.append(collected_ms)
                collections_cpu.append(gc_cpu[0] / 1e6)
                gc_cpu[0] = 0
                if collected_ms > 5:
                    long_collections.append((collected_ms, generation, time.monotonic_ns()))
                stall = max(0.0, gap_ms - 5)
                gaps.append(stall)
                mine = max(0.0, stall - waited_ms)
                own.append(mine)
                # the writer preempted while it holds the interpreter lock stalls the GUI thread too: the
                # longer of the two CPU waits is the neighbours' (a lower bound on it when they came one
                # after the other)
                own_both.append(max(0.0, stall - max(waited_ms, writer_waited_ms)))
                if stall > 20:
                    large.append((stall, waited_ms, time.monotonic_ns()))
                if len(worst) < keep or mine > worst[-1]["own_ms"]:
                    worst.append({"own_ms": round(mine, 1), "stall_ms": round(stall, 1),
                                  "gc_ms": round(collected_ms, 1), "gc_generation": generation,
                                  "writer_cpu_wait_ms": round(writer_waited_ms, 1),
                                  "threads": _where_others_stand(gui)})  # fmt: skip
                    worst.sort(key=lambda w: -w["own_ms"])
                    del worst[keep:]

        self.gaps = gaps
        self.own = own
        self.own_both = own_both
        self.collections = collections
        self.collections_cpu = collections_cpu
        self.long_collections = long_collections
        self.large = large
        self.worst = worst
        self.monitor = Monitor()
        self._on_gc = on_gc

    def start(self) -> None:
        self.monitor.longest_ms = 0.0  # the batch's own worst, not the baseline's before it
        self.monitor.start()
        self.large.clear()
        self.gaps.clear()
        self.own.clear()
        self.own_both.clear()
        self.collections.clear()
        self.collections_cpu.clear()
        self.long_collections.clear()
        self.worst.clear()
        if self._on_gc not in gc.callbacks:
            gc.callbacks.append(self._on_gc)

    def stop(self) -> None:
        self.monitor.stop()
        if self._on_gc in gc.callbacks:
            gc.callbacks.remove(self._on_gc)


def _where_others_stand(gui: int) -> list[str]:
    """Each other busy thread's innermost frame in the kiosk's code (or the innermost at all): file:line."""
    names = {t.ident: t.name for t in threading.enumerate()}
    out = []
    for ident, frame in sys._current_frames().items():
        if ident == gui:
            continue
        innermost = f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno} {frame.f_code.co_name}"
        if innermost.startswith(("threading.py", "queue.py", "selectors.py")):
            continue  # idle: waiting on a lock, a queue or a socket
        ours: Any = frame
        while ours is not None and "/kiosk/" not in ours.f_code.co_filename:
            ours = ours.f_back
        where = innermost
        if ours is not None and ours is not frame:
            where += f" <- {Path(ours.f_code.co_filename).name}:{ours.f_lineno} {ours.f_code.co_name}"
        out.append(f"{names.get(ident, ident)}: {where}")
    return out


def _batch(kiosk: Any, probe: Any, admin: Any, changes: int, keep: str) -> dict[str, Any]:
    """About `changes` products changed at once in the store (its simulated changes: prices, stock, names,
    one in twenty withdrawn), from a thread of the bench so the request itself is no stall of the kiosk's;
    the GUI thread's stall timer runs from the request until the view-models have followed and a frame
    shows it."""
    from kiosk.ui.devtools import bench_driver as drive

    refresher = kiosk.refresher
    reports: list[Any] = []
    refresher.passed.connect(reports.append)
    catalog_worker = getattr(kiosk, "catalog_worker", None)  # the big pass's rest runs there (catch-up passes)
    runs_before = len(catalog_worker.runs) if catalog_worker is not None else 0
    done: list[int] = []
    gaps = _Gaps(refresher.timings[-1].native_id if refresher.timings else 0)
    gaps.start()  # first as long with nothing to apply: the machine's own stalls, for comparison
    drive.process_until(lambda: False, 3.0)
    gaps.stop()
    idle_ms, idle_own_ms = max(gaps.gaps, default=0.0), max(gaps.own, default=0.0)
    gaps.start()
    started = time.perf_counter()
    started_ns = time.monotonic_ns()
    worker = threading.Thread(target=lambda: done.append(admin.change_batch(changes, keep, time.time_ns() % 2**31)))
    worker.start()
    try:
        drive.process_until(lambda: bool(done), 600)
        changed = done[0] if done else 0

        def applied() -> bool:
            """A pass applied at least as many products as were changed (a journal's pages may bring one
            twice: its prices in one page, its stock in the next; the batch's rows are committed at once, so
            one pass has them all), or the passes since named every one."""
            named: set[str] = set()
            for r in reports:
                if r.products + r.deleted >= changed:
                    return True
                named |= r.changed_product_ids | r.deleted_product_ids
            return len(named) >= changed

        ok = drive.process_until(applied, 600)
        drive.process_until(lambda: False, 1.0)  # the view-models' re-reads land and are drawn
        probe.wait_frame_after(drive.now_ns())
    finally:
        gaps.stop()
        refresher.passed.disconnect(reports.append)
        worker.join()
    busy = [r for r in reports if r.anything_changed]
    report = max(busy, key=lambda r: r.products + r.deleted, default=None)  # the pass that brought the batch
    runs = list(catalog_worker.runs)[runs_before:] if catalog_worker is not None else []
    status = Path("/proc/self/status").read_text()
    fields = (line.split(":", 1) for line in status.splitlines())
    rss_kb = {k: int(v.split()[0]) for k, v in fields if k in ("VmRSS", "VmHWM")}
    applied_ids = set().union(*(r.changed_product_ids | r.deleted_product_ids for r in busy))
    withdrawn = set().union(*(r.deleted_product_ids for r in busy))
    ordered = sorted(gaps.gaps)
    # which part of the work each long stall fell in: the writer's pass, or the GUI thread's follow-up
    the_pass = max(
        (t for t in refresher.timings if t.ended_ns >= started_ns), key=lambda t: t.ended_ns - t.started_ns,
        default=refresher.timings[-1],
    )  # fmt: skip
    where = []
    for stall_ms, waited_ms, ended_ns in gaps.large:
        began_ns = ended_ns - int(stall_ms * 1e6)
        during = began_ns < the_pass.ended_ns and ended_ns > the_pass.started_ns
        where.append([round(stall_ms, 1), round(waited_ms, 1), "during the pass" if during else "after the pass"])
    return {
        "ok": ok,
        "asked": changes,
        "changed_products": changed,
        "skus": sum(r.variants for r in busy),  # SKUs written: a product a journal brought twice counts twice
        "deleted": sum(r.deleted for r in busy),
        "passes": len(busy),
        # the products the passes named (none when one was too big to name them: everything_changed)
        "applied_products": len(applied_ids),
        "withdrawn": len(withdrawn) if not any(r.everything_changed for r in busy) else sum(r.deleted for r in busy),
        "pass_s": round(report.seconds, 2) if report else None,
        "everything_changed": any(r.everything_changed for r in busy),
        "seconds": round(time.perf_counter() - started, 2),
        "stall_ms": round(gaps.monitor.longest_ms, 1),
        "stall_p99_ms": round(ordered[int(len(ordered) * 0.99)], 1) if ordered else 0.0,
        "ticks": len(ordered),
        "gaps_over_20ms": sum(1 for g in ordered if g > 20),
        "stalls_over_20ms": where,  # [stall ms, of which waiting for a CPU, during or after the pass]
        "own_stall_ms": round(max(gaps.own, default=0.0), 1),
        "own_stall_less_writer_wait_ms": round(max(gaps.own_both, default=0.0), 1),
        # the GUI thread's own garbage collection while the batch came in: the longest, and all of it
        "gc_longest_ms": round(max(gaps.collections, default=0.0), 1),
        "gc_total_ms": round(sum(gaps.collections), 1),
        "gc_cpu_longest_ms": round(max(gaps.collections_cpu, default=0.0), 1),
        "gc_cpu_total_ms": round(sum(gaps.collections_cpu), 1),
        "gc_over_5ms": [
            [
                round(ms, 1),
                generation,
                "during the pass" if the_pass.started_ns < ended < the_pass.ended_ns else "after",
            ]
            for ms, generation, ended in gaps.long_collections
        ],
        "idle_stall_ms": round(idle_ms, 1),
        "idle_own_stall_ms": round(idle_own_ms, 1),
        "worst_own": gaps.worst,  # the longest own stalls: GUI-thread GC in them, where the other threads stood
        # the worker processes that applied the passes' rest: Popen -> ready, the whole run, its own peak RSS
        "worker": [_worker_run(r) for r in runs],
        "worker_available": catalog_worker is not None,
        "kiosk_rss_mb": round(rss_kb.get("VmRSS", 0) / 1024, 1),  # the kiosk's own process, after the batch
        "kiosk_peak_rss_mb": round(rss_kb.get("VmHWM", 0) / 1024, 1),
    }


def _worker_run(run: Any) -> dict[str, Any]:
    return {
        "start_s": round(run.start_s, 3),
        "seconds": round(run.seconds, 2),
        "pages": run.pages,
        "products": run.products,
        "exit_code": run.exit_code,
        "peak_rss_mb": round(run.peak_rss_kb / 1024, 1),
        "cpu_s": round(run.cpu_s, 2),
    }


def _soak(kiosk: Any, admin: Any, plan: LivePlan, rss_split: Any) -> dict[str, Any]:
    """The kiosk polling every `soak_interval_s` while the store changes itself every `soak_change_s`."""
    from kiosk.core.services.catalog_refresh import CatalogRefresh, RefreshPolicy
    from kiosk.ui.devtools import bench_driver as drive

    refresher = kiosk.refresher
    refresher.refresh = CatalogRefresh(RefreshPolicy(plan.soak_interval_s, max(300.0, plan.soak_interval_s)))
    stop = threading.Event()
    steps = [0]

    def changer() -> None:
        while not stop.wait(plan.soak_change_s):
            with contextlib.suppress(Exception):  # the soak goes on; a lost step only means fewer changes
                admin.live_step(steps[0])
            steps[0] += 1

    def rss() -> float:
        return float(rss_split(Path("/proc/self/status").read_text())["total_mb"])

    drive.process_until(lambda: False, 2 * plan.soak_interval_s)  # the new interval is in force
    start_mb, passes = rss(), refresher.passes
    samples = [start_mb]
    thread = threading.Thread(target=changer, name="bench-store-changes", daemon=True)
    thread.start()
    deadline = time.monotonic() + plan.soak_s
    try:
        while time.monotonic() < deadline:
            drive.process_until(lambda: False, min(10.0, max(0.0, deadline - time.monotonic())))
            samples.append(rss())
    finally:
        stop.set()
        thread.join(timeout=30)
    end_mb = samples[-1]
    return {
        "seconds": plan.soak_s,
        "interval_s": plan.soak_interval_s,
        "change_s": plan.soak_change_s,
        "passes": refresher.passes - passes,
        "store_steps": steps[0],
        "rss_start_mb": start_mb,
        "rss_end_mb": end_mb,
        "rss_min_mb": min(samples),
        "rss_max_mb": max(samples),
        "growth_pct": round((end_mb - start_mb) / start_mb * 100, 1) if start_mb else 0.0,
    }


# ---- printing ----------------------------------------------------------------------------------------------


def _ms(stats: dict[str, Any] | None) -> str:
    if not stats or not stats.get("n"):
        return "n/a"
    return f"p50 {stats['p50']:.0f}  p95 {stats['p95']:.0f}  p99 {stats['p99']:.0f} ms (n={stats['n']})"


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def _fewer(batch: dict[str, Any]) -> str:
    asked = int(batch.get("asked", 0))
    if batch["changed_products"] < asked:
        return f" (all the catalog's live products: fewer than the {asked:,} asked)"
    return ""


def _also(batch: dict[str, Any]) -> str:
    more = int(batch.get("passes", 1)) - 1
    return f" (and {more} more pass{'es' if more > 1 else ''} that began before it was all in)" if more > 0 else ""


def _worker_line(batch: dict[str, Any]) -> str:
    rss = f"kiosk process RSS after the batch {batch['kiosk_rss_mb']} MB (peak {batch['kiosk_peak_rss_mb']} MB)"
    if not batch["worker_available"]:
        return (
            "every pass ran in the kiosk's process (--passes-in-process, or a backend that cannot be rebuilt"
            f" in a worker); {rss}"
        )
    runs = batch["worker"]
    if not runs:
        return f"no pass needed a worker process; {rss}"
    each = "; ".join(
        f"start {r['start_s']:.2f} s (Popen -> ready), {r['pages']} pages, {r['seconds']} s, peak RSS"
        f" {r['peak_rss_mb']} MB, CPU {r['cpu_s']} s, exit {r['exit_code']}"
        for r in runs
    )
    return f"in {len(runs)} worker process(es) (kiosk catalog-worker): {each}; {rss}"


def print_live_report(live: dict[str, Any]) -> None:
    if not live.get("ok"):
        print(f"live figures: not measured ({live.get('error', 'unknown error')})")
        return
    t = LIVE_TARGETS
    backend = live.get("backend", "demo")
    print(
        f"live figures, {'Vendure on PostgreSQL' if backend == 'vendure' else 'the demo store in its own process'}"
        f" ({live.get('catalog', {}).get('products', 0):,} products in the kiosk's cache):"
    )
    f = live["freshness_1s"]
    p95 = f["product_ms"].get("p95", float("inf"))
    change = live.get("change_how", "price change in the store process")
    print(
        f"freshness at a 1 s refresh, {change} -> product page frame: {_ms(f['product_ms'])}"
        f" (target p95 <= {t['freshness_1s_p95_ms']} ms: {_verdict(p95 <= t['freshness_1s_p95_ms'])}; lost {f['lost']})"
    )
    print(f"  -> frame after the cart's line was re-priced: {_ms(f['cart_ms'])}")
    print(f"  the pass that brought it: {_ms(f['pass_ms'])}; its start -> the frame: {_ms(f['pass_to_frame_ms'])}")
    m = live["freshness_model"]
    d = m["default"]
    if d.get("n"):
        print(
            f"freshness at the default {m['interval_s']:g} s refresh, modelled: p50 {d['p50']} s  p95 {d['p95']} s"
            f"  p99 {d['p99']} s (target p95 <= {t['freshness_default_p95_s']} s:"
            f" {_verdict(d['p95'] <= t['freshness_default_p95_s'])}); model: a change waits U(0, interval + pass)"
            f" for the next pass, then that pass's measured start -> frame, drawn from the {d['n']} samples above"
            f" (the same model at 1 s gives p95 {m['at_1s']['p95']} s)"
        )
    if "freshness_default" in live:
        real = live["freshness_default"]
        stats = real["product_ms"]
        if stats.get("n"):
            print(
                f"freshness at the default {m['interval_s']:g} s refresh, measured: p50 {stats['p50'] / 1000:.1f} s"
                f"  max {max(stats['p99'], stats['p95']) / 1000:.1f} s (n={stats['n']}, lost {real['lost']};"
                f" too few samples for a p95 of its own)"
            )
    i = live["idle_poll"]
    if i.get("passes"):
        worst = ", ".join(
            f"{x['method']} {x['path']} {x['request_bytes']} + {x['response_bytes']} B" for x in i["worst"]
        )
        ok = i["requests_max"] <= t["idle_poll_requests"] and i["bytes_max"] <= t["idle_poll_bytes"]
        print(
            f"idle poll (nothing changed), counted at the transport over {i['passes']} passes: at most"
            f" {i['requests_max']} request(s), {i['bytes_max']} bytes request + answer ({worst}; target"
            f" {t['idle_poll_requests']} request, <= {t['idle_poll_bytes']} bytes: {_verdict(ok)})"
        )
    b = live["batch"]
    print(f"batch: {live.get('batch_how', 'the store simulated changes')}")
    print(
        f"batch of {b['changed_products']:,} changed products{_fewer(b)} ({b['skus']:,} SKUs written,"
        f" {b.get('withdrawn', b['deleted'])} withdrawn) while the UI runs: applied by a pass of {b['pass_s']} s"
        f"{_also(b)}; longest GUI-thread stall {b['stall_ms']} ms,"
        f" p99 {b['stall_p99_ms']} ms, {b['gaps_over_20ms']} ticks over 20 ms of {b['ticks']}"
        f" (target <= {t['batch_stall_ms']} ms: {_verdict(b['stall_ms'] <= t['batch_stall_ms'])})"
    )
    print(
        f"  less the time the GUI thread waited for a CPU (schedstat; the neighbours' share on a shared machine):"
        f" longest {b['own_stall_ms']} ms, {b['own_stall_less_writer_wait_ms']} ms less the writer's CPU wait too"
        f" (preempted while it held the interpreter lock); for comparison, 3 s with nothing to apply:"
        f" longest {b['idle_stall_ms']} ms, {b['idle_own_stall_ms']} ms less CPU wait"
    )
    if "gc_longest_ms" in b:
        print(
            f"  garbage collection on the GUI thread meanwhile: longest {b['gc_longest_ms']} ms,"
            f" {b['gc_total_ms']} ms in all (its CPU time: longest {b.get('gc_cpu_longest_ms', 0)} ms,"
            f" {b.get('gc_cpu_total_ms', 0)} ms in all)"
        )
    if "worker" in b:
        print(f"  {_worker_line(b)}")
    s = live["soak"]
    hour_passes = round(3600 / 30)
    print(
        f"soak: {s['seconds']:g} s at a {s['interval_s']:g} s refresh, the store changing itself every"
        f" {s['change_s']:g} s ({s['store_steps']} steps): {s['passes']} passes"
        f" (an hour at the default 30 s is {hour_passes});"
        f" kiosk RSS {s['rss_start_mb']} MB at the start, {s['rss_end_mb']} MB at the end ({s['growth_pct']:+.1f} %,"
        f" range {s['rss_min_mb']}-{s['rss_max_mb']} MB; target within {t['soak_rss_growth_pct']} %:"
        f" {_verdict(abs(s['growth_pct']) <= t['soak_rss_growth_pct'])})"
    )


def _child_main(argv: Sequence[str]) -> int:
    params = json.loads(sys.stdin.read() if argv[0] == "-" else argv[0])
    try:
        result = _child(params)
    except Exception as exc:  # reported to the parent, which prints it instead of the live figures
        import traceback

        where = traceback.extract_tb(exc.__traceback__)[-3:]
        at = "; ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in where)
        result = {"ok": False, "error": f"{type(exc).__name__}: {exc} (at {at})"}
    print(RESULT_PREFIX + json.dumps(result), flush=True)
    return 0 if result.get("ok") else 1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m kiosk.commands.bench_live PARAMS-JSON|- (run by kiosk bench; -: on stdin)")
    sys.exit(_child_main(sys.argv[1:]))
