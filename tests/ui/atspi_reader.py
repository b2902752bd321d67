"""Run by Debian's python3 (python3-gi, gir1.2-atspi-2.0), not the kiosk's venv: reads the kiosk's window
through AT-SPI, as Orca would, and prints every showing node as JSON: role, name, states.

Usage: python3 atspi_reader.py <application name substring>
"""

from __future__ import annotations

import json
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402


def nodes(acc, depth: int = 0):  # type: ignore[no-untyped-def]
    if depth > 60:
        return
    states = acc.get_state_set()
    if depth > 1 and not states.contains(Atspi.StateType.SHOWING):
        return
    yield {
        "role": acc.get_role_name(),
        "name": acc.get_name() or "",
        "description": acc.get_description() or "",
        "focusable": states.contains(Atspi.StateType.FOCUSABLE),
        "enabled": states.contains(Atspi.StateType.ENABLED),
    }
    for i in range(acc.get_child_count()):
        child = acc.get_child_at_index(i)
        if child is not None:
            yield from nodes(child, depth + 1)


def main() -> int:
    wanted = sys.argv[1]
    deadline = time.monotonic() + 20  # a kiosk just started registers with the bus a moment after its window
    while True:
        desktop = Atspi.get_desktop(0)
        apps = [desktop.get_child_at_index(i) for i in range(desktop.get_child_count())]
        names = [a.get_name() for a in apps if a is not None]
        app = next((a for a in apps if a is not None and wanted in (a.get_name() or "")), None)
        if (app is not None and app.get_child_count() > 0) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    if app is None:
        print(json.dumps({"error": f"no application named like {wanted!r} on the AT-SPI bus: {names}"}))
        return 1
    print(json.dumps({"application": app.get_name(), "nodes": list(nodes(app))}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
