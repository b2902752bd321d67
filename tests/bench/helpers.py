"""Running `kiosk bench` as a store's IT person would (the real CLI in its own process, offscreen) and reading
the figures it writes; shared by the demo and the Vendure bench tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def run_bench(args: list[str], out: Path, timeout_s: float, **env: str) -> tuple[dict, str]:  # type: ignore[type-arg]
    """(the figures of `--json out`, what it printed); fails with its output if it exits non-zero."""
    proc = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "bench", *args, "--json", str(out)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True, text=True, timeout=timeout_s, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(out.read_text()), proc.stdout


def sane(stats: dict, n_min: int = 1) -> None:  # type: ignore[type-arg]
    """A latency summary that was measured: enough samples, positive and ordered percentiles under a minute."""
    assert stats["n"] >= n_min
    assert 0 < stats["p50"] <= stats["p95"] <= stats["p99"] < 60_000
