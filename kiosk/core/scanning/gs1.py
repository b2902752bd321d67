"""GS1 element strings and Digital Link URIs, parsed by biip and checked for what biip lets through.

What we add around biip: duplicate AIs with different values are rejected (biip keeps both, and for a
repeated Digital Link query attribute silently keeps the last); a GTIN with a bad check digit inside a
message is an error (biip only records it); the same weight or price in two decimal positions (3102 and
3103) must agree; Digital Link short names (gtin, lot, ser, exp) and upper-case keys are mapped
to AIs; the URI path is split by us, so a web page that merely has "01" in its path is not a product.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from urllib.parse import unquote

import biip.gs1_application_identifiers as _ai_module
from biip import ParseConfig, ParseError
from biip.gs1_element_strings import GS1ElementString
from biip.gs1_messages import GS1Message

from kiosk.core.scanning import messages as r
from kiosk.core.scanning.associations import association_error
from kiosk.core.scanning.dl_compression import CompressionError, decompress
from kiosk.core.scanning.gtin import check_digit, has_valid_check_digit

GS = "\x1d"


_original_ai_extract: object = None  # kept for the equivalence test


def _install_fast_ai_lookup() -> None:
    """Works around biip 5's GS1ApplicationIdentifier.extract, a linear startswith scan over ~540 AIs.

    It runs once per element (and again on every failed attempt) and costs 0.2-0.5 ms on a kiosk-class
    CPU, which alone breaks interpret()'s 1 ms budget. AIs are prefix-free (checked here), so a dict lookup
    on the 2, 3 and 4 leading characters returns the same AI; tests/core/scanning/test_gs1_internals.py
    compares it with the original for every AI. If biip's table changes shape we keep the original.
    """
    table = getattr(_ai_module, "_GS1_APPLICATION_IDENTIFIERS", None)
    cls = _ai_module.GS1ApplicationIdentifier
    if not isinstance(table, dict) or getattr(cls.extract, "__kiosk_fast__", False):
        return
    keys = list(table)
    if not all(isinstance(k, str) and 2 <= len(k) <= 4 for k in keys):
        return
    if any(a != b and b.startswith(a) for a in keys for b in keys):
        return

    def extract(_cls: type, value: str) -> object:
        for n in (2, 3, 4):
            ai = table.get(value[:n])
            if ai is not None:
                return ai
        msg = f"Failed to get GS1 Application Identifier from {value!r}."
        raise ParseError(msg)

    extract.__kiosk_fast__ = True  # type: ignore[attr-defined]
    global _original_ai_extract  # noqa: PLW0603
    _original_ai_extract = cls.__dict__["extract"]
    cls.extract = classmethod(extract)  # type: ignore[assignment]


_install_fast_ai_lookup()
_PARSE_CONFIG = ParseConfig(separator_chars=(GS,), rcn_region=None)

# Digital Link primary keys and, for each, its key qualifiers in the order the URI must give them; "|" separates
# alternative sequences (GS1 Digital Link URI Syntax 1.6 section 4, the Barcode Syntax Dictionary's dlpkey).
_PRIMARY_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "01": (("22", "10", "21"), ("235",)), "00": ((),), "414": (("254",), ("7040",)), "417": (("7040",),),
    "8006": (("22", "10", "21"),), "8004": (("7040",),), "255": ((),), "8003": ((),), "253": ((),),
    "401": ((),), "402": ((),), "8010": (("8011",),), "8017": (("8019",),), "8018": (("8019",),),
    "415": (("8020",),), "8013": ((),),
}  # fmt: skip
# The "convenience alphas" of Digital Link 1.0/1.1 (gtin, lot, ser, exp...): deprecated in URI Syntax 1.2 and
# removed in 1.3, so a link that still uses one is refused with the name it used, not silently accepted.
_CONVENIENCE_ALPHAS = {
    "gtin": "01", "sscc": "00", "gln": "414", "itip": "8006", "giai": "8004", "gcn": "255", "grai": "8003",
    "gdti": "253", "ginc": "401", "gsin": "402", "cpid": "8010", "gsrnp": "8017", "gsrn": "8018",
    "payto": "415", "partygln": "417", "party": "417", "gmn": "8013", "cpv": "22", "lot": "10", "ser": "21",
    "tpx": "235", "glnx": "254", "exp": "17", "bbd": "15", "expdt": "7003", "srin": "8019", "refno": "8020",
    "cpsn": "8011",
}  # fmt: skip
_BASE64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

_COUPON_AIS = frozenset({"255", "8110", "8111", "8112"})
# Pairs the GS1 General Specifications forbid in one message (section 4.13).
_INVALID_PAIRS = (("01", "02"), ("01", "37"), ("01", "255"), ("21", "235"))


@dataclass(frozen=True, slots=True)
class Gs1Data:
    gtin: str
    batch: str | None = None
    serial: str | None = None
    expiry: date | None = None
    best_before: date | None = None
    weight: Decimal | None = None
    price: Decimal | None = None
    product_url: str | None = None


class Gs1Rejected(Exception):
    """Carries a reason code from kiosk.core.scanning.messages and, for some, what exactly was wrong."""

    def __init__(self, reason: str, detail: str | None = None) -> None:
        super().__init__(reason if detail is None else f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


def _family(ai: str) -> str:
    """Net weight 3100..3105 is one datum with six decimal positions; so are prices 392n and 393n."""
    if ai[:3] in ("310", "392", "393"):
        return ai[:3]
    return ai


def data_from_elements(elements: list[GS1ElementString]) -> Gs1Data:
    """Checks a parsed message and picks what the kiosk uses; raises Gs1Rejected."""
    seen: dict[str, object] = {}
    values: dict[str, GS1ElementString] = {}
    for element in elements:
        ai = element.ai.ai
        if element.gtin_error:
            raise Gs1Rejected(r.BAD_CHECK_DIGIT)
        comparable: object = element.value
        if element.decimal is not None:
            # 3102 000100 and 3103 001000 are the same weight; 393n also carries a currency
            comparable = (element.value[:3], element.decimal) if ai[:3] == "393" else element.decimal
        family = _family(ai)
        if family in seen and seen[family] != comparable:
            raise Gs1Rejected(r.CONFLICTING_DATA)
        seen[family] = comparable
        values.setdefault(family, element)
    present = set(values)
    for a, b in _INVALID_PAIRS:
        if a in present and b in present:
            raise Gs1Rejected(r.CONFLICTING_DATA)
    if present & _COUPON_AIS:
        raise Gs1Rejected(r.COUPON)
    if "00" in present or ("02" in present and "01" not in present):
        raise Gs1Rejected(r.LOGISTICS_LABEL)
    if "01" not in present:
        raise Gs1Rejected(r.NOT_A_PRODUCT)
    broken = association_error(element.ai.ai for element in elements)
    if broken is not None:
        raise Gs1Rejected(r.MISSING_ASSOCIATION, broken)
    gtin = values["01"].value
    if not has_valid_check_digit(gtin):
        raise Gs1Rejected(r.BAD_CHECK_DIGIT)
    weight = values.get("310")
    price = values.get("392") or values.get("393")
    expiry = values.get("17")
    best_before = values.get("15")
    return Gs1Data(
        gtin=gtin,
        batch=values["10"].value if "10" in values else None,
        serial=values["21"].value if "21" in values else None,
        expiry=expiry.date if expiry is not None else None,
        best_before=best_before.date if best_before is not None else None,
        weight=weight.decimal if weight is not None else None,
        price=price.decimal if price is not None else None,
        product_url=values["8200"].value if "8200" in values else None,
    )


def parse_element_string(text: str) -> Gs1Data:
    """An element string as a scanner sends it (FNC1 as GS), or in HRI form with parentheses."""
    try:
        if text.startswith("("):
            message = GS1Message.parse_hri(text, config=_PARSE_CONFIG)
        else:
            message = GS1Message.parse(text, config=_PARSE_CONFIG)
    except ParseError as exc:
        raise Gs1Rejected(r.INVALID_GS1) from exc
    return data_from_elements(list(message.element_strings))


def looks_like_element_string(text: str) -> bool:
    """Cheap pre-check before handing text to biip: starts with an AI biip knows."""
    if text.startswith("("):
        return True
    try:
        GS1ElementString.extract(text, config=_PARSE_CONFIG)
    except ParseError:
        return False
    return True


def _element(ai: str, value: str) -> GS1ElementString:
    try:
        return GS1ElementString.parse(f"{ai}{value}", config=_PARSE_CONFIG)
    except ParseError as exc:
        raise Gs1Rejected(r.INVALID_GS1) from exc


def _known_ai(key: str) -> bool:
    table = getattr(_ai_module, "_GS1_APPLICATION_IDENTIFIERS", None)
    if isinstance(table, dict):
        return key in table
    try:  # biip's table changed shape: ask biip the slow way
        return _ai_module.GS1ApplicationIdentifier.extract(key).ai == key
    except ParseError:
        return False


def _qualifiers_in_order(primary: str, qualifiers: list[str]) -> bool:
    """True if the qualifiers are one of the primary key's allowed sequences, each optional, in order."""
    for sequence in _PRIMARY_KEYS[primary]:
        position = 0
        for qualifier in qualifiers:
            while position < len(sequence) and sequence[position] != qualifier:
                position += 1
            if position == len(sequence):
                break
            position += 1
        else:
            return True
    return False


def digital_link_elements(path: str, query: str) -> list[GS1ElementString] | None:
    """The element strings of a Digital Link URI's path and query; None if the path is not one.

    `path` and `query` are still percent-encoded: values are decoded after splitting, so an encoded "/"
    stays inside its value. Raises Gs1Rejected when the path is a Digital Link but its data is wrong,
    uses a deprecated form (DEPRECATED_DIGITAL_LINK, naming it) or breaks the qualifier order.
    Query attributes that are not GS1 AIs (linkType, utm_source...) and numeric keys that are no AI are
    ignored, as the standard tells decoders to.
    """
    segments = path.split("/")[1:]
    start = next((i for i, s in enumerate(segments) if _primary_key(s) is not None), None)
    if start is None:
        return None
    pairs = segments[start:]
    if pairs and pairs[-1] == "":
        pairs = pairs[:-1]  # a trailing slash
    extra: list[tuple[str, str]] = []
    if len(pairs) % 2:
        # partially compressed (Compression standard): the primary key in clear, the rest as one segment
        try:
            extra, _others = decompress(pairs[-1])
        except CompressionError:
            return None
        if any(ai in _PRIMARY_KEYS for ai, _ in extra):
            return None
        pairs = pairs[:-1]
    if any(not s for s in pairs):
        return None
    keys = pairs[0::2]
    if any(_primary_key(k) is None and not _is_qualifier(k) and k.lower() not in _CONVENIENCE_ALPHAS for k in keys):
        return None  # a web page that merely has "01" in its path
    primary = _primary_key(keys[0]) or keys[0]
    value = unquote(pairs[1])
    if primary == "01" and value.isascii() and value.isdigit() and len(value) in (8, 12, 13):
        value = value.zfill(14)
    try:
        first = _element(primary, value)
    except Gs1Rejected:
        if not keys[0].isdigit():
            return None  # "/gtin/red-shoes" is a web page's path, not an old-style Digital Link
        raise
    for key in keys:
        if not key.isdigit():
            raise Gs1Rejected(r.DEPRECATED_DIGITAL_LINK, key)
    if not _qualifiers_in_order(primary, keys[1:]):
        raise Gs1Rejected(r.INVALID_DIGITAL_LINK, f"qualifiers {'/'.join(keys[1:])} not allowed after {primary}")
    elements = [first]
    for i in range(2, len(pairs), 2):
        elements.append(_element(pairs[i], unquote(pairs[i + 1])))
    elements.extend(_element(ai, value) for ai, value in extra)
    return elements + _query_elements(query)


def _query_elements(query: str) -> list[GS1ElementString]:
    elements: list[GS1ElementString] = []
    if query:
        for part in query.split("&"):
            if not part:
                continue
            key, sep, raw = part.partition("=")
            key = unquote(key)
            if key.lower() in _CONVENIENCE_ALPHAS:
                raise Gs1Rejected(r.DEPRECATED_DIGITAL_LINK, key)
            if not (sep and key.isascii() and key.isdigit() and _known_ai(key)):
                continue  # linkType, utm_source, an unknown number: no product data, ignored
            elements.append(_element(key, unquote(raw.replace("+", " "))))
    return elements


def _primary_key(segment: str) -> str | None:
    """The primary key AI a path segment names, by number or by a (deprecated) short name."""
    if segment in _PRIMARY_KEYS:
        return segment
    ai = _CONVENIENCE_ALPHAS.get(segment.lower())
    return ai if ai in _PRIMARY_KEYS else None


def _is_qualifier(key: str) -> bool:
    return any(key in sequence for sequences in _PRIMARY_KEYS.values() for sequence in sequences)


# Where each primary key's check digit sits: (start, length) of the digit run it closes.
_KEY_CHECKED = {
    "01": (0, 14), "00": (0, 18), "414": (0, 13), "417": (0, 13), "415": (0, 13), "253": (0, 13),
    "255": (0, 13), "402": (0, 17), "8017": (0, 18), "8018": (0, 18), "8006": (0, 14), "8003": (1, 13),
}  # fmt: skip


def _key_is_sound(ai: str, value: str) -> bool:
    if ai not in _KEY_CHECKED:
        return True  # GIAI, GINC, CPID, GMN: no check digit of their own to test
    start, length = _KEY_CHECKED[ai]
    digits = value[start : start + length]
    return len(digits) == length and digits.isdigit() and int(digits) > 0 and has_valid_check_digit(digits)


def compressed_digital_link_elements(path: str, query: str) -> list[GS1ElementString] | None:
    """The element strings of a compressed GS1 Digital Link (the path's last segment), or None if the path is
    not one. It is one when it decompresses cleanly (every bit accounted for) to exactly one primary key whose
    check digit holds. A segment that starts like one but will not decompress (an optimisation code outside
    GS1's table, a format we do not know) raises Gs1Rejected(COMPRESSED_DIGITAL_LINK): refused clearly,
    never read halfway and never taken for a web address."""
    segment = path.rstrip("/").rsplit("/", 1)[-1]
    if len(segment) < 10 or not set(segment) <= _BASE64URL:
        return None
    try:
        pairs, _others = decompress(segment)
    except CompressionError as exc:
        problem = str(exc)
    else:
        primaries = [(ai, value) for ai, value in pairs if ai in _PRIMARY_KEYS]
        if len(primaries) == 1 and _key_is_sound(*primaries[0]):
            # the non-GS1 pairs (a brand's own key=value) carry no product data, like unknown query parameters
            return [_element(ai, value) for ai, value in pairs] + _query_elements(query)
        problem = f"{len(primaries)} primary keys"
    key = compressed_digital_link_key(path)
    if key is None:
        return None
    raise Gs1Rejected(r.COMPRESSED_DIGITAL_LINK, f"compressed GS1 Digital Link, primary key AI {key}: {problem}")


def compressed_digital_link_key(path: str) -> str | None:
    """The primary key AI if the path's last segment is a compressed GS1 Digital Link, else None.

    GS1 Digital Link: Compression (1.0, 2025) writes the element strings as one base64url segment whose
    bits start with the AI in hexadecimal nibbles, then the key in binary (a 14-digit GTIN in 47 bits). We
    recognise the keys whose check digit can prove it (GTIN, SSCC, GLN), so a video-site short link is not
    taken for one. Used to name a compressed link that failed to decompress.
    """
    segment = path.rstrip("/").rsplit("/", 1)[-1]
    if len(segment) < 10 or not set(segment) <= _BASE64URL:
        return None
    value = 0
    for ch in segment:
        value = value * 64 + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".index(ch)
    bits = format(value, f"0{len(segment) * 6}b")
    for ai, digits in (("01", 14), ("00", 18), ("414", 13), ("417", 13)):
        head = "".join(format(int(d), "04b") for d in ai)
        width = (10**digits - 1).bit_length()
        if not bits.startswith(head) or len(bits) < len(head) + width:
            continue
        number = int(bits[len(head) : len(head) + width], 2)
        if not 0 < number < 10**digits:
            continue  # all zeros is no GS1 key (and is what "AAAA..." decodes to)
        key = str(number).zfill(digits)
        if check_digit(key[:-1]) == int(key[-1]):
            return ai
    # The other primary keys have no check digit up front to prove it; their 12- or 16-bit AI header
    # followed by at least a few characters' worth of data is taken as enough (1 in 4096 by chance or less).
    for ai in ("8006", "8004", "8003", "8010", "8013", "8017", "8018", "253", "255", "401", "402", "415"):
        head = "".join(format(int(d), "04b") for d in ai)
        if bits.startswith(head) and len(bits) >= len(head) + 40:
            return ai
    return None
