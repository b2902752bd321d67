"""`kiosk run`: the kiosk as deployed, from a config file, full screen."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable

from kiosk.commands._common import add_ui_options, config_from_args, has_display, parse_size
from kiosk.config import Config

_log = logging.getLogger("kiosk")

NO_DISPLAY = (
    "kiosk: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
    "To see the screens without a display, render them to PNG:\n"
    "    .venv/bin/kiosk screenshot --out screenshots/"
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("run", help="run the kiosk full screen from a config file")
    add_ui_options(parser)
    parser.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    parser.set_defaults(func=lambda args: open_kiosk(args, fullscreen=not args.windowed))


def open_kiosk(
    args: argparse.Namespace, *, fullscreen: bool, adjust: Callable[[Config], Config] | None = None, **env: str
) -> int:
    """The kiosk in a window or full screen; `adjust` changes the loaded config first (e.g. `kiosk demo`'s)."""
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 3
    from kiosk.app import KioskApp, Services
    from kiosk.logs import configure_logging
    from kiosk.ui.qt.event_loop import run_forever
    from kiosk.ui.qt.qt_log import route_qt_messages_to_logging

    config = config_from_args(args, **env)
    if adjust is not None:
        config = adjust(config)
    width, height = parse_size(args.size)
    configure_logging(os.environ.get("KIOSK_LOG_LEVEL", "INFO"))  # JSON lines on stdout: the journal
    route_qt_messages_to_logging()
    _log.info("kiosk starting", extra={"data_dir": str(config.data_dir), "backend": config.backend.kind})
    kiosk = KioskApp(Services.build(config), width=width, height=height, fullscreen=fullscreen)
    kiosk.start_sync()
    try:
        return run_forever()
    finally:
        kiosk.shutdown()
