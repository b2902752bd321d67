"""A fault-injecting HTTP proxy on 127.0.0.1 in front of the real Vendure, choosing a fault per request.

Every request gets its own upstream connection (sent with `Connection: close`), and the client connection is
closed after one exchange, so a fault always hits exactly one GraphQL call and never a kept-alive neighbour.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import random
import re
import socket
import struct
import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

_OPERATION = re.compile(rb"(?:query|mutation)\s+(\w+)")


class Fault(enum.StrEnum):
    PASS = "pass"  # forward and answer
    DROP = "drop"  # forward, let the backend commit and answer, then close without replying
    DELAY = "delay"  # forward at once, hold the answer past the client's timeout
    LATE = "late"  # hold the request past the client's timeout, then forward it (it lands after the retry)
    RESET = "reset"  # TCP reset, the request never reaches the backend
    BLACKHOLE = "blackhole"  # accept and never answer (a WAN down behind a LAN that is up)


@dataclass(frozen=True)
class FaultMix:
    """Relative weights of each fault per request; `by_operation` overrides them for named GraphQL operations
    (e.g. the mutation that places an order, where a lost reply is the dangerous case)."""

    default: Mapping[Fault, float]
    by_operation: Mapping[str, Mapping[Fault, float]] = field(default_factory=dict)


class FaultProxy:
    """Thread-hosted asyncio proxy. `set_mode` for one fault on every request, `set_mix` for random faults."""

    def __init__(self, upstream_host: str, upstream_port: int, *, delay_s: float = 3.0, seed: int = 0) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.delay_s = delay_s
        self.counts: Counter[Fault] = Counter()
        self.placing: Counter[Fault] = Counter()  # faults that hit the order-placing mutation
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._choose: Callable[[bytes], Fault] = lambda _request: Fault.PASS
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.AbstractServer | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._thread: threading.Thread | None = None
        self.port = 0

    # --- control (any thread) ---------------------------------------------------------------------
    def set_mode(self, fault: Fault) -> None:
        with self._lock:
            self._choose = lambda _request: fault

    def set_sequence(self, faults: Sequence[Fault], then: Fault = Fault.PASS) -> None:
        """The next requests get `faults` in order, every later one `then` (a drop, then the retry passes)."""
        pending = list(faults)

        def choose(_request: bytes) -> Fault:
            return pending.pop(0) if pending else then

        with self._lock:
            self._choose = choose

    def set_mix(self, mix: FaultMix | Mapping[Fault, float]) -> None:
        """Each request draws a fault with these relative weights (PASS included)."""
        if not isinstance(mix, FaultMix):
            mix = FaultMix(mix)
        chosen = mix

        def choose(request: bytes) -> Fault:
            weights = chosen.default
            if chosen.by_operation:
                found = _OPERATION.search(request)
                if found is not None:
                    weights = chosen.by_operation.get(found.group(1).decode(), weights)
            return self._rng.choices(list(weights), list(weights.values()))[0]

        with self._lock:
            self._choose = choose

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> FaultProxy:
        ready = threading.Event()

        def main() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            self._server = loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
            self.port = self._server.sockets[0].getsockname()[1]
            ready.set()
            loop.run_forever()
            loop.close()

        self._thread = threading.Thread(target=main, name="fault-proxy", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("fault proxy did not start")
        return self

    def stop(self) -> None:
        loop = self._loop
        if loop is None or self._thread is None:
            return

        async def shutdown() -> None:
            assert self._server is not None
            self._server.close()
            for task in list(self._tasks):
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            loop.stop()

        asyncio.run_coroutine_threadsafe(shutdown(), loop)
        self._thread.join(10)
        self._loop = None

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- the proxy (event loop thread) ----------------------------------------------------------------
    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)  # type: ignore[arg-type]
        try:
            request = await _read_request(reader)
            if request is None:
                return
            with self._lock:
                fault = self._choose(request)
                self.counts[fault] += 1
                if b"mutation KioskPlaceOrder" in request:
                    self.placing[fault] += 1
            await self._apply(fault, request, reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, OSError, asyncio.CancelledError):
            pass  # the client went away, or the proxy is stopping: either way this exchange is over
        finally:
            self._tasks.discard(task)  # type: ignore[arg-type]
            with contextlib.suppress(Exception):
                writer.close()

    async def _apply(
        self, fault: Fault, request: bytes, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        if fault is Fault.BLACKHOLE:
            await reader.read()  # until the client gives up and closes
            return
        if fault is Fault.RESET:
            sock = writer.get_extra_info("socket")
            if sock is not None:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
            return
        if fault is Fault.LATE:
            await asyncio.sleep(self.delay_s)
            await self._forward(request)
            return
        response = await self._forward(request)
        if fault is Fault.DROP:
            return  # the backend committed; the client hears nothing but a closed connection
        if fault is Fault.DELAY:
            await asyncio.sleep(self.delay_s)
        writer.write(response)
        await writer.drain()

    async def _forward(self, request: bytes) -> bytes:
        up_reader, up_writer = await asyncio.open_connection(*self.upstream)
        try:
            up_writer.write(request)
            await up_writer.drain()
            return await up_reader.read()  # the upstream closes after one reply (Connection: close)
        finally:
            up_writer.close()


async def _read_request(reader: asyncio.StreamReader) -> bytes | None:
    """One HTTP/1.1 request with a Content-Length body, its Connection header forced to close."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    lines = head[:-4].split(b"\r\n")
    kept = [lines[0]]
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        key = name.strip().lower()
        if key == b"connection":
            continue
        if key == b"content-length":
            length = int(value.strip())
        if key == b"transfer-encoding":
            raise ConnectionError("chunked requests are not supported by the fault proxy")
        kept.append(line)
    kept.append(b"Connection: close")
    body = await reader.readexactly(length) if length else b""
    return b"\r\n".join(kept) + b"\r\n\r\n" + body
