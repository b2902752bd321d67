"""Vendure's JSON (Admin API shapes) to the kiosk's domain values; pure functions, no I/O."""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from kiosk.core.cart import CartItemRef
from kiosk.core.catalog import (
    Category,
    Location,
    LocationKind,
    OpeningHours,
    OpeningHoursError,
    Product,
    Review,
    StockLevel,
    Variant,
    parse_opening_hours,
)
from kiosk.core.customer import Address, Customer, PastOrder, PastOrderLine
from kiosk.core.errors import BackendProtocolError
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money

_log = logging.getLogger(__name__)

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t]+")


@contextmanager
def reply_shape(operation: str) -> Iterator[None]:
    """Turns a missing key or wrong type deep in a reply into one BackendProtocolError naming the call."""
    try:
        yield
    except KeyError as exc:
        raise BackendProtocolError(f"Vendure's reply to {operation} is malformed: missing {exc}") from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise BackendProtocolError(f"Vendure's reply to {operation} is malformed: {type(exc).__name__}") from None


def parse_time(value: str) -> datetime:
    """Vendure sends ISO 8601 with a Z suffix, e.g. 2026-11-23T14:26:06.000Z."""
    when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if when.tzinfo is None:
        raise ValueError("timestamp without zone")
    return when


def localized(translations: Sequence[Mapping[str, Any]], key: str, fallback: str = "") -> LocalizedText:
    by_lang = {t["languageCode"]: str(t[key] or "") for t in translations}
    english = by_lang.get("en") or fallback or next(iter(by_lang.values()), "")
    return LocalizedText(en=english, es=by_lang.get("es", ""))


def plain_text(value: str) -> str:
    """Descriptions may be HTML (the dashboard's rich-text editor); the kiosk shows plain text."""
    text = _TAG.sub(" ", value.replace("<br>", "\n").replace("</p>", "\n"))
    lines = (_SPACE.sub(" ", line).strip() for line in html.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)


def normalise_gtin(value: object) -> str | None:
    """GTIN-8/12/13/14 as 14 digits (what the scanner side produces); anything else is no barcode."""
    if not isinstance(value, str):
        return None
    digits = value.strip()
    if not digits.isdigit() or not digits.isascii() or len(digits) not in (8, 12, 13, 14):
        return None
    return digits.zfill(14)


def option_key(group_code: str, product_slug: str) -> str:
    """Vendure's importer names option groups "<product slug>-<group>" ("laptop-ram"); the UI wants "ram"."""
    prefix = product_slug + "-"
    return group_code[len(prefix) :] if product_slug and group_code.startswith(prefix) else group_code


def available(level: Mapping[str, Any]) -> int:
    """What can still be sold at a location: on hand minus what orders have already reserved."""
    return max(0, int(level["stockOnHand"]) - int(level["stockAllocated"]))


def map_variant(raw: Mapping[str, Any], product_id: str, product_slug: str) -> Variant:
    options = tuple(
        (
            option_key(str(option["group"]["code"]), product_slug),
            localized(option["translations"], "name", str(option["code"])),
        )
        for option in raw["options"]
    )
    asset = raw.get("featuredAsset")
    return Variant(
        id=str(raw["id"]),
        product_id=product_id,
        sku=str(raw["sku"]),
        gtin=normalise_gtin((raw.get("customFields") or {}).get("gtin")),
        price=Money.from_minor(int(raw["priceWithTax"]), str(raw["currencyCode"])),
        options=tuple(sorted(options, key=lambda item: item[0])),
        image=str(asset["preview"]) if asset else None,
        stock=tuple(
            StockLevel(location_id=str(level["stockLocationId"]), quantity=available(level))
            for level in raw["stockLevels"]
        ),
    )


def category_of(collections: Sequence[Mapping[str, Any]]) -> str | None:
    """The most specific public collection ("Computers" rather than "Electronics"); ties go to the lowest id."""
    public = [c for c in collections if not c.get("isPrivate")]
    if not public:
        return None
    best = max(public, key=lambda c: (len(c["breadcrumbs"]), -_numeric(str(c["id"]))))
    return str(best["id"])


def _numeric(value: str) -> int:
    return int(value) if value.isdigit() else 0


def map_product(raw: Mapping[str, Any], brand_facet: str) -> Product:
    product_id = str(raw["id"])
    slug = str(raw.get("slug") or "")
    name = localized(raw["translations"], "name")
    description = localized(raw["translations"], "description")
    brand = next((str(value["name"]) for value in raw["facetValues"] if value["facet"]["code"] == brand_facet), "")
    asset = raw.get("featuredAsset")
    variants = tuple(map_variant(v, product_id, slug) for v in raw["variants"] if v.get("enabled", True))
    return Product(
        id=product_id,
        name=name,
        brand=brand,
        description=LocalizedText(en=plain_text(description.en), es=plain_text(description.es)),
        category_id=category_of(raw["collections"]),
        variants=tuple(sorted(variants, key=lambda v: _numeric(v.id))),
        image=str(asset["preview"]) if asset else None,
        updated_at=parse_time(str(raw["updatedAt"])),
        related=tuple(
            str(item["id"]) for item in ((raw.get("customFields") or {}).get("relatedProducts") or ()) if item
        ),
    )


def parse_reviews(text: str, product_id: str) -> list[Review]:
    """Product.customFields.reviews: JSON [{author, rating 1-5, title, body, lang}]; entries that are not
    reviews are skipped and logged (one bad entry must not hide the others)."""
    try:
        raw = json.loads(text)
    except ValueError:
        _log.warning("product %s: reviews field is not JSON", product_id)
        return []
    reviews = []
    for n, entry in enumerate(raw if isinstance(raw, list) else []):
        try:
            rating = int(entry["rating"])
            if not 1 <= rating <= 5:
                raise ValueError("rating out of range")
            title, lang = str(entry.get("title") or ""), str(entry.get("lang") or "en")
            reviews.append(Review(str(entry["author"]), rating, title, str(entry["body"]), lang))
        except (KeyError, TypeError, ValueError, AttributeError):
            _log.warning("product %s: review %d is not a review (author, rating 1-5, body)", product_id, n)
    return reviews


def map_categories(raw: Sequence[Mapping[str, Any]]) -> tuple[Category, ...]:
    """Public collections; a parent outside that set (Vendure's hidden root) becomes a top-level category."""
    public = [c for c in raw if not c.get("isPrivate")]
    ids = {str(c["id"]) for c in public}
    categories = []
    for collection in public:
        parent = str(collection["parentId"]) if collection.get("parentId") is not None else None
        categories.append(
            Category(
                id=str(collection["id"]),
                name=localized(collection["translations"], "name"),
                parent_id=parent if parent in ids else None,
                position=int(collection.get("position") or 0),
            )
        )
    return tuple(sorted(categories, key=lambda c: (c.parent_id or "", c.position, _numeric(c.id))))


def location_kind(
    raw: Mapping[str, Any],
    here_location: str | None,
    configured: Mapping[str, LocationKind],
) -> LocationKind:
    """HERE for the kiosk's own store; else the configured kind (by id or name); else the server's field."""
    location_id, name = str(raw["id"]), str(raw["name"])
    if here_location is not None and here_location in (location_id, name):
        return LocationKind.HERE
    for key in (location_id, name):
        if key in configured:
            return configured[key]
    server_kind = str((raw.get("customFields") or {}).get("locationKind") or "").strip().lower()
    return LocationKind.WAREHOUSE if server_kind == LocationKind.WAREHOUSE.value else LocationKind.STORE


def map_location(raw: Mapping[str, Any], here_location: str | None, configured: Mapping[str, LocationKind]) -> Location:
    fields = raw.get("customFields") or {}
    street = str(fields.get("streetLine1") or "")
    city = str(fields.get("city") or "")
    postal = str(fields.get("postalCode") or "")
    address = ", ".join(part for part in (street, f"{postal} {city}".strip()) if part)
    return Location(
        id=str(raw["id"]),
        name=str(raw["name"]),
        kind=location_kind(raw, here_location, configured),
        city=city,
        address=address,
        opening_hours=_opening_hours(str(fields.get("openingHours") or ""), str(raw["name"])),
    )


def _opening_hours(text: str, store: str) -> tuple[OpeningHours, ...]:
    """StockLocation.openingHours holds the compact "Mon–Sat 10:00–22:00, Sun 11:00–21:00" text; a typo
    there must not stop the catalog sync, so unreadable hours become unknown hours (and a log line)."""
    try:
        return parse_opening_hours(text)
    except OpeningHoursError as exc:
        _log.warning("stock location %s: %s", store, exc)
        return ()


def map_address(raw: Mapping[str, Any]) -> Address:
    street = ", ".join(p for p in (str(raw.get("streetLine1") or ""), str(raw.get("streetLine2") or "")) if p)
    return Address(
        full_name=str(raw.get("fullName") or ""),
        street=street,
        city=str(raw.get("city") or ""),
        postal_code=str(raw.get("postalCode") or ""),
        country_code=str(raw["country"]["code"]),
        phone=str(raw.get("phoneNumber") or ""),
    )


def map_past_order(raw: Mapping[str, Any]) -> PastOrder:
    placed = raw.get("orderPlacedAt") or raw["createdAt"]
    placed_on: date = parse_time(str(placed)).date()
    currency = str(raw["currencyCode"])
    lines = tuple(
        PastOrderLine(
            variant_id=str(line["productVariant"]["id"]),
            sku=str(line["productVariant"].get("sku") or ""),
            name=str(line["productVariant"]["name"]),
            quantity=int(line["quantity"]),
            unit_price=Money.from_minor(int(line["unitPriceWithTax"]), currency),
            product_id=str(line["productVariant"].get("productId") or ""),
        )
        for line in raw["lines"]
        if "quantity" in line  # older queries asked for names only
    )
    return PastOrder(
        code=str(raw["code"]),
        placed_on=placed_on,
        total=Money.from_minor(int(raw["totalWithTax"]), currency),
        item_names=tuple(str(line["productVariant"]["name"]) for line in raw["lines"]),
        lines=lines,
        status=str(raw.get("state") or ""),
    )


def map_cart(text: object) -> tuple[CartItemRef, ...]:
    """Customer.kioskSavedCart: JSON [{"variantId", "sku", "quantity"}]; unreadable text is an empty cart."""
    try:
        items = json.loads(str(text)) if text else []
        return tuple(CartItemRef(str(i["variantId"]), str(i.get("sku") or ""), int(i["quantity"])) for i in items)
    except (ValueError, TypeError, KeyError) as exc:
        _log.warning("unreadable saved cart ignored: %s", exc)
        return ()


def cart_json(lines: Sequence[CartItemRef]) -> str:
    return json.dumps([{"variantId": x.variant_id, "sku": x.sku, "quantity": x.quantity} for x in lines])


def map_wishlist(text: object) -> tuple[str, ...]:
    try:
        items = json.loads(str(text)) if text else []
        return tuple(str(item) for item in items)
    except (ValueError, TypeError) as exc:
        _log.warning("unreadable wishlist ignored: %s", exc)
        return ()


def map_customer(raw: Mapping[str, Any]) -> Customer:
    fields = raw.get("customFields") or {}
    addresses = sorted(raw["addresses"], key=lambda a: not a.get("defaultShippingAddress"))
    return Customer(
        id=str(raw["id"]),
        first_name=str(raw["firstName"]),
        last_name=str(raw["lastName"]),
        email=_real_email(str(raw["emailAddress"])),
        loyalty_number=str(fields.get("loyaltyNumber") or ""),
        points=int(fields.get("loyaltyPoints") or 0),
        tier=str(fields.get("loyaltyTier") or "Member"),
        phone=str(raw.get("phoneNumber") or ""),
        addresses=tuple(map_address(a) for a in addresses),
        history=tuple(map_past_order(o) for o in raw["orders"]["items"]),
        wishlist=map_wishlist(fields.get("wishlist")),
        saved_cart=map_cart(fields.get("kioskSavedCart")),
        # the ids a promotion's customer_group condition names (kiosk.backends.vendure.promotions)
        groups=frozenset(str(group["id"]) for group in raw.get("groups") or ()),
    )


# The address the KioskPlugin gives a member who joined with a phone only (Vendure needs one): never mail.
PHONE_ONLY_EMAIL_DOMAIN = "@phone.kiosk.invalid"


def _real_email(address: str) -> str:
    """A member who joined with a phone has no email: the plugin's placeholder is not shown or used."""
    return "" if address.lower().endswith(PHONE_ONLY_EMAIL_DOMAIN) else address


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit() and ch.isascii())


def same_phone(stored: str, wanted_digits: str) -> bool:
    """+34 600 100 101 matches 600100101 and 0034600100101: compare the trailing national number."""
    stored_digits = digits(stored)
    shorter = min(len(stored_digits), len(wanted_digits))
    if shorter < 7:
        return False
    return stored_digits[-shorter:] == wanted_digits[-shorter:]


def unique(items: Sequence[Any], matches: Callable[[Any], bool]) -> Any | None:
    """The one matching item, or None when none or several match (never greet the wrong shopper)."""
    found = [item for item in items if matches(item)]
    return found[0] if len(found) == 1 else None
