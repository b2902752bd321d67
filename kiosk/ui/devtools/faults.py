"""Fault injection for the deployment bench and tests: a GUI thread that freezes on purpose.

`KIOSK_FAULT_FREEZE_GUI_AFTER_S=N` makes the kiosk's GUI thread block in a call that never returns N seconds
after start, as a deadlocked slot would: the watchdog pings stop and the hang guard must end the process.
Never set in a deployment; `kiosk doctor` does not look at it.
"""

from __future__ import annotations

import logging
import os
import threading

import sdnotify
from PySide6.QtCore import QObject, QTimer

ENV = "KIOSK_FAULT_FREEZE_GUI_AFTER_S"
FROZEN_STATUS = "Fault injection: GUI thread frozen"
_log = logging.getLogger(__name__)


def install_gui_freeze(parent: QObject, env: dict[str, str] | None = None) -> bool:
    value = (os.environ if env is None else env).get(ENV, "")
    try:
        seconds = float(value)
    except ValueError:
        return False
    if seconds < 0:
        return False

    def freeze() -> None:
        _log.warning("fault injection: the GUI thread now blocks for good (%s)", ENV)
        if os.environ.get("NOTIFY_SOCKET"):  # the bench times the restart from this moment
            sdnotify.SystemdNotifier().notify(f"STATUS={FROZEN_STATUS}")
        threading.Event().wait()  # blocks the GUI thread forever; the GIL is free for other threads

    QTimer.singleShot(round(seconds * 1000), parent, freeze)
    return True
