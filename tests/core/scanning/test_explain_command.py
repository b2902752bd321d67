"""`kiosk scan explain`: stdin bytes -> one JSON line per scan, framed and debounced like the serial reader."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.commands.scan import explain_stream, load_scan_config
from kiosk.core.scanning import ScanConfig

ROOT = Path(__file__).resolve().parents[3]


def _explain(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "scan", "explain", *args],
        input=data,
        capture_output=True,
        cwd=ROOT,
        timeout=30,
        env={**os.environ, "LC_ALL": "C"},
    )


def test_many_frames_from_stdin() -> None:
    stream = (
        b"]E04006381333931\r\n"
        b"]E04006381333931\r\n"  # the same code again at once: debounced, like a double read
        b"]C10109501101530003\x1d17140704\x1d10AB-123\r"
        b"https://shop.example.com/m/Ab3_x-9Zq\n"
        b"https://shop.example.com@evil.net/\n"
        b"412345678903"  # end of input ends the last frame, as an idle gap would
    )
    done = _explain(stream, "--today", "2014-07-04")  # the expiry date itself is still good ("use by")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert lines == [
        {"kind": "product", "symbology": "]E0", "gtin": "04006381333931", "lookup_gtin": "04006381333931"},
        {
            "kind": "repeat", "symbology": "]E0", "reason": "debounced",
            "message": {
                "en": "The same code again at once: counted as one scan.",
                "es": "El mismo código otra vez enseguida: cuenta como un solo escaneo.",
            },
        },
        {
            "kind": "gs1", "symbology": "]C1", "gtin": "09501101530003", "lookup_gtin": "09501101530003",
            "batch": "AB-123", "expiry": "2014-07-04",
        },
        {"kind": "loyalty", "symbology": None, "member_token": "Ab3_x-9Zq"},
        {
            "kind": "foreign_url", "symbology": None, "url": "https://shop.example.com@evil.net/", "host": "evil.net",
            "reason": "userinfo",
            "message": {
                "en": "This link hides its real address. It was not opened.",
                "es": "Este enlace oculta su dirección real. No se ha abierto.",
            },
        },
        {"kind": "loyalty", "symbology": None, "member_id": "412345678903"},
    ]  # fmt: skip


def _explain_in_process(data: bytes, config: ScanConfig) -> list[dict[str, object]]:
    read_fd, write_fd = os.pipe()
    writer = threading.Thread(target=lambda: (os.write(write_fd, data), os.close(write_fd)))
    writer.start()
    results: list[dict[str, object]] = []
    with os.fdopen(read_fd, "rb") as reader:
        explain_stream(reader, config, results.append)
    writer.join()
    return results


def test_over_long_and_invalid_bytes() -> None:
    lines = _explain_in_process(b"A" * 5000 + b"\r\n\xff\xfe\r\n", ScanConfig())
    assert [line["reason"] for line in lines] == ["too_long", "invalid_utf8"]


def test_config_file_scanning_table(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('[scanning]\nstore_hosts = ["tienda.example.es"]\nrcn_region = "de"\n')
    lines = _explain_in_process(
        b"https://tienda.example.es/m/abcdefgh\nhttps://shop.example.com/m/abcdefgh\n", load_scan_config(config)
    )
    assert [line["kind"] for line in lines] == ["loyalty", "foreign_url"]


def test_config_without_scanning_table_uses_defaults(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('[kiosk]\nstore_name = "x"\n')
    assert load_scan_config(config) == ScanConfig()


def test_bad_config_is_reported_with_exit_code_2(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("[scanning]\ndebounce_ms = -5\n")
    done = _explain(b"", "--config", str(config))
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "kiosk scan explain: [scanning] debounce_ms must be a whole number from 0 to 5000, got -5\n"
    )
    assert done.stdout == b""


def test_cli_main_in_process(monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    read_fd, write_fd = os.pipe()
    os.write(write_fd, b"96385074\n")
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as stdin:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stdin))
        assert cli.main(["scan", "explain"]) == 0
    out = capsysbinary.readouterr().out
    assert json.loads(out) == {
        "kind": "product", "symbology": None, "gtin": "00000096385074", "lookup_gtin": "00000096385074",
    }


def test_idle_gap_splits_frames_in_real_time() -> None:
    """Bytes with a pause between them and no terminator: two scans, as on a serial port."""
    read_fd, write_fd = os.pipe()
    results: list[dict[str, object]] = []
    first = threading.Event()

    def emit(obj: dict[str, object]) -> None:
        results.append(obj)
        first.set()

    with os.fdopen(read_fd, "rb") as reader:
        worker = threading.Thread(target=explain_stream, args=(reader, ScanConfig(idle_gap_ms=50), emit))
        worker.start()
        os.write(write_fd, b"]E04006381333931")
        assert first.wait(5)  # the idle gap ended the frame while the input is still open
        os.write(write_fd, b"]E496385074")
        os.close(write_fd)
        worker.join(5)
    assert [r["gtin"] for r in results] == ["04006381333931", "00000096385074"]


def test_every_frame_gives_one_line_and_the_summary_counts_them(tmp_path: Path) -> None:
    """Issue 20: empty reads and repeats are results too; expiry and the recall list apply as at the kiosk."""
    recalls = tmp_path / "recalls.json"
    recalls.write_text('[{"reference": "R-7", "gtin": "09506000134352", "lot": "AB-123"}]')
    stream = (
        b"\r\n"  # an empty read
        b"]Q1\r\n"  # an AIM id and nothing else: empty too
        b"]d20109506000134352\x1d10AB-123\r\n"  # recalled lot
        b"]d2010950600013435217261130\x1d10OK\r\n"  # expired (today is 2026-12-07)
        b"]d2010950600013435215261130\x1d10OK2\r\n"  # best-before passed: a warning
        b"]E09506000134352\r\n"  # the same pack's EAN-13
        b"]E09506000134352\r\n"  # and again at once: a repeat
    )
    done = _explain(stream, "--today", "2026-12-07", "--recalls", str(recalls))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [(line["kind"], line.get("reason"), line.get("warning")) for line in lines] == [
        ("empty", "empty", None),
        ("empty", "empty", None),
        ("invalid", "recalled", None),
        ("invalid", "expired", None),
        ("gs1", None, "best_before_passed"),
        ("same_pack", "same_pack", None),
        ("repeat", "debounced", None),
    ]
    assert lines[2]["recall"] == "R-7" and lines[2]["recall_by"] == "lot"
    summary = done.stderr.decode("utf-8").strip()
    assert summary.startswith("kiosk scan explain: ")
    assert json.loads(summary.removeprefix("kiosk scan explain: ")) == {
        "frames": 7,
        "kinds": {"empty": 2, "invalid": 2, "gs1": 1, "same_pack": 1, "repeat": 1},
        "reasons": {"empty": 2, "recalled": 1, "expired": 1, "best_before_passed": 1, "same_pack": 1, "debounced": 1},
    }


def test_a_bad_recall_file_is_reported_with_exit_code_2(tmp_path: Path) -> None:
    recalls = tmp_path / "recalls.json"
    recalls.write_text('[{"reference": "R-7", "gtin": "09506000134352"}]')
    done = _explain(b"", "--recalls", str(recalls))
    assert done.returncode == 2
    assert done.stderr.decode() == "kiosk scan explain: Recall R-7: needs a lot or a serial number\n"
