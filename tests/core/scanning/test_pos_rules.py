"""GS1 2D at the point of sale (issue 20): expiry, best-before, recall, one item from the 1D and 2D symbols of
one pack, and every frame counted. Codes are GS1's own examples (General Specifications, GS1 DataMatrix
Guideline: GTIN 09506000134352 with batch/expiry) unless said otherwise."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.core.scanning import (
    NO_RECALLS,
    RecallEntry,
    RecallList,
    ScanConfig,
    ScanKind,
    ScanRouter,
    check_item,
    interpret,
)
from kiosk.core.scanning.messages import MESSAGES

TODAY = date(2026, 12, 7)
GTIN = "09506000134352"
RECALLS = RecallList(
    (
        RecallEntry("R-LOT", GTIN, lot="AB-123"),
        RecallEntry("R-SER", GTIN, serial="12345"),
        RecallEntry("R-UNIT", "09501101530003", lot="L1", serial="S9"),
    )
)


def _router(config: ScanConfig | None = None, recalls: RecallList = RECALLS) -> ScanRouter:
    return ScanRouter(config or ScanConfig(), today=lambda: TODAY, recalls=lambda: recalls)


# ------------------------------------------------------------------------------------------- expiry, best-before


@pytest.mark.parametrize(
    ("data", "expired"),
    [
        (b"]d2010950600013435217261206\x1d10LOT1", True),  # yesterday
        (b"]d2010950600013435217261207\x1d10LOT1", False),  # today: "use by" includes the day
        (b"]d2010950600013435217261100\x1d10LOT1", True),  # day 00: the last day of November (GenSpecs 3.4)
        (b"]d2010950600013435217261200\x1d10LOT1", False),  # day 00: 31 December
        (b"]Q1https://id.gs1.org/01/09506000134352/10/LOT1?17=251231", True),  # Digital Link data attribute
        (b"]C10109506000134352171407041010AB", True),  # GS1-128
    ],
)
def test_an_item_past_its_expiry_date_is_refused(data: bytes, expired: bool) -> None:
    result = _router(recalls=NO_RECALLS).route(data, 0)
    if expired:
        assert (result.kind, result.reason) == (ScanKind.INVALID, "expired")
        assert result.message == MESSAGES["expired"]
        assert result.message is not None and result.message.en == (
            "This item is past its expiry date and cannot be sold. Please ask a store associate."
        )
        assert result.gtin is not None and result.detail is not None and "before 2026-12-07" in result.detail
    else:
        assert result.kind in (ScanKind.GS1, ScanKind.DIGITAL_LINK) and result.reason is None


def test_a_best_before_date_in_the_past_warns_and_the_item_is_still_shown() -> None:
    result = _router().route(b"]d20109506000134352152611301099", 0)
    assert (result.kind, result.warning, result.reason) == (ScanKind.GS1, "best_before_passed", None)
    assert result.message == MESSAGES["best_before_passed"]
    assert result.ok
    fresh = _router().route(b"]d20109506000134352152712311099", 0)
    assert (fresh.warning, fresh.message) == (None, None)


def test_expiry_wins_over_best_before() -> None:
    result = _router().route(b"]d201095060001343521526113017261130", 0)
    assert result.reason == "expired" and result.warning is None


# ------------------------------------------------------------------------------------------------------- recall


@pytest.mark.parametrize(
    ("data", "reference", "by"),
    [
        (b"]d20109506000134352\x1d10AB-123", "R-LOT", "lot"),
        (b"]C10109506000134352\x1d10AB-123\x1d21999", "R-LOT", "lot"),  # any unit of the lot
        (b"]d2010950600013435221\x1d", None, None),  # no such serial: not recalled
        (b"]d201095060001343522112345", "R-SER", "serial"),
        (b"]Q1https://id.gs1.org/01/09506000134352/10/AB-123", "R-LOT", "lot"),
        (b"]Q1https://id.gs1.org/01/09506000134352/21/12345", "R-SER", "serial"),
        (b"]d20109506000134352\x1d10ab-123", None, None),  # GS1 data is case-sensitive: another lot
        (b"]d20109501101530003\x1d10L1\x1d21S9", "R-UNIT", "serial"),
        (b"]d20109501101530003\x1d10L2\x1d21S9", None, None),  # the unit's lot differs: not that unit
        (b"]E09506000134352", None, None),  # a 1D barcode carries no lot: nothing to match
    ],
)
def test_a_recalled_lot_or_serial_is_refused(data: bytes, reference: str | None, by: str | None) -> None:
    result = _router().route(data, 0) if not data.endswith(b"21\x1d") else interpret(data)
    if reference is None:
        assert result.reason != "recalled"
        return
    assert (result.kind, result.reason, result.recall, result.recall_by) == (
        ScanKind.INVALID,
        "recalled",
        reference,
        by,
    )
    assert result.message is not None and result.message.es == (
        "Este artículo ha sido retirado del mercado y no se puede vender. Entrégaselo al personal de la tienda."
    )
    assert result.to_json_dict()["recall"] == reference


def test_recall_wins_over_expiry() -> None:
    result = _router().route(b"]d2010950600013435217200101\x1d10AB-123", 0)
    assert result.reason == "recalled"


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ([{"reference": "R1", "gtin": GTIN}], "Recall R1: needs a lot or a serial number"),
        ([{"reference": "R1", "gtin": "09506000134353", "lot": "A"}], "Recall R1: GTIN must be 14 digits with a valid check digit, got '09506000134353'"),
        ([{"reference": "", "gtin": GTIN, "lot": "A"}], "Recall reference must be 1 to 64 characters, got ''"),
        ([{"reference": "R1", "gtin": GTIN, "lot": "A" * 21}], f"Recall R1: lot must be 1 to 20 characters, got '{'A' * 21}'"),
        ([{"reference": "R1", "gtin": GTIN, "lot": 5}], "Recall record 0: lot must be text, got 5"),
        ([{"reference": "R1", "gtin": GTIN, "batch": "A"}], "Recall record 0 has unknown field 'batch'"),
        (["R1"], "Recall record 0 must be an object, got 'R1'"),
    ],
)  # fmt: skip
def test_a_bad_recall_record_is_refused_by_name(records: list[object], message: str) -> None:
    with pytest.raises(ValueError) as exc:
        RecallList.from_records(records)  # type: ignore[arg-type]
    assert str(exc.value) == message


def test_recall_records_zero_fill_short_gtins() -> None:
    recalls = RecallList.from_records([{"reference": "R1", "gtin": "9506000134352", "lot": "A"}])
    assert recalls.match(GTIN, "A", None) is not None and len(recalls) == 1


def test_check_item_leaves_non_items_alone() -> None:
    loyalty = interpret(b"https://shop.example.com/m/abcdefgh")
    assert check_item(loyalty, TODAY, RECALLS) is loyalty


# ------------------------------------------------------------------------------------------------ one pack, two symbols

ONE_D = b"]E09506000134352"
TWO_D = b"]d20109506000134352\x1d10LOT9\x1d17271231"
MS = 1_000_000


@pytest.mark.parametrize(("first", "second"), [(ONE_D, TWO_D), (TWO_D, ONE_D)])
def test_the_1d_and_2d_symbols_of_one_pack_are_one_item(first: bytes, second: bytes) -> None:
    router = _router()
    a = router.route(first, 0)
    b = router.route(second, 900 * MS)
    assert a.kind in (ScanKind.PRODUCT, ScanKind.GS1)
    assert (b.kind, b.reason, b.gtin) == (ScanKind.SAME_PACK, "same_pack", GTIN)
    assert (b.batch, b.expiry) == ("LOT9", date(2027, 12, 31))  # what the 2D symbol said, whichever came first
    assert not b.ok
    assert router.counts["frames"] == 2 and router.counts["same_pack"] == 1


def test_a_digital_link_qr_and_the_ean_13_are_one_item() -> None:
    router = _router()
    router.route(b"]Q1https://id.gs1.org/01/09506000134352", 0)
    assert router.route(b"9506000134352", MS).kind is ScanKind.SAME_PACK  # no AIM id: plain digits are the 1D


def test_the_other_symbol_of_an_expired_pack_is_refused_too() -> None:
    router = _router()
    refused = router.route(b"]d2010950600013435217200101\x1d10OLD", 0)
    assert refused.reason == "expired"
    again = router.route(ONE_D, 2000 * MS)
    assert (again.kind, again.reason, again.symbology) == (ScanKind.INVALID, "expired", "]E0")
    assert again.detail is not None and again.detail.startswith("same pack as the refused scan")


def test_after_the_window_or_with_other_data_it_is_another_item() -> None:
    router = _router(ScanConfig(same_pack_ms=1000))
    router.route(ONE_D, 0)
    assert router.route(TWO_D, 1001 * MS).kind is ScanKind.GS1
    # two 2D codes of one GTIN with different lots are two packs
    assert router.route(b"]d20109506000134352\x1d10LOT8", 1002 * MS).kind is ScanKind.GS1
    # the same 1D twice (past the debounce) is a second look at the product, not the pack's other symbol
    plain = _router()
    plain.route(ONE_D, 0)
    assert plain.route(ONE_D, 500 * MS).kind is ScanKind.PRODUCT


def test_same_pack_can_be_switched_off_and_is_forgotten_at_session_end() -> None:
    off = _router(ScanConfig(same_pack_ms=0))
    off.route(ONE_D, 0)
    assert off.route(TWO_D, 0).kind is ScanKind.GS1
    router = _router()
    router.route(ONE_D, 0)
    router.reset()
    assert router.route(TWO_D, MS).kind is ScanKind.GS1


def test_a_best_before_warning_on_the_second_symbol_still_reaches_the_shopper() -> None:
    router = _router()
    router.route(ONE_D, 0)
    second = router.route(b"]d20109506000134352\x1d10LOT9\x1d15261130", MS)
    assert (second.kind, second.warning) == (ScanKind.SAME_PACK, "best_before_passed")
    assert second.message == MESSAGES["best_before_passed"]


# ------------------------------------------------------------------------------------------------ every frame counted


def test_every_frame_gives_exactly_one_counted_result() -> None:
    router = _router()
    frames = [b"", b"]E0", b"]E04006381333931", b"hello", b"https://evil.net/", ONE_D, TWO_D]
    results = [router.route(f, i * MS) for i, f in enumerate(frames)] + [router.repeat(b"]E04006381333931")]
    assert [r.kind.value for r in results] == [
        "empty", "empty", "product", "invalid", "foreign_url", "product", "same_pack", "repeat",
    ]  # fmt: skip
    assert router.summary() == {
        "frames": 8,
        "kinds": {"empty": 2, "product": 2, "invalid": 1, "foreign_url": 1, "same_pack": 1, "repeat": 1},
        "reasons": {"empty": 2, "unknown_code": 1, "foreign_link": 1, "same_pack": 1, "debounced": 1},
    }
