"""`kiosk` command line: one subcommand per module in kiosk.commands, discovered by name."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

import kiosk

# Each module exposes `register(subparsers)` which adds its parser and sets `func` (args -> exit code).
_COMMAND_MODULES = (
    "kiosk.commands.demo",
    "kiosk.commands.run",
    "kiosk.commands.screenshot",
    "kiosk.commands.sync",
    "kiosk.commands.scan",
    "kiosk.commands.simulate",
    "kiosk.commands.doctor",
    "kiosk.commands.bench",
    "kiosk.commands.demo_store",
    "kiosk.commands.vendure",
    "kiosk.commands.admin",
    "kiosk.commands.fleet",
    "kiosk.commands.update",
    "kiosk.commands.catalog_worker",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Endless-aisle store kiosk")
    # what an IT person checks after installing or updating: the running release's version
    parser.add_argument("--version", action="version", version=f"kiosk {kiosk.__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # command not built yet in this checkout
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_in = sys.argv[1:] if argv is None else list(argv)
    if args_in == ["catalog-worker"]:
        # the kiosk starts this for every big catalog pass: skip importing every command's module
        from kiosk.catalog_worker import main as catalog_worker

        return catalog_worker()
    parser = build_parser()
    args = parser.parse_args(args_in)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
