"""The recall list: lots and serial numbers the backend has withdrawn from sale, checked at every scan."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from kiosk.core.scanning.gtin import has_valid_check_digit, is_digits

_MAX_TEXT = 20  # AI 10 and AI 21 are at most 20 characters (GS1 General Specifications 3.2)


@dataclass(frozen=True, slots=True)
class RecallEntry:
    """One recall: a GTIN and the lot and/or serial withdrawn. `reference` is the backend's id for it, the
    one thing the kiosk reports back when a recalled item is scanned."""

    reference: str
    gtin: str  # 14 digits
    lot: str | None = None
    serial: str | None = None

    def __post_init__(self) -> None:
        if not self.reference or len(self.reference) > 64:
            raise ValueError(f"Recall reference must be 1 to 64 characters, got {self.reference!r}")
        if not (is_digits(self.gtin) and len(self.gtin) == 14 and has_valid_check_digit(self.gtin)):
            raise ValueError(
                f"Recall {self.reference}: GTIN must be 14 digits with a valid check digit, got {self.gtin!r}"
            )
        if self.lot is None and self.serial is None:
            raise ValueError(f"Recall {self.reference}: needs a lot or a serial number")
        for name, value in (("lot", self.lot), ("serial", self.serial)):
            if value is not None and not 1 <= len(value) <= _MAX_TEXT:
                raise ValueError(f"Recall {self.reference}: {name} must be 1 to {_MAX_TEXT} characters, got {value!r}")


@dataclass(frozen=True, slots=True)
class RecallMatch:
    entry: RecallEntry
    by: str  # "lot" or "serial": which datum matched


@dataclass(frozen=True, slots=True)
class RecallList:
    entries: tuple[RecallEntry, ...] = ()
    _by_gtin: Mapping[str, tuple[RecallEntry, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, list[RecallEntry]] = {}
        for entry in self.entries:
            index.setdefault(entry.gtin, []).append(entry)
        object.__setattr__(self, "_by_gtin", {k: tuple(v) for k, v in index.items()})

    def __len__(self) -> int:
        return len(self.entries)

    def match(self, gtin: str | None, lot: str | None, serial: str | None) -> RecallMatch | None:
        """The recall covering this item, if any: same GTIN and the same lot or the same serial number.

        Lots and serials compare exactly (GS1 data is case-sensitive: "ab1" and "AB1" are two lots).
        """
        if gtin is None or (lot is None and serial is None):
            return None
        for entry in self._by_gtin.get(gtin, ()):
            if entry.serial is not None:
                # a recalled unit: its serial, and its lot too when both sides name one
                if serial == entry.serial and (entry.lot is None or lot is None or lot == entry.lot):
                    return RecallMatch(entry, "serial")
            elif lot is not None and entry.lot == lot:
                return RecallMatch(entry, "lot")
        return None

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, object]]) -> RecallList:
        """From JSON-like records {"reference", "gtin", "lot"?, "serial"?}; raises ValueError naming the bad one.

        A GTIN of 8, 12 or 13 digits is zero-filled to 14, as GS1 keys are compared.
        """
        entries = []
        for i, record in enumerate(records):
            if not isinstance(record, Mapping):
                raise ValueError(f"Recall record {i} must be an object, got {record!r}")
            unknown = sorted(set(record) - {"reference", "gtin", "lot", "serial"})
            if unknown:
                raise ValueError(f"Recall record {i} has unknown field {unknown[0]!r}")
            values = {k: record.get(k) for k in ("reference", "gtin", "lot", "serial")}
            for key, value in values.items():
                if value is not None and not isinstance(value, str):
                    raise ValueError(f"Recall record {i}: {key} must be text, got {value!r}")
            gtin = str(values["gtin"] or "")
            if is_digits(gtin) and len(gtin) in (8, 12, 13):
                gtin = gtin.zfill(14)
            entries.append(
                RecallEntry(
                    reference=str(values["reference"] or ""),
                    gtin=gtin,
                    lot=values["lot"] if isinstance(values["lot"], str) else None,
                    serial=values["serial"] if isinstance(values["serial"], str) else None,
                )
            )
        return cls(tuple(entries))


NO_RECALLS = RecallList()
