"""The demo store's promotions: the shipped file loads, priced against the real generated catalog, and a bad
file is refused naming the key."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from kiosk.backends.demo import catalog
from kiosk.backends.demo.backend import DemoBackend
from kiosk.backends.demo.data import DemoDataError
from kiosk.backends.demo.promotions import PROMOTIONS_FILE, load_promotions
from kiosk.core.cart import Cart, CartLine
from kiosk.core.errors import BackendUnavailableError
from kiosk.core.money import Money
from kiosk.core.ports import PromotionSource
from kiosk.core.promotions import CouponProblem, PromotionKind, apply_promotions, badges_for, check_coupon
from tests.fakes import FakeClock

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)  # a Monday


@pytest.fixture
def small(tmp_path: Path) -> Iterator[DemoBackend]:
    backend = DemoBackend(tmp_path / "demo", catalog_size=50, clock=FakeClock(NOW))
    yield backend
    backend.close()


def _line(backend: DemoBackend, product_id: str, variant_id: str, quantity: int = 1) -> CartLine:
    product = backend.catalog_changes(None, 50).products
    found = next(p for p in product if p.id == product_id)
    variant = next(v for v in found.variants if v.id == variant_id)
    return CartLine(variant.id, found.id, variant.sku, found.name, "", variant.price, quantity)


def test_the_shipped_promotions_cover_every_kind_and_products_of_the_demo_catalog(small: DemoBackend) -> None:
    assert isinstance(small, PromotionSource)
    promotions = small.promotions()
    assert {p.kind for p in promotions} == set(PromotionKind)
    assert all(p.amount is None or p.amount.currency == catalog.CURRENCY for p in promotions)
    variants = {v.id for p in small.catalog_changes(None, 50).products for v in p.variants}
    for promotion in promotions:
        assert promotion.variant_ids | promotion.free_variant_ids <= variants, promotion.id
    trainers = next(p for p in promotions if p.id == "demo-trainers-20")
    assert trainers.ends_at == datetime(2026, 12, 14, tzinfo=UTC)
    assert [b.en for b in badges_for(["p0000001-v01"], promotions, NOW, frozenset())] == ["−20% until Sunday"]


def test_a_demo_cart_is_priced_with_the_demo_offers_and_codes(small: DemoBackend) -> None:
    promotions = small.promotions()
    shoe = _line(small, "p0000001", "p0000001-v01", 2)
    cart = Cart(catalog.CURRENCY, (shoe,))
    priced = apply_promotions(cart, promotions, NOW, codes=["welcome5"])
    expected_line = (shoe.total * Decimal("0.2")).rounded()
    assert priced.saving_for(shoe.variant_id) == expected_line
    assert shoe.total.amount >= 25  # WELCOME5 needs an order of 25 or more
    assert [(s.promotion_id, s.amount) for s in priced.order_savings] == [("demo-welcome-5", Money.of("5.00", "EUR"))]
    assert priced.total == (shoe.total - expected_line - Money.of("5.00", "EUR")).rounded()
    assert check_coupon("AUTUMN15", promotions, cart, NOW).problem is CouponProblem.EXPIRED
    assert check_coupon("JANUARY25", promotions, cart, NOW).problem is CouponProblem.NOT_YET_VALID
    assert check_coupon("SUMMER", promotions, cart, NOW).problem is CouponProblem.UNKNOWN


def test_promotions_follow_the_outage_switch(small: DemoBackend) -> None:
    small.offline = True
    with pytest.raises(BackendUnavailableError):
        small.promotions()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"kind": "half_price"}, "[0].kind: unknown promotion kind 'half_price'"),
        ({"percent": "lots"}, "[0].percent: expected a decimal number as a string, got 'lots'"),
        ({"percent": "0"}, "[0]: Promotion x: a percentage off must be above 0 and at most 100"),
        ({"ends_after_days": "soon"}, "[0].ends_after_days: expected an integer, got a string"),
        ({"name": {"en": "X"}}, '[0].name: missing key "es"'),
    ],
)
def test_a_bad_promotions_file_names_the_key(tmp_path: Path, entry: dict[str, object], message: str) -> None:
    good: dict[str, object] = {"id": "x", "name": {"en": "X", "es": "X"}, "kind": "percent_off", "percent": "10"}
    file = tmp_path / "promotions.json"
    file.write_text(json.dumps([good | entry]), encoding="utf-8")
    with pytest.raises(DemoDataError) as error:
        load_promotions(file, "EUR", NOW)
    assert str(error.value) == f"{file}: {message}"


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    good = {"id": "x", "name": {"en": "X", "es": "X"}, "kind": "free_shipping"}
    file = tmp_path / "promotions.json"
    file.write_text(json.dumps([good, good]), encoding="utf-8")
    with pytest.raises(DemoDataError) as error:
        load_promotions(file, "EUR", NOW)
    assert str(error.value) == f"{file}: [1].id: duplicate promotion id 'x'"
    assert len(load_promotions(PROMOTIONS_FILE, "EUR", NOW)) == 9
