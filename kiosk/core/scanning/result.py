"""What a scan means: the one value every scanning source ends in, whatever the hardware."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kiosk.core.i18n import LocalizedText


class ScanKind(enum.StrEnum):
    PRODUCT = "product"  # a plain GTIN (EAN/UPC/ITF-14), possibly variable measure
    GS1 = "gs1"  # a GS1 element string (GS1-128, DataBar, GS1 DataMatrix/QR)
    DIGITAL_LINK = "digital_link"  # a GS1 Digital Link URI on any domain
    LOYALTY = "loyalty"  # a loyalty card number or the loyalty app's QR
    CART_HANDOFF = "cart_handoff"  # the web shop's "continue on the kiosk" QR
    ORDER = "order"  # a kiosk order's QR (confirmation screen or slip): its status, or "I'm here" for a pickup
    COUPON = "coupon"  # a promotion poster's coupon code ("KIOSK-COUPON:<code>", QR or Code 128)
    FOREIGN_URL = "foreign_url"  # a web link that is not ours; shown, never opened
    INVALID = "invalid"  # rejected; `reason` and `message` say why
    # Frames that are no scan of their own; the UI passes over them silently, diagnostics count them.
    EMPTY = "empty"  # the scanner sent a frame with nothing in it (an empty line, an AIM id alone)
    REPEAT = "repeat"  # the same frame again within the debounce window (a held trigger, a double read)
    SAME_PACK = "same_pack"  # the other symbol (1D or 2D) of the pack just scanned: the same item, not a second


@dataclass(frozen=True, slots=True)
class ScanResult:
    """The interpretation of one frame.

    Only the fields that apply are set. `lookup_gtin` is the key for the catalog: for a variable-measure
    in-store code it is the item's GTIN with the weight or price zeroed, otherwise the same as `gtin`.
    """

    kind: ScanKind
    symbology: str | None = None  # the AIM symbology identifier as sent, e.g. "]E0"
    gtin: str | None = None  # 14 digits
    lookup_gtin: str | None = None  # 14 digits
    addon: str | None = None  # the 2- or 5-digit EAN add-on
    batch: str | None = None
    serial: str | None = None
    expiry: date | None = None
    best_before: date | None = None
    weight: Decimal | None = None  # kilograms
    price: Decimal | None = None  # in the currency of the store's region
    count: int | None = None  # pieces, from a variable-measure count layout (Germany's 25 and 26)
    # An 8-digit symbol read without an AIM id that is both a valid EAN-8 and a valid UPC-E: `gtin` is the
    # market's default reading, this the other; the lookup takes the one the catalog has (resolve_eight_digit).
    alternative_gtin: str | None = None
    product_url: str | None = None
    url: str | None = None
    host: str | None = None
    member_id: str | None = None
    member_token: str | None = None
    cart_id: str | None = None
    order_number: str | None = None  # ORDER: the kiosk's short order number
    order_id: str | None = None  # ORDER: the order's client id (UUID)
    coupon_code: str | None = None  # COUPON: the code, trimmed and upper-cased
    reason: str | None = None  # a stable code from kiosk.core.scanning.messages.REASONS
    warning: str | None = None  # an item shown with a caution, e.g. best_before_passed; `message` says it
    recall: str | None = None  # the backend's reference of the recall that refused this item
    recall_by: str | None = None  # "lot" or "serial": which datum matched the recall
    detail: str | None = None  # for diagnostics: what exactly was wrong, e.g. "10 needs one of 01, 02, ..."
    message: LocalizedText | None = None  # shopper-facing, for invalid, foreign_url and warnings

    @property
    def ok(self) -> bool:
        """An item, a shopper code or a link to show: not a refusal and not a frame the UI passes over."""
        return self.kind not in (ScanKind.INVALID, ScanKind.EMPTY, ScanKind.REPEAT, ScanKind.SAME_PACK)

    @property
    def is_item(self) -> bool:
        return self.kind in (ScanKind.PRODUCT, ScanKind.GS1, ScanKind.DIGITAL_LINK)

    def to_json_dict(self) -> dict[str, object]:
        """The `kiosk scan explain` shape: kind and symbology always, other keys only when set."""
        out: dict[str, object] = {"kind": str(self.kind), "symbology": self.symbology}
        for name in (
            "gtin",
            "lookup_gtin",
            "addon",
            "batch",
            "serial",
            "expiry",
            "best_before",
            "weight",
            "price",
            "count",
            "alternative_gtin",
            "product_url",
            "url",
            "host",
            "member_id",
            "member_token",
            "cart_id",
            "order_number",
            "order_id",
            "coupon_code",
            "reason",
            "warning",
            "recall",
            "recall_by",
            "detail",
        ):
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, date | Decimal):
                value = str(value) if isinstance(value, Decimal) else value.isoformat()
            out[name] = value
        if self.message is not None:
            out["message"] = {"en": self.message.en, "es": self.message.es}
        return out
