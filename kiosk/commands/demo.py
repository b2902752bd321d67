"""`kiosk demo`: the kiosk on the embedded demo backend (or a local Vendure), in a window."""

from __future__ import annotations

import argparse

from kiosk.commands._common import add_ui_options
from kiosk.commands.run import open_kiosk


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("demo", help="open the kiosk with demo data (no server needed)")
    add_ui_options(parser)
    parser.add_argument("--catalog-size", type=int, default=2000, help="demo catalog size (products; SKUs above 2000)")
    parser.add_argument("--backend", choices=("demo", "vendure"), default="demo")
    parser.add_argument("--fullscreen", action="store_true")
    parser.set_defaults(func=_demo)


def _demo(args: argparse.Namespace) -> int:
    if args.catalog_size < 1:
        raise SystemExit("--catalog-size must be a positive number")
    return open_kiosk(args, fullscreen=args.fullscreen, KIOSK_BACKEND=args.backend)
