"""Fleet bench on the real thing: PostgreSQL, two Vendure servers on one database plus one worker, and N
headless kiosks (CatalogSync + SqliteCatalogStore, CheckoutService + SqliteOrderOutbox + OutboxSender +
VendureBackend, no Qt) on loopback, each behind a fault proxy (latency, dropped answers, resets). Each kiosk
first imports the catalog and polls the journal, then places orders; midway one Vendure server is killed
with SIGKILL and started again. Printed: first import variants/s, journal poll p95 and bytes, order p95
(all answered orders, and those that met no fault), requests per order, the most database connections seen,
orders lost / duplicated (every order a kiosk saved must be in Vendure exactly once, found by its client
order id), and the loyalty points of member orders (a third of them): each credited exactly once, by the rule,
with every balance moved by exactly that.

    python -m tests.faults.fleet --kiosks 50 --orders 20        # make fleet-bench
    (tests/faults/test_fleet.py runs a short version in the suite)

Kiosks are threads of this process, not processes: the bench measures the servers and the protocol, and
50 Python processes would measure the machine's memory instead.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx

from kiosk.backends.vendure.backend import VendureBackend
from kiosk.backends.vendure.server import HOST, VendureServer, _child_env, _executable, free_port, stop_process_group
from kiosk.core.clock import SystemClock
from kiosk.core.errors import BackendUnavailableError
from kiosk.core.loyalty import points_for
from kiosk.core.money import Money
from kiosk.core.order import Order, OrderReceipt
from kiosk.core.services.catalog_sync import CatalogSync
from kiosk.core.services.checkout import CheckoutService
from kiosk.core.services.outbox_sender import BackoffPolicy, OutboxSender
from kiosk.storage.catalog_store import SqliteCatalogStore
from kiosk.storage.order_outbox import SqliteOrderOutbox
from tests.faults.child import request
from tests.faults.proxy import Fault, FaultProxy

ORDER_FAULTS = {Fault.PASS: 0.88, Fault.DROP: 0.04, Fault.RESET: 0.04, Fault.DELAY: 0.04}
VARIANTS = ("1", "2", "3", "4", "5", "6")


def p50(values: list[float]) -> float:
    return round(sorted(values)[len(values) // 2], 1) if values else 0.0


def p95(values: list[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)], 1)


class Counting(httpx.BaseTransport):
    """Bytes and requests (sent, answered or not) through one kiosk's HTTP client."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()
        self.bytes = 0
        self.requests = 0
        self.place_requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if b"KioskPlaceOrder" in request.content:
            self.place_requests += 1
        response = self._inner.handle_request(request)
        response.read()
        self.bytes += len(request.content) + len(response.content)
        return response

    def close(self) -> None:
        self._inner.close()


@dataclass
class OrderTimes:
    """Every submit_order attempt of the fleet: answered ones timed, failed ones (a fault met) remembered."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    answered_ms: list[float] = field(default_factory=list)
    by_order: dict[str, float] = field(default_factory=dict)  # client order id -> its answered attempt's ms
    attempts: dict[str, int] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)
    requests_per_answer: list[int] = field(default_factory=list)

    def clean_ms(self) -> list[float]:
        """Orders that met no fault: placed by their first attempt (a fault on any request of an attempt, the
        server kill included, makes that attempt fail and the order be tried again)."""
        return [ms for cid, ms in self.by_order.items() if self.attempts.get(cid) == 1 and cid not in self.failed]


class TimedBackend:
    """VendureBackend, with every submit_order attempt recorded (time, outcome, requests it sent)."""

    def __init__(self, backend: VendureBackend, transport: Counting, times: OrderTimes) -> None:
        self._backend = backend
        self._transport = transport  # this kiosk's own: its one sender thread makes the calls one at a time
        self._times = times
        self.name = backend.name

    def __getattr__(self, name: str) -> object:
        return getattr(self._backend, name)

    def ping(self) -> None:
        self._backend.ping()

    def submit_order(self, order: Order) -> OrderReceipt:
        key = order.client_order_id
        with self._times.lock:
            self._times.attempts[key] = self._times.attempts.get(key, 0) + 1
        before = self._transport.requests
        started = time.perf_counter()
        try:
            receipt = self._backend.submit_order(order)
        except BaseException:
            with self._times.lock:
                self._times.failed.add(key)
            raise
        ms = (time.perf_counter() - started) * 1000
        with self._times.lock:
            self._times.answered_ms.append(ms)
            self._times.by_order[key] = ms
            self._times.requests_per_answer.append(self._transport.requests - before)
        return receipt


@dataclass
class Fleet:
    kiosks: int
    orders: int
    report: Any = print
    # Mean seconds between one kiosk's orders (exponential gaps: shoppers arrive at random). A shopper needs a
    # minute or more at a kiosk to browse, give a contact and pay, so 10 s is six times faster than one kiosk
    # can really be used; the 50 kiosks then offer 5 orders/s. A gap near 0 sends back to back: the servers'
    # capacity (orders/s), not what a shopper waits (`--gap-s 0.05`).
    gap_s: float = 10.0
    timeout_s: float = 2.0
    order_timeout_s: float = 8.0  # placing an order: one request that does a transaction's work
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="kiosk-fleet-")))
    times: OrderTimes = field(default_factory=OrderTimes)
    lock: threading.Lock = field(default_factory=threading.Lock)
    saved: list[str] = field(default_factory=list)
    members: dict[str, str] = field(default_factory=dict)  # client order id -> loyalty number, member orders

    def run(self) -> dict[str, Any]:
        server = VendureServer(report=lambda message: None)
        server.start()
        second: subprocess.Popen[bytes] | None = None
        proxies: list[FaultProxy] = []
        try:
            port_b = free_port()
            second = self._start_second(server, port_b)
            self.report(
                f"servers on :{server.port} and :{port_b}, worker pid {server.worker_pid}, db {server.database}"
            )
            proxies = [
                # a held answer outlasts even the placing request's timeout: the kiosk gives up and retries
                FaultProxy(HOST, upstream, delay_s=self.order_timeout_s + 0.5, seed=n).start()
                for n, upstream in enumerate((server.port, port_b))
            ]
            connections = self._watch_connections(server)
            stores, backends, transports = self._kiosks(server, proxies)
            figures = self._sync(stores, backends, transports)
            for proxy in proxies:
                proxy.set_mix(ORDER_FAULTS)
            loyalty = Loyalty.read(server)
            solo = self._solo(server)
            requests_before = sum(t.requests for t in transports)
            began = time.perf_counter()
            second = self._orders(server, backends, transports, second, port_b, loyalty)
            phase_s = time.perf_counter() - began
            requests = sum(t.requests for t in transports) - requests_before
            connections_max = connections()
            lost, duplicated = self._audit(server)
            clean = self.times.clean_ms()
            per_answer = self.times.requests_per_answer
            figures.update(
                {
                    "kiosks": self.kiosks,
                    "orders_saved": len(self.saved),
                    "order_p95_ms": p95(self.times.answered_ms),
                    "order_p50_ms": p50(self.times.answered_ms),
                    "orders_answered": len(self.times.answered_ms),
                    "order_solo_p50_ms": p50(solo),
                    "order_solo_p95_ms": p95(solo),
                    "order_phase_s": round(phase_s, 1),
                    "orders_per_s": round(len(self.times.answered_ms) / phase_s, 1) if phase_s else 0.0,
                    "gap_s": self.gap_s,
                    "offered_per_s": round(self.kiosks / self.gap_s, 1),
                    "orders_first_attempt": sum(1 for n in self.times.attempts.values() if n == 1),
                    "orders_failed_attempt": len(self.times.failed),
                    "order_clean_p95_ms": p95(clean),
                    "order_clean_p50_ms": p50(clean),
                    "orders_clean": len(clean),
                    "requests_per_answer_max": max(per_answer, default=0),
                    "requests_per_order": round(requests / len(self.saved), 2) if self.saved else 0.0,
                    "place_requests": sum(t.place_requests for t in transports),
                    "db_connections_max": connections_max,
                    "orders_lost": lost,
                    "orders_duplicated": duplicated,
                    "faults": self._faults(proxies),
                    **loyalty.audit(server, self.members),
                }
            )
            for backend in backends:
                backend.close()
            for store in stores:
                store.close()
            return figures
        finally:
            for proxy in proxies:
                proxy.stop()
            if second is not None:
                stop_process_group(second.pid, wait=second.wait)
            server.stop()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _solo(self, server: VendureServer, count: int = 20) -> list[float]:
        """One kiosk alone, straight to the first server, one order after another: what an order costs the
        servers when nothing else is asking (these orders are not the fleet's; another device id)."""
        backend = VendureBackend(server.admin_url, server.shop_url, server.kiosk_credentials(), currency="EUR")
        clock = SystemClock()
        rng = random.Random(7)
        times = []
        with tempfile.TemporaryDirectory(prefix="kiosk-fleet-solo-") as folder:
            outbox = SqliteOrderOutbox(Path(folder) / "kiosk.db", clock)
            service = CheckoutService(outbox, clock, "fleet", "solo")
            for shopper in range(count):
                order = service.place(request(rng, list(VARIANTS), shopper % 7, "1"), "en")
                began = time.perf_counter()
                backend.submit_order(order)
                times.append((time.perf_counter() - began) * 1000)
            outbox.close()
        backend.close()
        return times

    # --- servers ----------------------------------------------------------------------------------------
    def _start_second(self, server: VendureServer, port: int) -> subprocess.Popen[bytes]:
        """Another `node server.js` on the same database: what a load balancer would spread kiosks over."""
        env = {**server.vendure_env(), "KIOSK_VENDURE_PORT": str(port)}
        log = (server.install_dir / "server-b.log").open("ab")
        process = subprocess.Popen(
            [_executable("node"), "server.js"], cwd=server.install_dir, env=_child_env(env), stdout=log,
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + 90
        with httpx.Client(timeout=2.0) as client:
            while time.monotonic() < deadline:
                if process.poll() is not None:
                    raise RuntimeError(f"the second Vendure server exited ({process.returncode})")
                with contextlib.suppress(httpx.HTTPError):
                    reply = client.post(f"http://{HOST}:{port}/shop-api", json={"query": "{ activeChannel { id } }"})
                    if reply.status_code == 200:
                        return process
                time.sleep(0.2)
        raise RuntimeError("the second Vendure server did not answer within 90 s")

    def _watch_connections(self, server: VendureServer) -> Any:
        """Samples pg_stat_activity for this database twice a second; returns a function giving the max."""
        seen = [0]
        stop = threading.Event()

        def watch() -> None:
            while not stop.wait(0.5):
                with contextlib.suppress(Exception):
                    count = int(server.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"))
                    seen[0] = max(seen[0], count - 1)  # not this psql session itself

        thread = threading.Thread(target=watch, name="db-connections", daemon=True)
        thread.start()

        def finish() -> int:
            stop.set()
            thread.join(5)
            return seen[0]

        return finish

    # --- kiosks -----------------------------------------------------------------------------------------
    def _kiosks(
        self, server: VendureServer, proxies: list[FaultProxy]
    ) -> tuple[list[SqliteCatalogStore], list[VendureBackend], list[Counting]]:
        stores, backends, transports = [], [], []
        key = server.kiosk_credentials()
        for n in range(self.kiosks):
            proxy = proxies[n % len(proxies)]
            transport = Counting()
            backend = VendureBackend(
                proxy.url("/admin-api"), proxy.url("/shop-api"), key, here_location=server.here_location(),
                timeout_s=self.timeout_s, order_timeout_s=self.order_timeout_s, transport=transport, currency="EUR",
            )  # fmt: skip
            folder = self.folder / f"kiosk-{n:02d}"
            folder.mkdir()
            stores.append(SqliteCatalogStore(folder / "catalog.db"))
            backends.append(backend)
            transports.append(transport)
        return stores, backends, transports

    def _sync(
        self, stores: list[SqliteCatalogStore], backends: list[VendureBackend], transports: list[Counting]
    ) -> dict[str, Any]:
        """Every kiosk imports at once, then each polls the journal five times (nothing changed)."""
        results: list[Any] = [None] * len(stores)

        retries = [0]

        def one(n: int) -> None:
            # a kiosk whose first import times out tries again, as its sync loop would (the machine's other
            # load can hold 50 simultaneous exports past the 2 s client timeout)
            for attempt in range(10):
                try:
                    results[n] = CatalogSync(backends[n], stores[n], SystemClock(), page_size=2000).sync()
                    return
                except BackendUnavailableError:
                    with self.lock:
                        retries[0] += 1
                    time.sleep(random.uniform(0, min(8.0, 0.5 * 2**attempt)))
            raise RuntimeError(f"kiosk {n} could not import the catalog in 10 attempts")

        started = time.perf_counter()
        threads = [threading.Thread(target=one, args=(n,)) for n in range(len(stores))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - started
        variants = sum(r.variants for r in results)
        polls: list[float] = []
        poll_bytes: list[int] = []
        for n, store in enumerate(stores):
            for _ in range(5):
                before = transports[n].bytes
                began = time.perf_counter()
                page = backends[n].catalog_changes(store.cursor(), 2000)
                polls.append((time.perf_counter() - began) * 1000)
                poll_bytes.append(transports[n].bytes - before)
                assert not page.products and not page.deleted_product_ids
        return {
            "import_variants": variants,
            "import_s": round(seconds, 2),
            "import_variants_per_s": round(variants / seconds) if seconds else 0,
            "import_retries": retries[0],
            "poll_p95_ms": p95(polls),
            "poll_bytes_max": max(poll_bytes),
        }

    def _orders(
        self,
        server: VendureServer,
        backends: list[VendureBackend],
        transports: list[Counting],
        second: subprocess.Popen[bytes],
        port_b: int,
        loyalty: Loyalty,
    ) -> subprocess.Popen[bytes]:
        clock = SystemClock()
        outboxes = [SqliteOrderOutbox(self.folder / f"kiosk-{n:02d}" / "kiosk.db", clock) for n in range(self.kiosks)]
        stop, wakes = threading.Event(), [threading.Event() for _ in range(self.kiosks)]
        senders = [
            OutboxSender(
                TimedBackend(backends[n], transports[n], self.times), outboxes[n], clock,  # type: ignore[arg-type]
                BackoffPolicy(0.2, 2.0), rng=random.Random(n), probe_policy=BackoffPolicy(0.2, 1.0),
            )
            for n in range(self.kiosks)
        ]  # fmt: skip
        threads = [
            threading.Thread(target=senders[n].run, args=(stop, wakes[n], 0.2), daemon=True) for n in range(self.kiosks)
        ]
        for thread in threads:
            thread.start()
        total = self.kiosks * self.orders
        half = threading.Event()

        def shop(n: int) -> None:
            rng = random.Random(1000 + n)
            service = CheckoutService(outboxes[n], clock, "fleet", f"kiosk-{n:02d}")
            for shopper in range(self.orders):
                time.sleep(rng.expovariate(1 / self.gap_s))
                wanted = request(rng, list(VARIANTS), shopper % 7, "1")
                member = loyalty.numbers[(n + shopper) % len(loyalty.numbers)] if shopper % 3 == 0 else ""
                if member:  # a third of the orders earn loyalty points: credited once, whatever the faults
                    wanted = replace(wanted, contact=replace(wanted.contact, loyalty_number=member))
                order = service.place(wanted, "en")
                with self.lock:
                    self.saved.append(order.client_order_id)
                    if member:
                        self.members[order.client_order_id] = member
                    if len(self.saved) >= total // 2:
                        half.set()
                wakes[n].set()

        shoppers = [threading.Thread(target=shop, args=(n,)) for n in range(self.kiosks)]
        for thread in shoppers:
            thread.start()
        half.wait(600)
        self.report(f"killing the second Vendure server (pid {second.pid}) with SIGKILL mid-run")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(second.pid, signal.SIGKILL)
        second.wait(10)
        time.sleep(1.0)
        second = self._start_second(server, port_b)
        self.report("second Vendure server started again")
        for thread in shoppers:
            thread.join()
        deadline = time.monotonic() + 300
        while any(outbox.pending_count() for outbox in outboxes) and time.monotonic() < deadline:
            for wake in wakes:
                wake.set()
            time.sleep(0.2)
        stop.set()
        for wake in wakes:
            wake.set()
        for thread in threads:
            thread.join(10)
        pending = sum(outbox.pending_count() for outbox in outboxes)
        rejected = sum(len(outbox.rejected()) for outbox in outboxes)
        reasons: dict[str, int] = {}
        for outbox in outboxes:
            for entry in outbox.rejected():
                reasons[entry.last_error[:160]] = reasons.get(entry.last_error[:160], 0) + 1
        for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
            self.report(f"rejected {count}: {reason}")
        for outbox in outboxes:
            outbox.close()
        if pending or rejected:
            self.report(f"not drained: {pending} pending, {rejected} rejected")
        return second

    @staticmethod
    def _faults(proxies: list[FaultProxy]) -> dict[str, int]:
        total: dict[str, int] = {}
        for proxy in proxies:
            for fault, count in proxy.counts.items():
                total[str(fault)] = total.get(str(fault), 0) + count
        return total

    def _audit(self, server: VendureServer) -> tuple[int, int]:
        """(saved orders missing from Vendure, extra copies of saved orders in Vendure)."""
        column = server.psql(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'order' "
            "AND lower(column_name) = 'customfieldskioskclientorderid'"
        ).strip()
        rows = server.psql(f'SELECT "{column}", count(*) FROM "order" WHERE "{column}" IS NOT NULL GROUP BY 1')
        counts = {line.split("|")[0]: int(line.split("|")[1]) for line in rows.splitlines() if "|" in line}
        lost = sum(1 for order_id in self.saved if order_id not in counts)
        duplicated = sum(counts[order_id] - 1 for order_id in self.saved if counts.get(order_id, 0) > 1)
        return lost, duplicated


@dataclass
class Loyalty:
    """The seeded loyalty members' balances before the orders, and the audit of the points after them: every
    member order credited exactly once (kiosk_points_ledger), by the rule, and each balance moved by exactly
    what the ledger says."""

    numbers: list[str]
    before: dict[str, tuple[str, int, str]]  # loyalty number -> (customer id, points, tier)

    @staticmethod
    def columns(server: VendureServer) -> dict[str, str]:
        names = server.psql(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'customer' "
            "AND lower(column_name) LIKE 'customfieldsloyalty%'"
        ).split()
        return {name.lower().removeprefix("customfieldsloyalty"): name for name in names}

    @classmethod
    def read(cls, server: VendureServer) -> Loyalty:
        c = cls.columns(server)
        rows = server.psql(
            f'SELECT "{c["number"]}", id, "{c["points"]}", coalesce("{c["tier"]}", \'Member\') FROM customer '
            f'WHERE "{c["number"]}" IS NOT NULL AND "deletedAt" IS NULL ORDER BY id'
        )
        before = {}
        for line in rows.splitlines():
            if "|" in line:
                number, cid, points, tier = line.split("|")
                before[number] = (cid, int(points), tier)
        if not before:
            raise RuntimeError("the seeded shop has no loyalty members to place member orders for")
        return cls(sorted(before), before)

    def audit(self, server: VendureServer, members: dict[str, str]) -> dict[str, int]:
        c = self.columns(server)
        order_column = server.psql(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'order' "
            "AND lower(column_name) = 'customfieldskioskclientorderid'"
        ).strip()
        placed: dict[str, tuple[int, int]] = {}  # client order id -> (goods with tax, points earned or -1)
        for line in server.psql(
            f'SELECT o."{order_column}", o."subTotalWithTax", coalesce(sum(l.points), -1), count(l.n) FROM "order" o '
            f"LEFT JOIN kiosk_points_ledger l ON l.order_id = o.id AND l.kind = 'earn' "
            f'WHERE o."{order_column}" IS NOT NULL GROUP BY 1, 2'
        ).splitlines():
            if "|" in line:
                cid, goods, earned, rows = line.split("|")
                placed[cid] = (int(goods), int(earned) if int(rows) == 1 else -int(rows) - 1)
        missing = doubled = wrong = 0
        expected: dict[str, int] = {}
        for cid, number in members.items():
            goods, earned = placed.get(cid, (0, -1))
            tier = self.before[number][2]
            should = points_for(Money.from_minor(goods, "EUR"), tier)
            expected[number] = expected.get(number, 0) + should
            if earned < -1:
                doubled += 1
            elif earned == -1 and should > 0:
                missing += 1
            elif earned not in (-1, should):
                wrong += 1
        mismatched = 0
        for number, (cid, points, _tier) in self.before.items():
            now = int(server.psql(f'SELECT "{c["points"]}" FROM customer WHERE id = {int(cid)}').strip())
            if now - points != expected.get(number, 0):
                mismatched += 1
        return {
            "member_orders": len(members),
            "points_credited": sum(expected.values()),
            "points_missing": missing,
            "points_doubled": doubled,
            "points_wrong": wrong,
            "balances_mismatched": mismatched,
        }


def print_figures(f: dict[str, Any]) -> None:
    print(
        f"fleet: {f['kiosks']} kiosks, 2 Vendure servers + 1 worker on one PostgreSQL, one server killed -9 mid-run\n"
        f"  first import    {f['import_variants']:,} variants in {f['import_s']} s = {f['import_variants_per_s']:,} "
        f"variants/s (all kiosks at once; {f['import_retries']} timed-out attempts retried)\n"
        f"  journal poll    p95 {f['poll_p95_ms']} ms, at most {f['poll_bytes_max']} bytes (nothing changed)\n"
        f"  pace            each kiosk places an order every {f['gap_s']} s on average (exponential gaps): the fleet "
        f"offers {f['offered_per_s']} orders/s\n"
        f"  orders          {f['orders_saved']} saved, p95 {f['order_p95_ms']} ms (p50 {f['order_p50_ms']}) over "
        f"{f['orders_answered']} answers; no fault met: p95 {f['order_clean_p95_ms']} ms (p50 {f['order_clean_p50_ms']}) "
        f"over {f['orders_clean']} ({f['orders_first_attempt']} placed by their first attempt, "
        f"{f['orders_failed_attempt']} had an attempt fail)\n"
        f"  one kiosk alone p50 {f['order_solo_p50_ms']} ms, p95 {f['order_solo_p95_ms']} ms (20 orders one after "
        f"another, no fault, nothing else asking); the fleet placed {f['orders_per_s']} orders/s over "
        f"{f['order_phase_s']} s\n"
        f"  requests        {f['requests_per_answer_max']} per answered order at most; {f['requests_per_order']} per "
        f"order all told (retries and probes included; {f['place_requests']} place requests), faults {f['faults']}\n"
        f"  loyalty         {f['member_orders']} member orders, {f['points_credited']} points credited; missing "
        f"{f['points_missing']}, doubled {f['points_doubled']}, wrong {f['points_wrong']}, balances off "
        f"{f['balances_mismatched']}\n"
        f"  DB connections  at most {f['db_connections_max']}\n"
        f"  orders lost {f['orders_lost']}, duplicated {f['orders_duplicated']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.faults.fleet")
    parser.add_argument("--kiosks", type=int, default=50)
    parser.add_argument("--orders", type=int, default=20, help="orders per kiosk")
    parser.add_argument(
        "--gap-s", type=float, default=Fleet.gap_s,
        help="mean seconds between one kiosk's orders (default %(default)s; near 0: back to back, the capacity)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.gap_s <= 0:
        parser.error(f"--gap-s must be above 0, got {args.gap_s}")
    report = lambda message: print(message, flush=True)  # noqa: E731
    figures = Fleet(args.kiosks, args.orders, report=report, gap_s=args.gap_s).run()
    print_figures(figures)
    points_ok = not any(figures[k] for k in ("points_missing", "points_doubled", "points_wrong", "balances_mismatched"))
    return 0 if figures["orders_lost"] == 0 and figures["orders_duplicated"] == 0 and points_ok else 1


if __name__ == "__main__":
    sys.exit(main())
