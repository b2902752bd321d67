"""`kiosk demo`: the kiosk on the embedded demo backend (or a local Vendure), in a window."""

from __future__ import annotations

import argparse
import dataclasses
import sys

from kiosk.commands._common import add_ui_options
from kiosk.commands.run import open_kiosk
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
    parser.add_argument(
        "--live-changes",
        type=float,
        default=20.0,
        metavar="SECONDS",
        help="the demo store changes stock, a price or withdraws a product this often (0: never); default 20",
    )
    parser.set_defaults(func=_demo)


def _demo(args: argparse.Namespace) -> int:
    if args.catalog_size is not None and args.catalog_size < 1:
        raise SystemExit("--catalog-size must be a positive number")
    if args.live_changes < 0:
        raise SystemExit("--live-changes must be 0 (never) or a number of seconds")

    def adjust(config: Config) -> Config:
        if config.backend.kind != "demo":
            return config
        if args.catalog_size is not None:
            # generated (once, cached) and synced through the normal path; the UI reads the cache meanwhile
            config = sized_config(config, args.catalog_size)
            print(f"kiosk: demo catalog of size {args.catalog_size}", file=sys.stderr)
        options = {**config.backend.options, "live_changes_s": args.live_changes}
        return dataclasses.replace(config, backend=dataclasses.replace(config.backend, options=options))

    return open_kiosk(args, fullscreen=args.fullscreen, adjust=adjust, KIOSK_BACKEND=args.backend)


def sized_config(config: Config, catalog_size: int) -> Config:
    """The config for a demo catalog of another size: its own data folder, so the cache, its sync cursor
    and the orders of one catalog never mix with another's (a cursor from another catalog is refused)."""
    backend = dataclasses.replace(config.backend, catalog_size=catalog_size)
    return dataclasses.replace(config, backend=backend, data_dir=config.data_dir / f"demo-size-{catalog_size}")
