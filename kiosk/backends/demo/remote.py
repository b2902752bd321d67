"""RemoteDemoBackend: the demo store in another process (`kiosk demo-store serve`), reached over HTTP.

It is how `kiosk bench` measures the kiosk with its backend out of process: the store's SQLite file, its page
cache and its generator live in the server's memory, not the kiosk's, as Vendure's do in a shop. Catalog
pages arrive as the store's compact rows and are built into kiosk values here by the same ProductFactory the
embedded backend uses, so both give identical pages; the first import streams the store's catalog export
straight into the cache, frame by frame, with no copy on disk.

Transport failures (refused connection, time-out, a connection cut) and 5xx answers raise
BackendUnavailableError, as the embedded backend's simulated outage does; the store's 4xx refusals raise
BackendRejectedError with the store's own message; a reply that is not what the API promises raises
BackendProtocolError. Orders are placed as the embedded store places them (promotions and coupon codes applied,
once per client order id) and the store's promotions are published like its recall list. The shopper's side
(customer lookup, a customer's orders, cart hand-off both ways, returns, confirmations, loyalty enrolment and the
wishlist) answers as the embedded store does: the same records, and its refusals in its own words (the store's
message, not wrapped, so the associate's screen recognises them). Each call that changes something carries a new
Idempotency-Key and is sent again with the same key when the connection fails before the answer, so a return or
a published cart whose answer was lost happens once. The store's companions are served too: a cart's lines
re-checked before an order (LineChecker), an order's tracking (OrderTracker), pickup arrivals (ArrivalBoard) and
the store's calls for an associate (AssistanceBoard).
"""

from __future__ import annotations

import collections
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, TypeVar
from urllib.parse import quote

import httpx

from kiosk.backends.demo import catalog
from kiosk.backends.demo import snapshot as demo_snapshot
from kiosk.backends.demo.endpoint import remote_options
from kiosk.backends.demo.feed import ChangeRows, page_from_rows, products_of_variants
from kiosk.backends.demo.remote_records import (
    IDEMPOTENCY_HEADER,
    assistance_call_from_record,
    cart_lines_record,
    cart_link_from_record,
    cart_link_record,
    customer_from_record,
    enrolment_request_record,
    enrolment_result_from_record,
    handoff_cart_from_record,
    line_check_from_record,
    order_tracking_from_record,
    past_order_from_record,
    pickup_arrival_from_record,
    receipt_from_record,
    return_receipt_from_record,
)
from kiosk.core.assistance import AssistanceCall
from kiosk.core.attract import AttractSlide, slides_from_records
from kiosk.core.cart import CartItemRef
from kiosk.core.catalog import CatalogPage, Review
from kiosk.core.catalog_snapshot import CatalogSnapshot, CatalogSnapshotError
from kiosk.core.customer import Customer, CustomerLookup, PastOrder
from kiosk.core.enrolment import EnrolmentRequest, EnrolmentResult
from kiosk.core.errors import BackendProtocolError, BackendRejectedError, BackendUnavailableError, RejectionReason
from kiosk.core.events import KioskEvent
from kiosk.core.handoff import CartLink, HandoffCart
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.order import Order, OrderReceipt, ShippingMethod, order_record
from kiosk.core.order_tracking import OrderTracking, PickupArrival
from kiosk.core.promotions import Promotion, PromotionError, promotion_from_record
from kiosk.core.returns import ReturnReceipt
from kiosk.core.scanning.recall import RecallList
from kiosk.core.services.recheck import LineCheck
from kiosk.core.size_guide import SizeGuide, SizeGuideError, parse_size_guide

T = TypeVar("T")
# a request that changes something is sent at most this many more times when its connection fails before the
# answer (the same Idempotency-Key each time); a time-out is not sent again: the kiosk's own timeout has passed
ACTION_RESENDS = 2


class _StampedCopy(Generic[T]):
    """What the store stamps (its recall list, its promotions): the copy last fetched with its stamp, and the
    stamp the last page of changes carried; the copy serves until the two differ."""

    def __init__(self) -> None:
        self._copy: tuple[str, T] | None = None
        self._seen: str | None = None

    def note(self, stamp: object) -> None:
        """The stamp a page of changes carried (ignored when the store sends none)."""
        if isinstance(stamp, str):
            self._seen = stamp

    def current(self) -> T | None:
        """The copy, while it is what the store last said it has; None: fetch it."""
        copy = self._copy
        return copy[1] if copy is not None and copy[0] == self._seen else None

    def keep(self, stamp: str | None, value: T) -> None:
        """A copy just fetched with its stamp (a store that sends none is asked every time)."""
        if stamp is not None:
            self._copy = (stamp, value)
            self._seen = self._seen or stamp

    def forget(self) -> None:
        """The pages that carried the stamps were read by another process: fetch the copy again."""
        self._copy = None
        self._seen = None


@dataclass(slots=True)
class Exchange:
    """One request and its answer as they crossed the wire: head lines, headers and bodies, in bytes."""

    thread_id: int
    started_ns: int  # time.monotonic_ns() as the request left
    method: str
    path: str
    request_bytes: int
    response_bytes: int = 0

    @property
    def total_bytes(self) -> int:
        return self.request_bytes + self.response_bytes


_log = logging.getLogger(__name__)


class CountingTransport(httpx.BaseTransport):
    """Counts every request and the bytes each exchange puts on the wire (request line, headers and body;
    status line, headers and body as read), at the transport, under the client: what an idle poll costs is
    measured, not estimated. Keeps totals and the last `keep` exchanges (bounded: a kiosk runs all day)."""

    def __init__(self, inner: httpx.BaseTransport, keep: int = 512) -> None:
        self._inner = inner
        self._lock = threading.Lock()
        self.requests = 0
        self.bytes = 0
        self.recent: collections.deque[Exchange] = collections.deque(maxlen=keep)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        sent = _head_bytes(f"{request.method} ".encode() + request.url.raw_path + b" HTTP/1.1", request.headers.raw)
        exchange = Exchange(
            threading.get_ident(), time.monotonic_ns(), request.method, request.url.path, sent + len(body)
        )
        with self._lock:
            self.requests += 1
            self.bytes += exchange.request_bytes
            self.recent.append(exchange)
        response = self._inner.handle_request(request)
        version = response.extensions.get("http_version", b"HTTP/1.1")
        reason = response.extensions.get("reason_phrase", b"")
        status_line = bytes(version) + f" {response.status_code} ".encode() + bytes(reason)
        self._add(exchange, _head_bytes(status_line, response.headers.raw))
        assert isinstance(response.stream, httpx.SyncByteStream)
        response.stream = _CountingStream(response.stream, lambda n: self._add(exchange, n))
        return response

    def _add(self, exchange: Exchange, count: int) -> None:
        with self._lock:
            exchange.response_bytes += count
            self.bytes += count

    def since(self, start: int, thread_id: int | None = None) -> list[Exchange]:
        """The exchanges after the first `start` requests (still kept), optionally those of one thread."""
        with self._lock:
            skip = len(self.recent) - (self.requests - start)
            picked = list(self.recent)[max(0, skip) :]
        return [x for x in picked if thread_id is None or x.thread_id == thread_id]

    def close(self) -> None:
        self._inner.close()


def _head_bytes(first_line: bytes, headers: Iterable[tuple[bytes, bytes]]) -> int:
    """A message head as HTTP/1.1 writes it: the first line, "Name: value" lines, a blank line."""
    return len(first_line) + 2 + sum(len(k) + 2 + len(v) + 2 for k, v in headers) + 2


class _CountingStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, count: Any) -> None:
        self._inner = inner
        self._count = count

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            self._count(len(chunk))
            yield chunk

    def close(self) -> None:
        self._inner.close()


class RemoteDemoBackend:
    """CommerceBackend, CatalogSnapshotSource and ImageSource over a demo store's HTTP API (127.0.0.1)."""

    name = "demo"

    def __init__(self, url: str, *, timeout_s: float = 30.0, transport: httpx.BaseTransport | None = None) -> None:
        self.url = url.rstrip("/")
        self.timeout_s = timeout_s
        self.traffic = CountingTransport(transport or httpx.HTTPTransport())
        self._http = httpx.Client(base_url=self.url + "/v1", timeout=timeout_s, transport=self.traffic)
        self._info: Mapping[str, Any] | None = None
        # the recall list and the promotions as last fetched, with the store's stamps for them; the stamps each
        # page of changes carries say whether to fetch them again
        self._recalls: _StampedCopy[RecallList] = _StampedCopy()
        self._promotions: _StampedCopy[tuple[Promotion, ...]] = _StampedCopy()
        self._factory: catalog.ProductFactory | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> RemoteDemoBackend:
        """[backend] kind = "demo" with url = "http://127.0.0.1:8765": the store `kiosk demo-store serve` runs."""
        url, timeout_s = remote_options(options)
        return cls(url, timeout_s=timeout_s)

    def close(self) -> None:
        self._http.close()

    # ---- transport ------------------------------------------------------------------------------------

    def _send(
        self, method: str, path: str, what: str, *, verbatim: bool = False, resends: int = 0, **kwargs: Any
    ) -> httpx.Response:
        """One request; `resends` more times, the same request, when the connection fails before an answer
        arrives (a request with an Idempotency-Key: the store answers a repeat with its first answer)."""
        while True:
            try:
                response = self._http.request(method, path, **kwargs)
                break
            except httpx.TimeoutException:
                raise BackendUnavailableError(
                    f"the demo store did not answer {what} within {self.timeout_s:g} s ({self.url})"
                ) from None
            except httpx.TransportError as exc:
                if resends > 0:
                    resends -= 1
                    _log.info("the connection to the demo store failed during %s (%s); sending it again", what,
                              type(exc).__name__)  # fmt: skip
                    continue
                raise BackendUnavailableError(
                    f"cannot reach the demo store for {what} at {self.url} ({type(exc).__name__})"
                ) from None
        self._check(response, what, verbatim=verbatim)
        return response

    def _check(self, response: httpx.Response, what: str, *, verbatim: bool = False) -> None:
        """5xx: unavailable; 4xx: refused. `verbatim`: a refusal (422) carries the store's own words, as the
        embedded store raises them (the associate's screen knows them word for word: "no order WEB-1")."""
        status = response.status_code
        if status < 400:
            return
        message = _error_text(response)
        if status >= 500:
            raise BackendUnavailableError(f"the demo store answered {what} with HTTP {status}: {message}")
        if verbatim and status == 422:
            raise BackendRejectedError(message, _reason(response))
        raise BackendRejectedError(f"the demo store refused {what} (HTTP {status}): {message}", _reason(response))

    def _act(self, path: str, what: str, payload: Mapping[str, Any]) -> Any:
        """A request that changes something in the store, sent with a new Idempotency-Key and, when the
        connection fails before the answer (the store may have acted already), sent again with the same key:
        the store then answers with what it did the first time instead of doing it twice."""
        headers = {IDEMPOTENCY_HEADER: str(uuid.uuid4())}
        return self._json("POST", path, what, json=payload, headers=headers, verbatim=True, resends=ACTION_RESENDS)

    def _json(self, method: str, path: str, what: str, **kwargs: Any) -> Any:
        response = self._send(method, path, what, **kwargs)
        try:
            return response.json()
        except ValueError:
            raise BackendProtocolError(f"the demo store's reply to {what} is not JSON") from None

    def info(self) -> Mapping[str, Any]:
        """The store's seed, size, fingerprint and export stamp, asked once."""
        with self._lock:
            if self._info is None:
                info = self._json("GET", "/info", "info")
                if not isinstance(info, dict) or not isinstance(info.get("seed"), int):
                    raise BackendProtocolError("the demo store's info is not what its API promises")
                self._info = info
                self._factory = catalog.ProductFactory(int(info["seed"]))
            return self._info

    def _product_factory(self) -> catalog.ProductFactory:
        self.info()
        assert self._factory is not None  # set with _info
        return self._factory

    # ---- CommerceBackend: the catalog ---------------------------------------------------------------------

    def ping(self) -> None:
        self._send("GET", "/ping", "ping")

    def catalog_changes(self, cursor: str | None, limit: int) -> CatalogPage:
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        self._product_factory()  # the store's seed, asked before the first page
        params: dict[str, str | int] = {"limit": limit}
        if cursor is not None:
            params["cursor"] = cursor
        body = self._json("GET", "/changes", "catalog changes", params=params)
        if isinstance(body, dict):
            self._recalls.note(body.get("recalls"))
            self._promotions.note(body.get("promotions"))  # a store before promotions sends none
        try:
            factory = self._factory_for_page(body)
            rows = ChangeRows(
                live=list(body["rows"]),
                deleted=tuple(str(x) for x in body["deleted"]),
                related={str(k): tuple(str(x) for x in v) for k, v in body["related"].items()},
                next_cursor=str(body["next_cursor"]),
                has_more=bool(body["has_more"]),
                first=bool(body["first"]),
                resync_reason=str(body.get("resync_reason") or ""),
            )
            return page_from_rows(factory, rows)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            raise BackendProtocolError(f"the demo store's page of catalog changes is malformed: {exc!r}") from None

    def _factory_for_page(self, body: Mapping[str, Any]) -> catalog.ProductFactory:
        """The factory for the catalog a page of changes names. The store may have been started again with
        another seed or size since `info` was asked (its re-feed then starts with a `resync_reason`): the rows
        of a new seed built with the old seed's factory would be wrong products, so the store is asked again."""
        fingerprint = body.get("fingerprint")
        with self._lock:
            known = None if self._info is None else self._info.get("fingerprint")
            if isinstance(fingerprint, str) and known is not None and fingerprint != known:
                _log.info("the demo store now serves catalog %s (was %s); reading its info again", fingerprint, known)
                self._info = None
        return self._product_factory()

    def catalog_snapshot(self) -> CatalogSnapshot:
        """The store's catalog export, read as it downloads (kiosk.backends.demo.snapshot.StreamSnapshot)."""
        info = self.info()
        stamp, fingerprint = str(info["export_stamp"]), str(info["fingerprint"])
        try:
            request = self._http.build_request("GET", "/export")
            response = self._http.send(request, stream=True)
        except httpx.TimeoutException:
            raise BackendUnavailableError(
                f"the demo store did not answer catalog export within {self.timeout_s:g} s ({self.url})"
            ) from None
        except httpx.TransportError as exc:
            raise BackendUnavailableError(
                f"cannot reach the demo store for catalog export at {self.url} ({type(exc).__name__})"
            ) from None
        try:
            if response.status_code != 200:
                response.read()
                raise CatalogSnapshotError(
                    f"the demo store has no catalog export (HTTP {response.status_code}): {_error_text(response)}"
                )
            if response.headers.get("x-export-stamp") != stamp:
                raise CatalogSnapshotError("the demo store's catalog export changed since it was announced")
            size_text = response.headers.get("content-length", "")
            if not size_text.isdigit():
                raise CatalogSnapshotError("the demo store's catalog export has no length")
            reader = _ResponseReader(response)
            return demo_snapshot.StreamSnapshot(
                reader,
                int(size_text),
                stamp,
                lambda upto: demo_snapshot.header(f"demo1:{fingerprint}:{upto}"),
                response.close,
            )
        except BaseException:
            response.close()
            raise

    def reviews(self, product_id: str, limit: int) -> Sequence[Review]:
        body = self._json("GET", "/reviews", "reviews", params={"product_id": product_id, "limit": limit})
        try:
            return [Review(str(a), int(r), str(t), str(b), str(lang)) for a, r, t, b, lang in body]
        except (TypeError, ValueError) as exc:
            raise BackendProtocolError(f"the demo store's reviews are malformed: {exc!r}") from None

    def size_guide(self, product_id: str) -> SizeGuide | None:
        body = self._json("GET", "/size-guide", "size guide", params={"product_id": product_id})
        if body is None:
            return None
        try:
            return parse_size_guide(body)
        except SizeGuideError as exc:
            raise BackendProtocolError(f"the demo store's size guide is malformed: {exc}") from None

    def search(self, query: str, limit: int) -> Sequence[str]:
        body = self._json("GET", "/search", "search", params={"q": query, "limit": limit})
        if not isinstance(body, list):
            raise BackendProtocolError("the demo store's search answer is not a list")
        return [str(x) for x in body]

    def shipping_methods(self, country_code: str) -> Sequence[ShippingMethod]:
        body = self._json("GET", "/shipping-methods", "shipping methods", params={"country": country_code})
        try:
            return [
                ShippingMethod(str(i), str(c), LocalizedText(str(en), str(es)), Money(Decimal(a), str(cur)), dmin, dmax)
                for i, c, en, es, a, cur, dmin, dmax in body
            ]
        except (TypeError, ValueError, InvalidOperation) as exc:
            raise BackendProtocolError(f"the demo store's shipping methods are malformed: {exc!r}") from None

    def _stamped_list(self, path: str, what: str, header: str) -> tuple[list[Any], str | None]:
        """A list the store stamps (the recall list, the promotions) and the stamp it came with."""
        response = self._send("GET", path, what)
        try:
            body = response.json()
        except ValueError:
            raise BackendProtocolError(f"the demo store's reply to {what} is not JSON") from None
        if not isinstance(body, list):
            raise BackendProtocolError(f"the demo store's reply to {what} is not a list")
        return body, response.headers.get(header)

    def catalog_synced_elsewhere(self) -> None:
        """A catalog worker (kiosk.core.services.catalog_catch_up) read pages of changes this client never saw;
        their stamps may say the recall list or the promotions changed, so the next asks fetch both again."""
        with self._lock:
            self._recalls.forget()
            self._promotions.forget()

    def recall_list(self) -> RecallList:
        """The store's recall list; no request when the last page of changes carried the stamp of the list
        already fetched (the kiosk's refresher reads the change feed first, then this)."""
        known = self._recalls.current()
        if known is not None:
            return known
        body, stamp = self._stamped_list("/recalls", "recall list", "x-recalls-stamp")
        try:
            recalls = RecallList.from_records(body)
        except ValueError as exc:
            raise BackendProtocolError(f"the demo store's recall list is malformed: {exc}") from None
        self._recalls.keep(stamp, recalls)
        return recalls

    # ---- PromotionSource, VariantProducts ----------------------------------------------------------------

    def promotions(self) -> tuple[Promotion, ...]:
        """The store's promotions, as the embedded store publishes them; no request when the last page of
        changes carried the stamp of the promotions already fetched (the refresher reads the change feed first,
        then these, on every pass: a quiet pass stays one request)."""
        known = self._promotions.current()
        if known is not None:
            return known
        body, stamp = self._stamped_list("/promotions", "promotions", "x-promotions-stamp")
        if not all(isinstance(record, dict) for record in body):
            raise BackendProtocolError("the demo store's promotions are not a list of records")
        try:
            promotions = tuple(promotion_from_record(record) for record in body)
        except PromotionError as exc:
            raise BackendProtocolError(f"the demo store's promotions are malformed: {exc}") from None
        self._promotions.keep(stamp, promotions)
        return promotions

    def products_of(self, variant_ids: Sequence[str]) -> dict[str, str]:
        """VariantProducts with no request: a demo variant id names its product, as in the embedded store."""
        return products_of_variants(variant_ids)

    # ---- orders ---------------------------------------------------------------------------------------

    def submit_order(self, order: Order) -> OrderReceipt:
        """Placed by the store as the embedded one places it: its promotions and the order's coupon codes
        applied, the final total and any note (a code left off and why) in the receipt; once per client order
        id, so the outbox's retry gets the same receipt."""
        body = self._json("POST", "/orders", "the order", json=order_record(order))
        return _receipt(body, "order")

    def find_order(self, client_order_id: str) -> OrderReceipt | None:
        body = self._json("GET", "/order", "finding an order", params={"client_order_id": client_order_id})
        return None if body is None else _receipt(body, "found order")

    def attract_slides(self, store_id: str) -> tuple[AttractSlide, ...]:
        """The store's attract loop, as the embedded store makes it (kiosk.backends.demo.attract.json)."""
        body = self._send("GET", "/attract", "attract slides", params={"store": store_id})
        try:
            records = body.json()
        except ValueError:
            raise BackendProtocolError("the demo store's reply to attract slides is not JSON") from None
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise BackendProtocolError("the demo store's attract slides are not a list of records")
        return slides_from_records(records)

    def submit_events(self, batch: Sequence[KioskEvent]) -> None:
        events = [[e.event_id, e.kind.value, e.at.isoformat(), e.store_id, e.device_id, e.data] for e in batch]
        self._send("POST", "/events", "events", json=events)

    # ---- ImageSource ----------------------------------------------------------------------------------

    def image_bytes(self, ref: str) -> bytes:
        """The picture for a catalog reference; KeyError when the store has none (HTTP 404)."""
        try:
            response = self._http.get("/images/" + quote(ref, safe=""))
        except httpx.TimeoutException:
            raise BackendUnavailableError(
                f"the demo store did not answer image {ref!r} within {self.timeout_s:g} s ({self.url})"
            ) from None
        except httpx.TransportError as exc:
            raise BackendUnavailableError(
                f"cannot reach the demo store for image {ref!r} at {self.url} ({type(exc).__name__})"
            ) from None
        if response.status_code == 404:
            raise KeyError(_error_text(response))
        self._check(response, f"image {ref!r}")
        return response.content

    # ---- the demo store's admin calls (kiosk bench) ----------------------------------------------------------

    def stats(self) -> dict[str, int]:
        body = self._json("GET", "/stats", "stats")
        if not isinstance(body, dict):
            raise BackendProtocolError("the demo store's stats are not a JSON object")
        return {str(k): int(v) for k, v in body.items()}

    def simulate_changes(self, fraction: float, seed: int) -> int:
        body = self._json(
            "POST", "/admin/simulate-changes", "simulated changes", json={"fraction": fraction, "seed": seed}
        )
        return int(body["changed"])

    def change_product(
        self, product_id: str, *, price: Decimal | None = None, stock_moves: bool = False, withdraw: bool = False
    ) -> int:
        """DemoBackend.change_product in the store's process: 1 if the live product was changed, else 0."""
        payload: dict[str, Any] = {"product_id": product_id, "stock": stock_moves, "withdraw": withdraw}
        if price is not None:
            payload["price"] = str(price)
        return int(self._json("POST", "/admin/change-product", "a product change", json=payload)["changed"])

    def live_changes(self, step: int) -> int:
        """One step of the store living on its own (DemoBackend.live_changes), in the store's process."""
        return int(self._json("POST", "/admin/live-step", "a live-store step", json={"step": step})["changed"])

    # ---- the shopper's side: customers, cart hand-off, returns (CommerceBackend), LoyaltyMembership ----------

    def find_customer(self, by: CustomerLookup, value: str) -> Customer | None:
        """The profile as the store knows it now (history, wishlist, saved cart, customer groups). The card
        number, token, email or phone travels in the body, not the address, which logs keep."""
        body = self._json(
            "POST", "/customer-lookup", "finding a customer", json={"by": by.value, "value": value}, verbatim=True
        )
        return None if body is None else _record(customer_from_record, body, "customer")

    def customer_orders(self, customer_id: str, limit: int) -> Sequence[PastOrder]:
        params: dict[str, str | int] = {"customer_id": customer_id, "limit": limit}
        body = self._json("GET", "/customer-orders", "a customer's orders", params=params, verbatim=True)
        if not isinstance(body, list):
            raise BackendProtocolError("the demo store's customer orders are not a list")
        return [_record(past_order_from_record, item, "customer order") for item in body]

    def handoff_cart(self, cart_id: str) -> HandoffCart | None:
        body = self._json("GET", "/handoff-cart", "a cart hand-off", params={"cart_id": cart_id}, verbatim=True)
        return None if body is None else _record(handoff_cart_from_record, body, "hand-off cart")

    def publish_cart(self, lines: Sequence[CartItemRef], customer_id: str | None) -> CartLink:
        payload = {"lines": cart_lines_record(lines), "customer_id": customer_id}
        body = self._act("/handoff-carts", "publishing a cart", payload)
        return _record(cart_link_from_record, body, "published cart")

    def send_cart_link(self, customer_id: str, link: CartLink) -> None:
        self._act("/cart-links", "sending a cart link", {"customer_id": customer_id, **cart_link_record(link)})

    def save_customer_cart(self, customer_id: str, lines: Sequence[CartItemRef]) -> None:
        payload = {"customer_id": customer_id, "lines": cart_lines_record(lines)}
        self._act("/saved-cart", "saving a customer's cart", payload)

    def resend_order_confirmation(self, order_code: str) -> None:
        self._act("/order-confirmations", "resending an order confirmation", {"order_code": order_code})

    def start_return(self, order_code: str, lines: Sequence[tuple[str, int]], reason: str) -> ReturnReceipt:
        payload = {"order_code": order_code, "lines": [[v, q] for v, q in lines], "reason": reason}
        return _record(return_receipt_from_record, self._act("/returns", "a return", payload), "return receipt")

    def enrol(self, request: EnrolmentRequest) -> EnrolmentResult:
        body = self._act("/enrolments", "an enrolment", enrolment_request_record(request))
        return _record(enrolment_result_from_record, body, "enrolment")

    def set_wishlisted(self, customer_id: str, product_id: str, wished: bool) -> tuple[str, ...]:
        payload = {"customer_id": customer_id, "product_id": product_id, "wished": wished}
        body = self._act("/wishlist", "a wishlist change", payload)
        wishlist = body.get("wishlist") if isinstance(body, dict) else None
        if not isinstance(wishlist, list) or not all(isinstance(x, str) for x in wishlist):
            raise BackendProtocolError("the demo store's wishlist is not a list of product ids")
        return tuple(wishlist)

    # ---- LineChecker, OrderTracker, ArrivalBoard, AssistanceBoard --------------------------------------------

    def check_lines(self, items: Sequence[CartItemRef]) -> dict[str, LineCheck]:
        """The current price and stock of each line's variant, in one request, just before an order is placed."""
        params = [("variant_id", item.variant_id) for item in items]
        body = self._json("GET", "/line-checks", "re-checking the cart", params=params, verbatim=True)
        return {check.variant_id: check for check in _records(line_check_from_record, body, "line checks")}

    def order_tracking(self, client_order_id: str) -> OrderTracking | None:
        params = {"client_order_id": client_order_id}
        body = self._json("GET", "/order-tracking", "an order's tracking", params=params, verbatim=True)
        return None if body is None else _record(order_tracking_from_record, body, "order tracking")

    def pickup_arrivals(self, location_id: str) -> list[PickupArrival]:
        params = {"location_id": location_id}
        body = self._json("GET", "/pickup-arrivals", "pickup arrivals", params=params, verbatim=True)
        return _records(pickup_arrival_from_record, body, "pickup arrivals")

    def assistance_calls(self, store_id: str, since: datetime) -> list[AssistanceCall]:
        params = {"store_id": store_id, "since": since.isoformat()}
        body = self._json("GET", "/assistance-calls", "calls for an associate", params=params, verbatim=True)
        return _records(assistance_call_from_record, body, "calls for an associate")


def _records(read: Callable[[Mapping[str, Any]], T], body: Any, what: str) -> list[T]:
    if not isinstance(body, list):
        raise BackendProtocolError(f"the demo store's {what} are not a list")
    return [_record(read, item, what) for item in body]


def _record(read: Callable[[Mapping[str, Any]], T], body: Any, what: str) -> T:
    """A record the store sent, read; BackendProtocolError when it is not what the API promises."""
    if not isinstance(body, dict):
        raise BackendProtocolError(f"the demo store's {what} is not a JSON object")
    try:
        return read(body)
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise BackendProtocolError(f"the demo store's {what} is malformed: {exc!r}") from None


def _receipt(body: Any, what: str) -> OrderReceipt:
    return _record(receipt_from_record, body, f"{what} receipt")


def _reason(response: httpx.Response) -> RejectionReason:
    """Why the store refused, as it says in its error body (a product gone, a contact refused); OTHER if not."""
    try:
        body = response.json()
    except ValueError:
        return RejectionReason.OTHER
    reason = body.get("reason") if isinstance(body, dict) else None
    try:
        return RejectionReason(reason) if isinstance(reason, str) else RejectionReason.OTHER
    except ValueError:
        return RejectionReason.OTHER


def _error_text(response: httpx.Response) -> str:
    """The store's {"error": "..."} message, or the start of whatever else came back."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:200] or response.reason_phrase
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        return str(body["error"])
    return response.text[:200]


class _ResponseReader:
    """read(n)/tell() over a streamed HTTP body, as the export's frame reader wants; a transport failure in
    the middle becomes CatalogSnapshotError, so the sync falls back to pages instead of failing."""

    def __init__(self, response: httpx.Response) -> None:
        self._chunks: Iterator[bytes] = response.iter_bytes()  # as the data arrives
        self._buffer = bytearray()
        self._offset = 0  # bytes of the body already handed out
        self._done = False

    def read(self, size: int, /) -> bytes:
        while len(self._buffer) < size and not self._done:
            try:
                chunk = next(self._chunks, None)
            except httpx.HTTPError as exc:
                raise CatalogSnapshotError(
                    f"the demo catalog export download broke off ({type(exc).__name__})"
                ) from None
            if chunk is None:
                self._done = True
            else:
                self._buffer += chunk
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        self._offset += len(data)
        return data

    def tell(self) -> int:
        return self._offset
