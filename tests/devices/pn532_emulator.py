"""A PN532 (HSU/UART) with an NTAG213 in its field, emulated on a pty, enough for nfcpy's driver.

It speaks the PN532 host frame format (normal and extended frames, ACK, checksums) and answers the commands
nfcpy sends while initialising and polling: GetFirmwareVersion, SAMConfiguration, SetSerialBaudrate,
Diagnose (line test echo), Read/WriteRegister, SetParameters, RFConfiguration, InListPassiveTarget,
InCommunicateThru (Type 2 Tag READ, GET_VERSION, with CRC_A), InRelease/InDeselect, PowerDown. It is a test
fake for the protocol as nfcpy uses it, written from the PN532 user manual's frame format; it is not a
substitute for trying a real module.
"""

from __future__ import annotations

import os
import select
import threading

from kiosk.devices.simulators import VirtualSerialDevice

ACK = b"\x00\x00\xff\x00\xff\x00"
_FIFO_DATA = 0x6339  # CIU_FIFOData: nfcpy reads 0x26 (SENS_REQ still there) as "no tag"
NTAG213_VERSION = bytes.fromhex("0004040201000f03")


def crc_a(data: bytes) -> bytes:
    """ISO/IEC 14443-3 CRC_A (init 0x6363, reflected poly 0x8408), low byte first."""
    crc = 0x6363
    for byte in data:
        byte ^= crc & 0xFF
        byte = (byte ^ (byte << 4)) & 0xFF
        crc = ((crc >> 8) ^ (byte << 8) ^ (byte << 3) ^ (byte >> 4)) & 0xFFFF
    return bytes([crc & 0xFF, crc >> 8])


def ntag213_memory(uid: bytes, ndef_message: bytes) -> bytearray:
    """180 bytes: UID/lock pages, CC for 144 data bytes, then the NDEF TLV and a terminator TLV."""
    assert len(uid) == 7
    memory = bytearray(180)
    bcc0 = 0x88 ^ uid[0] ^ uid[1] ^ uid[2]
    bcc1 = uid[3] ^ uid[4] ^ uid[5] ^ uid[6]
    memory[0:9] = uid[0:3] + bytes([bcc0]) + uid[3:7] + bytes([bcc1])
    memory[12:16] = bytes([0xE1, 0x10, 0x12, 0x00])  # CC: NDEF 1.0, 144 bytes, read/write
    tlv = bytes([0x03, len(ndef_message)]) + ndef_message + b"\xfe"
    memory[16 : 16 + len(tlv)] = tlv
    return memory


class Pn532Emulator:
    def __init__(self, device: VirtualSerialDevice, uid: bytes, ndef_message: bytes) -> None:
        self.device = device
        self.uid = uid
        self.memory = ntag213_memory(uid, ndef_message)
        self.tag_present = threading.Event()
        self.polled_empty = threading.Event()  # the host looked for a Type A tag and found none
        self._stop = threading.Event()
        self._buf = bytearray()
        self.commands: list[int] = []
        self._thread = threading.Thread(target=self._run, name="pn532-emulator", daemon=True)

    def remove_tag(self, timeout: float = 10.0) -> bool:
        """Takes the tag away; True once the host has polled and found the field empty."""
        self.polled_empty.clear()
        self.tag_present.clear()
        return self.polled_empty.wait(timeout)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    # --------------------------------------------------------------------------------- framing

    def _run(self) -> None:
        current = None
        while not self._stop.is_set():
            master = self.device._master
            if master is None:
                self._stop.wait(0.01)
                continue
            if master != current:  # replugged: a new chip with an empty receive buffer
                current = master
                self._buf.clear()
            try:
                ready, _, _ = select.select([master], [], [], 0.05)
            except (OSError, ValueError):  # unplugged between reading _master and select: the fd is closed
                current = None  # the replugged pty may reuse the fd number; it is still a new chip
                continue
            if not ready:
                continue
            try:
                self._buf += os.read(master, 4096)
            except OSError:
                current = None
                continue
            for command in self._frames():
                try:
                    self._answer(command)
                except OSError:  # unplugged while answering (DeviceUnpluggedError is an OSError)
                    break

    def _frames(self) -> list[bytes]:
        frames = []
        while True:
            start = self._buf.find(b"\x00\xff")
            if start < 0:
                self._buf = self._buf[-1:]
                return frames
            body = self._buf[start + 2 :]
            if body[:2] == b"\x00\xff":  # ACK from the host (after SetSerialBaudrate, or a cancel)
                del self._buf[: start + 4]
                continue
            if len(body) < 2:
                return frames
            if body[:2] == b"\xff\xff":  # extended frame: FF FF LENM LENL LCS
                if len(body) < 5:
                    return frames
                length, header = (body[2] << 8) | body[3], 5
            else:
                length, header = body[0], 2
            if len(body) < header + length + 1:
                return frames
            data = bytes(body[header : header + length])
            del self._buf[: start + 2 + header + length + 1]
            if data[:1] == b"\xd4":
                frames.append(data[1:])

    def _send(self, code: int, payload: bytes) -> None:
        data = bytes([0xD5, code + 1]) + payload
        dcs = (-sum(data)) & 0xFF
        if len(data) > 255:
            n = len(data)
            head = bytes([0x00, 0x00, 0xFF, 0xFF, 0xFF, n >> 8, n & 0xFF, (-(n >> 8) - (n & 0xFF)) & 0xFF])
        else:
            head = bytes([0x00, 0x00, 0xFF, len(data), (-len(data)) & 0xFF])
        if self.device.plugged:
            self.device.write(ACK + head + data + bytes([dcs, 0x00]))

    # -------------------------------------------------------------------------------- commands

    def _answer(self, command: bytes) -> None:
        code, args = command[0], command[1:]
        self.commands.append(code)
        if code == 0x02:  # GetFirmwareVersion: IC 0x32 = PN532, v1.6, supports ISO A/B, ISO 18092
            self._send(code, b"\x32\x01\x06\x07")
        elif code == 0x00:  # Diagnose: the line test wants its data back
            self._send(code, args)
        elif code == 0x06:  # ReadRegister: 16-bit addresses
            values = bytearray()
            for i in range(0, len(args), 2):
                address = (args[i] << 8) | args[i + 1]
                values.append(0x26 if address == _FIFO_DATA and not self.tag_present.is_set() else 0x00)
            self._send(code, bytes(values))
        elif code in (0x08, 0x10, 0x12, 0x14, 0x32):
            self._send(code, b"")
        elif code in (0x16, 0x44, 0x52):  # PowerDown, InDeselect, InRelease
            self._send(code, b"\x00")
        elif code == 0x4A:  # InListPassiveTarget: MaxTg, BrTy, [initiator data]
            if args[1] == 0 and self.tag_present.is_set():
                target = b"\x01\x00\x44\x00\x07" + self.uid  # Tg, SENS_RES, SEL_RES (Type 2), UID
                self._send(code, b"\x01" + target)
            else:
                if args[1] == 0:
                    self.polled_empty.set()
                self._send(code, b"\x00")
        elif code == 0x42:  # InCommunicateThru: raw tag command
            self._tag_command(code, args)
        else:
            self._send(code, b"\x27")  # "command not acceptable in the current context"

    def _tag_command(self, code: int, cmd: bytes) -> None:
        if not self.tag_present.is_set():
            self._send(code, b"\x01")  # timeout: the target did not answer
            return
        if cmd[:1] == b"\x30":  # READ 4 pages from page cmd[1], wrapping at the end of memory
            start = cmd[1] * 4
            if start >= len(self.memory):
                self._send(code, b"\x00\x00")  # NAK
                return
            data = bytes(self.memory[(start + i) % len(self.memory)] for i in range(16))
            self._send(code, b"\x00" + data + crc_a(data))
        elif cmd[:1] == b"\x60":  # GET_VERSION
            self._send(code, b"\x00" + NTAG213_VERSION + crc_a(NTAG213_VERSION))
        else:  # unsupported commands: a Type 2 Tag goes mute
            self._send(code, b"\x01")
