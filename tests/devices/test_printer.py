"""ESC/POS slips: exact bytes, delivery over a real pty, retries, and a job that survives failure."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import serial

from kiosk.core.money import Money
from kiosk.core.slip import OrderSlip, SlipLine, SlipPrintError, two_columns
from kiosk.devices.printer import EscPosSlipPrinter, escpos_text
from kiosk.devices.profiles import shipped_profiles
from kiosk.devices.simulators import VirtualSerialDevice

SLIP = OrderSlip(
    store_name="Shop",
    order_number="K-7",
    lines=(SlipLine("Socks", 2, Money.of("9.90", "USD"), "Blue"),),
    total=Money.of("9.90", "USD"),
    qr_payload="https://shop.example.com/o/K-7",
)

ESC, GS = b"\x1b", b"\x1d"
EPSON_PAGE_NUMBERS = {"CP437": 0, "CP850": 2, "CP1252": 16, "CP858": 19}  # ESC t n, Epson's numbering
EXPECTED = b"".join(
    [
        ESC + b"@",  # initialise
        ESC + b"t\x13",  # code page 19 (PC858: PC850 with the euro sign), fixed for the whole slip
        ESC + b"!\x00" + ESC + b"!\x00" + ESC + b"!\x30",  # normal, then double width + height
        ESC + b"E\x01",  # bold on
        ESC + b"a\x01",  # centre
        b"Shop\n",
        ESC + b"!\x00" + ESC + b"!\x00" + ESC + b"!\x00",  # normal size
        ESC + b"E\x00",  # bold off
        b"Order K-7\n",
        ESC + b"a\x00",  # left
        b"-" * 32 + b"\n",
        b"2 x Socks" + b" " * 18 + b"$9.90\n",
        b"  Blue\n",
        b"-" * 32 + b"\n",
        ESC + b"E\x01" + b"Total" + b" " * 22 + b"$9.90\n" + ESC + b"E\x00",
        ESC + b"a\x01",
        GS + b"(k\x04\x001A2\x00",  # QR: model 2
        GS + b"(k\x03\x001C\x06",  # module size 6
        GS + b"(k\x03\x001E0",  # error correction L
        GS + b"(k\x21\x001P0https://shop.example.com/o/K-7",  # store 30 bytes of data (+3)
        GS + b"(k\x03\x001Q0",  # print the symbol
        b"Scan at any kiosk to see your\n",  # the caption, wrapped at 32 columns
        b"order\n",
        ESC + b"d\x06",  # feed 6 lines
        GS + b"V\x00",  # full cut
    ]
)


def test_exact_bytes_of_a_slip() -> None:
    assert EscPosSlipPrinter("unused", columns=32).render(SLIP) == EXPECTED


def test_spanish_slip_switches_code_page_for_euro_and_accents() -> None:
    slip = OrderSlip(
        store_name="Tienda",
        order_number="K-8",
        lines=(SlipLine("Calcetines", 1, Money.of("9.95", "EUR")),),
        shipping=Money.of("0", "EUR"),
        total=Money.of("9.95", "EUR"),
        qr_payload="x",
        language="es",
        backend_code="ES-1001",
        placed_at=datetime(2026, 11, 23, 10, 5),
    )
    data = EscPosSlipPrinter("unused", columns=32).render(slip)
    assert data.count(ESC + b"t") == 1  # one code page for the whole slip, never page 15 (Greek on a TM-T88V)
    assert b"9,95 \xd5\n" in data  # € is 0xD5 in PC858
    assert b"Env\xa1o" in data  # í is 0xA1 in PC858 as in PC437
    assert escpos_text(data).splitlines() == [
        "Tienda",
        "Pedido K-8",
        "Referencia ES-1001",
        "23 nov 2026, 10:05",
        "-" * 32,
        "1 x Calcetines" + " " * 12 + "9,95 €",
        "-" * 32,
        "Envío" + " " * 21 + "0,00 €",
        "Total" + " " * 21 + "9,95 €",
        "[QR]",
        "Escanea en cualquier quiosco",
        "para ver tu pedido",
        "--- cut ---",
    ]


@pytest.mark.parametrize("profile", ["epson-tm-t20iii", "generic-58mm-escpos"])
def test_slip_bytes_decoded_with_the_printer_profiles_code_page_show_the_euro_and_the_caption(profile: str) -> None:
    settings = shipped_profiles()[profile]
    slip = OrderSlip(
        store_name="Tienda",
        order_number="K-9",
        lines=(SlipLine("Camisa", 1, Money.of("19.95", "EUR")),),
        total=Money.of("19.95", "EUR"),
        qr_payload="x",
        language="es",
    )
    data = EscPosSlipPrinter("unused", columns=settings.columns or 42, codepage=settings.codepage).render(slip)
    body = data.split(ESC + b"t" + bytes([EPSON_PAGE_NUMBERS[settings.codepage]]), 1)[1]
    text = body.decode(settings.codepage.lower(), errors="strict")  # every byte of the text is on that page
    assert "19,95 €" in text
    assert "Escanea en cualquier quiosco" in " ".join(escpos_text(data).splitlines())


def test_a_slip_with_offers_prints_what_they_took_off_and_the_total_the_shopper_was_shown() -> None:
    slip = OrderSlip(
        "Tienda", "K-9", (SlipLine("Camisa", 2, Money.of("39.90", "EUR")),), Money.of("34.90", "EUR"), "x",
        language="es", subtotal=Money.of("39.90", "EUR"), savings=Money.of("5.00", "EUR"),
    )  # fmt: skip
    lines = escpos_text(EscPosSlipPrinter("unused", columns=32, codepage="CP858").render(slip)).splitlines()
    assert two_columns("Ofertas", "-5,00 €", 32) in lines
    assert two_columns("Total", "34,90 €", 32) in lines


def test_a_code_page_without_the_euro_prints_eur_not_a_question_mark() -> None:
    slip = OrderSlip("T", "K-1", (SlipLine("A", 1, Money.of("1", "EUR")),), Money.of("1", "EUR"), "x", language="es")
    text = escpos_text(EscPosSlipPrinter("unused", columns=32, codepage="CP437").render(slip))
    assert "1,00 EUR" in text
    assert "?" not in text


def test_an_unknown_code_page_is_refused_with_its_name() -> None:
    with pytest.raises(ValueError) as caught:
        EscPosSlipPrinter("unused", codepage="CP999")
    assert str(caught.value) == "Printer code page 'CP999' is not one python-escpos can encode"


def test_two_columns_truncates_the_name_never_the_price() -> None:
    assert two_columns("2 x A very long product name indeed", "$1,234.50", 24) == "2 x A very l.. $1,234.50"
    assert len(two_columns("x" * 100, "9,95 €", 32)) == 32
    assert two_columns("a", "b", 5) == "a   b"


@pytest.fixture
def device() -> Iterator[VirtualSerialDevice]:
    with VirtualSerialDevice("kiosk-printer") as dev:
        yield dev


def _read_all(device: VirtualSerialDevice, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = device.read(timeout_s=3.0)
        assert chunk, f"printer got only {len(data)} of {size} bytes"
        data += chunk
    return data


def test_slip_arrives_byte_exact_on_the_serial_port(device: VirtualSerialDevice) -> None:
    printer = EscPosSlipPrinter(device.path, columns=32)
    printer.print_slip(SLIP)
    assert _read_all(device, len(EXPECTED)) == EXPECTED


def test_retries_then_prints_when_the_printer_comes_back(device: VirtualSerialDevice) -> None:
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        if len(sleeps) == 2:
            device.replug()  # powered on again while we wait

    device.unplug()
    printer = EscPosSlipPrinter(device.path, columns=32, attempts=3, retry_delay_s=0.5, sleep=sleep)
    printer.print_slip(SLIP)
    assert sleeps == [0.5, 1.0]
    assert _read_all(device, len(EXPECTED)) == EXPECTED


def test_job_is_returned_to_the_caller_after_the_last_attempt(device: VirtualSerialDevice) -> None:
    device.unplug()
    printer = EscPosSlipPrinter(device.path, attempts=2, sleep=lambda s: None)
    with pytest.raises(SlipPrintError) as exc:
        printer.print_slip(SLIP)
    assert exc.value.slip is SLIP
    assert exc.value.attempts == 2
    assert str(exc.value).startswith(f"Printer on {device.path} failed 2 times: ")


def test_a_stalled_printer_times_out_and_is_reported(device: VirtualSerialDevice) -> None:
    """Nobody reads the pty: once its buffer is full the write times out (a printer out of paper with
    flow control holds the line the same way)."""
    big = OrderSlip(
        store_name="Shop",
        order_number="K-9",
        lines=tuple(SlipLine(f"Item {i}", 1, Money.of("1", "USD")) for i in range(3000)),
        total=Money.of("3000", "USD"),
        qr_payload="x",
    )
    printer = EscPosSlipPrinter(device.path, attempts=2, write_timeout_s=0.2, sleep=lambda s: None)
    with pytest.raises(SlipPrintError) as exc:
        printer.print_slip(big)
    assert "Write timeout" in str(exc.value) or "accepted no data" in str(exc.value)


def test_a_slow_printer_that_keeps_reading_gets_the_whole_job(device: VirtualSerialDevice) -> None:
    big = OrderSlip(
        store_name="Shop",
        order_number="K-10",
        lines=tuple(SlipLine(f"Item {i}", 1, Money.of("1", "USD")) for i in range(2000)),
        total=Money.of("2000", "USD"),
        qr_payload="x",
    )
    printer = EscPosSlipPrinter(device.path, write_timeout_s=5)
    expected = printer.render(big)
    received: list[bytes] = []
    done = threading.Event()

    def slow_reader() -> None:
        total = 0
        while total < len(expected):
            chunk = device.read(timeout_s=3.0, max_bytes=512)
            if not chunk:
                break
            received.append(chunk)
            total += len(chunk)
        done.set()

    reader = threading.Thread(target=slow_reader)
    reader.start()
    printer.print_slip(big)
    assert done.wait(10)
    reader.join()
    assert b"".join(received) == expected


def test_invalid_attempts_refused() -> None:
    with pytest.raises(ValueError, match="^attempts must be at least 1, got 0$"):
        EscPosSlipPrinter("x", attempts=0)


def test_serial_errors_are_the_retry_trigger() -> None:
    calls = 0

    class Broken:
        def write(self, data: bytes) -> int:
            raise serial.SerialTimeoutException("Write timeout")

        def flush(self) -> None: ...

        def close(self) -> None:
            nonlocal calls
            calls += 1

    printer = EscPosSlipPrinter("x", attempts=3, sleep=lambda s: None, port_factory=Broken)
    with pytest.raises(SlipPrintError, match="^Printer on x failed 3 times: Write timeout$"):
        printer.print_slip(SLIP)
    assert calls == 3  # the port is closed after every attempt


def test_the_slip_prints_the_order_time_on_the_stores_wall_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """An order placed at 23:30 UTC on New Year's Eve was placed at 00:30 on 1 January in Madrid."""
    monkeypatch.setenv("TZ", "Europe/Madrid")
    time.tzset()
    try:
        slip = OrderSlip(
            store_name="Tienda",
            order_number="K-9",
            lines=(SlipLine("Calcetines", 1, Money.of("9.95", "EUR")),),
            total=Money.of("9.95", "EUR"),
            qr_payload="x",
            language="es",
            placed_at=datetime(2026, 12, 31, 23, 30, tzinfo=UTC),
        )
        text = escpos_text(EscPosSlipPrinter("unused", columns=32).render(slip)).splitlines()
        assert text[2] == "1 ene 2027, 00:30"
        assert "31 dic 2026" not in " ".join(text)
    finally:
        monkeypatch.undo()
        time.tzset()
