"""`kiosk catalog-worker` (hidden): the process a running kiosk starts to apply a big catalog pass
(kiosk.catalog_worker). Not for people: it reads its request as JSON on stdin."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    # no help=: argparse then leaves it out of `kiosk --help`
    parser = subparsers.add_parser("catalog-worker")
    parser.set_defaults(func=_run)


def _run(_args: argparse.Namespace) -> int:
    from kiosk.catalog_worker import main

    return main()
