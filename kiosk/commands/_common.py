"""Options shared by the commands that open the kiosk UI."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kiosk.config import Config, ConfigError, load_config


def add_ui_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="TOML config file (default: $KIOSK_CONFIG or built-in demo)")
    parser.add_argument("--size", default="1080x1920", help="window size WxH (portrait 1080x1920 by default)")
    parser.add_argument("--lang", choices=("es", "en"), help="shopper language at start")


def parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"--size must look like 1080x1920, got {text!r}") from None
    if not (320 <= width <= 7680 and 320 <= height <= 7680):
        raise SystemExit(f"--size must be between 320 and 7680 pixels a side, got {text!r}")
    return width, height


PACKAGED_CONFIG = Path("/etc/kiosk/kiosk.toml")


def config_from_args(args: argparse.Namespace, **env_overrides: str) -> Config:
    env = dict(os.environ)
    if getattr(args, "lang", None):
        env["KIOSK_LANGUAGE"] = args.lang
    env.update(env_overrides)
    path = getattr(args, "config", None)
    if path is None and not env.get("KIOSK_CONFIG") and getattr(sys, "frozen", False) and PACKAGED_CONFIG.exists():
        # the installed kiosk (the frozen bundle): `sudo kiosk update` or `kiosk doctor` read the store's config
        # and so the running kiosk's data folder, not a demo default in the caller's home
        path = PACKAGED_CONFIG
    try:
        return load_config(path, env)
    except ConfigError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
