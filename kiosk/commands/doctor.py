"""`kiosk doctor`: what an associate or technician checks first: cache, queue, backend, devices."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.commands._common import config_from_args


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("doctor", help="report the kiosk's health")
    parser.add_argument("--config", type=Path)
    parser.set_defaults(func=_doctor)


def _doctor(args: argparse.Namespace) -> int:
    from kiosk.app import Services
    from kiosk.core.errors import BackendError

    config = config_from_args(args)
    services = Services.build(config)
    problems = 0
    try:
        print(f"data folder     {config.data_dir}")
        print(f"backend         {config.backend.kind}")
        try:
            services.backend.ping()
            print("backend reach   ok")
        except BackendError as exc:
            problems += 1
            print(f"backend reach   UNREACHABLE ({exc})")
        synced = services.store.last_synced_at()
        print(f"catalog         {services.store.product_count()} products, last sync {synced or 'never'}")
        oldest = services.outbox.oldest_pending_at()
        print(f"order queue     {services.outbox.pending_count()} waiting, oldest {oldest or '-'}")
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
