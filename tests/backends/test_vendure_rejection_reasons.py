"""kioskPlaceOrder's refusals name the refused field first; the adapter turns the field into the reason the
dead-letter screen words (issue 18: no raw error text on screen). Pure: the messages are the plugin's own."""

from __future__ import annotations

import pytest

from kiosk.backends.vendure.backend import _rejection_reason
from kiosk.core.errors import RejectionReason

PREFIX = "Vendure rejected place order: "


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("lines[0].variantId: no product variant 17 on sale (BAD_USER_INPUT)", RejectionReason.PRODUCT_GONE),
        ('lines[2].variantId: not a product variant id: "x"', RejectionReason.PRODUCT_GONE),
        ("lines: nothing in the order is in stock (17: 0 of 2)", RejectionReason.OUT_OF_STOCK),
        ("customer.emailAddress: must be 3 to 320 characters, got 0", RejectionReason.CONTACT_REFUSED),
        ("customer.customerId: no customer 9", RejectionReason.CONTACT_REFUSED),
        ('shippingAddress.countryCode: no country "XX" in Vendure', RejectionReason.CONTACT_REFUSED),
        ("shippingAddress: required for home delivery", RejectionReason.CONTACT_REFUSED),
        ("couponCodes: at most 5 codes, got 9", RejectionReason.OTHER),
        ("pickupLocationId: Vendure has no stock location 4 to pick the order up from", RejectionReason.OTHER),
    ],
)
def test_the_refused_field_gives_the_reason(message: str, reason: RejectionReason) -> None:
    assert _rejection_reason(PREFIX + message) is reason
