"""`kiosk demo`: the kiosk on the embedded demo backend (or a local Vendure), in a window."""

from __future__ import annotations

import argparse
import dataclasses
import sys

from kiosk.commands._common import add_ui_options, config_from_args, has_display, parse_size
from kiosk.commands.run import NO_DISPLAY, open_kiosk
from kiosk.config import Config


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("demo", help="open the kiosk with demo data (no server needed)")
    add_ui_options(parser)
    parser.add_argument(
        "--catalog-size",
        type=int,
        help="demo catalog size: products up to 2000, SKUs above (e.g. 1000000); default from the config (2000)",
    )
    parser.add_argument("--backend", choices=("demo", "vendure"), default="demo")
    parser.add_argument("--fullscreen", action="store_true")
    parser.set_defaults(func=_demo)


def _demo(args: argparse.Namespace) -> int:
    if args.catalog_size is None or args.backend != "demo":
        return open_kiosk(args, fullscreen=args.fullscreen, KIOSK_BACKEND=args.backend)
    if args.catalog_size < 1:
        raise SystemExit("--catalog-size must be a positive number")
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 3
    from kiosk.app import KioskApp, Services
    from kiosk.ui.qt.event_loop import run_forever

    config = sized_config(config_from_args(args, KIOSK_BACKEND="demo"), args.catalog_size)
    width, height = parse_size(args.size)
    print(f"kiosk: data in {config.data_dir}; demo catalog of size {args.catalog_size}", file=sys.stderr)
    # generated (once, cached) and synced through the normal path; the UI reads the cache meanwhile
    kiosk = KioskApp(Services.build(config), width=width, height=height, fullscreen=args.fullscreen)
    kiosk.start_sync()
    try:
        return run_forever()
    finally:
        kiosk.shutdown()


def sized_config(config: Config, catalog_size: int) -> Config:
    """The config for a demo catalog of another size: its own data folder, so the cache, its sync cursor
    and the orders of one catalog never mix with another's (a cursor from another catalog is refused)."""
    backend = dataclasses.replace(config.backend, catalog_size=catalog_size)
    return dataclasses.replace(config, backend=backend, data_dir=config.data_dir / f"demo-size-{catalog_size}")
