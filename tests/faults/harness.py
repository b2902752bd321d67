"""Kill -9 the kiosk process at random points behind the fault proxy, then check every promised order.

One run: start the child (tests/faults/child.py), let it check out and deliver for a random while under a
randomly chosen fault profile, SIGKILL it, restart it (it resumes its queue from kiosk.db), N times. Then
the proxy passes everything, a last child drains the outbox, and the harness compares three sources:
the journal (orders the shopper was shown as saved), kiosk.db, and Vendure's orders for this run's device id.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.storage.order_codec import order_from_json
from tests.faults.proxy import Fault, FaultMix, FaultProxy

ROOT = Path(__file__).resolve().parents[2]

# Per child life, one of these fault profiles. The placing mutation gets its own, harsher weights: a lost
# reply there (the order is placed, the kiosk does not know) is what turns a retry into a second order.
PLACE = "KioskPlaceOrder"  # the one request that places an order (kioskPlaceOrder)
PROFILES: dict[str, FaultMix] = {
    "pass": FaultMix({Fault.PASS: 1}),
    "drop-after-commit": FaultMix({Fault.PASS: 0.9, Fault.DROP: 0.1}, {PLACE: {Fault.PASS: 0.5, Fault.DROP: 0.5}}),
    "delay": FaultMix({Fault.PASS: 0.9, Fault.DELAY: 0.1}, {PLACE: {Fault.PASS: 0.6, Fault.DELAY: 0.4}}),
    "late-request": FaultMix({Fault.PASS: 0.85, Fault.LATE: 0.15}),
    "reset": FaultMix({Fault.PASS: 0.7, Fault.RESET: 0.3}),
    "blackhole": FaultMix({Fault.BLACKHOLE: 1}),
    # Only the placing mutation is hit: every attempt gets that far, and half of them lose the reply.
    "drop-on-place": FaultMix({Fault.PASS: 1}, {PLACE: {Fault.PASS: 0.5, Fault.DROP: 0.5}}),
    "delay-on-place": FaultMix({Fault.PASS: 1}, {PLACE: {Fault.PASS: 0.5, Fault.DELAY: 0.5}}),
    "mixed": FaultMix(
        {Fault.PASS: 0.7, Fault.DROP: 0.07, Fault.DELAY: 0.05, Fault.RESET: 0.1, Fault.BLACKHOLE: 0.03,
         Fault.LATE: 0.05},
        {PLACE: {Fault.PASS: 0.6, Fault.DROP: 0.2, Fault.DELAY: 0.1, Fault.RESET: 0.1}},
    ),
}  # fmt: skip

# The negative controls run where a lost reply to the placing mutation is common, so a build that is not
# idempotent shows its duplicates within a dozen kills.
CONTROL_PROFILES: dict[str, FaultMix] = {name: PROFILES[name] for name in ("drop-on-place", "delay-on-place")}

# Controls live a little longer, so that orders reach the placing mutation under faults before the kill.
CONTROL_LIFE_S = (1.0, 4.0)

ORDERS_QUERY = """
query FaultOrders($device: String!, $skip: Int!) {
  orders(options: { skip: $skip, take: 100, filter: { kioskDeviceId: { eq: $device } } }) {
    totalItems
    items { id code state customFields { kioskClientOrderId kioskOrderNumber } lines { quantity productVariant { id } } }
  }
}
"""


@dataclass(frozen=True)
class Target:
    """Where Vendure listens and how to ask it: the kiosk's API key and a superadmin query function."""

    host: str
    port: int
    admin_path: str
    shop_path: str
    api_key: str
    admin_query: Callable[[str, Mapping[str, Any]], dict[str, Any]]
    variants: tuple[str, ...] = ("1", "2", "3", "4", "5", "6")
    shipping_method: str = "1"


@dataclass
class Figures:
    kills: int = 0
    kills_in_checkout: int = 0
    kills_in_delivery: int = 0
    kills_idle: int = 0
    journalled: int = 0  # orders the shopper was shown as saved
    saved: int = 0  # orders in kiosk.db (journalled + killed between commit and the "saved" screen)
    backend_orders: int = 0  # placed orders in Vendure for this run
    lost: int = 0
    duplicated: int = 0
    invented: int = 0
    wrong_lines: int = 0
    wrong_key: int = 0
    rejected: int = 0
    undelivered: int = 0
    orphan_drafts: int = 0  # empty drafts whose createDraftOrder reply was lost (not orders)
    integrity: str = ""
    drained: bool = False
    max_stall_ms: float | None = None
    elapsed_s: float = 0.0
    faults: Counter[str] = field(default_factory=Counter)
    placing_faults: Counter[str] = field(default_factory=Counter)  # on the mutation that places the order
    profiles: Counter[str] = field(default_factory=Counter)
    details: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            self.lost == self.duplicated == self.invented == self.wrong_lines == self.wrong_key == 0
            and self.rejected == self.undelivered == 0
            and self.integrity == "ok"
            and self.drained
            and self.journalled > 0
        )

    def render(self) -> str:
        stall = "n/a" if self.max_stall_ms is None else f"{self.max_stall_ms:.1f} ms"
        faults = ", ".join(f"{k} {v}" for k, v in sorted(self.faults.items()))
        lines = [
            f"kills            {self.kills} (checkout {self.kills_in_checkout}, delivery {self.kills_in_delivery},"
            f" idle {self.kills_idle})",
            f"orders           {self.journalled} shown as saved, {self.saved} in kiosk.db,"
            f" {self.backend_orders} placed in Vendure",
            f"lost             {self.lost}",
            f"duplicated       {self.duplicated}",
            f"invented         {self.invented}",
            f"wrong lines      {self.wrong_lines}   wrong key {self.wrong_key}",
            f"rejected         {self.rejected}   undelivered {self.undelivered}   orphan drafts {self.orphan_drafts}",
            f"integrity_check  {self.integrity}   outbox drained {'yes' if self.drained else 'NO'}",
            f"max stall        {stall}",
            f"faults injected  {faults}",
            f"  on placing     {', '.join(f'{k} {v}' for k, v in sorted(self.placing_faults.items()))}",
            f"elapsed          {self.elapsed_s:.0f} s",
            f"verdict          {'PASS' if self.ok else 'FAIL'}",
        ]
        worst_first = sorted(self.details, key=lambda d: not d.startswith(("lost", "duplicated", "invented")))
        return "\n".join(lines + [f"  {d}" for d in worst_first[:12]])


class _Child:
    """One kiosk process; a thread reads its markers so a kill can be classified by where it landed."""

    def __init__(self, argv: list[str], env: Mapping[str, str]) -> None:
        self.proc = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(env), cwd=ROOT, text=True
        )
        self.ready = threading.Event()
        self.drained = threading.Event()
        self.in_checkout = False
        self.in_delivery = False
        self.checkout_began = threading.Event()
        self.delivery_began = threading.Event()
        self.notes: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            line = raw.strip()
            if line == "ready":
                self.ready.set()
            elif line == "C+":
                self.in_checkout = True
                self.checkout_began.set()
            elif line == "C-":
                self.in_checkout = False
            elif line == "D+":
                self.in_delivery = True
                self.delivery_began.set()
            elif line == "D-":
                self.in_delivery = False
            elif line == "drained":
                self.drained.set()
            else:
                self.notes.append(line)

    def kill(self) -> str:
        phase = "checkout" if self.in_checkout else "delivery" if self.in_delivery else "idle"
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)
        self._reader.join(5)
        return phase

    def stderr(self) -> str:
        assert self.proc.stderr is not None
        return self.proc.stderr.read()[-3000:]


def run(
    target: Target,
    workdir: Path,
    *,
    kills: int,
    control: str = "none",
    seed: int = 0,
    life_s: tuple[float, float] = (0.2, 4.0),
    timeout_s: float = 2.0,
    profiles: Mapping[str, FaultMix] | None = None,
    drain_timeout_s: float = 120.0,
    progress: Callable[[str], None] | None = None,
) -> Figures:
    """Runs the kill loop and the checks; returns the figures (the caller decides pass/fail)."""
    started = time.monotonic()
    rng = random.Random(seed)
    profiles = profiles or PROFILES
    names = sorted(profiles)
    workdir.mkdir(parents=True, exist_ok=True)
    db, journal = workdir / "kiosk.db", workdir / "journal.txt"
    device = f"faults-{uuid.uuid4().hex[:10]}"
    figures = Figures()
    env = {**os.environ, "KIOSK_FAULTS_API_KEY": target.api_key, "PYTHONPATH": str(ROOT)}
    with FaultProxy(target.host, target.port, delay_s=timeout_s + 0.7, seed=seed) as proxy:
        base = [
            sys.executable, "-m", "tests.faults.child", "--db", str(db), "--journal", str(journal),
            "--admin-url", proxy.url(target.admin_path), "--shop-url", proxy.url(target.shop_path),
            "--device-id", device, "--variants", ",".join(target.variants),
            "--shipping-method", target.shipping_method, "--timeout", str(timeout_s), "--control", control,
        ]  # fmt: skip
        schedule: list[str] = []
        for life in range(kills):
            if not schedule:  # every profile once per round, in a random order: short runs cover them all
                schedule = rng.sample(names, len(names))
            profile = schedule.pop()
            figures.profiles[profile] += 1
            proxy.set_mix(profiles[profile])
            child = _Child([*base, "--seed", str(seed * 100_000 + life)], env)
            if not child.ready.wait(30):
                child.kill()
                raise RuntimeError(f"fault child did not start:\n{child.stderr()}")
            # A third of the kills aim at a checkout or a submission in flight; the rest land anywhere.
            aim = rng.choice(("any", "any", "any", "any", "checkout", "delivery"))
            if aim == "checkout" and child.checkout_began.wait(life_s[1] * 3):
                time.sleep(rng.uniform(0, 0.004))
            elif aim == "delivery" and child.delivery_began.wait(life_s[1] * 3):
                time.sleep(rng.uniform(0, 0.3))
            else:
                time.sleep(rng.uniform(*life_s))
            if child.proc.poll() is not None:
                raise RuntimeError(f"fault child died by itself:\n{child.stderr()}")
            phase = child.kill()
            figures.kills += 1
            if phase == "checkout":
                figures.kills_in_checkout += 1
            elif phase == "delivery":
                figures.kills_in_delivery += 1
            else:
                figures.kills_idle += 1
            figures.details.extend(n for n in child.notes if n.startswith("not-saved"))
            if progress and (life + 1) % 25 == 0:
                progress(f"{life + 1}/{kills} kills, {len(_journal(journal))} orders shown as saved")
        # Faults injected while the kiosk lived (the drain below runs clean).
        figures.faults.update({str(k): v for k, v in proxy.counts.items()})
        figures.placing_faults.update({str(k): v for k, v in proxy.placing.items()})
        proxy.set_mode(Fault.PASS)
        drainer = _Child([*base, "--drain"], env)
        backlog = _pending(db)
        patience = drain_timeout_s + 3.0 * backlog  # a clean delivery takes well under a second here
        figures.drained = drainer.drained.wait(patience)
        if not figures.drained:
            figures.details.append(f"drain of {backlog} orders timed out after {patience:.0f} s")
        drainer.kill()
        # Requests the proxy still holds (late/delayed) land within delay_s; let them, before counting.
        time.sleep(proxy.delay_s + 0.5)
    _verify(figures, db, journal, device, target)
    figures.elapsed_s = time.monotonic() - started
    return figures


def _pending(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM orders WHERE status = 'saved'").fetchone()[0])
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


def _journal(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    entries = {}
    for line in path.read_text().splitlines():
        number, _, client_id = line.partition(" ")
        if client_id:  # a torn last line (killed mid-write) was never shown as saved
            entries[number] = client_id
    return entries


def backend_orders(target: Target, device: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    while True:
        page = target.admin_query(ORDERS_QUERY, {"device": device, "skip": len(found)})["orders"]
        found.extend(page["items"])
        if not page["items"] or len(found) >= page["totalItems"]:
            return found


def _verify(figures: Figures, db: Path, journal_path: Path, device: str, target: Target) -> None:
    journal = _journal(journal_path)
    figures.journalled = len(journal)
    conn = sqlite3.connect(db)
    try:
        figures.integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        local = {
            row[0]: (row[1], row[2], order_from_json(row[3]))
            for row in conn.execute("SELECT number, client_order_id, status, payload FROM orders")
        }
        figures.undelivered = conn.execute(
            "SELECT count(*) FROM outbox JOIN orders USING (client_order_id) WHERE status = 'saved'"
        ).fetchone()[0]
    finally:
        conn.close()
    figures.saved = len(local)
    figures.rejected = sum(1 for _, status, _ in local.values() if status == "rejected")
    placed: dict[str, list[dict[str, Any]]] = {}
    for raw in backend_orders(target, device):
        number = (raw.get("customFields") or {}).get("kioskOrderNumber")
        if raw["state"] == "Draft":
            if not raw["lines"]:
                figures.orphan_drafts += 1
            continue
        placed.setdefault(str(number), []).append(raw)
    figures.backend_orders = sum(len(v) for v in placed.values())
    for number, client_id in journal.items():
        if local.get(number, (None,))[0] != client_id:
            figures.lost += 1
            figures.details.append(f"lost: {number} shown as saved, not in kiosk.db")
        elif local[number][1] == "saved":
            continue  # still queued: counted as undelivered (the drain did not finish), not as lost
        elif number not in placed:
            figures.lost += 1
            figures.details.append(f"lost: {number} ({client_id}) shown as saved, not in Vendure")
    for number, copies in placed.items():
        if len(copies) > 1:
            figures.duplicated += len(copies) - 1
            figures.details.append(f"duplicated: {number} placed {len(copies)} times ({[c['code'] for c in copies]})")
        if number not in local:
            figures.invented += len(copies)
            figures.details.append(f"invented: {number} in Vendure, never saved by the kiosk")
            continue
        client_id, _, order = local[number]
        wanted: Counter[str] = Counter()
        for line in order.lines:
            wanted[line.variant_id] += line.quantity
        for copy in copies:
            have: Counter[str] = Counter()
            for line in copy["lines"]:
                have[str(line["productVariant"]["id"])] += int(line["quantity"])
            if have != wanted:
                figures.wrong_lines += 1
                figures.details.append(f"wrong lines: {number} {dict(have)} != {dict(wanted)}")
            key = (copy.get("customFields") or {}).get("kioskClientOrderId")
            if key != client_id and len(copies) == 1:
                figures.wrong_key += 1
                figures.details.append(f"wrong key: {number} carries {key}, kiosk.db has {client_id}")


def figures_json(figures: Figures) -> str:
    data = {k: v for k, v in figures.__dict__.items() if k != "details"}
    return json.dumps(data, default=dict, indent=2)
