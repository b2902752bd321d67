"""Pay on the phone on real Vendure (issue 15 item 3): the KioskPlugin's pay page behind the kiosk's pay link,
paid through the test payment provider `kiosk-test-pay` (a real Vendure PaymentMethodHandler), settled by the
provider's signed webhook or cancelled when the session times out; the kiosk reads the payment's state."""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import replace
from urllib.parse import urlsplit

import httpx
import pytest

from kiosk.backends.vendure.backend import VendureBackend
from kiosk.backends.vendure.server import VendureServer
from kiosk.core.handoff import payment_link
from kiosk.core.order import Order, PaymentChoice
from kiosk.core.order_tracking import PaymentState, TrackingState
from tests.fixtures.vendure import PAY_SESSION_TIMEOUT_S, PAY_WEBHOOK_SECRET, VendureAdmin, sample_order

GOOD_CARD = "4242 4242 4242 4242"
DECLINED_CARD = "4000 0000 0000 0002"


def pay_url(server: VendureServer, order: Order) -> str:
    """The kiosk's link with the store host's /pay/ mapped to the plugin's /kiosk-pay/, as the proxy does."""
    path = urlsplit(payment_link(order, "shop.example.com")).path
    assert path.startswith("/pay/")
    return f"{server.base_url}/kiosk-pay/{path.removeprefix('/pay/')}"


def pay_page(server: VendureServer, order: Order, language: str = "en") -> str:
    reply = httpx.get(pay_url(server, order), headers={"Accept-Language": language}, timeout=30)
    assert reply.status_code == 200, reply.text
    return reply.text


def pay(server: VendureServer, order: Order, card: str, language: str = "en") -> str:
    reply = httpx.post(pay_url(server, order), data={"card": card}, headers={"Accept-Language": language}, timeout=30)
    assert reply.status_code == 200, reply.text
    return reply.text


def transaction_id(admin: VendureAdmin, order: Order) -> str:
    reply = admin.query(
        """query ($c: String!) { orders(options: { filter: { kioskClientOrderId: { eq: $c } } }) {
             items { payments { transactionId state } } } }""",
        {"c": order.client_order_id},
    )
    (found,) = reply["orders"]["items"]
    return str(next(p["transactionId"] for p in reversed(found["payments"]) if p["state"] == "Authorized"))


def webhook(server: VendureServer, transaction: str, status: str, secret: str = PAY_WEBHOOK_SECRET) -> httpx.Response:
    """The provider calling back: the signature is HMAC-SHA256 of "<transactionId>.<status>" with the secret."""
    signature = hmac.new(secret.encode(), f"{transaction}.{status}".encode(), hashlib.sha256).hexdigest()
    return httpx.post(
        f"{server.base_url}/kiosk-pay-webhook",
        json={"transactionId": transaction, "status": status},
        headers={"X-Kiosk-Pay-Signature": signature},
        timeout=30,
    )


def phone_order(number: str) -> Order:
    order = sample_order(number=number, quantity=2)
    return replace(order, payment=PaymentChoice.PAY_ON_PHONE)


def payment_state(backend: VendureBackend, order: Order) -> PaymentState:
    tracking = backend.order_tracking(order.client_order_id)
    assert tracking is not None
    return tracking.payment_state


def test_the_pay_page_shows_the_order_in_the_shoppers_language_and_nothing_personal(
    vendure_backend: VendureBackend, vendure_server: VendureServer
) -> None:
    order = phone_order("K-1501")
    vendure_backend.submit_order(order)
    tracking = vendure_backend.order_tracking(order.client_order_id)
    assert tracking is not None and tracking.total is not None
    english = pay_page(vendure_server, order, "en-GB,en;q=0.9")
    spanish = pay_page(vendure_server, order, "es-ES,es;q=0.9,en;q=0.5")
    assert "Pay for your order" in english and "Order K-1501" in english and 'lang="en"' in english
    assert "Paga tu pedido" in spanish and "Pedido K-1501" in spanish and 'lang="es"' in spanish
    for page in (english, spanish):
        assert '<span class="qty">2</span>' in page and 'name="card"' in page
    amount = tracking.total.amount
    grouped = f"{amount:,.2f}" if amount >= 10000 else f"{amount:.2f}"  # es-ES groups from 5 digits
    spanish_total = grouped.replace(",", " ").replace(".", ",").replace(" ", ".") + "\xa0€"
    assert f'<strong id="total">€{amount:,.2f}</strong>' in english
    assert f'<strong id="total">{spanish_total}</strong>' in spanish
    assert '<html lang="es">' in pay_page(vendure_server, order, "fr-FR,es;q=0.8")  # the first of es/en
    contact = order.contact
    address = order.shipping_address
    assert contact is not None and address is not None
    for personal in (contact.first_name, contact.last_name, contact.email, contact.phone, address.street, address.postal_code):
        assert personal and personal not in english and personal not in spanish


def test_an_unknown_or_malformed_link_is_a_plain_not_found(vendure_server: VendureServer) -> None:
    for tail in ("00000000-0000-4000-8000-000000000000", "nonsense"):
        reply = httpx.get(f"{vendure_server.base_url}/kiosk-pay/{tail}", headers={"Accept-Language": "es"}, timeout=30)
        assert reply.status_code == 404 and "No hay ningún pedido que pagar en este enlace." in reply.text


def test_declined_then_authorised_then_settled_by_the_signed_webhook(
    vendure_backend: VendureBackend, vendure_server: VendureServer, vendure_admin: VendureAdmin
) -> None:
    order = phone_order("K-1502")
    vendure_backend.submit_order(order)
    assert payment_state(vendure_backend, order) is PaymentState.PENDING

    assert "The payment was declined. Try another card." in pay(vendure_server, order, DECLINED_CARD)
    assert payment_state(vendure_backend, order) is PaymentState.DECLINED
    page = pay(vendure_server, order, GOOD_CARD)
    assert "Payment authorised: waiting for the bank to confirm." in page and 'name="card"' not in page
    assert payment_state(vendure_backend, order) is PaymentState.AUTHORIZED

    transaction = transaction_id(vendure_admin, order)
    assert webhook(vendure_server, transaction, "paid", secret="wrong").status_code == 401
    assert payment_state(vendure_backend, order) is PaymentState.AUTHORIZED
    assert webhook(vendure_server, transaction, "paid").status_code == 200
    tracking = vendure_backend.order_tracking(order.client_order_id)
    assert tracking is not None and tracking.payment_state is PaymentState.SETTLED
    assert tracking.state is TrackingState.PAID
    assert webhook(vendure_server, transaction, "paid").text == "payment is Settled"  # a resent callback
    assert "This order is paid. Thank you!" in pay_page(vendure_server, order)


def test_a_session_the_provider_never_confirms_is_cancelled_and_the_shopper_can_try_again(
    vendure_backend: VendureBackend, vendure_server: VendureServer
) -> None:
    order = phone_order("K-1503")
    vendure_backend.submit_order(order)
    pay(vendure_server, order, GOOD_CARD)
    assert payment_state(vendure_backend, order) is PaymentState.AUTHORIZED
    deadline = time.monotonic() + PAY_SESSION_TIMEOUT_S + 15
    while payment_state(vendure_backend, order) is not PaymentState.EXPIRED:
        if time.monotonic() > deadline:
            pytest.fail(f"the payment session was not cancelled {PAY_SESSION_TIMEOUT_S + 15} s after it started")
        time.sleep(0.5)
    page = pay_page(vendure_server, order, "es")
    assert "El pago no se completó a tiempo. Puedes volver a intentarlo." in page and 'name="card"' in page
    pay(vendure_server, order, GOOD_CARD)
    assert payment_state(vendure_backend, order) is PaymentState.AUTHORIZED
