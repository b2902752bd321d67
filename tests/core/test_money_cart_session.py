from __future__ import annotations

from decimal import Decimal

import pytest

from kiosk.core.cart import Cart, CartError, CartLine
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import CurrencyMismatchError, Money
from kiosk.core.services.outbox_sender import BackoffPolicy
from kiosk.core.services.session import SessionPhase, SessionPolicy


def test_money_is_decimal_only_and_never_mixes_currencies() -> None:
    with pytest.raises(TypeError):
        Money(19.99, "EUR")  # type: ignore[arg-type]
    with pytest.raises(CurrencyMismatchError, match="Cannot combine EUR with USD"):
        Money.of("1", "EUR") + Money.of("1", "USD")
    with pytest.raises(ValueError, match="Not a decimal amount: 'abc'"):
        Money.of("abc", "EUR")
    assert Money.from_minor(1999, "EUR").amount == Decimal("19.99")
    assert Money.of("1234.5", "EUR").format("es") == "1.234,50 €"
    assert Money.of("1234.5", "EUR").format("en") == "€1,234.50"
    assert Money.of("0.125", "EUR").to_minor() == 12


def _line(variant: str, qty: int = 1) -> CartLine:
    return CartLine(variant, "p", "s", LocalizedText("x", "x"), "", Money.of("10", "EUR"), qty)


def test_cart_merges_lines_and_bounds_quantities() -> None:
    cart = Cart("EUR").add(_line("a")).add(_line("a", 2)).add(_line("b"))
    assert cart.item_count == 4 and len(cart.lines) == 2
    assert cart.subtotal == Money.of("40", "EUR")
    assert cart.set_quantity("a", 0).item_count == 1
    with pytest.raises(CartError, match="Quantity must be between 1 and 99") as raised:
        cart.set_quantity("a", 100)
    assert raised.value.text.es == "Puedes llevar de 1 a 99 unidades de cada artículo."  # what the shopper reads
    with pytest.raises(CartError, match="No line for variant zz in the cart") as raised:
        cart.set_quantity("zz", 1)
    assert raised.value.text.en == "That change could not be made to the cart."  # never the ids


def test_session_policy_warns_then_expires() -> None:
    policy = SessionPolicy(idle_timeout_s=60, warning_s=25)
    assert policy.phase(False, 999) is SessionPhase.IDLE
    assert policy.phase(True, 59) is SessionPhase.ACTIVE
    assert policy.phase(True, 61) is SessionPhase.WARNING
    assert policy.seconds_left(61) == 24
    assert policy.phase(True, 85) is SessionPhase.EXPIRED
    with pytest.raises(ValueError, match="at least 20 seconds"):
        SessionPolicy(warning_s=10)


def test_backoff_is_capped_full_jitter_and_honours_retry_after() -> None:
    import random

    policy = BackoffPolicy(base_s=1, cap_s=60)
    rng = random.Random(1)
    delays = [policy.delay(n, rng) for n in range(20)]
    assert all(0 <= d <= 60 for d in delays)
    assert policy.delay(0, rng, retry_after_s=120) == 120
