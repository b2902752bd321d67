"""The demo store in its own process (`kiosk demo-store serve`) and RemoteDemoBackend, its HTTP client.

Real parts: the store runs as a separate process on 127.0.0.1 and is reached over real HTTP; the cache is a
real catalog.db. The embedded DemoBackend on the same store file is the reference the client must equal.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from kiosk.backends.demo.backend import DemoBackend
from kiosk.backends.demo.remote import RemoteDemoBackend
from kiosk.core.catalog import CatalogPage
from kiosk.core.catalog_snapshot import CatalogSnapshotError
from kiosk.core.customer import CustomerLookup
from kiosk.core.errors import BackendProtocolError, BackendRejectedError, BackendUnavailableError
from kiosk.core.services.catalog_sync import CatalogSync
from kiosk.storage.catalog_store import SqliteCatalogStore
from tests.fakes import FakeClock
from tests.fixtures.demo_store import ServedDemoStore

SIZE = 3000  # SKUs, ~520 products


class Store(ServedDemoStore):
    def __init__(self, data_dir: Path, size: int = SIZE) -> None:
        super().__init__(data_dir, size)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store(tmp_path_factory.mktemp("demo-store"))
    yield s
    s.stop()


@pytest.fixture(scope="module")
def embedded(store: Store) -> Iterator[DemoBackend]:
    backend = DemoBackend(store.data_dir, catalog_size=SIZE)  # the same store file, read in this process
    yield backend
    backend.close()


@pytest.fixture
def remote(store: Store) -> Iterator[RemoteDemoBackend]:
    backend = RemoteDemoBackend(store.url)
    yield backend
    backend.close()


def _all_pages(backend: object, limit: int) -> list[CatalogPage]:
    pages, cursor = [], None
    while True:
        page = backend.catalog_changes(cursor, limit)  # type: ignore[attr-defined]
        pages.append(page)
        cursor = page.next_cursor
        if not page.has_more:
            return pages


def test_the_store_process_announces_its_address_and_counts(store: Store) -> None:
    assert store.url.startswith("http://127.0.0.1:")
    assert store.ready["variants"] == SIZE and store.ready["products"] > 400
    assert store.proc.pid == store.ready["pid"]


def test_pages_over_http_equal_the_embedded_backends(remote: RemoteDemoBackend, embedded: DemoBackend) -> None:
    over_http = _all_pages(remote, 97)
    assert over_http == _all_pages(embedded, 97)
    assert sum(len(p.products) for p in over_http) == embedded.stats()["products"]
    assert over_http[0].categories and over_http[0].locations and not over_http[1].categories


def test_reviews_search_shipping_and_pictures_equal_the_embedded_backends(
    remote: RemoteDemoBackend, embedded: DemoBackend
) -> None:
    product = embedded.catalog_changes(None, 3).products[2]
    assert list(remote.reviews(product.id, 5)) == list(embedded.reviews(product.id, 5))
    guides = [(remote.size_guide(p.id), embedded.size_guide(p.id)) for p in embedded.catalog_changes(None, 40).products]
    assert (
        all(a == b for a, b in guides) and any(a is not None for a, _ in guides) and any(a is None for a, _ in guides)
    )
    assert list(remote.search("cotton", 10)) == list(embedded.search("cotton", 10))
    assert list(remote.shipping_methods("ES")) == list(embedded.shipping_methods("ES"))
    assert product.image is not None
    assert remote.image_bytes(product.image) == embedded.image_bytes(product.image)
    remote.ping()


def test_a_first_import_streams_the_export_into_a_real_cache(
    remote: RemoteDemoBackend, embedded: DemoBackend, tmp_path: Path
) -> None:
    cache = SqliteCatalogStore(tmp_path / "catalog.db")
    try:
        report = CatalogSync(remote, cache, FakeClock()).sync()
        assert report.snapshot and report.snapshot_error == ""
        assert cache.product_count() == embedded.stats()["products"]
        for product in embedded.catalog_changes(None, 40).products:
            assert cache.product(product.id) == product
        assert cache.cursor() == embedded.catalog_changes(None, 10**4).next_cursor
    finally:
        cache.close()


def test_the_client_maps_the_stores_refusals_and_unknown_pictures(remote: RemoteDemoBackend) -> None:
    page = remote.catalog_changes("demo1:000000000000:5", 10)  # another catalog's: a re-feed, not a refusal
    assert page.resync_reason == "the catalog cursor belongs to another demo catalog (seed or size changed)"
    assert page.categories and page == replace(remote.catalog_changes(None, 10), resync_reason=page.resync_reason)
    with pytest.raises(KeyError) as missing:
        remote.image_bytes("demo:p0000001:../x")
    assert missing.value.args[0] == "not a demo image reference: 'demo:p0000001:../x'"
    assert remote.find_customer(CustomerLookup.EMAIL, "a@example.com") is None  # served now: no such shopper
    with pytest.raises(BackendRejectedError) as refused:
        remote.start_return("WEB-NOPE", [("p0000001-v01", 1)], "damaged")
    assert str(refused.value) == "no order WEB-NOPE"  # the store's words, as the embedded store says them


def test_a_store_that_is_not_there_is_offline_not_a_crash() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again below: nothing listens there
    backend = RemoteDemoBackend(f"http://127.0.0.1:{port}", timeout_s=2)
    try:
        with pytest.raises(BackendUnavailableError) as info:
            backend.ping()
        assert str(info.value) == f"cannot reach the demo store for ping at http://127.0.0.1:{port} (ConnectError)"
        with pytest.raises(BackendUnavailableError):
            backend.catalog_changes(None, 10)
        with pytest.raises(BackendUnavailableError):
            backend.image_bytes("demo:p0000001:red")
    finally:
        backend.close()


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "error"),
    [
        ("GET", "/v1/changes?limit=abc", None, 400, "limit must be an integer from 1 to 10000, got 'abc'"),
        ("GET", "/v1/changes?limit=0", None, 400, "limit must be an integer from 1 to 10000, got '0'"),
        ("GET", "/v1/changes", None, 400, "missing parameter 'limit'"),
        ("GET", "/v1/reviews?limit=5", None, 400, "missing parameter 'product_id'"),
        ("GET", "/v1/nothing", None, 404, "no such endpoint: /v1/nothing"),
        ("POST", "/v1/changes?limit=5", b"{}", 405, "POST is not allowed on /v1/changes"),
        ("GET", "/v1/images/demo%3Ap9999999%3Ared", None, 404, "no demo image 'demo:p9999999:red'"),
        ("POST", "/v1/events", b"[1, 2", 400, "the body is not JSON: Expecting ',' delimiter: line 1 column 6 (char 5)"),
        ("POST", "/v1/events", b'{"a": 1}', 400, "the body must be a JSON list of events"),
        ("POST", "/v1/events", b'[["x", "scan", "2026-01-01T00:00:00+00:00", "s", "d", []]]', 400,
         "event 0 is malformed: badly formed hexadecimal UUID string"),
        ("POST", "/v1/admin/simulate-changes", b'{"fraction": "all", "seed": 1}', 400,
         "fraction must be a number from 0 to 1, got 'all'"),
        ("POST", "/v1/admin/simulate-changes", b'{"fraction": 2, "seed": 1}', 400,
         "fraction must be between 0 and 1, got 2.0"),
        ("POST", "/v1/admin/change-product", b'{"price": "1"}', 400,
         'the body must be a JSON object {"product_id": "...", "price": "12.34", "stock": true}'),
        ("POST", "/v1/admin/change-product", b'{"product_id": "demo-p1", "price": "cheap"}', 400,
         "price must be a decimal amount, got 'cheap'"),
        ("POST", "/v1/admin/change-product", b'{"product_id": "demo-p1", "price": "-1"}', 400,
         "price must be a positive amount, got '-1'"),
        ("POST", "/v1/admin/change-product", b'{"product_id": "demo-p1", "stock": "yes"}', 400,
         "stock must be true or false, got 'yes'"),
        ("POST", "/v1/admin/live-step", b'{"step": -1}', 400, "step must be a non-negative integer, got -1"),
    ],
)  # fmt: skip
def test_bad_requests_get_clear_http_errors(
    store: Store, method: str, path: str, body: bytes | None, status: int, error: str
) -> None:
    response = httpx.request(method, store.url + path, content=body, timeout=10)
    assert response.status_code == status
    assert response.json() == {"error": error}


def test_simulated_changes_reach_the_client_as_a_delta(tmp_path: Path) -> None:
    own = Store(tmp_path / "store", size=120)
    backend = RemoteDemoBackend(own.url)
    try:
        cursor = _all_pages(backend, 500)[-1].next_cursor
        changed = backend.simulate_changes(0.1, seed=5)
        assert changed == 12
        delta = backend.catalog_changes(cursor, 500)
        assert len(delta.products) + len(delta.deleted_product_ids) == changed and not delta.has_more
        assert backend.stats()["deleted"] == len(delta.deleted_product_ids)
    finally:
        backend.close()
        own.stop()


def test_one_products_change_and_a_live_step_reach_the_client_as_a_delta(tmp_path: Path) -> None:
    own = Store(tmp_path / "store", size=120)
    backend = RemoteDemoBackend(own.url)
    try:
        cursor = _all_pages(backend, 500)[-1].next_cursor
        product = backend.catalog_changes(None, 1).products[0]
        assert backend.change_product(product.id, price=Decimal("12.49"), stock_moves=True) == 1
        assert backend.change_product("demo-p99999", price=Decimal("1")) == 0  # no such product: nothing changed
        delta = backend.catalog_changes(cursor, 500)
        assert [p.id for p in delta.products] == [product.id]
        assert delta.products[0].variants[0].price.amount != product.variants[0].price.amount
        assert backend.live_changes(2) >= 3  # three stock moves and, at this step, a price drop
        assert len(backend.catalog_changes(delta.next_cursor, 500).products) >= 3
    finally:
        backend.close()
        own.stop()


def test_an_idle_poll_is_one_request_of_under_2_kb_counted_on_the_wire(remote: RemoteDemoBackend) -> None:
    """Nothing changed since the cursor: the change feed's answer, then the recall list (its stamp came with
    the feed's answer, so no request): one exchange, its bytes counted at the transport."""
    cursor = _all_pages(remote, 10_000)[-1].next_cursor
    remote.recall_list()  # fetched once
    start = remote.traffic.requests
    page = remote.catalog_changes(cursor, 500)
    remote.recall_list()
    assert not page.products and not page.deleted_product_ids and not page.has_more
    exchanges = remote.traffic.since(start)
    assert [(x.method, x.path) for x in exchanges] == [("GET", "/v1/changes")]
    (poll,) = exchanges
    raw = httpx.get(f"{remote.url}/v1/changes", params={"limit": 500, "cursor": cursor}, timeout=10)
    # the answer counted: its status line, headers and body, as the server sent them
    assert poll.response_bytes >= len(raw.content) + len(b"HTTP/1.1 200 OK\r\n\r\n") > len(raw.content)
    assert poll.request_bytes > 100 and poll.total_bytes <= 2048
    assert remote.traffic.bytes >= poll.total_bytes


def test_the_counted_bytes_are_the_bytes_on_the_socket() -> None:
    """A loopback server that answers one keep-alive exchange and records exactly what crossed its socket:
    the client's counts must equal it, both ways."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    seen: dict[str, int] = {}
    answer = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\nX-Pad: abc\r\n\r\n{"ok":true}'

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            data = b""
            while b"\r\n\r\n" not in data:
                data += conn.recv(4096)
            seen["received"] = len(data)
            conn.sendall(answer)
            seen["sent"] = len(answer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    backend = RemoteDemoBackend(f"http://127.0.0.1:{port}")
    try:
        backend.ping()
        thread.join(timeout=10)
        (exchange,) = backend.traffic.since(0)
        assert (exchange.request_bytes, exchange.response_bytes) == (seen["received"], seen["sent"])
        assert backend.traffic.bytes == seen["received"] + seen["sent"] and backend.traffic.requests == 1
    finally:
        backend.close()
        listener.close()


# ---- fast unit tests of the client's mapping, on httpx's mock transport ---------------------------------------


def test_the_recall_list_is_fetched_again_only_when_the_feeds_stamp_changes() -> None:
    stamp = ["a"]
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        if request.url.path == "/v1/info":
            return httpx.Response(200, json={"seed": 1, "export_stamp": "x", "fingerprint": "f"})
        if request.url.path == "/v1/recalls":
            return httpx.Response(200, json=[{"reference": "R1", "gtin": "04006381333931", "lot": "L1"}],
                                  headers={"X-Recalls-Stamp": stamp[0]})  # fmt: skip
        body = {"rows": [], "deleted": [], "related": {}, "next_cursor": "demo1:f:0", "has_more": False,
                "first": False, "recalls": stamp[0]}  # fmt: skip
        return httpx.Response(200, json=body)

    backend = _client(handler)
    assert len(backend.recall_list()) == 1
    backend.catalog_changes("demo1:f:0", 10)
    backend.recall_list()
    assert asked.count("/v1/recalls") == 1  # the same stamp: the list already fetched
    stamp[0] = "b"
    backend.catalog_changes("demo1:f:0", 10)
    backend.recall_list()
    assert asked.count("/v1/recalls") == 2
    assert backend.traffic.requests == len(asked)


def _client(handler: object) -> RemoteDemoBackend:
    return RemoteDemoBackend("http://127.0.0.1:9", transport=httpx.MockTransport(handler))  # type: ignore[arg-type]


def test_a_5xx_is_offline_and_a_reply_that_is_not_json_is_a_protocol_error() -> None:
    backend = _client(lambda request: httpx.Response(503, json={"error": "demo backend is offline (simulated)"}))
    with pytest.raises(BackendUnavailableError) as info:
        backend.ping()
    assert str(info.value) == "the demo store answered ping with HTTP 503: demo backend is offline (simulated)"
    backend = _client(lambda request: httpx.Response(200, text="<html>"))
    with pytest.raises(BackendProtocolError) as bad:
        backend.search("x", 5)
    assert str(bad.value) == "the demo store's reply to search is not JSON"


def test_an_export_download_that_breaks_off_is_a_snapshot_error(store: Store) -> None:
    """The sync falls back to pages on CatalogSnapshotError; a cut connection must become one."""
    real = httpx.get(store.url + "/v1/export", timeout=30)
    info = httpx.get(store.url + "/v1/info", timeout=10).json()

    class Broken(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            yield real.content[: len(real.content) // 2]
            raise httpx.ReadError("connection reset")

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/info":
            return httpx.Response(200, json=info)
        headers = {"content-length": str(len(real.content)), "x-export-stamp": info["export_stamp"]}
        return httpx.Response(200, headers=headers, stream=Broken())

    snapshot = _client(handler).catalog_snapshot()
    with pytest.raises(CatalogSnapshotError) as broke:
        list(snapshot.items())
    snapshot.close()
    assert str(broke.value) == "the demo catalog export download broke off (ReadError)"


def test_a_kiosk_configured_with_a_store_url_uses_the_remote_store(store: Store, tmp_path: Path) -> None:
    import dataclasses

    from kiosk.app import DeferredBackend, make_backend
    from kiosk.config import load_config

    config = load_config(None, {"KIOSK_DATA_DIR": str(tmp_path), "KIOSK_BACKEND": "demo"})
    with_url = dataclasses.replace(config, backend=dataclasses.replace(config.backend, options={"url": store.url}))
    backend = make_backend(with_url)
    assert isinstance(backend, DeferredBackend) and backend.built is None  # built after the first frame
    backend.ping()
    assert isinstance(backend.built, RemoteDemoBackend)
    backend.built.close()
    bad = dataclasses.replace(config, backend=dataclasses.replace(config.backend, options={"url": "127.0.0.1:8765"}))
    with pytest.raises(ValueError) as info:
        make_backend(bad)  # at once, not at the first call
    assert str(info.value) == "[backend] url must be an http:// or https:// address, got '127.0.0.1:8765'"
    slow = {"url": store.url, "timeout_s": 0}
    with pytest.raises(ValueError) as timeout:
        RemoteDemoBackend.from_options(slow)
    assert str(timeout.value) == "[backend] timeout_s must be a positive number, got 0"


def test_events_sent_over_http_are_stored_once(remote: RemoteDemoBackend, embedded: DemoBackend) -> None:
    import uuid
    from datetime import UTC, datetime

    from kiosk.core.events import EventKind, KioskEvent

    at = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    batch = [
        KioskEvent(str(uuid.uuid4()), EventKind.SCAN, at, "madrid", "kiosk-1", (("scan_kind", "product"),))
        for _ in range(3)
    ]
    before = embedded.event_count()
    remote.submit_events(batch)
    remote.submit_events(batch)  # resent: idempotent on the event ids
    assert embedded.event_count() == before + 3


def test_the_recall_list_over_http_equals_the_embedded_one(remote: RemoteDemoBackend, embedded: DemoBackend) -> None:
    recalls = remote.recall_list()
    assert recalls == embedded.recall_list() and len(recalls) > 0


def test_the_attract_loop_over_http_equals_the_embedded_one(remote: RemoteDemoBackend, embedded: DemoBackend) -> None:
    for store in ("madrid-gran-via", "barcelona-diagonal", "somewhere-else"):
        slides = remote.attract_slides(store)
        assert slides == embedded.attract_slides(store) and len(slides) > 0
    assert [s.slide_id for s in remote.attract_slides("somewhere-else")] == ["any-scan"]  # the file's "*" loop
