"""Fake kiosk releases and a fake service manager for the update tests: fast stand-ins with the real contract.

A fake release is a bundle folder (VERSION + an executable `kiosk`) whose kiosk writes heartbeat.json the way
the real one does once its first frame is up, then stays running; a broken one exits at once, as a release
that cannot start would. `restart` plays systemd: stop the running kiosk, start root/current/kiosk.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

GOOD = """#!{python}
import json, os, sys, time
from datetime import datetime, timezone
here = os.path.dirname(os.path.realpath(__file__))
version = open(os.path.join(here, "VERSION")).read().strip()
data = os.environ["KIOSK_DATA_DIR"]
state = {{"pid": os.getpid(), "version": version, "written_at": datetime.now(timezone.utc).isoformat(),
         "idle": True, "online": True, "outbox_depth": 0, "delivered": True}}
tmp = os.path.join(data, "heartbeat.tmp")
with open(tmp, "w") as f:
    json.dump(state, f)
os.replace(tmp, os.path.join(data, "heartbeat.json"))
time.sleep(600)
"""

BROKEN = """#!/bin/sh
echo "kiosk: cannot start: a release built wrong" >&2
exit 1
"""


def make_release(folder: Path, version: str, *, broken: bool = False) -> Path:
    folder.mkdir(parents=True)
    (folder / "VERSION").write_text(version + "\n")
    kiosk = folder / "kiosk"
    kiosk.write_text(BROKEN if broken else GOOD.format(python=sys.executable))
    kiosk.chmod(0o755)
    return folder


def main() -> int:
    """python -m tests.packaging.fake_kiosk ROOT DATA_DIR [ARGS...]: restart the kiosk as systemctl restart
    does: stop the running one, start ROOT/current/kiosk ARGS (a real bundle gets `run`)."""
    root, data, args = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
    pidfile = data / "service.pid"
    if pidfile.exists():
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(pidfile.read_text()), signal.SIGTERM)
    child = subprocess.Popen(
        [str(root / "current" / "kiosk"), *args], env={**os.environ, "KIOSK_DATA_DIR": str(data)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    pidfile.write_text(str(child.pid))
    return 0


if __name__ == "__main__":
    sys.exit(main())
