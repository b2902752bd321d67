"""Facts about the machine and process the heartbeat and `kiosk doctor` report: version, disk, memory."""

from __future__ import annotations

import os
import shutil
import sys
from datetime import tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import kiosk


def version() -> str:
    """The running kiosk's version: the frozen bundle's build stamp (packaging/build.py writes it, so a
    package built as 0.1.0+store2 says so), else the source tree's."""
    if getattr(sys, "frozen", False):
        stamp = Path(sys.executable).parent / "VERSION"
        try:
            return stamp.read_text(encoding="utf-8").strip() or kiosk.__version__
        except OSError:
            pass
    return kiosk.__version__


def disk_free_mb(path: Path) -> float:
    """Free space for the kiosk's data (the nearest existing folder of `path`), in MiB."""
    while not path.exists() and path != path.parent:
        path = path.parent
    return shutil.disk_usage(path).free / 2**20


def rss_mb() -> float:
    """This process's resident memory now (Linux /proc), in MiB; 0 where /proc is not there."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def machine_zone(localtime: Path = Path("/etc/localtime")) -> tzinfo | None:
    """This machine's time zone WITH its rules ($TZ, else /etc/localtime), or None when it cannot be read.

    `datetime.astimezone()` gives only today's offset: a December kiosk that read a coupon starting at
    midnight on 29 March (summer time in Madrid) with it would say "from 28 March". Dates are named in this
    zone; None leaves each moment to `astimezone()` (the machine's rules at that moment)."""
    name = os.environ.get("TZ", "").lstrip(":")
    try:
        if name.startswith("/"):
            with open(name, "rb") as file:
                return ZoneInfo.from_file(file, key=name)
        if name:
            return ZoneInfo(name)
        with open(localtime, "rb") as file:
            return ZoneInfo.from_file(file, key="localtime")
    except (OSError, ValueError, ZoneInfoNotFoundError):
        return None
