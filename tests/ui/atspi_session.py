"""Inside `dbus-run-session`: a virtual display (Xvfb), the kiosk on it with Qt's AT-SPI bridge on, and
after each screen of the screenshot tour, the AT-SPI tree read by tests/ui/atspi_reader.py.

    dbus-run-session -- .venv/bin/python -m tests.ui.atspi_session <out.json> [lang]

The kiosk runs as a child process (`kiosk` role below) and waits at each screen, its event loop running so
it can answer the reader, until the reader is done with it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
APP_NAME = "kiosk-atspi"


def run_kiosk(handshake: Path, lang: str) -> int:
    """The child: the screenshot tour on xcb; at each screen it writes the name and waits for `<name>.read`."""
    from PySide6.QtCore import QCoreApplication

    from kiosk.commands.screenshot import screenshot
    from kiosk.ui.qt.event_loop import process_for, process_until

    QCoreApplication.setApplicationName(APP_NAME)  # before the application exists: the name it registers with

    def inspect(name: str) -> None:
        process_for(0.3)  # the bridge sends its events for the new screen
        (handshake / "screen").write_text(name, encoding="utf-8")
        if not process_until(lambda: (handshake / f"{name}.read").exists(), 60):
            raise RuntimeError(f"the AT-SPI reader did not read {name}")

    with tempfile.TemporaryDirectory() as out:
        args = argparse.Namespace(out=Path(out), size="1080x1920", lang=lang, data_dir=None, suffix="", config=None)
        code = screenshot(args, inspect=inspect)
    (handshake / "screen").write_text("DONE", encoding="utf-8")
    return code


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("lang", nargs="?", default="en")
    parser.add_argument("--kiosk", type=Path, help=argparse.SUPPRESS)  # the child's handshake folder
    args = parser.parse_args()
    if args.kiosk is not None:
        return run_kiosk(args.kiosk, args.lang)

    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1080x1920x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = ":" + pipe.readline().strip()
    results: dict[str, object] = {}
    try:
        with tempfile.TemporaryDirectory() as handshake_dir:
            handshake = Path(handshake_dir)
            env = {
                **os.environ,
                "DISPLAY": display,
                "QT_QPA_PLATFORM": "xcb",
                "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
                "QT_ACCESSIBILITY": "1",
                "KIOSK_SPEECH_ENGINE": "mock",
            }
            env.pop("WAYLAND_DISPLAY", None)
            kiosk = subprocess.Popen(
                [sys.executable, "-m", "tests.ui.atspi_session", str(args.out), args.lang, "--kiosk", str(handshake)],
                env=env, cwd=HERE.parents[1],
            )
            seen = ""
            while kiosk.poll() is None:
                screen_file = handshake / "screen"
                name = screen_file.read_text(encoding="utf-8") if screen_file.exists() else ""
                if name == "DONE":
                    break
                if name and name != seen:
                    seen = name
                    reader = subprocess.run(
                        ["/usr/bin/python3", str(HERE / "atspi_reader.py"), APP_NAME],
                        capture_output=True, text=True, timeout=120, env=env,
                    )
                    try:
                        results[name] = json.loads(reader.stdout)
                    except json.JSONDecodeError:
                        results[name] = {"error": f"reader failed: {reader.stderr.strip()[-400:]}"}
                    (handshake / f"{name}.read").touch()
                else:
                    time.sleep(0.05)
            results["_exit"] = kiosk.wait(timeout=120)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
    args.out.write_text(json.dumps(results), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
