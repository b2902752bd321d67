"""`kiosk sync`: pulls catalog and stock changes, and the promotions, into the local cache, headless."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk.commands._common import config_from_args


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("sync", help="sync the catalog cache from the backend")
    parser.add_argument("--config", type=Path)
    parser.set_defaults(func=_sync)


def _sync(args: argparse.Namespace) -> int:
    from kiosk.app import Services
    from kiosk.core.errors import BackendError, StorageError

    services = Services.build(config_from_args(args))
    try:
        report = services.sync()
        promotions = services.refresh_promotions()  # after the catalog: their variants' products are in it
        offers = len(services.offers.promotions) if services.offers is not None else 0
    except BackendError as exc:
        print(f"kiosk: sync failed, the cache is unchanged since the last good page: {exc}")
        return 1
    except StorageError as exc:
        print(f"kiosk: sync failed, the cache could not be written: {exc}")
        return 1
    finally:
        services.close()
    if report.refreshing:
        print(f"refreshing catalog: {report.resync_reason}; the whole catalog was imported again")
    rate = report.variants / report.seconds if report.seconds > 0 else 0.0
    pages = f"{report.pages} page{'' if report.pages == 1 else 's'}"
    via = f"the catalog snapshot, then {pages}" if report.snapshot else pages
    print(
        f"synced {report.products} products ({report.variants} SKUs), {report.deleted} deleted, "
        f"from {via} in {report.seconds:.2f} s ({rate:,.0f} SKUs/s)"
    )
    print(f"{offers} promotion{'' if offers == 1 else 's'} " + ("cached" if promotions else "kept from the cache"))
    if report.snapshot_error:
        print(f"the backend's catalog snapshot was not used: {report.snapshot_error}")
    return 0
