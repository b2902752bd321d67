"""kioskPlaceOrder against the real Vendure on PostgreSQL: one request per order, retries and duplicates, coupons
word for word, loyalty points earned and redeemed exactly once, lines short of stock."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import ROUND_FLOOR, Decimal
from typing import Any

import httpx
import pytest

from kiosk.backends.vendure.backend import VendureBackend
from kiosk.backends.vendure.server import VendureServer
from kiosk.core.cart import Cart, CartLine
from kiosk.core.errors import BackendRejectedError, BackendUnavailableError
from kiosk.core.i18n import LocalizedText
from kiosk.core.loyalty import RedeemRules, RedemptionError, redeem
from kiosk.core.money import Money
from kiosk.core.order import Order, OrderContact, ShortLine
from kiosk.core.promotions import Promotion, PromotionKind, check_coupon
from tests.fixtures.vendure import VendureAdmin, sample_order

CREATE_PROMOTION = """
mutation ($input: CreatePromotionInput!) {
  createPromotion(input: $input) { ... on Promotion { id } ... on ErrorResult { errorCode message } }
}
"""
DELETE_PROMOTION = "mutation ($id: ID!) { deletePromotion(id: $id) { result } }"
CREATE_CUSTOMER = """
mutation ($input: CreateCustomerInput!) {
  createCustomer(input: $input) { ... on Customer { id } ... on ErrorResult { errorCode message } }
}
"""
POINTS = "query ($id: ID!) { customer(id: $id) { customFields { loyaltyPoints } } }"
PLACED = """
query ($id: String!) {
  orders(options: { filter: { kioskClientOrderId: { eq: $id } } }) {
    totalItems
    items { id code state totalWithTax shippingWithTax couponCodes
            discounts { description amountWithTax } surcharges { sku priceWithTax }
            lines { quantity productVariant { id } } }
  }
}
"""
LEDGER = "query ($id: ID!) { kioskPointsLedger(orderId: $id) { kind points } }"
STOCK = "query ($id: ID!) { productVariant(id: $id) { trackInventory stockLevels { stockLocationId stockOnHand } } }"
SET_STOCK = """
mutation ($input: [UpdateProductVariantInput!]!) { updateProductVariants(input: $input) { id } }
"""
PLACE = """
mutation ($input: KioskOrderInput!) { kioskPlaceOrder(input: $input) { code } }
"""
RULES = RedeemRules(Money.of("0.01", "EUR"))  # the plugin's defaults: 1 cent a point, at least 100, half the total


def _operation(code: str, **args: object) -> dict[str, Any]:
    return {"code": code, "arguments": [{"name": k, "value": v if isinstance(v, str) else json.dumps(v)}
                                        for k, v in args.items()]}  # fmt: skip


class Recording(httpx.BaseTransport):
    """The kiosk's HTTP, counted per GraphQL operation; `lose` answers are dropped after the server handled
    the request (what a reset connection after commit looks like to the kiosk)."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()
        self.operations: list[str] = []
        self.lose = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        query = str(json.loads(request.content)["query"])
        self.operations.append(query.split("(", maxsplit=1)[0].split("{", maxsplit=1)[0].strip())
        response = self._inner.handle_request(request)
        response.read()
        if self.lose:
            self.lose -= 1
            raise httpx.ReadTimeout("the answer was lost", request=request)
        return response

    def close(self) -> None:
        self._inner.close()


def _backend(server: VendureServer, transport: httpx.BaseTransport | None = None) -> VendureBackend:
    return VendureBackend(server.admin_url, server.shop_url, server.kiosk_credentials(), transport=transport)


@pytest.fixture
def recording(vendure_server: VendureServer) -> Iterator[tuple[VendureBackend, Recording]]:
    transport = Recording()
    backend = _backend(vendure_server, transport)
    yield backend, transport
    backend.close()


@pytest.fixture
def promotions(vendure_admin: VendureAdmin) -> Iterator[list[str]]:
    """Ids of promotions a test creates, deleted afterwards so no other test's order is discounted."""
    ids: list[str] = []
    yield ids
    for pid in ids:
        vendure_admin.query(DELETE_PROMOTION, {"id": pid})


def _coupon(admin: VendureAdmin, made: list[str], prefix: str, *, minimum: int = 1, **extra: object) -> str:
    code = f"{prefix}-{uuid.uuid4().hex[:6].upper()}"
    translations = [{"languageCode": "en", "name": f"{prefix} ten off"}]
    created = admin.query(CREATE_PROMOTION, {"input": {
        "enabled": True, "couponCode": code, "translations": translations,
        "conditions": [_operation("minimum_order_amount", amount=minimum, taxInclusive=True)],
        "actions": [_operation("order_percentage_discount", discount="10")], **extra}})["createPromotion"]  # fmt: skip
    assert "id" in created, created
    made.append(str(created["id"]))
    return code


def _member(admin: VendureAdmin, points: int, tier: str = "Gold") -> tuple[str, str]:
    """A new loyalty member (customer id, loyalty number) with `points`: no other test touches the balance."""
    number = str(uuid.uuid4().int)[:12]
    created = admin.query(CREATE_CUSTOMER, {"input": {
        "firstName": "Marta", "lastName": "Puntos", "emailAddress": f"member.{number}@example.com",
        "customFields": {"loyaltyNumber": number, "loyaltyPoints": points, "loyaltyTier": tier}}})["createCustomer"]  # fmt: skip
    assert "id" in created, created
    return str(created["id"]), number


def _balance(admin: VendureAdmin, customer_id: str) -> int:
    return int(admin.query(POINTS, {"id": customer_id})["customer"]["customFields"]["loyaltyPoints"])


def _placed(admin: VendureAdmin, order: Order) -> dict[str, Any]:
    data = admin.query(PLACED, {"id": order.client_order_id})["orders"]
    assert data["totalItems"] == 1, data
    placed: dict[str, Any] = data["items"][0]
    return placed


def _earned(placed: dict[str, Any], rate: Decimal) -> int:
    """kiosk/core/loyalty.py's rule on the goods after discounts (the order total less shipping)."""
    units = Decimal(int(placed["totalWithTax"]) - int(placed["shippingWithTax"])) // 100
    return int((units * rate).to_integral_value(rounding=ROUND_FLOOR))


def _for_member(order: Order, number: str, points: int = 0) -> Order:
    return replace(order, contact=OrderContact("Marta", "Puntos", "", loyalty_number=number), points_to_redeem=points)


# --- one request, retries, duplicates -------------------------------------------------------------------
def test_an_order_is_placed_with_one_request(recording: tuple[VendureBackend, Recording]) -> None:
    backend, transport = recording
    order = sample_order(number="K-2001", variant_id="2", quantity=2)
    receipt = backend.submit_order(order)
    assert transport.operations == ["mutation KioskPlaceOrder"]
    assert receipt.state == "ArrangingPayment" and receipt.total is not None and receipt.total.currency == "EUR"


def test_a_retry_after_a_lost_answer_gets_the_same_order(
    recording: tuple[VendureBackend, Recording], vendure_admin: VendureAdmin
) -> None:
    backend, transport = recording
    customer_id, number = _member(vendure_admin, 0)
    order = _for_member(sample_order(number="K-2002", variant_id="3"), number)
    transport.lose = 1
    with pytest.raises(BackendUnavailableError):
        backend.submit_order(order)
    placed = _placed(vendure_admin, order)  # it was placed: only the answer was lost
    credited = _balance(vendure_admin, customer_id)
    assert credited == _earned(placed, Decimal("1.5")) > 0
    receipt = backend.submit_order(order)
    again = backend.submit_order(order)
    assert receipt == again and receipt.backend_code == placed["code"]
    assert receipt.points_earned == credited and receipt.total == Money.from_minor(int(placed["totalWithTax"]), "EUR")
    assert _balance(vendure_admin, customer_id) == credited  # credited once, whatever the retries
    assert transport.operations == ["mutation KioskPlaceOrder"] * 3


def test_concurrent_duplicates_from_two_kiosk_processes_make_one_order(
    vendure_server: VendureServer, vendure_admin: VendureAdmin
) -> None:
    """Two adapters (as two processes would be) race the same order; the server's per-order lock decides."""
    customer_id, number = _member(vendure_admin, 0, tier="Member")
    order = _for_member(sample_order(number="K-2003", variant_id="4", quantity=3), number)
    backends = [_backend(vendure_server) for _ in range(4)]
    receipts: list[object] = []
    errors: list[BaseException] = []
    start = threading.Barrier(len(backends))

    def submit(backend: VendureBackend) -> None:
        start.wait()
        try:
            receipts.append(backend.submit_order(order))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=submit, args=(b,)) for b in backends]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for backend in backends:
        backend.close()
    assert not errors, errors
    placed = _placed(vendure_admin, order)
    assert [(line["productVariant"]["id"], line["quantity"]) for line in placed["lines"]] == [("4", 3)]
    assert len(receipts) == 4 and len({repr(r) for r in receipts}) == 1
    assert _balance(vendure_admin, customer_id) == _earned(placed, Decimal(1))


def test_orders_of_one_member_placed_at_once_all_land_and_the_balance_adds_up(
    vendure_server: VendureServer, vendure_admin: VendureAdmin
) -> None:
    """Each order's foreign key holds a KEY SHARE lock on the member's row while the balance is locked for the
    points: with FOR UPDATE there, orders of one member placed at once deadlocked."""
    customer_id, number = _member(vendure_admin, 5000, tier="Member")
    orders = [_for_member(sample_order(number=f"K-205{n}", variant_id=str(1 + n)), number, points=100 * (n % 2))
              for n in range(6)]  # fmt: skip
    backends = [_backend(vendure_server) for _ in orders]
    errors: list[BaseException] = []
    start = threading.Barrier(len(orders))

    def submit(backend: VendureBackend, order: Order) -> None:
        start.wait()
        try:
            backend.submit_order(order)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=submit, args=pair) for pair in zip(backends, orders, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    for backend in backends:
        backend.close()
    assert not errors, errors
    earned = sum(_earned(_placed(vendure_admin, order), Decimal(1)) for order in orders)
    assert _balance(vendure_admin, customer_id) == 5000 - 300 + earned


def test_bad_input_is_refused_naming_the_field(vendure_admin: VendureAdmin) -> None:
    base = {
        "clientOrderId": str(uuid.uuid4()), "orderNumber": "K-2004", "storeId": "s", "deviceId": "d",
        "fulfilment": "home_delivery", "payment": "pay_at_counter",
        "lines": [{"variantId": "1", "quantity": 1}],
        "customer": {"firstName": "A", "lastName": "B", "emailAddress": "a.b@example.com"},
        "shippingAddress": {"fullName": "A B", "streetLine1": "Calle 1", "city": "Madrid", "postalCode": "28013",
                            "countryCode": "ES"},
        "shippingMethodId": "1",
    }  # fmt: skip
    cases = [
        ({"lines": [{"variantId": "1", "quantity": 1}, {"variantId": "2", "quantity": 0}]},
         "lines[1].quantity: must be 1 to 999, got 0"),
        ({"lines": [{"variantId": "999999", "quantity": 1}]}, "lines[0].variantId: no product variant 999999 on sale"),
        ({"lines": []}, "lines: must hold 1 to 100 lines, got 0"),
        ({"fulfilment": "drone"}, 'fulfilment: must be one of home_delivery, pickup_store, reserve_here, got "drone"'),
        ({"shippingMethodId": None}, "shippingMethodId: required for home delivery"),
        ({"clientOrderId": "x" * 65}, "clientOrderId: must be 1 to 64 characters, got 65"),
        ({"pointsToRedeem": -5}, "pointsToRedeem: must be a whole number of 0 or more, got -5"),
        ({"pointsToRedeem": 100}, "pointsToRedeem: only a customer with a loyalty account can redeem points"),
        ({"couponCodes": [" "]}, "couponCodes[0]: must be 1 to 50 characters, got 0"),
    ]  # fmt: skip
    for change, message in cases:
        reply = vendure_admin.reply(PLACE, {"input": {**base, **change}})
        assert reply["errors"][0]["message"] == message, (change, reply)
        assert reply["errors"][0]["extensions"]["code"] == "USER_INPUT_ERROR"
    assert vendure_admin.query(PLACED, {"id": base["clientOrderId"]})["orders"]["totalItems"] == 0


# --- coupons -------------------------------------------------------------------------------------------
def test_a_coupon_made_in_the_admin_api_discounts_the_placed_order(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin, promotions: list[str]
) -> None:
    code = _coupon(vendure_admin, promotions, "TEN")
    plain = vendure_backend.submit_order(sample_order(number="K-2010", variant_id="5", quantity=2))
    order = replace(sample_order(number="K-2011", variant_id="5", quantity=2), coupon_codes=(f"  {code.lower()} ",))
    receipt = vendure_backend.submit_order(order)
    placed = _placed(vendure_admin, order)
    assert placed["couponCodes"] == [code] and receipt.notes == ()
    assert [d["description"] for d in placed["discounts"]] == ["TEN ten off"]
    assert receipt.total == Money.from_minor(int(placed["totalWithTax"]), "EUR")
    assert plain.total is not None and receipt.total is not None
    saved = plain.total - receipt.total  # the same goods without the coupon
    assert saved == Money.from_minor(-int(placed["discounts"][0]["amountWithTax"]), "EUR")
    goods = plain.total.amount - Decimal("5.00")  # shipping is not discounted
    assert abs(saved.amount - goods / 10) <= Decimal("0.02")


def _kiosk_message(code: str, promotion: Promotion | None, used: tuple[str, ...] = ()) -> LocalizedText:
    """What the kiosk itself says about the code (kiosk.core.promotions.check_coupon): the server's verdict
    must read the same, word for word."""
    cart = Cart("EUR", (CartLine("5", "p", "s", LocalizedText.same("x"), "", Money.of("10", "EUR"), 1),))
    check = check_coupon(code, [promotion] if promotion else [], cart, datetime.now().astimezone(), used_codes=used)
    assert check.message is not None
    return check.message


def test_coupons_that_do_not_apply_leave_the_order_placed_and_say_why(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin, promotions: list[str]
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    ended = now - timedelta(days=2)
    starts = now + timedelta(days=3)
    expired = _coupon(vendure_admin, promotions, "OLD", endsAt=ended.isoformat())
    early = _coupon(vendure_admin, promotions, "SOON", startsAt=starts.isoformat())
    once = _coupon(vendure_admin, promotions, "ONCE", usageLimit=1)
    big = _coupon(vendure_admin, promotions, "BIG", minimum=10_000_000)
    unknown = f"NOPE-{uuid.uuid4().hex[:6].upper()}"
    first = vendure_backend.submit_order(replace(sample_order(number="K-2012"), coupon_codes=(once,)))
    assert first.notes == ()
    order = replace(sample_order(number="K-2013", variant_id="6"), coupon_codes=(unknown, expired, early, once, big))
    receipt = vendure_backend.submit_order(order)
    placed = _placed(vendure_admin, order)
    assert placed["state"] == "ArrangingPayment" and placed["couponCodes"] == [] and placed["discounts"] == []

    def promo(code: str, **when: datetime) -> Promotion:
        return Promotion(code, LocalizedText.same(code), PromotionKind.PERCENT_OFF, percent=Decimal(10),
                         coupon_code=code, **when)  # fmt: skip

    expected = (
        _kiosk_message(unknown, None),
        _kiosk_message(expired, promo(expired, ends_at=ended)),
        _kiosk_message(early, promo(early, starts_at=starts)),
        _kiosk_message(once, promo(once), used=(once,)),
        _kiosk_message(big, replace(promo(big), minimum_order=Money.of("100000", "EUR"))),
    )
    assert receipt.notes == expected
    assert [n.en for n in receipt.notes] == [
        f"The code {unknown} does not exist. Check it and try again.",
        f"The code {expired} expired on {expected[1].en.rsplit(' on ', 1)[1]}",
        f"The code {early} can be used from {expected[2].en.rsplit(' from ', 1)[1]}",
        f"The code {once} has already been used.",
        f"The code {big} does not apply to this cart.",
    ]
    assert vendure_backend.submit_order(order) == receipt  # a retry says the same


# --- loyalty points --------------------------------------------------------------------------------------
def test_points_are_redeemed_within_the_rules_and_earned_once(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin
) -> None:
    customer_id, number = _member(vendure_admin, 1000)
    order = _for_member(sample_order(number="K-2020", variant_id="7", quantity=2), number, points=200)
    receipt = vendure_backend.submit_order(order)
    placed = _placed(vendure_admin, order)
    assert placed["surcharges"] == [{"sku": "KIOSK-POINTS", "priceWithTax": -200}]
    assert receipt.total == Money.from_minor(int(placed["totalWithTax"]), "EUR") and receipt.notes == ()
    earned = _earned(placed, Decimal("1.5"))
    assert receipt.points_earned == earned > 0
    assert _balance(vendure_admin, customer_id) == 1000 - 200 + earned
    ledger = vendure_admin.query(LEDGER, {"id": placed["id"]})["kioskPointsLedger"]
    assert sorted((row["kind"], row["points"]) for row in ledger) == [("earn", earned), ("redeem", -200)]
    assert vendure_backend.submit_order(order) == receipt
    assert _balance(vendure_admin, customer_id) == 1000 - 200 + earned


@pytest.mark.parametrize(("balance", "points", "problem"), [(150, 400, "balance"), (1000, 50, "minimum"),
                                                             (100_000, 90_000, "share")])  # fmt: skip
def test_a_redemption_the_rules_refuse_leaves_the_order_placed_at_full_price(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin, balance: int, points: int, problem: str
) -> None:
    customer_id, number = _member(vendure_admin, balance, tier="Member")
    order = _for_member(sample_order(number="K-2021", variant_id="8"), number, points=points)
    receipt = vendure_backend.submit_order(order)
    placed = _placed(vendure_admin, order)
    assert placed["surcharges"] == []
    earned = _earned(placed, Decimal(1))
    assert _balance(vendure_admin, customer_id) == balance + earned
    total = Money.from_minor(int(placed["totalWithTax"]), "EUR")
    with pytest.raises(RedemptionError) as kiosk:  # the kiosk's own words for the same refusal
        redeem(points, balance, total, RULES)
    assert receipt.notes == (
        LocalizedText(
            f"{kiosk.value.text.en}. The order was placed without redeeming points.",
            f"{kiosk.value.text.es}. El pedido se hizo sin canjear puntos.",
        ),
    )
    if problem == "balance":
        assert receipt.notes[0].en == (
            "You have 150 points; 400 cannot be redeemed. The order was placed without redeeming points."
        )


# --- stock ----------------------------------------------------------------------------------------------
@pytest.fixture
def scarce(vendure_admin: VendureAdmin) -> Iterator[str]:
    """Variant 40 with 2 in stock in all, inventory tracked; restored afterwards."""
    variant = "40"
    before = vendure_admin.query(STOCK, {"id": variant})["productVariant"]
    levels = before["stockLevels"]
    scarce_levels = [{"stockLocationId": lv["stockLocationId"], "stockOnHand": 2 if i == 0 else 0}
                     for i, lv in enumerate(levels)]  # fmt: skip
    vendure_admin.query(SET_STOCK, {"input": [{"id": variant, "trackInventory": "TRUE", "stockLevels": scarce_levels}]})
    yield variant
    restore = [{"stockLocationId": lv["stockLocationId"], "stockOnHand": lv["stockOnHand"]} for lv in levels]
    vendure_admin.query(
        SET_STOCK, {"input": [{"id": variant, "trackInventory": before["trackInventory"], "stockLevels": restore}]}
    )


def test_an_order_short_of_stock_is_placed_with_what_there_is_and_says_so(
    vendure_backend: VendureBackend, vendure_admin: VendureAdmin, scarce: str
) -> None:
    order = sample_order(number="K-2030", variant_id="1", quantity=1, extra_lines=(
        replace(sample_order().lines[0], variant_id=scarce, name="Scarce item", quantity=5),))  # fmt: skip
    receipt = vendure_backend.submit_order(order)
    placed = _placed(vendure_admin, order)
    assert sorted((line["productVariant"]["id"], line["quantity"]) for line in placed["lines"]) == [
        ("1", 1), (scarce, 2)]  # fmt: skip
    assert receipt.short_lines == (ShortLine(scarce, 5, 2),)
    assert receipt.notes == (
        LocalizedText(
            "Only 2 of 5 × Scarce item were in stock; 3 missing.",
            "Solo había 2 de 5 × Scarce item en stock; faltan 3.",
        ),
    )
    assert vendure_backend.submit_order(order) == receipt
    nothing = sample_order(number="K-2031", variant_id=scarce, quantity=1)
    vendure_admin.query(SET_STOCK, {"input": [{"id": scarce, "stockLevels": [
        {"stockLocationId": lv["stockLocationId"], "stockOnHand": 0}
        for lv in vendure_admin.query(STOCK, {"id": scarce})["productVariant"]["stockLevels"]]}]})  # fmt: skip
    with pytest.raises(BackendRejectedError) as info:
        vendure_backend.submit_order(nothing)
    assert str(info.value) == (
        f"Vendure rejected place order: lines: nothing in the order is in stock (variant {scarce}: 0 of 1)"
        " (USER_INPUT_ERROR)"
    )
