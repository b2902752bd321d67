"""The demo store served from its own process over HTTP on loopback (`kiosk demo-store serve`), so a kiosk
can be measured with its backend out of process, as it runs against Vendure in a shop.

What it serves is what the kiosk's catalog path needs (RemoteDemoBackend is the client): the catalog export
as one streamed file, pages of the change feed as the store's compact rows (the client builds kiosk values
with the same ProductFactory the embedded backend uses, so both give identical pages), reviews, the store's
own search, product pictures, shipping methods, the recall list and the promotions (their stamps ride on every
page of changes, so an idle poll is one request) and measurement events; orders, placed as the embedded store
places them (promotions and coupon codes applied); the shopper's side as the embedded store answers it (customer
lookup with history, wishlist, saved cart and customer groups; a customer's orders; cart hand-off both ways;
sending a cart link or an order confirmation; returns; loyalty enrolment and the wishlist) and its companions
(a cart's lines re-checked before an order, an order's tracking, pickup arrivals, calls for an associate); plus
the demo-only admin calls the bench uses (counts, simulated changes, one product's change, a live-store step).

A request that changes something (a return, a published cart, a message sent, an enrolment...) carries an
Idempotency-Key header (RemoteDemoBackend sends a new UUID per call and the same one when it sends the call
again after a dropped connection): the store keeps its answer by that key (the served_replies table of the
store's file) and answers a repeat with it, so a retry whose first attempt acted does not act twice. Orders need
no key: the client order id is theirs.

A fixed pool of worker threads answers requests (http.server's ThreadingMixIn would start a thread per
connection, and the store keeps one SQLite connection per thread, so connections would pile up). Bad input
gets a 4xx with a JSON body {"error": "..."} naming the parameter; the store's own refusals
(BackendRejectedError) are 422; anything unexpected is a 500 that names the exception type and is logged.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal, InvalidOperation
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from kiosk.backends.demo.backend import DemoBackend
from kiosk.backends.demo.feed import ChangeRows
from kiosk.backends.demo.remote_records import (
    IDEMPOTENCY_HEADER,
    REPLAYED_HEADER,
    assistance_call_record,
    cart_lines_from_record,
    cart_link_from_record,
    customer_record,
    enrolment_request_from_record,
    enrolment_result_record,
    handoff_cart_record,
    line_check_record,
    order_tracking_record,
    past_order_record,
    pickup_arrival_record,
    receipt_record,
    return_lines_from_record,
    return_receipt_record,
)
from kiosk.core.attract import slide_record
from kiosk.core.cart import CartItemRef
from kiosk.core.customer import CustomerLookup
from kiosk.core.errors import BackendRejectedError, BackendUnavailableError, RejectionReason
from kiosk.core.events import EventKind, KioskEvent
from kiosk.core.handoff import MAX_HANDOFF_LINES
from kiosk.core.order import order_from_record
from kiosk.core.promotions import promotion_record
from kiosk.core.size_guide import size_guide_json

log = logging.getLogger(__name__)

API = "/v1"
MAX_LIMIT = 10_000  # rows a page, reviews, search hits
MAX_BODY = 4 * 1024 * 1024
_EXPORT_CHUNK = 1 << 20
_IDLE_TIMEOUT_S = 30.0  # a kept-alive connection idle this long is closed, freeing its worker thread
_WORKERS = 16  # connections served at once: a kiosk keeps 2-5 alive; a 17th waits for one to idle out
MAX_KEY = 200
_REPLIES_KEPT_S = 7 * 24 * 3600  # a retry comes seconds after its first attempt; a week is plenty
_KEY_STRIPES = 64


class BadRequest(Exception):
    """The request itself is wrong (a missing or malformed parameter): 400 with this message."""

    def __init__(self, message: str, status: HTTPStatus = HTTPStatus.BAD_REQUEST) -> None:
        super().__init__(message)
        self.status = status


def _int_param(query: dict[str, list[str]], name: str, low: int, high: int, default: int | None = None) -> int:
    values = query.get(name)
    if not values:
        if default is not None:
            return default
        raise BadRequest(f"missing parameter {name!r}")
    text = values[0]
    if not text.isdigit() or not low <= int(text) <= high:
        raise BadRequest(f"{name} must be an integer from {low} to {high}, got {text!r}")
    return int(text)


def _str_param(query: dict[str, list[str]], name: str, *, optional: bool = False) -> str | None:
    values = query.get(name)
    if not values:
        if optional:
            return None
        raise BadRequest(f"missing parameter {name!r}")
    return values[0]


def _body_dict(body: Any, shape: str) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise BadRequest(f"the body must be a JSON object {shape}")
    return body


def _body_str(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str):
        raise BadRequest(f"{name} must be a string, got {value!r}")
    return value


class ReplyBook:
    """The answers the store gave to requests that changed something, by Idempotency-Key, in the store's own
    file (a store generated again starts a new book). A key names one request: the same key with another
    route or body is refused (409), as a client bug, rather than answered with someone else's reply."""

    def __init__(self, path: os.PathLike[str] | str) -> None:
        self._conn = sqlite3.connect(path, isolation_level=None, timeout=10.0, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS served_replies (key TEXT PRIMARY KEY, request TEXT NOT NULL,"
            " body TEXT NOT NULL, at REAL NOT NULL)"
        )
        self._lock = threading.Lock()  # the connection
        # one lock per stripe of keys: a retry that arrives while its first attempt still runs waits for it
        self.stripes = [threading.Lock() for _ in range(_KEY_STRIPES)]

    def stripe(self, key: str) -> threading.Lock:
        return self.stripes[int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % _KEY_STRIPES]

    def find(self, key: str, request: str) -> str | None:
        """The answer already given for this key, or None; BadRequest (409) when the key named another request."""
        with self._lock:
            row = self._conn.execute("SELECT request, body FROM served_replies WHERE key=?", (key,)).fetchone()
        if row is None:
            return None
        if row[0] != request:
            raise BadRequest(f"the {IDEMPOTENCY_HEADER} {key!r} was used for another request", HTTPStatus.CONFLICT)
        return str(row[1])

    def keep(self, key: str, request: str, body: str) -> None:
        now = time.time()
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                self._conn.execute("DELETE FROM served_replies WHERE at < ?", (now - _REPLIES_KEPT_S,))
                self._conn.execute("INSERT INTO served_replies VALUES (?, ?, ?, ?)", (key, request, body, now))
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise

    def count(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM served_replies").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class DemoStoreServer(HTTPServer):
    """An HTTP server over one DemoBackend, answering on a fixed pool of threads."""

    allow_reuse_address = True

    def __init__(self, backend: DemoBackend, host: str = "127.0.0.1", port: int = 0) -> None:
        self.backend = backend
        backend.prepare()  # the store's file exists before the reply book opens a table in it
        self.replies = ReplyBook(backend.path)
        self._pool = concurrent.futures.ThreadPoolExecutor(_WORKERS, thread_name_prefix="demo-store")
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def process_request(self, request: Any, client_address: Any) -> None:
        self._pool.submit(self._serve_one, request, client_address)

    def _serve_one(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)

    def server_close(self) -> None:
        super().server_close()
        self._pool.shutdown(wait=False, cancel_futures=True)
        self.replies.close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the kiosk's pages and polls reuse one connection
    timeout = _IDLE_TIMEOUT_S
    # headers and body go out as separate writes: with Nagle's algorithm on, the body would wait for the
    # client's delayed ACK (40 ms on Linux) on every small answer
    disable_nagle_algorithm = True
    server: DemoStoreServer

    # ---- plumbing -------------------------------------------------------------------------------------

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def _dispatch(self, method: str) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        routes = _GET_ROUTES if method == "GET" else _POST_ROUTES
        path = parts.path
        handler: Callable[[_Handler, dict[str, list[str]], str], None] | None = None
        arg = ""
        if path.startswith(f"{API}/images/"):
            handler, arg = (_Handler._image if method == "GET" else None), unquote(path[len(f"{API}/images/") :])
        else:
            handler = routes.get(path)
        try:
            if handler is None:
                if path in _GET_ROUTES or path in _POST_ROUTES or path.startswith(f"{API}/images/"):
                    raise BadRequest(f"{method} is not allowed on {path}", HTTPStatus.METHOD_NOT_ALLOWED)
                raise BadRequest(f"no such endpoint: {path}", HTTPStatus.NOT_FOUND)
            handler(self, query, arg)
        except BadRequest as exc:
            self._error(exc.status, str(exc))
        except BackendRejectedError as exc:
            self._refused(exc)
        except BackendUnavailableError as exc:  # the store's simulated outage
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
        except ValueError as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client went away mid-answer; nothing to tell it
        except Exception as exc:
            log.exception("demo store: %s %s failed", method, path)
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, f"the demo store failed: {type(exc).__name__}")

    def _refused(self, exc: BackendRejectedError) -> None:
        """422 with the store's message and, when it knows one, the reason (a product gone, a contact refused),
        so the kiosk tells an associate what to do with a refused order."""
        body = {"error": str(exc)}
        if exc.reason is not RejectionReason.OTHER:
            body["reason"] = exc.reason.value
        self._json(body, HTTPStatus.UNPROCESSABLE_ENTITY)

    def _acting(self, act: Callable[[Any], object]) -> None:
        """A request that changes something: `act` with the JSON body, its answer kept by the request's
        Idempotency-Key, and the kept answer sent again for a key already served (the first attempt acted, its
        answer was lost on the way). Refusals are not kept: they changed nothing, so a retry asks again."""
        body = self._body()
        key = self.headers.get(IDEMPOTENCY_HEADER)
        if key is None:
            self._json(act(body))
            return
        if not key or len(key) > MAX_KEY or not key.isascii() or not key.isprintable():
            raise BadRequest(f"the {IDEMPOTENCY_HEADER} header must be 1 to {MAX_KEY} printable ASCII characters")
        request = urlsplit(self.path).path + " " + hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()
        book = self.server.replies
        with book.stripe(key):
            kept = book.find(key, request)
            if kept is None:
                kept = json.dumps(act(body), ensure_ascii=False, separators=(",", ":"))
                book.keep(key, request, kept)
                replayed = "false"
            else:
                replayed = "true"
        self._raw_json(kept.encode(), HTTPStatus.OK, {REPLAYED_HEADER: replayed})

    def _error(self, status: HTTPStatus, message: str) -> None:
        if self.wfile.closed:
            return
        self._json({"error": message}, status)

    def _json(self, value: object, status: HTTPStatus = HTTPStatus.OK, headers: dict[str, str] | None = None) -> None:
        self._raw_json(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(), status, headers)

    def _raw_json(self, body: bytes, status: HTTPStatus, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, text in (headers or {}).items():
            self.send_header(name, text)
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> Any:
        length_text = self.headers.get("Content-Length")
        if length_text is None or not length_text.isdigit():
            raise BadRequest("a JSON body with a Content-Length is required", HTTPStatus.LENGTH_REQUIRED)
        length = int(length_text)
        if length > MAX_BODY:
            raise BadRequest(f"the body is {length} bytes, at most {MAX_BODY}", HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        try:
            return json.loads(self.rfile.read(length))
        except (ValueError, UnicodeDecodeError) as exc:
            raise BadRequest(f"the body is not JSON: {exc}") from None

    # ---- endpoints ------------------------------------------------------------------------------------

    def _info(self, query: dict[str, list[str]], _: str) -> None:
        b = self.server.backend
        path, stamp = b.export_file()
        self._json(
            {
                "name": b.name,
                "seed": b.seed,
                "catalog_size": b.catalog_size,
                "fingerprint": b.fingerprint,
                "export_stamp": stamp,
                "export_bytes": path.stat().st_size if path.exists() else 0,
            }
        )

    def _ping(self, query: dict[str, list[str]], _: str) -> None:
        self.server.backend.ping()
        self._json({"ok": True})

    def _stats(self, query: dict[str, list[str]], _: str) -> None:
        self._json(self.server.backend.stats())

    def _changes(self, query: dict[str, list[str]], _: str) -> None:
        cursor = _str_param(query, "cursor", optional=True)
        rows = self.server.backend.change_rows(cursor, _int_param(query, "limit", 1, MAX_LIMIT))
        self._json(
            {
                "rows": rows.live,
                "deleted": rows.deleted,
                "related": rows.related,
                "next_cursor": rows.next_cursor,
                "has_more": rows.has_more,
                "first": rows.first,
                # the recall list's stamp rides on every poll, so a client asks for the list only when it
                # changed: an idle pass is this one request (docs/performance.md, idle poll)
                "recalls": self.server.backend.recalls_stamp(),
                **_feed_fields(self.server.backend, rows),
                "promotions": self.server.backend.promotions_stamp(),  # the same for the promotions
            }
        )

    def _export(self, query: dict[str, list[str]], _: str) -> None:
        """The export file as it is when asked (a rewrite replaces the file; this handle keeps the old one)."""
        path, stamp = self.server.backend.export_file()
        try:
            stream = open(path, "rb")  # noqa: SIM115 - closed below
        except FileNotFoundError:
            raise BackendUnavailableError("the demo store has no catalog export yet") from None
        with stream:
            size = os.fstat(stream.fileno()).st_size
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(size))
            self.send_header("X-Export-Stamp", stamp)
            self.end_headers()
            shutil.copyfileobj(stream, self.wfile, _EXPORT_CHUNK)

    def _reviews(self, query: dict[str, list[str]], _: str) -> None:
        product_id = _str_param(query, "product_id") or ""
        reviews = self.server.backend.reviews(product_id, _int_param(query, "limit", 1, MAX_LIMIT))
        self._json([[r.author, r.rating, r.title, r.body, r.lang] for r in reviews])

    def _size_guide(self, query: dict[str, list[str]], _: str) -> None:
        guide = self.server.backend.size_guide(_str_param(query, "product_id") or "")
        self._json(None if guide is None else size_guide_json(guide))

    def _search(self, query: dict[str, list[str]], _: str) -> None:
        text = _str_param(query, "q") or ""
        self._json(list(self.server.backend.search(text, _int_param(query, "limit", 1, MAX_LIMIT))))

    def _shipping(self, query: dict[str, list[str]], _: str) -> None:
        methods = self.server.backend.shipping_methods(_str_param(query, "country") or "")
        self._json(
            [
                [m.id, m.code, m.name.en, m.name.es, str(m.price.amount), m.price.currency, m.days_min, m.days_max]
                for m in methods
            ]
        )

    def _recalls(self, query: dict[str, list[str]], _: str) -> None:
        stamp = self.server.backend.recalls_stamp()  # before the read: a list edited meanwhile is asked again
        recalls = self.server.backend.recall_list()
        fields = ("reference", "gtin", "lot", "serial")
        entries = [{k: getattr(e, k) for k in fields if getattr(e, k) is not None} for e in recalls.entries]
        self._json(entries, headers={"X-Recalls-Stamp": stamp})

    def _promotions(self, query: dict[str, list[str]], _: str) -> None:
        """Every promotion the store runs or will run, as kiosk.core.promotions.promotion_record lays them out,
        with the stamp of this answer (taken before the read: promotions edited meanwhile are asked again)."""
        stamp = self.server.backend.promotions_stamp()
        promotions = self.server.backend.promotions()
        self._json([promotion_record(p) for p in promotions], headers={"X-Promotions-Stamp": stamp})

    def _place_order(self, query: dict[str, list[str]], _: str) -> None:
        """Places an order (kiosk.core.order.order_record in the body) as the embedded store does, promotions
        and coupon codes included, once per client order id: a retry gets the first receipt back."""
        body = self._body()
        if not isinstance(body, dict):
            raise BadRequest("the body must be an order as a JSON object")
        try:
            order = order_from_record(body)
        except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
            raise BadRequest(f"the order is malformed: {exc!r}") from None
        self._json(receipt_record(self.server.backend.submit_order(order)))

    def _find_order(self, query: dict[str, list[str]], _: str) -> None:
        found = self.server.backend.find_order(_str_param(query, "client_order_id") or "")
        self._json(None if found is None else receipt_record(found))

    def _attract(self, query: dict[str, list[str]], _: str) -> None:
        slides = self.server.backend.attract_slides(_str_param(query, "store") or "")
        self._json([slide_record(s) for s in slides])

    def _image(self, query: dict[str, list[str]], ref: str) -> None:
        try:
            data = self.server.backend.image_bytes(ref)
        except KeyError as exc:
            raise BadRequest(str(exc.args[0]), HTTPStatus.NOT_FOUND) from None
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _events(self, query: dict[str, list[str]], _: str) -> None:
        body = self._body()
        if not isinstance(body, list):
            raise BadRequest("the body must be a JSON list of events")
        batch = []
        for i, item in enumerate(body):
            try:
                event_id, kind, at, store_id, device_id, data = item
                batch.append(
                    KioskEvent(
                        str(event_id),
                        EventKind(kind),
                        datetime.fromisoformat(str(at)),
                        str(store_id),
                        str(device_id),
                        tuple((str(k), str(v)) for k, v in data),
                    )
                )
            except (TypeError, ValueError) as exc:
                raise BadRequest(f"event {i} is malformed: {exc}") from None
        self.server.backend.submit_events(batch)
        self._json({"stored": len(batch)})

    # ---- the shopper's side: customers, cart hand-off, returns, loyalty ---------------------------------

    def _find_customer(self, query: dict[str, list[str]], _: str) -> None:
        """A shopper by loyalty card, app QR / NFC token, email or phone, in the body (never in the address,
        which logs keep): the profile record, or null when no one has it."""
        body = _body_dict(self._body(), '{"by": "loyalty_number", "value": "..."}')
        by_text = _body_str(body, "by")
        try:
            by = CustomerLookup(by_text)
        except ValueError:
            kinds = ", ".join(k.value for k in CustomerLookup)
            raise BadRequest(f"by must be one of {kinds}, got {by_text!r}") from None
        found = self.server.backend.find_customer(by, _body_str(body, "value"))
        self._json(None if found is None else customer_record(found))

    def _customer_orders(self, query: dict[str, list[str]], _: str) -> None:
        customer_id = _str_param(query, "customer_id") or ""
        orders = self.server.backend.customer_orders(customer_id, _int_param(query, "limit", 1, MAX_LIMIT))
        self._json([past_order_record(o) for o in orders])

    def _handoff_cart(self, query: dict[str, list[str]], _: str) -> None:
        cart = self.server.backend.handoff_cart(_str_param(query, "cart_id") or "")
        self._json(None if cart is None else handoff_cart_record(cart))

    def _publish_cart(self, query: dict[str, list[str]], _: str) -> None:
        def act(raw: Any) -> object:
            body = _body_dict(raw, '{"lines": [["p0000001-v01", "SKU", 1]], "customer_id": null}')
            customer_id = body.get("customer_id")
            if customer_id is not None and not isinstance(customer_id, str):
                raise BadRequest(f"customer_id must be a string or null, got {customer_id!r}")
            link = self.server.backend.publish_cart(_cart_lines(body), customer_id)
            return {"cart_id": link.cart_id, "url": link.url}

        self._acting(act)

    def _send_cart_link(self, query: dict[str, list[str]], _: str) -> None:
        def act(raw: Any) -> object:
            body = _body_dict(raw, '{"customer_id": "...", "cart_id": "...", "url": "..."}')
            customer_id = _body_str(body, "customer_id")
            try:
                link = cart_link_from_record(body)
            except (KeyError, TypeError) as exc:
                raise BadRequest(f"the cart link is malformed: {exc!r}") from None
            self.server.backend.send_cart_link(customer_id, link)
            return {"sent": True}

        self._acting(act)

    def _save_cart(self, query: dict[str, list[str]], _: str) -> None:
        def act(raw: Any) -> object:
            body = _body_dict(raw, '{"customer_id": "...", "lines": [["p0000001-v01", "SKU", 1]]}')
            self.server.backend.save_customer_cart(_body_str(body, "customer_id"), _cart_lines(body))
            return {"saved": True}

        self._acting(act)

    def _resend_confirmation(self, query: dict[str, list[str]], _: str) -> None:
        def act(raw: Any) -> object:
            body = _body_dict(raw, '{"order_code": "..."}')
            self.server.backend.resend_order_confirmation(_body_str(body, "order_code"))
            return {"sent": True}

        self._acting(act)

    def _start_return(self, query: dict[str, list[str]], _: str) -> None:
        def act(raw: Any) -> object:
            body = _body_dict(raw, '{"order_code": "...", "lines": [["p0000001-v01", 1]], "reason": "..."}')
            try:
                lines = return_lines_from_record(body.get("lines"))
            except (TypeError, ValueError) as exc:
                raise BadRequest(f"the return's lines are malformed: {exc}") from None
            receipt = self.server.backend.start_return(
                _body_str(body, "order_code"), list(lines), _body_str(body, "reason")
            )
            return return_receipt_record(receipt)

        self._acting(act)

    def _enrol(self, query: dict[str, list[str]], _: str) -> None:
        def act(raw: Any) -> object:
            body = _body_dict(raw, '{"kind": "email", "contact": "...", ...}')
            try:
                request = enrolment_request_from_record(body)
            except (KeyError, TypeError, ValueError) as exc:
                raise BadRequest(f"the enrolment is malformed: {exc}") from None
            return enrolment_result_record(self.server.backend.enrol(request))

        self._acting(act)

    def _wishlist(self, query: dict[str, list[str]], _: str) -> None:
        def act(raw: Any) -> object:
            body = _body_dict(raw, '{"customer_id": "...", "product_id": "...", "wished": true}')
            wished = body.get("wished")
            if not isinstance(wished, bool):
                raise BadRequest(f"wished must be true or false, got {wished!r}")
            customer_id, product_id = _body_str(body, "customer_id"), _body_str(body, "product_id")
            return {"wishlist": list(self.server.backend.set_wishlisted(customer_id, product_id, wished))}

        self._acting(act)

    # ---- the store's companions: line re-check, order tracking, pickup arrivals, calls -------------------

    def _line_checks(self, query: dict[str, list[str]], _: str) -> None:
        """The current price and stock of each `variant_id` asked (repeated), as the checkout re-checks a cart;
        a variant no longer sold is left out."""
        variant_ids = query.get("variant_id") or []
        if len(variant_ids) > MAX_HANDOFF_LINES:
            raise BadRequest(f"at most {MAX_HANDOFF_LINES} variant_id parameters, got {len(variant_ids)}")
        checks = self.server.backend.check_lines([CartItemRef(v, "", 1) for v in variant_ids])
        self._json([line_check_record(check) for check in checks.values()])

    def _order_tracking(self, query: dict[str, list[str]], _: str) -> None:
        tracking = self.server.backend.order_tracking(_str_param(query, "client_order_id") or "")
        self._json(None if tracking is None else order_tracking_record(tracking))

    def _pickup_arrivals(self, query: dict[str, list[str]], _: str) -> None:
        arrivals = self.server.backend.pickup_arrivals(_str_param(query, "location_id") or "")
        self._json([pickup_arrival_record(a) for a in arrivals])

    def _assistance_calls(self, query: dict[str, list[str]], _: str) -> None:
        store_id = _str_param(query, "store_id") or ""
        since_text = _str_param(query, "since") or ""
        try:
            since = datetime.fromisoformat(since_text)
        except ValueError:
            since = None
        if since is None or since.tzinfo is None:
            raise BadRequest(f"since must be an ISO time with its UTC offset, got {since_text!r}")
        calls = self.server.backend.assistance_calls(store_id, since)
        self._json([assistance_call_record(c) for c in calls])

    # ---- the demo store's admin calls -----------------------------------------------------------------

    def _simulate(self, query: dict[str, list[str]], _: str) -> None:
        body = self._body()
        if not isinstance(body, dict):
            raise BadRequest('the body must be a JSON object {"fraction": 0.01, "seed": 1}')
        fraction, seed = body.get("fraction"), body.get("seed")
        if not isinstance(fraction, int | float) or isinstance(fraction, bool):
            raise BadRequest(f"fraction must be a number from 0 to 1, got {fraction!r}")
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise BadRequest(f"seed must be an integer, got {seed!r}")
        self._json({"changed": self.server.backend.simulate_changes(float(fraction), seed)})

    def _change_product(self, query: dict[str, list[str]], _: str) -> None:
        """One change as a shop's staff would make it (the bench's freshness figure): a new price, moved
        stock, or the product withdrawn."""
        body = self._body()
        if not isinstance(body, dict) or not isinstance(body.get("product_id"), str):
            raise BadRequest('the body must be a JSON object {"product_id": "...", "price": "12.34", "stock": true}')
        price_text = body.get("price")
        price: Decimal | None = None
        if price_text is not None:
            try:
                price = Decimal(str(price_text))
            except InvalidOperation:
                raise BadRequest(f"price must be a decimal amount, got {price_text!r}") from None
            if not price.is_finite() or price <= 0:
                raise BadRequest(f"price must be a positive amount, got {price_text!r}")
        flags = {name: body.get(name, False) for name in ("stock", "withdraw")}
        for name, flag in flags.items():
            if not isinstance(flag, bool):
                raise BadRequest(f"{name} must be true or false, got {flag!r}")
        changed = self.server.backend.change_product(
            body["product_id"], price=price, stock_moves=flags["stock"], withdraw=flags["withdraw"]
        )
        self._json({"changed": changed})

    def _live_step(self, query: dict[str, list[str]], _: str) -> None:
        """One step of the store living on its own (DemoBackend.live_changes), driven from outside so a soak
        run decides the pace."""
        body = self._body()
        step = body.get("step") if isinstance(body, dict) else None
        if not isinstance(step, int) or isinstance(step, bool) or step < 0:
            raise BadRequest(f"step must be a non-negative integer, got {step!r}")
        self._json({"changed": self.server.backend.live_changes(step)})


def _cart_lines(body: dict[str, Any]) -> list[Any]:
    try:
        return list(cart_lines_from_record(body.get("lines")))
    except (TypeError, ValueError) as exc:
        raise BadRequest(f"the cart lines are malformed: {exc}") from None


def _feed_fields(backend: DemoBackend, rows: ChangeRows) -> dict[str, str]:
    """What the first page of a feed (from no cursor, or a re-feed) says about the feed itself: the catalog it
    belongs to, so a client that built pages for another one (the store started again with another seed or
    size) learns the new seed, and on a re-feed why the client's cursor could not be continued. Only first
    pages: a cursor the store continues is of its own catalog, and an idle poll stays as small as it was."""
    if not rows.first:
        return {}
    fields = {"fingerprint": backend.fingerprint}
    if rows.resync_reason:
        fields["resync_reason"] = rows.resync_reason
    return fields


_GET_ROUTES: dict[str, Callable[[_Handler, dict[str, list[str]], str], None]] = {
    f"{API}/info": _Handler._info,
    f"{API}/ping": _Handler._ping,
    f"{API}/stats": _Handler._stats,
    f"{API}/changes": _Handler._changes,
    f"{API}/export": _Handler._export,
    f"{API}/reviews": _Handler._reviews,
    f"{API}/size-guide": _Handler._size_guide,
    f"{API}/search": _Handler._search,
    f"{API}/shipping-methods": _Handler._shipping,
    f"{API}/recalls": _Handler._recalls,
    f"{API}/attract": _Handler._attract,
    f"{API}/promotions": _Handler._promotions,
    f"{API}/order": _Handler._find_order,
    f"{API}/customer-orders": _Handler._customer_orders,
    f"{API}/handoff-cart": _Handler._handoff_cart,
    f"{API}/line-checks": _Handler._line_checks,
    f"{API}/order-tracking": _Handler._order_tracking,
    f"{API}/pickup-arrivals": _Handler._pickup_arrivals,
    f"{API}/assistance-calls": _Handler._assistance_calls,
}
_POST_ROUTES: dict[str, Callable[[_Handler, dict[str, list[str]], str], None]] = {
    f"{API}/events": _Handler._events,
    f"{API}/orders": _Handler._place_order,
    f"{API}/customer-lookup": _Handler._find_customer,
    f"{API}/handoff-carts": _Handler._publish_cart,
    f"{API}/cart-links": _Handler._send_cart_link,
    f"{API}/saved-cart": _Handler._save_cart,
    f"{API}/order-confirmations": _Handler._resend_confirmation,
    f"{API}/returns": _Handler._start_return,
    f"{API}/enrolments": _Handler._enrol,
    f"{API}/wishlist": _Handler._wishlist,
    f"{API}/admin/simulate-changes": _Handler._simulate,
    f"{API}/admin/change-product": _Handler._change_product,
    f"{API}/admin/live-step": _Handler._live_step,
}


READY_PREFIX = "DEMO-STORE-READY "


def serve(backend: DemoBackend, host: str, port: int, *, stop: threading.Event | None = None) -> int:
    """Prepares the store (generating it if needed), then serves until interrupted (or `stop` is set).
    Prints one line READY_PREFIX + JSON (url, prepare seconds, counts) on stdout once it answers."""
    started = time.perf_counter()
    backend.prepare()
    prepare_s = time.perf_counter() - started
    try:
        server = DemoStoreServer(backend, host, port)
    except OSError as exc:
        print(f"kiosk demo-store: cannot listen on {host}:{port}: {exc.strerror}", file=sys.stderr)
        return 1
    ready = {
        "url": server.url,
        "pid": os.getpid(),
        "prepare_s": round(prepare_s, 2),
        "export_s": None if backend.export_seconds is None else round(backend.export_seconds, 2),
        **backend.stats(),
    }
    print(READY_PREFIX + json.dumps(ready), flush=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    thread.start()
    try:
        if stop is None:
            thread.join()
        else:
            stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
        backend.close()
    return 0
