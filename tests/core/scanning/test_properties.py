"""Property tests: no input crashes interpret() (the catch-all is never needed), results are coherent,
and each interpretation takes under 1 ms."""

from __future__ import annotations

import json
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.scanning import ScanConfig, ScanKind, ScanResult, interpret
from kiosk.core.scanning.gtin import has_valid_check_digit
from kiosk.core.scanning.interpret import _interpret
from kiosk.core.scanning.messages import MESSAGES, SILENT, deprecated_form_message

CONFIG = ScanConfig()
AIM_IDS = ["]E0", "]E1", "]E2", "]E3", "]E4", "]I0", "]I1", "]C0", "]C1", "]e0", "]d1", "]d2", "]Q1", "]Q3", "]A0", "]z0", ""]
AIS = ["00", "01", "02", "10", "15", "17", "21", "37", "255", "3103", "3922", "3933", "8200", "8110", "414", "99"]

digits = st.text("0123456789", min_size=0, max_size=20)
ascii_text = st.text(st.characters(min_codepoint=0, max_codepoint=0x7F), max_size=60)
any_text = st.text(max_size=80)


@st.composite
def element_strings(draw: st.DrawFn) -> str:
    parts = [draw(st.sampled_from(AIS)) + draw(st.one_of(digits, ascii_text)) for _ in range(draw(st.integers(1, 4)))]
    return draw(st.sampled_from(["", "\x1d"])).join(parts)


@st.composite
def urls(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(["https", "http", "HTTPS", "javascript", "file", "data", "ftp", "x"]))
    host = draw(
        st.sampled_from(
            ["shop.example.com", "SHOP.EXAMPLE.COM", "id.gs1.org", "shop.example.com.evil.net", "xn--a", "[::1]", ""]
        )
        | st.text(max_size=20)
    )
    userinfo = draw(st.sampled_from(["", "user@", "shop.example.com@", "a:b@"]))
    port = draw(st.sampled_from(["", ":443", ":8080", ":", ":99999999"]))
    path = draw(
        st.sampled_from(["", "/", "/m/", "/cart/handoff/", "/01/", "/gtin/", "/00/", "/414/", "/01/09506000134352/10/"])
    ) + draw(any_text)
    query = draw(st.sampled_from(["", "?17=251231", "?10=A&10=B", "?3103=000195", "?" ])) + draw(ascii_text)
    return f"{scheme}://{userinfo}{host}{port}{path}{query}"


inputs = st.one_of(
    st.binary(max_size=300),
    st.binary(min_size=2040, max_size=2060),
    st.builds(lambda a, d: (a + d).encode(), st.sampled_from(AIM_IDS), digits),
    st.builds(lambda a, d: (a + d).encode(), st.sampled_from(AIM_IDS), element_strings()),
    st.builds(lambda a, u: (a + u).encode("utf-8", "surrogatepass"), st.sampled_from(AIM_IDS), urls()),
    st.builds(lambda a, t: (a + t).encode("utf-8", "surrogatepass"), st.sampled_from(AIM_IDS), any_text),
)


def _check_coherent(result: ScanResult) -> None:
    assert isinstance(result.kind, ScanKind)
    if result.kind is ScanKind.INVALID:
        assert result.reason in MESSAGES
        if result.reason == "deprecated_digital_link":
            assert result.message == deprecated_form_message(result.detail or "")
        else:
            assert result.message == MESSAGES[result.reason]
        # only the refusals of a known item keep its GTIN (for the event and the associate)
        assert result.gtin is None or result.reason in ("expired", "recalled")
        assert result.member_id is None and result.member_token is None
    elif result.kind is ScanKind.FOREIGN_URL:
        assert result.reason in MESSAGES and result.url and result.host
    elif result.kind in (ScanKind.EMPTY, ScanKind.REPEAT, ScanKind.SAME_PACK):
        assert result.reason in SILENT and not result.ok
    elif result.warning is not None:
        assert result.reason is None and result.message == MESSAGES[result.warning]
    else:
        assert result.reason is None and result.message is None
    if result.gtin is not None:
        assert len(result.gtin) == 14 and result.gtin.isdigit() and has_valid_check_digit(result.gtin)
        assert result.lookup_gtin is not None and has_valid_check_digit(result.lookup_gtin)
    if result.kind in (ScanKind.PRODUCT, ScanKind.GS1, ScanKind.DIGITAL_LINK):
        assert result.lookup_gtin is not None
    json.dumps(result.to_json_dict())


@settings(max_examples=1200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs)
def test_no_input_crashes_and_results_are_coherent(data: bytes) -> None:
    result = _interpret(data, CONFIG)  # the private one: an exception here is a bug the catch-all would hide
    _check_coherent(result)
    assert interpret(data, CONFIG) == result  # pure: same input, same answer


_durations: list[int] = []


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs)
def test_each_interpretation_takes_under_a_millisecond(data: bytes) -> None:
    _durations.append(_best_of_three(data))


def _best_of_three(data: bytes) -> int:
    """The fastest of three runs: the cost of the call itself, not of whatever else the CI box is doing
    (other test processes on two cores made single measurements swing by 5x)."""
    best = None
    for _ in range(3):
        start = time.perf_counter_ns()
        interpret(data, CONFIG)
        elapsed = time.perf_counter_ns() - start
        best = elapsed if best is None else min(best, elapsed)
    assert best is not None
    return best


def test_interpretation_time_p99_under_1ms() -> None:
    """Runs after the property test above fills _durations (pytest keeps file order)."""
    if len(_durations) < 500:  # run on its own: measure a fixed corpus
        corpus = [b"]E04006381333931", b"]C10109501101530003\x1d17140704\x1d10AB-123",
                  b"]Q1https://id.gs1.org/01/09506000134352/10/ABC?17=251231", b"https://shop.example.com.evil.net/x",
                  "https://shop.exаmple.com/m/abcdefgh".encode(), b"x" * 2048]  # fmt: skip
        for data in corpus * 100:
            _durations.append(_best_of_three(data))
    ordered = sorted(_durations)
    p99 = ordered[int(len(ordered) * 0.99)]
    print(f"interpret() over {len(ordered)} inputs: p99 {p99 / 1e6:.3f} ms, max {ordered[-1] / 1e6:.3f} ms")
    assert p99 < 1_000_000, f"p99 {p99 / 1e6:.3f} ms, max {ordered[-1] / 1e6:.3f} ms"


@settings(max_examples=300, deadline=None)
@given(st.text("0123456789", min_size=12, max_size=12))
def test_every_valid_ean13_is_read_or_refused_for_its_prefix(payload: str) -> None:
    from kiosk.core.scanning.gtin import check_digit

    code = payload + str(check_digit(payload))
    result = interpret(f"]E0{code}".encode(), CONFIG)
    if code.startswith(("04",)):
        assert result.kind is ScanKind.LOYALTY
    elif code.startswith(("05", "99", "980", "981", "982", "983", "984")):
        assert result.reason == "coupon"
    elif code.startswith(("02", "2")):
        assert result.kind is ScanKind.PRODUCT and result.gtin == "0" + code
    else:
        assert (result.kind, result.gtin, result.lookup_gtin) == (ScanKind.PRODUCT, "0" + code, "0" + code)
    wrong = code[:-1] + str((int(code[-1]) + 1) % 10)
    assert interpret(f"]E0{wrong}".encode(), CONFIG).reason == "bad_check_digit"


@settings(max_examples=300, deadline=None)
@given(st.sampled_from("01"), st.text("0123456789", min_size=6, max_size=6))
def test_upc_e_expansion_agrees_with_biip(number_system: str, body: str) -> None:
    from biip.upc import Upc

    from kiosk.core.scanning.gtin import expand_upc_e

    ours = expand_upc_e(number_system + body)
    assert ours is not None
    assert Upc.parse(number_system + body).as_upc_a() == ours
