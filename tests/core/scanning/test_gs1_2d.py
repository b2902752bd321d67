"""Issue 20's reading rules: Digital Link forms, compressed Digital Link, AI pairings, 8-digit symbols, AIM ids
with ECI, national variable-measure check digits and an unknown region.

Cases come from GS1's published examples: the GS1 Digital Link URI Syntax and its conformance examples
(id.gs1.org/01/09506000134352...), GS1's compressed Digital Link examples (the GS1 Digital Link toolkit's
published pairs, e.g. GTIN 05412345000013 as "AQnYUc1gmg", SSCC 998440410914660971 as "AN2yxDhfaiaw"), the GS1 Barcode Syntax Dictionary's req/ex
pairings, the General Specifications' price check digit examples (2875 -> 9, 14685 -> 6) and biip's
regional variable-measure rules.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from biip.checksums import gs1_price_weight_check_digit

from kiosk.core.scanning import ScanConfig, ScanKind, interpret, lookup_order
from kiosk.core.scanning.associations import association_error
from kiosk.core.scanning.gtin import check_digit
from kiosk.core.scanning.messages import MESSAGES
from kiosk.core.scanning.rcn import price_weight_check_digit

CONFIG = ScanConfig()

# ------------------------------------------------------------------------------------------------- Digital Link


@pytest.mark.parametrize(
    ("data", "short_name"),
    [
        (b"https://id.gs1.org/gtin/09506000134352", "gtin"),
        (b"https://id.gs1.org/01/09506000134352/lot/ABC1", "lot"),
        (b"https://id.gs1.org/01/614141123452/lot/ABC1/ser/12345?exp=180426", "lot"),
        (b"https://id.gs1.org/01/09506000134352/ser/12345", "ser"),
        (b"https://id.gs1.org/01/09506000134352?exp=180426", "exp"),
        (b"https://id.gs1.org/01/09506000134352?bbd=180426", "bbd"),
        (b"]Q1HTTPS://ID.GS1.ORG/GTIN/09506000134352/LOT/ABC", "GTIN"),
        (b"https://example.com/sscc/106141411234567897", "sscc"),
    ],
)
def test_deprecated_short_names_are_refused_naming_them(data: bytes, short_name: str) -> None:
    result = interpret(data, CONFIG)
    assert (result.kind, result.reason, result.detail) == (ScanKind.INVALID, "deprecated_digital_link", short_name)
    assert result.message is not None
    assert result.message.en == (
        f'This product link uses the old short name "{short_name}", which the GS1 standard no longer allows.'
    )
    assert result.message.es == (
        f'Este enlace de producto usa el nombre corto antiguo "{short_name}", que la norma GS1 ya no permite.'
    )
    assert result.gtin is None  # a refused link gives no product


def test_a_web_page_whose_path_merely_looks_like_a_short_name_is_a_foreign_link() -> None:
    result = interpret(b"https://example.com/gtin/red-shoes", CONFIG)
    assert (result.kind, result.reason) == (ScanKind.FOREIGN_URL, "foreign_link")


@pytest.mark.parametrize(
    "data",
    [
        b"https://id.gs1.org/01/09506000134352/21/12345/10/ABC",  # serial before lot
        b"https://id.gs1.org/01/09506000134352/10/ABC/22/V1",  # CPV after lot
        b"https://id.gs1.org/01/09506000134352/235/X/21/1",  # 235 is the alternative to 22/10/21
        b"https://id.gs1.org/01/09506000134352/254/1",  # a GLN extension is no GTIN qualifier
    ],
)
def test_key_qualifiers_out_of_order_or_foreign_to_the_key_are_refused(data: bytes) -> None:
    result = interpret(data, CONFIG)
    assert (result.kind, result.reason) == (ScanKind.INVALID, "invalid_digital_link")
    assert result.message == MESSAGES["invalid_digital_link"]


def test_qualifiers_in_the_standard_order_are_read() -> None:
    result = interpret(b"https://id.gs1.org/01/09506000134352/22/V1/10/ABC/21/12345", CONFIG)
    assert (result.kind, result.batch, result.serial) == (ScanKind.DIGITAL_LINK, "ABC", "12345")


def test_unknown_query_parameters_are_ignored() -> None:
    result = interpret(
        b"https://id.gs1.org/01/09506000134352/10/ABC?linkType=gs1:pip&99999=x&123=y&utm_source=z&17=271231&context=dl",
        CONFIG,
    )
    assert (result.kind, result.batch, result.expiry.isoformat() if result.expiry else None) == (
        ScanKind.DIGITAL_LINK,
        "ABC",
        "2027-12-31",
    )


# GS1's own compression examples (the Digital Link toolkit's published test pairs): uncompressed -> compressed.
COMPRESSED_PAIRS = [
    ("https://id.gs1.org/00/998440410914660971", "https://id.gs1.org/AN2yxDhfaiaw"),
    ("https://id.gs1.org/01/05412345000013", "https://id.gs1.org/AQnYUc1gmg"),
    ("https://id.gs1.org/01/05412345000013/10/ABC123", "https://id.gs1.org/AQnYUc1gmiCNV4JG"),
    ("https://id.gs1.org/01/05412345000013/10/ABC123/21/72292641703", "https://id.gs1.org/AQnYUc1gmiCNV4JGQhcNT6K6c"),
    ("https://id.gs1.org/01/05412345000013/22/AJY3095721P49/10/ABC123/21/72292641703", "https://id.gs1.org/AQnYUc1gmiCNV4JGQhcNT6K6cibQCWN9Pee9tT-PQ"),
    ("https://id.gs1.org/01/05412345000013/22/AJY3095721P49/10/ABC123", "https://id.gs1.org/AQnYUc1gmiCNV4JGRNoBLG-nvPe2p_Ho"),
    ("https://id.gs1.org/01/05412345000013/235/8TFV883a904GH%263", "https://id.gs1.org/AQnYUc1gmkax7ipGrOHDPC5YNI8hMz"),
    ("https://id.gs1.org/01/05412345000013/21/72292641703", "https://id.gs1.org/AQnYUc1gmkIXDU-iun"),
    ("https://id.gs1.org/01/05412345000013/22/AJY3095721P49/21/72292641703", "https://id.gs1.org/AQnYUc1gmkIXDU-iunIm0AljfT3nvbU_j0"),
    ("https://id.gs1.org/01/05412345000013/22/AJY3095721P49", "https://id.gs1.org/AQnYUc1gmkTaASxvp7z3tqfx6"),
    ("https://id.gs1.org/253/3060077601309", "https://id.gs1.org/JTLIetaiHYA"),
    ("https://id.gs1.org/255/5678409730535", "https://id.gs1.org/JVUqG5hJ5wA"),
    ("https://id.gs1.org/401/0541234537290A41%26GHpp33", "https://id.gs1.org/QBl2DVoxZM2jVm3ZOWEFoxTR5HDgzZg"),
    ("https://id.gs1.org/402/21173492661712079", "https://id.gs1.org/QCJZyW9mC6Z4"),
    ("https://id.gs1.org/414/5060917510004", "https://id.gs1.org/QUSaVjC_dA"),
    ("https://id.gs1.org/414/5060917510004/254/RP56J920471", "https://id.gs1.org/JUa0T-eifdtOO9UFEmlYwv3Q"),
    ("https://id.gs1.org/414/5060917510004/7040/5KFX", "https://id.gs1.org/QUSaVjC_dHBAVlCrg"),
    ("https://id.gs1.org/415/5060917510004", "https://id.gs1.org/QVSaVjC_dA"),
    ("https://id.gs1.org/417/5060917510004/7040/5KFX", "https://id.gs1.org/QXSaVjC_dHBAVlCrg"),
    ("https://id.gs1.org/8004/0541234537290A41%26GHpp33/7040/7BVR", "https://id.gs1.org/cEB2CqjAAkuwatGLJm0as27JywgtGKaPI4cGbM"),
    ("https://id.gs1.org/8006/054123450000130201/22/AJY3095721P49/10/ABC123/21/72292641703", "https://id.gs1.org/EEarwSMhC4an0V05E2gEsb6e897an8ewAMGAkftmjYEy"),
    ("https://id.gs1.org/8006/054123450000130201/10/ABC123", "https://id.gs1.org/EEarwSOABgwEj9s0bAmQ"),
    ("https://id.gs1.org/8003/04965031954585", "https://id.gs1.org/gAMJCAXukTMA"),
    ("https://id.gs1.org/8004/0541234537290A41%26GHpp33", "https://id.gs1.org/gASXYNWjFkzaNWbdk5YQWjFNHkcODNm"),
    ("https://id.gs1.org/8006/054123450000130201", "https://id.gs1.org/gAYMBI_bNGwJk"),
    ("https://id.gs1.org/8006/054123450000130201/22/AJY3095721P49/21/72292641703", "https://id.gs1.org/IQuGp9FdORNoBLG-nvPe2p_HsADBgJH7Zo2BMg"),
    ("https://id.gs1.org/8010/0541234537290A41%23GH33/8011/6639047221", "https://id.gs1.org/gBCVYNWjFkzaNWbdk5YQWjFHHkM2cAI0xdvpGo"),
    ("https://id.gs1.org/8013/5060917511473062B98T", "https://id.gs1.org/gBN05060917511473062B98T"),
    ("https://id.gs1.org/8017/817019610850151481/8019/4003812", "https://id.gs1.org/gBe1ajAd9ATDmAGXPRfk"),
    ("https://id.gs1.org/8018/411369833821910265/8019/4003812", "https://id.gs1.org/gBhbV6rzBENPmAGXPRfk"),
    ("https://id.gs1.org/01/05412345000013/10/ABC123?17=290331", "https://id.gs1.org/AQnYUc1gmiCNV4JGLo3DY?arv=true&donor=bmgf"),
    # partially compressed: the primary key in clear, the rest compressed; non-GS1 pairs compressed too
    ("https://id.gs1.org/01/05412345000013/10/ABC123?17=290331", "https://id.gs1.org/01/05412345000013/EEarwSMXRuGw"),
    (
        "https://id.gs1.org/01/05412345000013/10/ABC123?17=290331&arv=true&donor=bmgf",
        "https://id.gs1.org/AQnYUc1gmiCNV4JGLo3Dfg2q72Etrue8K7RPRWwjc0D4",
    ),
    (
        "https://id.gs1.org/01/05412345000013/10/ABC123?17=290331",
        "https://id.gs1.org/01/05412345000013/EEarwSMXRuG_BtV3sJbXc94V2ieithG5oHw#chapter1",
    ),
]


@pytest.mark.parametrize(("plain", "compressed"), COMPRESSED_PAIRS)
def test_a_compressed_digital_link_reads_as_its_uncompressed_form(plain: str, compressed: str) -> None:
    """Decompressed per GS1's compression standard, never taken for a web address: the same kind, key, lot,
    serial and dates (or the same refusal: an SSCC is a shipping label) as the uncompressed link."""
    a, b = interpret(plain.encode(), CONFIG).to_json_dict(), interpret(compressed.encode(), CONFIG).to_json_dict()
    assert b["kind"] != "foreign_url"
    for result in (a, b):
        result.pop("url", None)
        result.pop("detail", None)
    assert a == b


def test_a_decompressed_link_says_so_and_goes_through_every_check() -> None:
    result = interpret(b"]Q1https://id.gs1.org/AQnYUc1gmiCNV4JGLo3DY?arv=true&donor=bmgf", CONFIG)
    assert (result.kind, result.gtin, result.batch, result.detail) == (
        ScanKind.DIGITAL_LINK,
        "05412345000013",
        "ABC123",
        "decompressed GS1 Digital Link",
    )
    assert result.expiry is not None and result.expiry.isoformat() == "2029-03-31"


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"https://id.gs1.org/AQnYUc1gmgoAAA", "01"),  # a valid GTIN header, then no AI starts "05"
        (b"https://brand.example.com/AN2yxDhfaiax", "00"),  # an SSCC whose padding is not zero
    ],
)
def test_a_compressed_link_that_will_not_decompress_is_refused_clearly(data: bytes, key: str) -> None:
    result = interpret(data, CONFIG)
    assert (result.kind, result.reason) == (ScanKind.INVALID, "compressed_digital_link")
    assert result.detail is not None and result.detail.startswith(f"compressed GS1 Digital Link, primary key AI {key}: ")
    assert result.message is not None and result.message.en == (
        "This product code is in a compressed form this kiosk cannot read. Please scan the barcode on the pack."
    )


@pytest.mark.parametrize("data", [b"https://youtu.be/dQw4w9WgXcQ", b"https://example.org/AAAAAAAAAAAAAAAA"])
def test_short_links_that_only_look_compressed_stay_foreign(data: bytes) -> None:
    assert interpret(data, CONFIG).kind is ScanKind.FOREIGN_URL


# --------------------------------------------------------------------------------------------- AI pairings


@pytest.mark.parametrize(
    ("ais", "error"),
    [
        (["01", "10", "17"], None),
        (["01", "3103", "3922"], None),
        (["01", "3922"], "3922 needs one of 30, 31nn, 32nn, 35nn, 36nn"),
        (["01", "3932"], "3932 needs one of 30, 31nn, 32nn, 35nn, 36nn"),
        (["10"], "10 needs one of 01, 02, 8006, 8026"),
        (["01", "250"], "250 needs one of 21"),
        (["01", "21", "250"], None),
        (["01", "21", "235"], "21 excludes 235"),
        (["01", "3302"], None),
        (["00", "3302"], None),
        (["01", "7004"], "7004 needs one of 10"),
        (["01", "422", "426"], "422 excludes 426"),
        (["01", "8200"], None),
        (["01", "99"], None),  # company-internal AIs have no pairing rule
    ],
)
def test_pairings_from_the_gs1_barcode_syntax_dictionary(ais: list[str], error: str | None) -> None:
    assert association_error(ais) == error


def test_a_message_missing_a_mandatory_association_is_refused() -> None:
    result = interpret(b"]C10109506000134352\x1d3922000750", CONFIG)  # a price without the measure it is for
    assert (result.kind, result.reason) == (ScanKind.INVALID, "missing_association")
    assert result.detail == "3922 needs one of 30, 31nn, 32nn, 35nn, 36nn"
    assert result.message is not None and result.message.en == "The product data in this code is incomplete."
    dl = interpret(b"https://id.gs1.org/01/09506000134352?3922=750", CONFIG)
    assert dl.reason == "missing_association"


# ------------------------------------------------------------------------------------------------ 8 digits

# 01234565: a valid EAN-8 and a valid UPC-E (expanding to 012345000065); 96385074: EAN-8 only.
BOTH = b"01234565"


@pytest.mark.parametrize(
    ("data", "gtin"),
    [
        (b"]E401234565", "00000001234565"),  # AIM ]E4: EAN-8
        (b"]E001234565", "00012345000065"),  # AIM ]E0 with 8 digits: UPC-E
        (b"96385074", "00000096385074"),  # only the EAN-8 reading is valid
        (b"04252614", "00042100005264"),  # only the UPC-E reading is valid (GS1 US example 042100005264)
    ],
)
def test_eight_digits_from_the_symbology_identifier_or_the_check_digits(data: bytes, gtin: str) -> None:
    result = interpret(data, CONFIG)
    assert (result.kind, result.gtin, result.alternative_gtin) == (ScanKind.PRODUCT, gtin, None)


@pytest.mark.parametrize(
    ("config", "first", "other"),
    [
        (ScanConfig(), "00000001234565", "00012345000065"),  # Spain: EAN-8 first
        (ScanConfig(rcn_region="us"), "00012345000065", "00000001234565"),  # the US: UPC-E first
        (ScanConfig(rcn_region="us", eight_digit_default="ean8"), "00000001234565", "00012345000065"),
    ],
)
def test_an_ambiguous_8_digit_code_carries_both_readings_market_default_first(
    config: ScanConfig, first: str, other: str
) -> None:
    result = interpret(BOTH, config)
    assert (result.gtin, result.alternative_gtin) == (first, other)
    assert lookup_order(result) == (first, other)  # the lookup takes the first the catalog has
    assert result.to_json_dict()["alternative_gtin"] == other


# -------------------------------------------------------------------------------------------- AIM ids and ECI


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"]Q2\\000026https://id.gs1.org/01/09506000134352", ScanKind.DIGITAL_LINK),  # QR with ECI 26 (UTF-8)
        (b"]d4\\000026https://id.gs1.org/01/09506000134352", ScanKind.DIGITAL_LINK),
        (b"]d5\\0000260109506000134352", ScanKind.GS1),  # GS1 DataMatrix with ECI
        (b"]Q40109506000134352", ScanKind.GS1),  # GS1 QR with ECI, no escape used
        (b"]z10109506000134352", ScanKind.GS1),  # GS1 Aztec
        (b"]J10109506000134352", ScanKind.GS1),  # GS1 DotCode
        (b"]e00109506000134352", ScanKind.GS1),  # GS1 DataBar
        (b"]z0https://id.gs1.org/01/09506000134352", ScanKind.DIGITAL_LINK),
        (b"]L0https://id.gs1.org/01/09506000134352", ScanKind.DIGITAL_LINK),  # PDF417
    ],
)
def test_aim_identifiers_of_the_2d_symbologies(data: bytes, kind: ScanKind) -> None:
    result = interpret(data, CONFIG)
    assert result.kind is kind, result
    assert result.gtin == "09506000134352"


def test_an_eci_we_cannot_read_is_refused_by_name() -> None:
    result = interpret(b"]Q2\\000020https://id.gs1.org/01/09506000134352", CONFIG)  # Shift JIS
    assert (result.kind, result.reason) == (ScanKind.INVALID, "unsupported_eci")


def test_a_doubled_backslash_under_eci_is_one_backslash() -> None:
    result = interpret(b"]Q2https://example.org/a\\\\b", CONFIG)
    assert (result.kind, result.reason) == (ScanKind.FOREIGN_URL, "disguised_link")  # a backslash URL is a trick


# ------------------------------------------------------------------------------------------------ variable measure


def test_price_check_digit_agrees_with_gs1s_examples_and_biip() -> None:
    assert price_weight_check_digit("2875") == gs1_price_weight_check_digit("2875") == 9
    assert price_weight_check_digit("14685") == gs1_price_weight_check_digit("14685") == 6


def _rcn(body12: str) -> bytes:
    return (body12 + str(check_digit(body12))).encode()


@pytest.mark.parametrize(
    ("region", "good", "field", "value"),
    [
        # Germany (biip's rules): 5-digit value with its price/weight check digit in position 7
        ("de", "221234" + "6" + "14685", "price", Decimal("146.85")),
        ("de", "281234" + "6" + "14685", "weight", Decimal("14.685")),
        ("de", "251234" + "6" + "14685", "count", 14685),
        # Great Britain: 4-digit price with its check digit
        ("gb", "2012345" + "9" + "2875", "price", Decimal("28.75")),
        # the US: UPC-A number system 2, 4-digit price with its check digit
        ("us", "0212345" + "9" + "2875", "price", Decimal("28.75")),
    ],
)
def test_a_wrong_embedded_check_digit_is_refused_where_the_country_has_one(
    region: str, good: str, field: str, value: object
) -> None:
    config = ScanConfig(rcn_region=region)
    result = interpret(_rcn(good), config)
    assert result.kind is ScanKind.PRODUCT
    assert getattr(result, field) == value
    c = 6 if region == "de" else 7
    bad = good[:c] + str((int(good[c]) + 1) % 10) + good[c + 1 :]
    refused = interpret(_rcn(bad), config)
    assert (refused.kind, refused.reason) == (ScanKind.INVALID, "bad_check_digit")
    assert refused.detail is not None and "price/weight check digit wrong" in refused.detail


def test_an_unknown_region_refuses_in_store_codes_by_name() -> None:
    config = ScanConfig.from_mapping({"rcn_region": "FR"})
    assert not config.rcn_region_known
    result = interpret(_rcn("211234501234"), config)
    assert (result.kind, result.reason) == (ScanKind.INVALID, "rcn_unknown_region")
    assert result.detail == "no variable-measure layouts for region 'fr'"
    assert result.message is not None and result.message.en == (
        "This in-store price or weight label cannot be read at this kiosk. Please ask a store associate."
    )
    # ordinary GTINs are unaffected
    assert interpret(b"4006381333931", config).kind is ScanKind.PRODUCT


def test_an_unknown_region_with_its_own_rules_and_region_none() -> None:
    own = ScanConfig.from_mapping({"rcn_region": "fr", "rcn_rules": {"21": "PPPPPPPVVVVV price 2"}})
    assert interpret(_rcn("211234501234"), own).price == Decimal("12.34")
    none = ScanConfig.from_mapping({"rcn_region": "none"})
    plain = interpret(_rcn("211234501234"), none)
    assert (plain.kind, plain.price, plain.lookup_gtin) == (ScanKind.PRODUCT, None, plain.gtin)
