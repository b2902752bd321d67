"""`python -m tests.faults`: the full fault run (default 500 kills), both negative controls, the GUI stall.

Starts its own Vendure on 127.0.0.1 (a throw-away copy of the seeded shop), prints the figures of each
part and a summary, and exits 0 only if no order was lost, duplicated or invented, kiosk.db is intact,
the outbox drained, BOTH negative controls were caught as duplicates, and the GUI thread kept its budget.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.faults", description=__doc__)
    parser.add_argument("--kills", type=int, default=500, help="kill -9s of the kiosk process (default 500)")
    parser.add_argument("--control-kills", type=int, default=12, help="kills per negative control (default 12)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="where kiosk.db and the journals go (default: a temp dir)")
    parser.add_argument("--no-controls", action="store_true")
    parser.add_argument("--no-gui", action="store_true", help="skip the GUI stall measurement")
    args = parser.parse_args(argv)

    from kiosk.backends.vendure.server import VendureServer
    from tests.faults.conftest import target_for
    from tests.faults.harness import CONTROL_LIFE_S, CONTROL_PROFILES, run
    from tests.fixtures.vendure import VendureAdmin

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kiosk-faults-"))
    server = VendureServer(report=print)
    server.start()
    admin = VendureAdmin(server)
    target = target_for(server, admin)
    verdicts: list[tuple[str, bool]] = []
    try:
        print(f"\n== kiosk under faults: {args.kills} kills (work dir {workdir})", flush=True)
        figures = run(target, workdir / "kiosk", kills=args.kills, seed=args.seed, progress=_progress)
        print(figures.render(), flush=True)
        verdicts.append(("no order lost, duplicated or invented; kiosk.db ok; outbox drained", figures.ok))
        if not args.no_controls:
            for control in ("new-key", "ignore-key"):
                print(f"\n== negative control {control}: {args.control_kills} kills (must be caught)", flush=True)
                caught = run(
                    target, workdir / control, kills=args.control_kills, control=control, seed=args.seed,
                    profiles=CONTROL_PROFILES, life_s=CONTROL_LIFE_S, progress=_progress,
                )  # fmt: skip
                print(caught.render(), flush=True)
                verdicts.append(
                    (f"control {control} caught as duplicates ({caught.duplicated})", caught.duplicated > 0)
                )
        if not args.no_gui:
            from tests.faults.gui_stall import BUDGET_MS, judge, measure_all

            print("\n== GUI thread while the backend is slow or down", flush=True)
            reports, on_gui = measure_all(target, workdir / "gui")
            for report in reports:
                print(report.line())
            problems = judge(reports, on_gui)
            figures.max_stall_ms = max(r.max_ms for r in reports if r.mode != "up")
            idle = max(r.idle_max_ms for r in reports if r.mode != "up")
            verdicts.append(
                (
                    f"GUI thread: no backend call on it; idle stall with the backend slow/down {idle:.0f} ms"
                    f" (< {BUDGET_MS:.0f}); journey stall {figures.max_stall_ms:.0f} ms (UI's own work, see 'up')",
                    not problems,
                )
            )
            for problem in problems:
                print(f"  {problem}")
        print("\n== summary")
        stall = "n/a" if figures.max_stall_ms is None else f"{figures.max_stall_ms:.1f} ms"
        print(
            f"kills {figures.kills}, orders {figures.journalled}, lost {figures.lost},"
            f" duplicated {figures.duplicated}, invented {figures.invented}, max stall {stall}"
        )
        for text, ok in verdicts:
            print(f"{'PASS' if ok else 'FAIL'}  {text}")
        return 0 if all(ok for _, ok in verdicts) else 1
    finally:
        admin.close()
        server.stop()


def _progress(text: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {text}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
