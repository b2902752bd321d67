"""`kiosk demo-store serve`: the demo store in its own process, over HTTP on loopback (RemoteDemoBackend's
server; `kiosk bench` starts one so the kiosk it measures has its backend out of process)."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

import platformdirs


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("demo-store", help="serve the demo store from its own process over HTTP")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    serve = actions.add_parser("serve", help="generate (once) and serve the demo store on 127.0.0.1")
    serve.add_argument("--port", type=int, default=8765, help="TCP port on 127.0.0.1 (0: any free port)")
    serve.add_argument("--catalog-size", type=int, default=2000, help="products up to 2000, SKUs above")
    serve.add_argument("--seed", type=int, default=42)
    serve.add_argument("--data-dir", type=Path, help="the store's folder (default: the user data folder)")
    serve.set_defaults(func=_serve)


def _serve(args: argparse.Namespace) -> int:
    from kiosk.backends.demo import catalog
    from kiosk.backends.demo.backend import DemoBackend
    from kiosk.backends.demo.server import serve

    if not 0 <= args.port <= 65535:
        raise SystemExit(f"--port must be from 0 to 65535, got {args.port}")
    if not 1 <= args.catalog_size <= catalog.MAX_VARIANTS:
        raise SystemExit(f"--catalog-size must be from 1 to {catalog.MAX_VARIANTS}, got {args.catalog_size}")
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    data_dir: Path = args.data_dir or Path(platformdirs.user_data_dir("endless-aisle-kiosk")) / (
        f"demo-store-{args.catalog_size}"
    )
    backend = DemoBackend(data_dir, catalog_size=args.catalog_size, seed=args.seed)
    return serve(backend, "127.0.0.1", args.port)
