"""Hypothesis fuzzing of the scan router (issue 20): 10,000 sequences of frames in every `make test`, more in
`make fuzz` (KIOSK_FUZZ_EXAMPLES). Every frame gives exactly one coherent result, nothing raises (the
interpreter's catch-all is never needed), and the counters add up.

Measured on the 2-core development box: 24-27 s of CPU for 10,000 examples (docs/scanning.md keeps the figures).
"""

from __future__ import annotations

import os
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.scanning import RecallEntry, RecallList, ScanConfig, ScanKind, ScanRouter
from kiosk.core.scanning.gtin import check_digit
from kiosk.core.scanning.interpret import _interpret
from tests.core.scanning.test_properties import AIM_IDS, _check_coherent, any_text, digits, element_strings, urls

FUZZ_EXAMPLES = int(os.environ.get("KIOSK_FUZZ_EXAMPLES", "10000"))
GTIN = "09506000134352"
RECALLS = RecallList((RecallEntry("R1", GTIN, lot="AB-123"), RecallEntry("R2", GTIN, serial="7")))
MORE_AIM_IDS = [*AIM_IDS, "]Q2", "]d4", "]d5", "]Q4", "]z1", "]J1", "]L0", "]X0", "]e1"]


def _ean13(body: str) -> str:
    return body + str(check_digit(body))


gs1_parts = st.sampled_from(
    [
        f"01{GTIN}", "0109501101530003", "10AB-123\x1d", "10ab-123\x1d", "217\x1d", "21X\x1d", "17261130",
        "17200101", "17271200", "15200101", "15271231", "3103000500", "3922000750\x1d", "250S\x1d", "8200http://x\x1d",
        "7003261231", "\\000026", "\\\\", "\\000020",
    ]
)  # fmt: skip
dl_paths = st.sampled_from(
    [
        f"/01/{GTIN}", f"/01/{GTIN}/10/AB-123", f"/01/{GTIN}/21/7/10/A", f"/gtin/{GTIN}", f"/01/{GTIN}/lot/A",
        "/AQnYUc1gmg", "/AN2yxDhfaiaw", "/AQnYUc1gmiCNV4JG", "/dQw4w9WgXcQ", f"/01/{GTIN}?exp=201231",
        f"/01/{GTIN}?17=201231&linkType=x&99999=1", f"/01/{GTIN}?3922=1", f"/01/{GTIN}/235/X",
    ]
)  # fmt: skip
hosts = st.sampled_from(
    ["id.gs1.org", "shop.example.com", "shop.example.com@evil.net", "evil.net\\@shop.example.com", "shop%2eexample.com"]
)


@st.composite
def pos_frames(draw: st.DrawFn) -> bytes:
    """Frames aimed at issue 20's rules: GS1 data with dates, lots and serials, Digital Links old and new,
    variable-measure codes, 8-digit codes, ECI escapes."""
    aim = draw(st.sampled_from(MORE_AIM_IDS))
    choice = draw(st.integers(0, 4))
    if choice == 0:
        text = "".join(draw(st.lists(gs1_parts, min_size=1, max_size=5)))
    elif choice == 1:
        text = f"https://{draw(hosts)}{draw(dl_paths)}"
    elif choice == 2:
        text = _ean13(draw(st.sampled_from(["02", "20", "21", "22", "23", "25", "28", "29"])) + "".join(
            draw(st.lists(st.sampled_from("0123456789"), min_size=9, max_size=9))
        )[:10])
    elif choice == 3:
        text = draw(st.text("0123456789", min_size=8, max_size=8))
    else:
        text = ""
    return (aim + text).encode("utf-8", "surrogatepass")


configs = st.sampled_from(
    [
        ScanConfig(),
        ScanConfig(rcn_region="de"),
        ScanConfig(rcn_region="us"),
        ScanConfig(rcn_region="gb", same_pack_ms=0),
        ScanConfig(rcn_region="fr"),  # a country without layouts
        ScanConfig(rcn_region="none", eight_digit_default="upce"),
    ]
)


# test_properties' inputs less its 2 KB blobs (over-long frames are covered there and cost most of the time
# here), plus the issue-20 frames above
frames = st.one_of(
    st.binary(max_size=120),
    st.builds(lambda a, d: (a + d).encode(), st.sampled_from(MORE_AIM_IDS), digits),
    st.builds(lambda a, d: (a + d).encode(), st.sampled_from(MORE_AIM_IDS), element_strings()),
    st.builds(lambda a, u: (a + u).encode("utf-8", "surrogatepass"), st.sampled_from(MORE_AIM_IDS), urls()),
    st.builds(lambda a, t: (a + t).encode("utf-8", "surrogatepass"), st.sampled_from(MORE_AIM_IDS), any_text),
    pos_frames(),
    pos_frames(),
)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    configs,
    # (frame, ms since the previous one, whether the debouncer called it a repeat: one in eight)
    st.lists(st.tuples(frames, st.integers(0, 10_000), st.integers(0, 7).map(lambda n: n == 0)), min_size=1, max_size=3),
)
def test_the_router_gives_one_coherent_result_per_frame(config: ScanConfig, frames: list[tuple[bytes, int, bool]]) -> None:
    router = ScanRouter(config, today=lambda: date(2026, 12, 7), recalls=lambda: RECALLS)
    now_ns = 0
    for data, gap_ms, repeat in frames:
        now_ns += gap_ms * 1_000_000
        if repeat:
            result = router.repeat(data)
            assert (result.kind, result.reason) == (ScanKind.REPEAT, "debounced")
            continue
        _interpret(data, config)  # raises if a rule has a bug the public catch-all would hide
        result = router.route(data, now_ns)
        _check_coherent(result)
        if result.kind is ScanKind.INVALID and result.reason in ("expired", "recalled"):
            assert result.gtin is not None and result.detail
        if result.kind is ScanKind.SAME_PACK:
            assert result.gtin is not None and result.lookup_gtin is not None
    assert router.counts["frames"] == len(frames)
    assert sum(v for k, v in router.counts.items() if k != "frames") == len(frames)
