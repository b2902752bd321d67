"""Promotions against the real Vendure server: created in the Admin API, read by the kiosk account, and the
kiosk's offline pricing agrees with the discount Vendure puts on the placed order."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kiosk.app import Services
from kiosk.backends.vendure.backend import VendureBackend
from kiosk.backends.vendure.promotions import UnsupportedPromotion, map_promotion
from kiosk.backends.vendure.server import VendureServer
from kiosk.config import load_config
from kiosk.core.cart import Cart, CartLine
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money
from kiosk.core.ports import PromotionSource
from kiosk.core.promotions import PromotionKind, apply_promotions
from tests.fixtures.vendure import VendureAdmin, sample_order

CREATE = """
mutation ($input: CreatePromotionInput!) {
  createPromotion(input: $input) { ... on Promotion { id } ... on ErrorResult { errorCode message } }
}
"""
DELETE = "mutation ($id: ID!) { deletePromotion(id: $id) { result } }"
VARIANT = "query ($id: ID!) { productVariant(id: $id) { id sku priceWithTax currencyCode } }"
PLACED = """
query ($id: String!) {
  orders(options: { filter: { kioskClientOrderId: { eq: $id } } }) {
    items { subTotalWithTax discounts { description amountWithTax } lines { productVariant { id } discountedLinePriceWithTax } }
  }
}
"""


def _operation(code: str, **args: object) -> dict[str, Any]:
    return {"code": code, "arguments": [{"name": k, "value": v if isinstance(v, str) else json.dumps(v)}
                                        for k, v in args.items()]}  # fmt: skip


@pytest.fixture
def made(vendure_admin: VendureAdmin) -> Iterator[list[str]]:
    """Ids of promotions a test creates, deleted afterwards so no other test's order is discounted."""
    ids: list[str] = []
    yield ids
    for pid in ids:
        vendure_admin.query(DELETE, {"id": pid})


def _create(admin: VendureAdmin, made: list[str], name: str, conditions: list[dict[str, Any]],
            actions: list[dict[str, Any]], **extra: object) -> str:  # fmt: skip
    translations = [{"languageCode": "en", "name": name}, {"languageCode": "es", "name": f"{name} (es)"}]
    created = admin.query(CREATE, {"input": {"enabled": True, "conditions": conditions, "actions": actions,
                                             "translations": translations, **extra}})["createPromotion"]  # fmt: skip
    assert "id" in created, created
    made.append(str(created["id"]))
    return str(created["id"])


def test_a_promotion_made_in_the_admin_reaches_the_kiosk_and_prices_as_vendure_does(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin, made: list[str]
) -> None:
    ends = (datetime.now(UTC) + timedelta(days=5)).replace(microsecond=0)
    any_order = [_operation("minimum_order_amount", amount=1, taxInclusive=True)]  # Vendure needs a condition
    pid = _create(vendure_admin, made, "Twenty off", any_order,
                  [_operation("products_percentage_discount", discount="20", productVariantIds=["11"])],
                  endsAt=ends.isoformat())  # fmt: skip
    coupon = _create(vendure_admin, made, "Five off", [_operation("minimum_order_amount", amount=2000, taxInclusive=True)],
                     [_operation("order_fixed_discount", discount=500)], couponCode="KIOSK5")  # fmt: skip
    facet = _create(vendure_admin, made, "By facet", [],
                    [_operation("facet_based_discount", discount="10", facets=["1"])], couponCode="FACET10")  # fmt: skip
    assert isinstance(vendure_backend, PromotionSource)
    promotions = {p.id: p for p in vendure_backend.promotions()}
    twenty = promotions[pid]
    assert twenty.kind is PromotionKind.PERCENT_OFF and twenty.percent == Decimal(20)
    assert twenty.variant_ids == frozenset({"11"}) and twenty.ends_at == ends and twenty.coupon_code is None
    assert twenty.name == LocalizedText("Twenty off", "Twenty off (es)")
    five = promotions[coupon]
    assert (five.kind, five.amount, five.minimum_order, five.coupon_code) == (
        PromotionKind.FIXED_OFF, Money.of("5.00", "EUR"), Money.of("20.00", "EUR"), "KIOSK5")  # fmt: skip
    assert facet not in promotions  # the kiosk cannot price it offline, so it shows no such offer

    variant = vendure_admin.query(VARIANT, {"id": "11"})["productVariant"]
    price = Money.from_minor(int(variant["priceWithTax"]), str(variant["currencyCode"]))
    cart = Cart("EUR", (CartLine("11", "p", str(variant["sku"]), LocalizedText.same("x"), "", price, 3),))
    offline = apply_promotions(cart, promotions.values(), datetime.now(UTC))
    assert offline.saving_for("11").amount > 0

    order = sample_order(number="K-1901", variant_id="11", quantity=3)
    vendure_backend.submit_order(order)
    (placed,) = vendure_admin.query(PLACED, {"id": order.client_order_id})["orders"]["items"]
    assert Money.from_minor(int(placed["subTotalWithTax"]), "EUR") == offline.total
    assert [d["description"] for d in placed["discounts"]] == ["Twenty off"]


@pytest.mark.parametrize(
    ("raw_change", "reason"),
    [
        ({"usageLimit": 100}, "usage limits are counted by the backend only"),
        ({"actions": []}, "0 actions (the kiosk computes exactly one)"),
        ({"conditions": [{"code": "minimum_order_amount", "args": [{"name": "amount", "value": "100"},
                                                                    {"name": "taxInclusive", "value": "false"}]}]},
         "a minimum order before tax (the kiosk's prices include tax)"),
        ({"conditions": [{"code": "contains_products", "args": []}]}, "condition contains_products"),
        ({"actions": [{"code": "order_line_fixed_discount", "args": [{"name": "discount", "value": "100"}]}]},
         "action order_line_fixed_discount"),
    ],
)  # fmt: skip
def test_what_the_kiosk_cannot_price_offline_is_named(raw_change: dict[str, Any], reason: str) -> None:
    raw: dict[str, Any] = {
        "id": "9", "enabled": True, "couponCode": None, "startsAt": None, "endsAt": None,
        "perCustomerUsageLimit": None, "usageLimit": None, "translations": [{"languageCode": "en", "name": "X"}],
        "conditions": [], "actions": [{"code": "order_percentage_discount", "args": [{"name": "discount", "value": "10"}]}],
    }  # fmt: skip
    assert map_promotion(raw, "EUR").percent == Decimal(10)
    with pytest.raises(UnsupportedPromotion) as error:
        map_promotion(raw | raw_change, "EUR")
    assert str(error.value) == reason


PRODUCT_OF = "query ($id: ID!) { productVariant(id: $id) { productId } }"
UPDATE = "mutation ($input: UpdatePromotionInput!) { updatePromotion(input: $input) { ... on Promotion { id } } }"


def test_a_promotion_made_in_the_admin_shows_on_the_kiosk_after_the_next_pass_and_offline(
    vendure_backend: VendureBackend, vendure_server: VendureServer, vendure_admin: VendureAdmin, made: list[str],
    tmp_path: Path,
) -> None:
    config = load_config(env={**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data"), "KIOSK_LANGUAGE": "en"})
    services = Services.build(config, backend=vendure_backend)
    try:
        services.sync()
        services.refresh_promotions()
        assert services.offers is not None
        product_id = str(vendure_admin.query(PRODUCT_OF, {"id": "11"})["productVariant"]["productId"])
        assert vendure_backend.products_of(["11", "999999"]) == {"11": product_id}  # what the cards are keyed by
        assert services.offers.product_badge(product_id) is None
        any_order = [_operation("minimum_order_amount", amount=1, taxInclusive=True)]
        pid = _create(vendure_admin, made, "Quarter off", any_order,
                      [_operation("products_percentage_discount", discount="25", productVariantIds=["11"])])  # fmt: skip
        services.sync()  # the next pass
        assert services.refresh_promotions()
        assert services.offers.product_badge(product_id) == LocalizedText("−25%", "−25 %")
        offer = services.offers.variant_offer(product_id, "11", Money.of("100.00", "EUR"))
        assert (offer.price, offer.was) == (Money.of("75.00", "EUR"), Money.of("100.00", "EUR"))
    finally:
        services.close()
    # a restart with the server unreachable: the offer comes from the cache
    unreachable = VendureBackend("http://127.0.0.1:9/admin-api", "http://127.0.0.1:9/shop-api",
                                 vendure_server.kiosk_credentials())  # fmt: skip
    offline = Services.build(config, backend=unreachable)
    try:
        assert offline.offers is not None and [p.id for p in offline.offers.promotions] == [pid]
        assert not offline.refresh_promotions()
        assert offline.offers.product_badge(product_id) == LocalizedText("−25%", "−25 %")
    finally:
        unreachable.close()
        offline.close()
    # disabled in the admin: gone after the next pass
    vendure_admin.query(UPDATE, {"input": {"id": pid, "enabled": False}})
    again = Services.build(config, backend=vendure_backend)
    try:
        again.sync()  # the next pass: the journal says a promotion changed, so they are read again
        assert again.refresh_promotions()
        assert again.offers is not None and again.offers.product_badge(product_id) is None
    finally:
        again.close()
