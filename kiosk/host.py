"""Facts about the machine and process the heartbeat and `kiosk doctor` report: version, disk, memory."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

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
