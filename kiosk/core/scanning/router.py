"""ScanRouter: every frame -> exactly one ScanResult, with the point-of-sale duties of GS1 2D (Sunrise 2027).

interpret() reads one frame on its own. The router adds what needs the date, the backend's recall list or
the frame before: an expired item (AI 17 in the past) is refused; a best-before date (AI 15) in the past
warns; a lot or serial on the recall list is refused; the 1D barcode and the 2D code of one pack, both
scanned, are one item; repeats and empty reads become results of their own and every result is counted.
Pure: the date, the time and the recall list are passed in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from kiosk.core.scanning import messages as r
from kiosk.core.scanning.config import ScanConfig
from kiosk.core.scanning.interpret import interpret
from kiosk.core.scanning.recall import NO_RECALLS, RecallList
from kiosk.core.scanning.result import ScanKind, ScanResult

# AIM symbology families by dimension (ISO/IEC 15424): linear ones, and matrix or stacked ones.
_LINEAR = frozenset("EIeC")  # EAN/UPC, ITF-14, GS1 DataBar, GS1-128
_MATRIX = frozenset("dQzJLUh")  # DataMatrix, QR, Aztec, DotCode, PDF417, MaxiCode, Han Xin
# Refusals that belong to the pack, not to the symbol: the other symbol of the same pack is refused too.
_PACK_REFUSALS = frozenset({r.EXPIRED, r.RECALLED})


def check_item(result: ScanResult, today: date, recalls: RecallList) -> ScanResult:
    """The point-of-sale checks of one item's own data: recall, then expiry, then best-before.

    GS1 General Specifications 2.1.x / "2D barcodes at retail POS": a POS system reading AI 17 must not sell
    an item past it (the date itself is still good: "use by"); AI 15 is quality, not safety, so it warns.
    """
    if not result.is_item:
        return result
    match = recalls.match(result.gtin, result.batch, result.serial)
    if match is not None:
        shown = result.serial if match.by == "serial" else result.batch
        return replace(
            result,
            kind=ScanKind.INVALID,
            reason=r.RECALLED,
            message=r.MESSAGES[r.RECALLED],
            recall=match.entry.reference,
            recall_by=match.by,
            detail=f"recall {match.entry.reference}: {match.by} {shown}",
        )
    if result.expiry is not None and result.expiry < today:
        return replace(
            result,
            kind=ScanKind.INVALID,
            reason=r.EXPIRED,
            message=r.MESSAGES[r.EXPIRED],
            detail=f"expiry date {result.expiry.isoformat()} before {today.isoformat()}",
        )
    if result.best_before is not None and result.best_before < today:
        return replace(result, warning=r.BEST_BEFORE_PASSED, message=r.MESSAGES[r.BEST_BEFORE_PASSED])
    return result


def dimension(result: ScanResult) -> str | None:
    """"1d", "2d" or None (unknown) for the symbol a result came from."""
    if result.symbology is not None:
        family = result.symbology[1]
        return "1d" if family in _LINEAR else "2d" if family in _MATRIX else None
    if result.url is not None:
        return "2d"  # a URI is only ever carried by a 2D code
    return None


@dataclass(frozen=True, slots=True)
class _Seen:
    result: ScanResult
    at_ns: int


def _carries_data(result: ScanResult) -> bool:
    return result.kind in (ScanKind.GS1, ScanKind.DIGITAL_LINK) or (
        result.kind is ScanKind.INVALID and result.url is not None
    )


def _conflicts(a: ScanResult, b: ScanResult) -> bool:
    """Two symbols that say different things about lot, serial or dates are two packs, not one."""
    return any(
        x is not None and y is not None and x != y
        for x, y in ((a.batch, b.batch), (a.serial, b.serial), (a.expiry, b.expiry), (a.best_before, b.best_before))
    )


class ScanRouter:
    """One per scanning pipeline (the kiosk's, `kiosk scan explain`'s); not thread-safe: call it from one thread."""

    def __init__(
        self,
        config: ScanConfig,
        *,
        today: Callable[[], date],
        recalls: Callable[[], RecallList] = lambda: NO_RECALLS,
    ) -> None:
        self.config = config
        self._today = today
        self._recalls = recalls
        self._last: _Seen | None = None
        self.counts: Counter[str] = Counter()  # by kind, plus "frames"
        self.reasons: Counter[str] = Counter()  # by reason and warning code

    def route(self, data: bytes, at_ns: int) -> ScanResult:
        """One frame, as framed and debounced by the source, at its monotonic time in ns."""
        result = interpret(data, self.config)
        if result.is_item:
            result = check_item(result, self._today(), self._recalls())
        result = self._same_pack(result, at_ns)
        return self._counted(result)

    def repeat(self, data: bytes) -> ScanResult:
        """A frame the debouncer dropped as a repeat: a result of its own, so nothing goes uncounted."""
        symbology = data[:3].decode("ascii", "replace") if data.startswith(b"]") and len(data) >= 3 else None
        result = ScanResult(
            kind=ScanKind.REPEAT, symbology=symbology, reason=r.DEBOUNCED, message=r.MESSAGES[r.DEBOUNCED]
        )
        return self._counted(result)

    def reset(self) -> None:
        """Session end: the next shopper's first scan is never merged with the last shopper's pack."""
        self._last = None

    def summary(self) -> dict[str, object]:
        return {"frames": self.counts["frames"], "kinds": dict(self.counts - Counter(frames=self.counts["frames"])),
                "reasons": dict(self.reasons)}  # fmt: skip

    def _counted(self, result: ScanResult) -> ScanResult:
        self.counts["frames"] += 1
        self.counts[result.kind.value] += 1
        for code in (result.reason, result.warning):
            if code is not None:
                self.reasons[code] += 1
        return result

    def _same_pack(self, result: ScanResult, at_ns: int) -> ScanResult:
        """GS1's rule for packs marked with both a 1D and a 2D symbol during the transition: the POS must
        not count the item twice. The second symbol of the same GTIN within `same_pack_ms` becomes SAME_PACK;
        if the first was refused for the pack's sake (expired, recalled), the second is refused the same way."""
        pack_refusal = result.kind is ScanKind.INVALID and result.reason in _PACK_REFUSALS
        if result.gtin is None or not (result.is_item or pack_refusal):
            return result
        last, self._last = self._last, _Seen(result, at_ns)
        window_ns = self.config.same_pack_ms * 1_000_000
        if window_ns == 0 or last is None or last.result.gtin != result.gtin or at_ns - last.at_ns > window_ns:
            return result
        before = last.result
        one_d, two_d = dimension(before), dimension(result)
        other_symbol = _carries_data(before) != _carries_data(result) or (
            one_d is not None and two_d is not None and one_d != two_d
        )
        if not other_symbol or _conflicts(before, result):
            return result
        if pack_refusal:
            return result  # this symbol's own data refuses the pack: say so, whatever the other symbol showed
        if before.kind is ScanKind.INVALID:
            # the other symbol of this pack was refused: so is this one (a 1D barcode carries no expiry)
            self._last = _Seen(before, at_ns)
            return replace(before, symbology=result.symbology, detail=f"same pack as the refused scan: {before.detail}")
        merged = ScanResult(
            kind=ScanKind.SAME_PACK,
            symbology=result.symbology,
            gtin=result.gtin,
            lookup_gtin=result.lookup_gtin or before.lookup_gtin,
            batch=result.batch or before.batch,
            serial=result.serial or before.serial,
            expiry=result.expiry or before.expiry,
            best_before=result.best_before or before.best_before,
            weight=result.weight if result.weight is not None else before.weight,
            price=result.price if result.price is not None else before.price,
            reason=r.SAME_PACK,
            warning=result.warning,
            message=r.MESSAGES[result.warning] if result.warning else r.MESSAGES[r.SAME_PACK],
        )
        self._last = _Seen(merged, at_ns)
        return merged
