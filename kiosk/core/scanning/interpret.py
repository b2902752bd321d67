"""interpret(): one framed read from any source -> ScanResult. Pure, total, and fast (< 1 ms).

Routing is ours, parsing of GS1 data is biip's. We route rather than call biip.parse() because biip reads
"]E0" + 8 digits as EAN-8 (AIM says ]E0 is EAN-13/UPC-A/UPC-E, so 8 digits there are UPC-E; EAN-8 is ]E4),
cannot split "]E3" add-ons, and never tries Digital Link for plain QR (]Q1) or DataMatrix (]d1), which is
where GS1 puts Digital Link URIs.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from dataclasses import replace
from typing import TYPE_CHECKING

from kiosk.core.order_tracking import ORDER_QR_PREFIX, parse_order_code
from kiosk.core.promotions import COUPON_QR_PREFIX, parse_coupon_payload
from kiosk.core.scanning import messages as r
from kiosk.core.scanning.config import EAN8, ScanConfig
from kiosk.core.scanning.gtin import expand_upc_e, has_valid_check_digit, is_digits, printed_digits, to_gtin14
from kiosk.core.scanning.rcn import Measure, RcnCheckDigitError, is_rcn_prefix, read_rcn
from kiosk.core.scanning.result import ScanKind, ScanResult
from kiosk.core.scanning.urls import UrlRejected, is_lookalike, scheme_of, split_url

if TYPE_CHECKING:
    from kiosk.core.scanning.gs1 import Gs1Data

# kiosk.core.scanning.gs1 (and with it biip, ~0.2 s to import) is imported by the routes that parse GS1 data,
# not here: plain EAN/UPC and variable-measure scans never need it, and the kiosk's cold start would pay for
# it. warm_up() loads it ahead of the first GS1 scan.
GS = "\x1d"  # the group separator scanners send for FNC1; the same as gs1.GS

DEFAULT_CONFIG = ScanConfig()

# AIM modifiers that mean "GS1 data follows" (FNC1 in first position), per ISO/IEC 15424 and GS1 General
# Specifications 5.1.2 (Code 128, DataBar and composites, DataMatrix, QR, DotCode, Aztec), with or without ECI.
_GS1_ELEMENT_SYMBOLOGIES = frozenset(
    {"]C1", "]e0", "]e1", "]e2", "]d2", "]d5", "]Q3", "]Q4", "]J1", "]z1", "]z4"}
)
# AIM modifiers that say the data uses the ECI protocol: "\\" is a backslash, "\nnnnnn" switches character set.
_ECI_SYMBOLOGIES = frozenset({"]d4", "]d5", "]d6", "]Q2", "]Q4", "]Q6", "]z3", "]z4", "]z5", "]L1"})
# ECIs whose text our UTF-8 decoding already reads right: ISO-8859-1 (3) and ASCII (170) for ASCII data, UTF-8 (26).
_READABLE_ECI = frozenset({3, 26, 170})
# Symbologies GS1 allows to carry a GTIN on its own.
_EAN_FAMILY = "E"
_ITF = "I"
_TWO_D = frozenset("dQzLU")  # DataMatrix, QR, Aztec, PDF417, MaxiCode: may carry a URL
_COUPON_PREFIXES = ("05", "99", "980", "981", "982", "983", "984")
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{6,256}$")
_NFC_UID_RE = re.compile(r"^urn:nfc:uid:((?:[0-9A-F]{2}){4,10})$")


def _invalid(symbology: str | None, reason: str) -> ScanResult:
    return ScanResult(kind=ScanKind.INVALID, symbology=symbology, reason=reason, message=r.MESSAGES[reason])


def interpret(data: bytes, config: ScanConfig = DEFAULT_CONFIG) -> ScanResult:
    """Never raises: whatever a scanner, a tag or a prankster sends ends as a ScanResult."""
    try:
        return _interpret(data, config)
    except Exception:  # a rule bug must not take the reader down; property tests keep this unreached
        return _invalid(None, r.UNKNOWN_CODE)


def warm_up() -> None:
    """Imports the GS1 parser (biip) now, so the first GS1 element string or Digital Link does not wait ~0.2 s
    for it. The kiosk calls this on a thread of its own as it starts, overlapping its start-up."""
    from kiosk.core.scanning import gs1  # noqa: F401


def _empty(symbology: str | None) -> ScanResult:
    return ScanResult(kind=ScanKind.EMPTY, symbology=symbology, reason=r.EMPTY, message=r.MESSAGES[r.EMPTY])


def _interpret(data: bytes, config: ScanConfig) -> ScanResult:
    if not data or data.strip(b"\r\n") == b"":
        return _empty(None)
    if len(data) > config.max_frame_bytes:
        return _invalid(None, r.TOO_LONG)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _invalid(None, r.INVALID_UTF8)
    text = text.rstrip("\r\n")
    symbology: str | None = None
    if text.startswith("]"):
        if len(text) < 3 or not (text[1].isascii() and text[1].isalpha() and text[2].isascii() and text[2].isalnum()):
            return _invalid(None, r.BAD_SYMBOLOGY_ID)
        symbology, text = text[:3], text[3:]
    if symbology in _ECI_SYMBOLOGIES:
        decoded = _without_eci(text)
        if decoded is None:
            return _invalid(symbology, r.UNSUPPORTED_ECI)
        text = decoded
    gs1_context = symbology is None or symbology in _GS1_ELEMENT_SYMBOLOGIES
    if gs1_context:
        text = text.lstrip(GS)  # some scanners send the leading FNC1 as GS
    if _has_control(text, allow_gs=gs1_context):
        return _invalid(symbology, r.CONTROL_CHARACTERS)
    if not text:
        return _empty(symbology)
    if text.startswith(ORDER_QR_PREFIX):
        return _order(symbology, text)
    if text.startswith(COUPON_QR_PREFIX):
        return _coupon(symbology, text)
    if symbology is None:
        return _unmarked(text, config)
    family = symbology[1]
    if family == _EAN_FAMILY:
        return _ean(symbology, text, config)
    if family == _ITF:
        return _itf(symbology, text, config)
    if symbology in _GS1_ELEMENT_SYMBOLOGIES:
        if scheme_of(text) is not None:
            return _url(symbology, text, config)
        return _element_string(symbology, text, config)
    if family in _TWO_D and scheme_of(text) is not None:
        return _url(symbology, text, config)
    return _non_gs1(symbology, text, config)


def _order(symbology: str | None, text: str) -> ScanResult:
    """A kiosk order's QR: "KIOSK-ORDER:<number>:<client order id>" (kiosk.core.order_tracking)."""
    code = parse_order_code(text)
    if code is None:
        return _invalid(symbology, r.BAD_ORDER_CODE)
    return ScanResult(
        kind=ScanKind.ORDER, symbology=symbology, order_number=code.number, order_id=code.client_order_id
    )


def _coupon(symbology: str | None, text: str) -> ScanResult:
    """A promotion poster's coupon: "KIOSK-COUPON:<code>" (kiosk.core.promotions), in a QR or a Code 128."""
    code = parse_coupon_payload(text)
    if code is None:
        return _invalid(symbology, r.BAD_COUPON_CODE)
    return ScanResult(kind=ScanKind.COUPON, symbology=symbology, coupon_code=code)


def _without_eci(text: str) -> str | None:
    """The text with ECI escapes taken out (ISO/IEC 15424: "\\\\" is one backslash, "\\" + 6 digits an ECI
    designator); None when it switches to a character set we cannot read."""
    if "\\" not in text:
        return text
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        if text[i + 1 : i + 2] == "\\":
            out.append("\\")
            i += 2
            continue
        code = text[i + 1 : i + 7]
        if len(code) != 6 or not is_digits(code) or int(code) not in _READABLE_ECI:
            return None
        i += 7
    return "".join(out)


def _has_control(text: str, *, allow_gs: bool) -> bool:
    for ch in text:
        if ch == GS and allow_gs:
            continue
        if ch.isascii():
            if ch < " " or ch == "\x7f":
                return True
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"):
            return True
    return False


# ---------------------------------------------------------------------------------------- EAN / UPC / ITF


def _ean(symbology: str, text: str, config: ScanConfig) -> ScanResult:
    modifier = symbology[2]
    if modifier in "12":
        return _invalid(symbology, r.ADDON_ONLY)
    if not is_digits(text):
        return _invalid(symbology, r.NOT_NUMERIC)
    if modifier == "3":
        with_addon = _with_addon(symbology, text, config)
        return with_addon if with_addon is not None else _invalid(symbology, r.BAD_LENGTH)
    if modifier == "4":
        if len(text) != 8:
            return _invalid(symbology, r.BAD_LENGTH)
        return _gtin(symbology, text, config)
    # ]E0: EAN-13, UPC-A (some scanners send 12 digits) or UPC-E (6, 7 or 8 digits)
    if len(text) in (12, 13):
        return _gtin(symbology, text, config)
    if len(text) in (6, 7, 8):
        return _upc_e(symbology, text, config)
    return _invalid(symbology, r.BAD_LENGTH)


def _upc_e(symbology: str | None, text: str, config: ScanConfig) -> ScanResult:
    expanded = expand_upc_e(text)
    if expanded is None:
        return _invalid(symbology, r.BAD_CHECK_DIGIT if len(text) == 8 else r.BAD_LENGTH)
    return _gtin(symbology, expanded, config)


def _with_addon(symbology: str | None, text: str, config: ScanConfig) -> ScanResult | None:
    """EAN-13 / UPC-A / UPC-E followed by a 2- or 5-digit add-on, as ]E3 sends them."""
    for main_len in (13, 12, 8):
        addon = text[main_len:]
        if len(addon) not in (2, 5):
            continue
        main = text[:main_len]
        if main_len == 8:
            expanded = expand_upc_e(main)
            if expanded is None or not has_valid_check_digit(expanded):
                continue
            main = expanded
        elif not has_valid_check_digit(main):
            continue
        result = _gtin(symbology, main, config)
        if result.kind is ScanKind.PRODUCT:
            return replace(result, addon=addon)
        return result
    if symbology is None:
        return None
    if len(text) in (10, 13, 14, 15, 17, 18):
        return _invalid(symbology, r.BAD_CHECK_DIGIT)
    return _invalid(symbology, r.BAD_LENGTH)


def _itf(symbology: str, text: str, config: ScanConfig) -> ScanResult:
    if not is_digits(text):
        return _invalid(symbology, r.NOT_NUMERIC)
    if len(text) == 14:
        return _gtin(symbology, text, config)
    if len(text) in (8, 12, 13) and has_valid_check_digit(text):
        return _invalid(symbology, r.NON_GS1_SYMBOLOGY)  # GS1 allows ITF only for GTIN-14
    return _invalid(symbology, r.BAD_LENGTH)


def _gtin(symbology: str | None, digits: str, config: ScanConfig) -> ScanResult:
    """A GTIN-8/12/13/14 as digits: check digit, then what its GS1 prefix says it is."""
    if not has_valid_check_digit(digits):
        return _invalid(symbology, r.BAD_CHECK_DIGIT)
    gtin = to_gtin14(digits)
    if len(digits) == 8:
        # GTIN-8 prefixes 0 and 2 are company-internal (RCN-8); for a kiosk both are plain item codes.
        return ScanResult(kind=ScanKind.PRODUCT, symbology=symbology, gtin=gtin, lookup_gtin=gtin)
    if gtin[0] != "0":
        return ScanResult(kind=ScanKind.PRODUCT, symbology=symbology, gtin=gtin, lookup_gtin=gtin)
    gtin13 = gtin[1:]
    if any(gtin13.startswith(p) for p in config.loyalty_prefixes):
        return ScanResult(kind=ScanKind.LOYALTY, symbology=symbology, member_id=printed_digits(gtin))
    if gtin13.startswith(_COUPON_PREFIXES):
        return _invalid(symbology, r.COUPON)
    if is_rcn_prefix(gtin13):
        rule = config.rule_for(gtin13)
        if rule is None and not config.rcn_region_known:
            # A country we hold no layouts for: whether this is a price, a weight or a plain item number is
            # unknowable, and guessing would sell at the wrong price. Refused by name, the region in `detail`.
            invalid = _invalid(symbology, r.RCN_UNKNOWN_REGION)
            return replace(invalid, detail=f"no variable-measure layouts for region {config.rcn_region!r}")
        if rule is not None:
            try:
                reading = read_rcn(gtin13, rule)
            except RcnCheckDigitError:
                invalid = _invalid(symbology, r.BAD_CHECK_DIGIT)
                return replace(invalid, detail=f"price/weight check digit wrong in {gtin13} ({config.rcn_region})")
            return ScanResult(
                kind=ScanKind.PRODUCT,
                symbology=symbology,
                gtin=gtin,
                lookup_gtin=to_gtin14(reading.lookup_gtin13),
                weight=reading.value if reading.measure is Measure.WEIGHT else None,
                price=reading.value if reading.measure is Measure.PRICE else None,
                count=int(reading.value) if reading.measure is Measure.COUNT else None,
            )
    return ScanResult(kind=ScanKind.PRODUCT, symbology=symbology, gtin=gtin, lookup_gtin=gtin)


# ------------------------------------------------------------------------------------------------- GS1


def _from_gs1(kind: ScanKind, symbology: str | None, data: Gs1Data, config: ScanConfig, **extra: str) -> ScanResult:
    base = _gtin(symbology, data.gtin, config)
    if base.kind is ScanKind.INVALID:
        return base
    if base.kind is not ScanKind.PRODUCT:
        # A loyalty number inside GS1 data is not a card: the GTIN stays a product key.
        base = ScanResult(kind=ScanKind.PRODUCT, symbology=symbology, gtin=data.gtin, lookup_gtin=data.gtin)
    weight = data.weight if data.weight is not None else base.weight
    price = data.price if data.price is not None else base.price
    count = base.count
    return ScanResult(
        kind=kind,
        symbology=symbology,
        gtin=base.gtin,
        lookup_gtin=base.lookup_gtin,
        batch=data.batch,
        serial=data.serial,
        expiry=data.expiry,
        best_before=data.best_before,
        weight=weight,
        price=price,
        count=count,
        product_url=data.product_url,
        **extra,  # type: ignore[arg-type]
    )


def _element_string(symbology: str | None, text: str, config: ScanConfig) -> ScanResult:
    from kiosk.core.scanning.gs1 import Gs1Rejected, parse_element_string

    try:
        data = parse_element_string(text)
    except Gs1Rejected as exc:
        return _rejected(symbology, exc)
    return _from_gs1(ScanKind.GS1, symbology, data, config)


def _rejected(symbology: str | None, exc: Exception) -> ScanResult:
    reason, detail = getattr(exc, "reason", r.UNKNOWN_CODE), getattr(exc, "detail", None)
    result = replace(_invalid(symbology, reason), detail=detail)
    if reason == r.DEPRECATED_DIGITAL_LINK and detail is not None:
        result = replace(result, message=r.deprecated_form_message(detail))
    return result


# ------------------------------------------------------------------------------------------- no AIM id


def _unmarked(text: str, config: ScanConfig) -> ScanResult:
    """No symbology identifier: decide from the data alone, most specific reading first."""
    nfc = _NFC_UID_RE.match(text)
    if nfc is not None:
        if config.nfc_uid_loyalty:
            return ScanResult(kind=ScanKind.LOYALTY, member_token=f"nfc-uid:{nfc.group(1)}")
        return _invalid(None, r.UNKNOWN_CODE)
    if scheme_of(text) is not None:
        return _url(None, text, config)
    if is_digits(text):
        n = len(text)
        if n in (12, 13, 14):
            return _gtin(None, text, config)
        if n == 8:
            return _eight_digits(text, config)
        if n >= 16 and _looks_like_element_string(text):
            result = _element_string(None, text, config)
            if result.kind is not ScanKind.INVALID or n not in (15, 17, 18):
                return result
        if n in (10, 13, 15, 17, 18):
            with_addon = _with_addon(None, text, config)
            if with_addon is not None:
                return with_addon
        if n == 18 and has_valid_check_digit(text):
            return _invalid(None, r.LOGISTICS_LABEL)  # a bare SSCC
        return _invalid(None, r.BAD_LENGTH)
    if _almost_a_gtin(text):
        return _invalid(None, r.NOT_NUMERIC)
    if GS in text or text.startswith("(") or (is_digits(text[:2]) and _looks_like_element_string(text)):
        result = _element_string(None, text, config)
        if result.kind is not ScanKind.INVALID or result.reason != r.INVALID_GS1 or GS in text:
            return result
    return _invalid(None, r.UNKNOWN_CODE)


def _eight_digits(text: str, config: ScanConfig) -> ScanResult:
    """EAN-8 or a complete UPC-E, with no AIM id to say which. The check digits decide when only one reading
    is valid; when both are, the market's default comes first and the other rides along as
    `alternative_gtin`, for the lookup to take whichever the catalog has (resolve order: lookup_order())."""
    ean8_ok = has_valid_check_digit(text)
    expanded = expand_upc_e(text)
    upce_ok = expanded is not None and has_valid_check_digit(expanded)
    if ean8_ok and upce_ok and expanded is not None:
        ean8, upce = _gtin(None, text, config), _gtin(None, expanded, config)
        first, other = (ean8, upce) if config.eight_digit == EAN8 else (upce, ean8)
        return replace(first, alternative_gtin=other.lookup_gtin)
    if ean8_ok:
        return _gtin(None, text, config)
    if upce_ok and expanded is not None:
        return _gtin(None, expanded, config)
    return _invalid(None, r.BAD_CHECK_DIGIT)


def lookup_order(result: ScanResult) -> tuple[str, ...]:
    """The catalog keys to try, in order: the market's reading first, then the other reading of an
    ambiguous 8-digit code. The first that the catalog has is the product (GS1 General Specifications
    5.2.2.x: EAN-8 and UPC-E share no number space the kiosk can tell apart without the AIM id)."""
    first = result.lookup_gtin or result.gtin
    keys = [first] if first else []
    if result.alternative_gtin and result.alternative_gtin not in keys:
        keys.append(result.alternative_gtin)
    return tuple(keys)


def _looks_like_element_string(text: str) -> bool:
    from kiosk.core.scanning.gs1 import looks_like_element_string

    return looks_like_element_string(text)


def _almost_a_gtin(text: str) -> bool:
    """A GTIN's length, digits but for one or two characters: a misread or a hand-made code."""
    return (
        len(text) in (8, 12, 13, 14)
        and GS not in text
        and is_digits(text[0])
        and sum(1 for c in text if "0" <= c <= "9") >= len(text) - 2
    )


def _non_gs1(symbology: str, text: str, config: ScanConfig) -> ScanResult:
    """Code 128 without FNC1, Code 39, plain QR/DataMatrix text...: never a product key."""
    if is_digits(text) and len(text) in (8, 12, 13, 14) and has_valid_check_digit(text):
        return _invalid(symbology, r.NON_GS1_SYMBOLOGY)
    if _almost_a_gtin(text):
        return _invalid(symbology, r.NOT_NUMERIC)
    if is_digits(text[:2]) and _looks_like_element_string(text):
        from kiosk.core.scanning.gs1 import Gs1Rejected, parse_element_string

        try:
            parse_element_string(text)
        except Gs1Rejected:
            return _invalid(symbology, r.UNKNOWN_CODE)
        return _invalid(symbology, r.NON_GS1_SYMBOLOGY)
    if scheme_of(text) is not None:
        return _url(symbology, text, config)
    return _invalid(symbology, r.UNKNOWN_CODE)


# ------------------------------------------------------------------------------------------------ links


def _foreign(symbology: str | None, text: str, host: str | None, reason: str) -> ScanResult:
    """A web address that is not ours, shown by name and never opened (the tricks included)."""
    return ScanResult(
        kind=ScanKind.FOREIGN_URL,
        symbology=symbology,
        url=text,
        host=host,
        reason=reason,
        message=r.MESSAGES[reason],
    )


def _url(symbology: str | None, text: str, config: ScanConfig) -> ScanResult:
    try:
        url = split_url(text)
    except UrlRejected as exc:
        if exc.host is not None:
            return _foreign(symbology, text, exc.host, exc.reason)
        return _invalid(symbology, exc.reason)
    host = url.host
    if host in config.store_hosts:
        if url.scheme != "https":
            return _invalid(symbology, r.INSECURE_LINK)
        if url.port not in (None, 443):
            return _invalid(symbology, r.MALFORMED_LINK)
        shopper = _store_link(symbology, url.path, config)
        if shopper is not None:
            return shopper
    elif any(is_lookalike(host, store) for store in config.store_hosts):
        return _foreign(symbology, text, host, r.LOOKALIKE_HOST)
    from kiosk.core.scanning.gs1 import (
        Gs1Rejected,
        compressed_digital_link_elements,
        data_from_elements,
        digital_link_elements,
    )

    try:
        elements = digital_link_elements(url.path, url.query)
        compressed = False
        if elements is None:
            elements = compressed_digital_link_elements(url.path, url.query)
            compressed = elements is not None
        if elements is not None:
            data = data_from_elements(elements)
            result = _from_gs1(ScanKind.DIGITAL_LINK, symbology, data, config, url=text, host=host)
            return replace(result, detail="decompressed GS1 Digital Link") if compressed else result
    except Gs1Rejected as exc:
        return replace(_rejected(symbology, exc), url=text, host=host)
    reason = r.UNKNOWN_STORE_LINK if host in config.store_hosts else r.FOREIGN_LINK
    return _foreign(symbology, text, host, reason)


def _store_link(symbology: str | None, path: str, config: ScanConfig) -> ScanResult | None:
    """Loyalty app and cart handoff links; prefixes match in any case (QR alphanumeric mode upper-cases)."""
    lowered = path.lower()
    for prefix, kind in ((config.member_path, ScanKind.LOYALTY), (config.cart_handoff_path, ScanKind.CART_HANDOFF)):
        if not lowered.startswith(prefix.lower()):
            continue
        rest = path[len(prefix) :]
        if rest.endswith("/"):
            rest = rest[:-1]
        if kind is ScanKind.LOYALTY:
            if not _TOKEN_RE.match(rest):
                return _invalid(symbology, r.MALFORMED_LINK)
            return ScanResult(kind=kind, symbology=symbology, member_token=rest)
        if len(rest) != 36 or rest.count("-") != 4:
            return _invalid(symbology, r.MALFORMED_LINK)
        try:
            cart = uuid.UUID(rest)
        except ValueError:
            return _invalid(symbology, r.MALFORMED_LINK)
        return ScanResult(kind=kind, symbology=symbology, cart_id=str(cart))
    return None
