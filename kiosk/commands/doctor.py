"""`kiosk doctor`: what an associate or technician checks first: cache, queue, backend, devices."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from kiosk.commands._common import config_from_args


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("doctor", help="report the kiosk's health")
    parser.add_argument("--config", type=Path)
    parser.set_defaults(func=_doctor)


def _doctor(args: argparse.Namespace) -> int:
    from kiosk.app import Services
    from kiosk.core.errors import BackendError, BackendUnavailableError
    from kiosk.core.services.reachability import Reachability

    config = config_from_args(args)
    services = Services.build(config)
    clock = services.clock
    problems = 0
    try:
        print(f"data folder     {config.data_dir}")
        print(f"backend         {config.backend.kind}")
        # The same judgement as the kiosk's sender: only an answer from the backend itself means online,
        # however "up" the network interface looks.
        reach = Reachability()
        refused = ""
        try:
            services.backend.ping()
            reach.reached(clock.now())
        except BackendUnavailableError as exc:
            reach.unreachable(clock.now(), str(exc))
        except BackendError as exc:
            reach.reached(clock.now())  # it answered, so it is reachable; the refusal is its own problem
            refused = str(exc)
        snap = reach.snapshot()
        probed = f"probed {_when(snap.checked_at)}"
        if not snap.online:
            problems += 1
            print(f"backend reach   OFFLINE ({probed}: {snap.last_error})")
        elif refused:
            problems += 1
            print(f"backend reach   online but REFUSING ({probed}: {refused})")
        else:
            print(f"backend reach   online ({probed})")
        synced = services.store.last_synced_at()
        print(f"catalog         {services.store.product_count()} products, last sync {synced or 'never'}")
        oldest = services.outbox.oldest_pending_at()
        age = f", oldest {_when(oldest)} ({_age((clock.now() - oldest).total_seconds())} ago)" if oldest else ""
        print(f"order queue     {services.outbox.pending_count()} waiting{age}")
        rejected = services.outbox.rejected()
        print(f"rejected orders {len(rejected)}")
        for entry in rejected:
            print(f"  {entry.order.number}  {entry.last_error}")
        print(f"scanner         {config.scanner.port or 'disabled'}")
        if services.store.product_count() == 0:
            problems += 1
    finally:
        services.close()
    return 1 if problems else 0


def _when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if moment else "-"


def _age(seconds: float) -> str:
    """Rough, for a person: 45 s, 12 min, 3 h 5 min, 2 d 4 h."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} min"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h"
