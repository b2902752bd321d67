"""Each fault the proxy injects, seen through the real VendureBackend against the real Vendure."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from kiosk.backends.vendure.backend import VendureBackend
from kiosk.backends.vendure.credentials import VendureCredentials
from kiosk.core.errors import BackendUnavailableError
from tests.faults.harness import Target
from tests.faults.proxy import Fault, FaultMix, FaultProxy
from tests.fixtures.vendure import sample_order

DRAFTS = "query($n:String!){orders(options:{filter:{kioskOrderNumber:{eq:$n}}}){items{state}}}"


@pytest.fixture
def proxy(fault_target: Target) -> Iterator[FaultProxy]:
    with FaultProxy(fault_target.host, fault_target.port, delay_s=1.5) as running:
        yield running


def _backend(proxy: FaultProxy, target: Target, timeout_s: float = 1.0) -> VendureBackend:
    """The placing request gets the same short timeout as the others here: these tests time faults against it."""
    return VendureBackend(
        proxy.url(target.admin_path), proxy.url(target.shop_path), VendureCredentials(api_key=target.api_key),
        timeout_s=timeout_s, order_timeout_s=timeout_s, currency="EUR",
    )  # fmt: skip


def test_pass_forwards_every_request(proxy: FaultProxy, fault_target: Target) -> None:
    backend = _backend(proxy, fault_target)
    for _ in range(3):
        backend.ping()
    assert proxy.counts == {Fault.PASS: 3}
    backend.close()


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        (Fault.DELAY, "Vendure did not answer ping within 1 s ({url})"),
        (Fault.LATE, "Vendure did not answer ping within 1 s ({url})"),
        (Fault.BLACKHOLE, "Vendure did not answer ping within 1 s ({url})"),
        (Fault.DROP, "Cannot reach Vendure for ping at {url} (RemoteProtocolError)"),
    ],
)
def test_each_fault_is_an_unavailable_backend_with_its_exact_message(
    proxy: FaultProxy, fault_target: Target, fault: Fault, message: str
) -> None:
    backend = _backend(proxy, fault_target)
    proxy.set_mode(fault)
    started = time.monotonic()
    with pytest.raises(BackendUnavailableError) as info:
        backend.ping()
    assert str(info.value) == message.format(url=proxy.url(fault_target.admin_path))
    assert time.monotonic() - started < 1.4  # the client's timeout decides, not the proxy's delay
    backend.close()


def test_reset_is_a_connection_failure(proxy: FaultProxy, fault_target: Target) -> None:
    backend = _backend(proxy, fault_target)
    proxy.set_mode(Fault.RESET)
    with pytest.raises(
        BackendUnavailableError, match=r"^Cannot reach Vendure for ping at .* \((ReadError|RemoteProtocolError)\)$"
    ):
        backend.ping()
    backend.close()


def test_a_dropped_reply_still_commits_and_the_retry_returns_the_same_order(
    proxy: FaultProxy, fault_target: Target
) -> None:
    """The order is placed but the kiosk never hears it; the retry must find it, not place a second one."""
    backend = _backend(proxy, fault_target, timeout_s=5.0)
    order = sample_order(number="PROXY-DROP-1")
    proxy.set_mix(FaultMix({Fault.PASS: 1}, {"KioskPlaceOrder": {Fault.DROP: 1}}))
    with pytest.raises(BackendUnavailableError, match="for place order"):
        backend.submit_order(order)
    placed = fault_target.admin_query(DRAFTS, {"n": "PROXY-DROP-1"})["orders"]["items"]
    assert [o["state"] for o in placed] == ["ArrangingPayment"]  # committed behind the lost reply
    proxy.set_mode(Fault.PASS)
    receipt = backend.submit_order(order)
    assert receipt.state == "ArrangingPayment"
    assert len(fault_target.admin_query(DRAFTS, {"n": "PROXY-DROP-1"})["orders"]["items"]) == 1
    backend.close()


def test_a_late_request_lands_after_the_client_gave_up(proxy: FaultProxy, fault_target: Target) -> None:
    backend = _backend(proxy, fault_target, timeout_s=0.5)
    order = sample_order(number="PROXY-LATE-1")
    proxy.set_mix(FaultMix({Fault.PASS: 1}, {"KioskPlaceOrder": {Fault.LATE: 1}}))
    with pytest.raises(BackendUnavailableError, match="did not answer place order"):
        backend.submit_order(order)
    assert fault_target.admin_query(DRAFTS, {"n": "PROXY-LATE-1"})["orders"]["items"] == []

    def landed() -> bool:
        return len(fault_target.admin_query(DRAFTS, {"n": "PROXY-LATE-1"})["orders"]["items"]) == 1

    deadline = time.monotonic() + 5
    while not landed():
        assert time.monotonic() < deadline, "the held request never reached Vendure"
        time.sleep(0.1)
    backend.close()
