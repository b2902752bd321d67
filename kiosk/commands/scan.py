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
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from kiosk.core.scanning import ScanConfig
from kiosk.core.scanning.framing import Frame, ScanStream
from kiosk.core.scanning.recall import NO_RECALLS, RecallList
from kiosk.core.scanning.router import ScanRouter


def register(subparsers: Any) -> None:
    scan = subparsers.add_parser("scan", help="scanner tools")
    scan_sub = scan.add_subparsers(dest="scan_command", metavar="SUBCOMMAND", required=True)
    explain = scan_sub.add_parser(
        "explain",
        help="interpret raw scanner bytes from stdin",
        description=(
            "Reads the byte stream a scanner would send on stdin, frames and debounces it exactly like the "
            "serial reader (CR, LF, CRLF, idle gap; end of input ends the last frame) and prints one JSON "
            "object per frame: empty reads and debounced repeats included, each with its kind. Expiry, "
            "best-before, the recall list and the same-pack rule apply as at the kiosk. At the end a summary "
            "(frames, kinds, reasons) goes to standard error."
        ),
    )
    explain.add_argument("--config", type=Path, help="kiosk TOML config; its [scanning] table is used")
    explain.add_argument(
        "--today", type=date.fromisoformat, help="the date expiry and best-before are judged on (default: today)"
    )
    explain.add_argument(
        "--recalls",
        type=Path,
        help='a JSON list of recalls, [{"reference": "R1", "gtin": "...", "lot": "..."}], as the backend sends them',
    )
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


def load_recalls(path: Path | None) -> RecallList:
    if path is None:
        return NO_RECALLS
    records = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(records, list):
        raise ValueError(f"{path}: a recall list must be a JSON list of objects")
    return RecallList.from_records(records)


def explain_stream(
    stream: BinaryIO,
    config: ScanConfig,
    emit: Callable[[dict[str, object]], None],
    clock: Callable[[], int] = time.monotonic_ns,
    router: ScanRouter | None = None,
) -> int:
    """Frames `stream` as the serial reader frames a port, in real time; returns the number of frames, each
    of which was given exactly one result (empty reads and debounced repeats included)."""
    scan_stream = ScanStream(
        debounce_ms=config.debounce_ms,
        idle_gap_ms=config.idle_gap_ms,
        max_frame=config.max_frame_bytes,
        keep_repeats=True,
    )
    router = router or ScanRouter(config, today=date.today)
    fd = stream.fileno()
    count = 0

    def out(frames: list[Frame]) -> None:
        nonlocal count
        for frame in frames:
            result = router.repeat(frame.data) if frame.repeat else router.route(frame.data, frame.at_ns)
            emit(result.to_json_dict())
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
        recalls = load_recalls(args.recalls)
    except (OSError, tomllib.TOMLDecodeError, ValueError) as exc:
        print(f"kiosk scan explain: {exc}", file=sys.stderr)
        return 2
    today: date | None = args.today
    router = ScanRouter(config, today=(lambda: today) if today is not None else date.today, recalls=lambda: recalls)

    def emit(obj: dict[str, object]) -> None:
        # UTF-8 whatever the locale: the Spanish messages must not crash an ASCII terminal
        line = (json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8")
        sys.stdout.flush()
        sys.stdout.buffer.write(line)
        sys.stdout.buffer.flush()

    explain_stream(sys.stdin.buffer, config, emit, router=router)
    print(f"kiosk scan explain: {json.dumps(router.summary(), sort_keys=True)}", file=sys.stderr)
    return 0
