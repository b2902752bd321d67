"""What a kiosk process imports: libraries it never uses cost every kiosk memory (issue 14's RSS target).

httpx's command-line client (click, rich, pygments: 7 MB), the demo store's picture drawing (Pillow) in a kiosk
that only reads the store over HTTP, and Qt's test library (QtWidgets) in the bench's driver were all loaded
before, and together they were most of what the 1M-SKU bench measured over 250 MB."""

from __future__ import annotations

import json
import subprocess
import sys

NEVER = ("click", "rich", "pygments", "PIL", "PySide6.QtWidgets", "PySide6.QtTest", "kiosk.backends.demo.images")


def _loaded_after(code: str) -> list[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps([m for m in {NEVER!r} if m in sys.modules]))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_kiosk_with_the_demo_store_over_http_loads_none_of_them() -> None:
    code = (
        "import kiosk.app, kiosk.catalog_worker, kiosk.ui.devtools.bench_driver, httpx\n"
        "from kiosk.backends.demo.remote import RemoteDemoBackend\n"
        "RemoteDemoBackend('http://127.0.0.1:9').close()"
    )
    assert _loaded_after(code) == []


def test_httpx_still_works_without_its_command_line_client() -> None:
    assert _loaded_after("import kiosk, httpx\nassert httpx.Client and callable(httpx.main)") == []
