"""The shopper's side of the demo store served over HTTP: what happens when a connection drops after the store
acted (a return, a published cart, a cart link, an enrolment must not happen twice), and what bad input gets.

Real parts: the store runs in its own process on 127.0.0.1 (tests.fixtures.demo_store.ServedDemoStore); a lost
answer is made two ways: a transport under the client that reads the store's whole answer and then reports the
connection cut, and the fault proxy (tests/faults/proxy.py) closing the socket after the store answered. The
journeys themselves, against both stores, are in test_demo_omnichannel.py and test_loyalty_membership.py; the
store's companions (line re-check, order tracking, pickup arrivals, calls for an associate) are compared here.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from kiosk.backends.demo.backend import DemoBackend
from kiosk.backends.demo.remote import ACTION_RESENDS, RemoteDemoBackend
from kiosk.backends.demo.remote_records import IDEMPOTENCY_HEADER, REPLAYED_HEADER
from kiosk.core.assistance import AssistanceBoard
from kiosk.core.cart import CartItemRef
from kiosk.core.customer import CustomerLookup, PastOrder
from kiosk.core.enrolment import ContactKind, EnrolmentOutcome, enrolment_request
from kiosk.core.errors import BackendRejectedError, BackendUnavailableError
from kiosk.core.events import EventKind, KioskEvent
from kiosk.core.order import FulfilmentKind, Order, OrderContact, OrderLine, PaymentChoice
from kiosk.core.order_tracking import ArrivalBoard, OrderTracker, TrackingState
from kiosk.core.services.recheck import LineChecker
from tests.faults.proxy import Fault, FaultProxy
from tests.fixtures.demo_store import ServedDemoStore

SIZE = 300


class Store:
    """A served store and the same store file opened in this process, to count what the store did."""

    def __init__(self, data_dir: Path) -> None:
        self.served = ServedDemoStore(data_dir, SIZE)
        self.url = self.served.url
        self.local = DemoBackend(data_dir, catalog_size=SIZE)

    def count(self, sql: str, *args: object) -> int:
        conn = sqlite3.connect(self.local.path)
        try:
            return int(conn.execute(sql, args).fetchone()[0])
        finally:
            conn.close()

    def stop(self) -> None:
        self.local.close()
        self.served.stop()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "demo")
    yield s
    s.stop()


class DropAnswers(httpx.BaseTransport):
    """Sends each request to the store and reads its whole answer, then, for the first `drops` requests to
    `path`, reports the connection cut instead: the store acted, the kiosk never heard."""

    def __init__(self, path: str, drops: int) -> None:
        self._inner = httpx.HTTPTransport()
        self.path = path
        self.drops = drops
        self.sent: list[tuple[str, str | None, str | None]] = []  # (path, idempotency key, replayed) as answered

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        response.read()
        self.sent.append(
            (request.url.path, request.headers.get(IDEMPOTENCY_HEADER), response.headers.get(REPLAYED_HEADER))
        )
        if request.url.path == self.path and self.drops > 0:
            self.drops -= 1
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)
        return response

    def close(self) -> None:
        self._inner.close()


def _client(store: Store, path: str, drops: int) -> tuple[RemoteDemoBackend, DropAnswers]:
    transport = DropAnswers(path, drops)
    return RemoteDemoBackend(store.url, transport=transport), transport


def _returnable(store: Store) -> PastOrder:
    """A delivered web order of the first member (the store's generated history)."""
    customer = store.local.customers()[0]
    return store.local.customer_orders(customer.id, 5)[-1]


def test_a_return_whose_answer_was_lost_is_recorded_once(store: Store) -> None:
    past = _returnable(store)
    line = past.lines[0]
    client, transport = _client(store, "/v1/returns", drops=1)
    try:
        receipt = client.start_return(past.code, [(line.variant_id, 1)], "wrong_size")
    finally:
        client.close()
    assert receipt.return_id == "RET-000001" and receipt.lines == ((line.variant_id, 1),)
    assert store.count("SELECT count(*) FROM returns WHERE order_code=?", past.code) == 1
    sent = [x for x in transport.sent if x[0] == "/v1/returns"]
    assert len(sent) == 2 and sent[0][1] == sent[1][1]  # the same key twice
    assert [x[2] for x in sent] == ["false", "true"]  # acted once, then answered from the book


def test_a_published_cart_and_its_link_whose_answers_were_lost_happen_once(store: Store) -> None:
    product = store.local.catalog_changes(None, 1).products[0]
    lines = [CartItemRef(product.variants[0].id, product.variants[0].sku, 1)]
    published, _ = _client(store, "/v1/handoff-carts", drops=2)
    try:
        link = published.publish_cart(lines, "c0001")
        assert store.count("SELECT count(*) FROM handoff_carts WHERE origin='kiosk'") == 1
        assert published.handoff_cart(link.cart_id) is not None  # the cart the kiosk shows is the one kept
    finally:
        published.close()
    linked, _ = _client(store, "/v1/cart-links", drops=1)
    try:
        linked.send_cart_link("c0001", link)
    finally:
        linked.close()
    assert store.local.messages("c0001") == [("cart_link", link.url)]


def test_an_enrolment_whose_answer_was_lost_creates_one_member_and_says_created(store: Store) -> None:
    email = f"nuria.{uuid.uuid4().hex[:8]}@example.com"
    request = enrolment_request(
        ContactKind.EMAIL, email, first_name="Nuria", consent=True, language="es", store_id="s", device_id="k"
    )
    client, _ = _client(store, "/v1/enrolments", drops=1)
    try:
        result = client.enrol(request)  # asked again, the store would say ALREADY_MEMBER: the book answers
    finally:
        client.close()
    assert result.outcome is EnrolmentOutcome.CREATED and result.customer is not None
    assert store.count("SELECT count(*) FROM customers WHERE email=?", email) == 1
    assert len(store.local.loyalty_consents(result.customer.id)) == 1


def test_a_confirmation_whose_answer_was_lost_is_sent_once_through_the_fault_proxy(store: Store) -> None:
    """The same through real sockets: the proxy forwards, the store answers, the proxy closes without replying."""
    customer = store.local.customers()[0]
    past = store.local.customer_orders(customer.id, 1)[0]
    upstream = httpx.URL(store.url)
    assert upstream.host == "127.0.0.1" and upstream.port is not None
    with FaultProxy(upstream.host, upstream.port) as proxy:
        proxy.set_sequence([Fault.DROP])
        client = RemoteDemoBackend(proxy.url(""))
        try:
            client.resend_order_confirmation(past.code)
            returned = client.start_return(past.code, [(past.lines[0].variant_id, 1)], "damaged")  # passes
        finally:
            client.close()
        assert proxy.counts == {Fault.DROP: 1, Fault.PASS: 2}
    assert store.local.messages(customer.id) == [("order_confirmation", past.code)]
    assert returned.return_id == "RET-000001"


def test_when_every_attempt_is_cut_the_kiosk_hears_offline_and_the_store_acted_once(store: Store) -> None:
    customer = store.local.customers()[0]
    past = store.local.customer_orders(customer.id, 1)[0]
    client, transport = _client(store, "/v1/order-confirmations", drops=ACTION_RESENDS + 1)
    try:
        with pytest.raises(BackendUnavailableError) as info:
            client.resend_order_confirmation(past.code)
    finally:
        client.close()
    assert str(info.value) == (
        f"cannot reach the demo store for resending an order confirmation at {store.url} (RemoteProtocolError)"
    )
    assert [x[2] for x in transport.sent] == ["false"] + ["true"] * ACTION_RESENDS
    assert store.local.messages(customer.id) == [("order_confirmation", past.code)]


def test_the_same_key_at_once_from_two_connections_acts_once(store: Store) -> None:
    past = _returnable(store)
    body = {"order_code": past.code, "lines": [[past.lines[0].variant_id, 1]], "reason": "wrong_size"}
    key = str(uuid.uuid4())
    answers: list[httpx.Response] = []
    start = threading.Barrier(2)

    def send() -> None:
        start.wait()
        answers.append(httpx.post(store.url + "/v1/returns", json=body, headers={IDEMPOTENCY_HEADER: key}))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert [a.status_code for a in answers] == [200, 200]
    assert answers[0].json() == answers[1].json()
    assert sorted(a.headers[REPLAYED_HEADER] for a in answers) == ["false", "true"]
    assert store.count("SELECT count(*) FROM returns") == 1


def test_a_key_used_for_another_request_is_refused(store: Store) -> None:
    key = str(uuid.uuid4())
    first = httpx.post(store.url + "/v1/order-confirmations", json={"order_code": _returnable(store).code},
                       headers={IDEMPOTENCY_HEADER: key})  # fmt: skip
    assert first.status_code == 200 and first.json() == {"sent": True}
    other = httpx.post(store.url + "/v1/wishlist", json={"customer_id": "c0001", "product_id": "p0000003",
                       "wished": True}, headers={IDEMPOTENCY_HEADER: key})  # fmt: skip
    assert other.status_code == 409
    assert other.json() == {"error": f"the Idempotency-Key '{key}' was used for another request"}
    blank = httpx.post(
        store.url + "/v1/order-confirmations", json={"order_code": "X"}, headers={IDEMPOTENCY_HEADER: ""}
    )
    assert blank.status_code == 400
    assert blank.json() == {"error": "the Idempotency-Key header must be 1 to 200 printable ASCII characters"}


def test_a_refusal_is_not_kept_so_the_same_key_asks_again(store: Store) -> None:
    """A refused request changed nothing: once the order is known, the same key acts."""
    key = str(uuid.uuid4())
    body = {"order_code": "WEB-NOPE"}
    refused = httpx.post(store.url + "/v1/order-confirmations", json=body, headers={IDEMPOTENCY_HEADER: key})
    assert refused.status_code == 422 and refused.json() == {"error": "no order WEB-NOPE"}
    assert httpx.post(store.url + "/v1/order-confirmations", json=body, headers={IDEMPOTENCY_HEADER: key}).json() == {
        "error": "no order WEB-NOPE"
    }


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "error"),
    [
        ("POST", "/v1/customer-lookup", {"by": "card", "value": "1"}, 400,
         "by must be one of loyalty_number, app_token, email, phone, got 'card'"),
        ("POST", "/v1/customer-lookup", {"by": "email"}, 400, "value must be a string, got None"),
        ("POST", "/v1/customer-lookup", ["email", "x"], 400,
         'the body must be a JSON object {"by": "loyalty_number", "value": "..."}'),
        ("POST", "/v1/returns", {"order_code": 5, "lines": [], "reason": "x"}, 400, "order_code must be a string, got 5"),
        ("POST", "/v1/returns", {"order_code": "W", "lines": [["p0000001-v01", "1"]], "reason": "x"}, 400,
         "the return's lines are malformed: a return line is [variant id, quantity], got ['p0000001-v01', '1']"),
        ("POST", "/v1/handoff-carts", {"lines": [["p0000001-v01", "SKU", 1.5]]}, 400,
         "the cart lines are malformed: a cart line's quantity must be an integer, got 1.5"),
        ("POST", "/v1/handoff-carts", {"lines": [], "customer_id": 7}, 400,
         "customer_id must be a string or null, got 7"),
        ("POST", "/v1/cart-links", {"customer_id": "c0001", "cart_id": "x"}, 400,
         "the cart link is malformed: KeyError('url')"),
        ("POST", "/v1/wishlist", {"customer_id": "c0001", "product_id": "p0000003", "wished": "yes"}, 400,
         "wished must be true or false, got 'yes'"),
        ("POST", "/v1/enrolments", {"kind": "email", "contact": "a@b.es"}, 400,
         "the enrolment is malformed: first_name must be a string, got None"),
        ("POST", "/v1/enrolments", {"kind": "fax", "contact": "1", "first_name": "A", "language": "es",
                                    "consent_version": "1", "consent_text": "t", "store_id": "s", "device_id": "d"},
         400, "the enrolment is malformed: 'fax' is not a valid ContactKind"),
        ("GET", "/v1/customer-orders?limit=5", None, 400, "missing parameter 'customer_id'"),
        ("GET", "/v1/customer-orders?customer_id=c9999&limit=5", None, 422, "no customer c9999"),
        ("GET", "/v1/handoff-cart", None, 400, "missing parameter 'cart_id'"),
        ("GET", "/v1/returns", None, 405, "GET is not allowed on /v1/returns"),
    ],
)  # fmt: skip
def test_bad_input_gets_the_exact_message(
    store: Store, method: str, path: str, body: object, status: int, error: str
) -> None:
    answer = httpx.request(method, store.url + path, json=body, timeout=10)
    assert (answer.status_code, answer.json()) == (status, {"error": error})


def test_a_body_that_is_not_json_is_refused_and_nothing_happens(store: Store) -> None:
    answer = httpx.post(store.url + "/v1/returns", content=b"{order", headers={IDEMPOTENCY_HEADER: "k1"})
    assert answer.status_code == 400
    assert answer.json() == {"error": "the body is not JSON: Expecting property name enclosed in double quotes: "
                                      "line 1 column 2 (char 1)"}  # fmt: skip
    assert store.count("SELECT count(*) FROM returns") == 0


def test_unknown_shoppers_and_carts_are_none_and_the_lookup_keeps_the_card_out_of_the_address(store: Store) -> None:
    client = RemoteDemoBackend(store.url)
    try:
        assert client.find_customer(CustomerLookup.LOYALTY_NUMBER, "400000000000") is None
        assert client.find_customer(CustomerLookup.EMAIL, "nobody@example.com") is None
        assert client.handoff_cart(str(uuid.uuid4())) is None
        start = client.traffic.requests
        member = store.local.customers()[0]
        assert client.find_customer(CustomerLookup.LOYALTY_NUMBER, member.loyalty_number) == member
        (exchange,) = client.traffic.since(start)
        assert exchange.path == "/v1/customer-lookup"  # the card number went in the body
        with pytest.raises(BackendRejectedError) as info:
            client.customer_orders("c9999", 5)
        assert str(info.value) == "no customer c9999"  # the store's words, as the embedded store says them
    finally:
        client.close()


def _pickup_order(local: DemoBackend, location: str) -> Order:
    product = local.catalog_changes(None, 1).products[0]
    variant = product.variants[0]
    return Order(
        client_order_id=str(uuid.uuid4()),
        number="K-0107",
        created_at=datetime(2026, 11, 23, 10, 0, tzinfo=UTC),
        store_id=location,
        device_id="kiosk-1",
        lines=(OrderLine(variant.id, variant.sku, variant.gtin, product.name.en, 1, variant.price),),
        fulfilment=FulfilmentKind.PICKUP_STORE,
        payment=PaymentChoice.PAY_AT_COUNTER,
        contact=OrderContact("Ana", "Ruiz", "ana@example.com"),
        shipping_address=None,
        shipping_method=None,
        pickup_location_id=location,
        currency="EUR",
    )


def test_the_stores_companions_over_http_equal_the_embedded_ones(store: Store) -> None:
    """LineChecker, OrderTracker, ArrivalBoard and AssistanceBoard answer over HTTP what the store file says."""
    here, local = "madrid-gran-via", store.local
    client = RemoteDemoBackend(store.url)
    try:
        assert all(isinstance(client, port) for port in (LineChecker, OrderTracker, ArrivalBoard, AssistanceBoard))
        order = _pickup_order(local, here)
        items = [CartItemRef(line.variant_id, line.sku, 1) for line in order.lines]
        gone = CartItemRef("p9999999-v01", "X", 1)
        assert client.check_lines([*items, gone]) == local.check_lines([*items, gone])
        assert set(client.check_lines([*items, gone])) == {items[0].variant_id}  # no longer sold: left out

        assert client.order_tracking(order.client_order_id) is None
        receipt = client.submit_order(order)
        local.set_order_state(order.client_order_id, TrackingState.READY_FOR_PICKUP)
        tracked = client.order_tracking(order.client_order_id)
        expected = local.order_tracking(order.client_order_id)
        assert tracked is not None and expected is not None and tracked.backend_code == receipt.backend_code
        assert tracked == replace(expected, as_of=tracked.as_of)  # each process says "as of" by its own clock
        assert tracked.state is TrackingState.READY_FOR_PICKUP

        now = datetime.now(UTC)
        arrived = KioskEvent(str(uuid.uuid4()), EventKind.PICKUP_ARRIVAL, now, here, "kiosk-2",
                             (("client_order_id", order.client_order_id), ("location_id", here),
                              ("order_number", order.number)))  # fmt: skip
        call = KioskEvent(str(uuid.uuid4()), EventKind.ASSISTANCE, now, here, "kiosk-3", (("page", "product"),))
        client.submit_events([arrived, call])
        assert [a.client_order_id for a in client.pickup_arrivals(here)] == [order.client_order_id]
        assert client.pickup_arrivals(here) == local.pickup_arrivals(here)
        assert client.pickup_arrivals("barcelona-diagonal") == []
        since = now - timedelta(minutes=5)
        assert [c.call_id for c in client.assistance_calls(here, since)] == [call.event_id]
        assert client.assistance_calls(here, since) == local.assistance_calls(here, since)
        assert client.assistance_calls(here, now + timedelta(minutes=1)) == []
    finally:
        client.close()
    naive = httpx.get(store.url + "/v1/assistance-calls", params={"store_id": here, "since": "2026-11-23T10:00:00"})
    assert (naive.status_code, naive.json()) == (
        400,
        {"error": "since must be an ISO time with its UTC offset, got '2026-11-23T10:00:00'"},
    )
