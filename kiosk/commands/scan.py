"""`kiosk scan explain`: what the kiosk would make of the bytes a scanner sends, one JSON line per scan."""

from __future__ import annotations

import argparse
import json
import os
import select
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from kiosk.core.scanning import ScanConfig, interpret
from kiosk.core.scanning.framing import Frame, ScanStream


def register(subparsers: Any) -> None:
    scan = subparsers.add_parser("scan", help="scanner tools")
    scan_sub = scan.add_subparsers(dest="scan_command", metavar="SUBCOMMAND", required=True)
    explain = scan_sub.add_parser(
        "explain",
        help="interpret raw scanner bytes from stdin",
        description=(
            "Reads the byte stream a scanner would send on stdin, frames and debounces it exactly like the "
            "serial reader (CR, LF, CRLF, idle gap; end of input ends the last frame) and prints one JSON "
            "object per scan."
        ),
    )
    explain.add_argument("--config", type=Path, help="kiosk TOML config; its [scanning] table is used")
    explain.set_defaults(func=run_explain)


def load_scan_config(path: Path | None) -> ScanConfig:
    """The [scanning] table of a kiosk config file (defaults when there is no file or no table)."""
    if path is None:
        return ScanConfig()
    with path.open("rb") as f:
        table = tomllib.load(f).get("scanning", {})
    if not isinstance(table, dict):
        raise ValueError("[scanning] must be a table")
    return ScanConfig.from_mapping(table)


def explain_stream(
    stream: BinaryIO,
    config: ScanConfig,
    emit: Callable[[dict[str, object]], None],
    clock: Callable[[], int] = time.monotonic_ns,
) -> int:
    """Frames `stream` as the serial reader frames a port, in real time; returns the number of scans."""
    scan_stream = ScanStream(
        debounce_ms=config.debounce_ms, idle_gap_ms=config.idle_gap_ms, max_frame=config.max_frame_bytes
    )
    fd = stream.fileno()
    count = 0

    def out(frames: list[Frame]) -> None:
        nonlocal count
        for frame in frames:
            emit(interpret(frame.data, config).to_json_dict())
            count += 1

    while True:
        deadline = scan_stream.deadline_ns()
        if deadline is not None:
            wait_s = max(0.0, (deadline - clock()) / 1e9)
            ready, _, _ = select.select([fd], [], [], wait_s)
            if not ready:
                out(scan_stream.poll(clock()))
                continue
        chunk = os.read(fd, 65536)
        if not chunk:
            out(scan_stream.flush(clock()))
            return count
        out(scan_stream.feed(chunk, clock()))


def run_explain(args: argparse.Namespace) -> int:
    try:
        config = load_scan_config(args.config)
    except (OSError, tomllib.TOMLDecodeError, ValueError) as exc:
        print(f"kiosk scan explain: {exc}", file=sys.stderr)
        return 2

    def emit(obj: dict[str, object]) -> None:
        # UTF-8 whatever the locale: the Spanish messages must not crash an ASCII terminal
        line = (json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8")
        sys.stdout.flush()
        sys.stdout.buffer.write(line)
        sys.stdout.buffer.flush()

    explain_stream(sys.stdin.buffer, config, emit)
    return 0
