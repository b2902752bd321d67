"""A product's size guide (issue 18): a table of sizes and their measurements, in English and Spanish.

One JSON shape for every backend, so the demo store's data file and a Vendure product's `sizeGuide` custom field
are read by the same function and refused with the same messages:

    {"title": {"en": "Women's tops", "es": "Partes de arriba de mujer"},
     "columns": [{"en": "Size", "es": "Talla"}, {"en": "Chest (cm)", "es": "Pecho (cm)"}],
     "rows": [["XS", "80-84"], ["S", "84-88"]],
     "note": {"en": "Between two sizes? Take the larger one.", "es": "..."}}          (note optional)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.core.i18n import LocalizedText

MAX_COLUMNS = 8
MAX_ROWS = 40


class SizeGuideError(ValueError):
    """A size guide that does not follow the shape above; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class SizeGuide:
    title: LocalizedText
    columns: tuple[LocalizedText, ...]  # the first names the size column ("Size")
    rows: tuple[tuple[str, ...], ...]  # one per size, as many cells as columns; figures are the same in both languages
    note: LocalizedText = field(default_factory=lambda: LocalizedText("", ""))

    def __post_init__(self) -> None:
        if not 2 <= len(self.columns) <= MAX_COLUMNS:
            raise SizeGuideError(f"a size guide has 2 to {MAX_COLUMNS} columns, got {len(self.columns)}")
        if not 1 <= len(self.rows) <= MAX_ROWS:
            raise SizeGuideError(f"a size guide has 1 to {MAX_ROWS} rows, got {len(self.rows)}")
        for number, row in enumerate(self.rows, start=1):
            if len(row) != len(self.columns):
                raise SizeGuideError(f"size guide row {number} has {len(row)} cells for {len(self.columns)} columns")


def _text(value: Any, where: str) -> LocalizedText:
    if not isinstance(value, Mapping) or not isinstance(value.get("en"), str) or not value["en"].strip():
        raise SizeGuideError(f"size guide {where} needs English text: {{\"en\": ..., \"es\": ...}}")
    spanish = value.get("es", "")
    if not isinstance(spanish, str):
        raise SizeGuideError(f"size guide {where} has Spanish text that is not a string")
    return LocalizedText(value["en"], spanish)


def parse_size_guide(data: Any) -> SizeGuide:
    """The guide in `data` (already parsed JSON); raises SizeGuideError naming the part that is wrong."""
    if not isinstance(data, Mapping):
        raise SizeGuideError("a size guide is a JSON object with title, columns and rows")
    columns = data.get("columns")
    rows = data.get("rows")
    if not isinstance(columns, list):
        raise SizeGuideError("size guide columns must be a list")
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise SizeGuideError("size guide rows must be a list of lists")
    cells = tuple(tuple(str(cell) for cell in row) for row in rows)
    note = data.get("note")
    return SizeGuide(
        title=_text(data.get("title"), "title"),
        columns=tuple(_text(c, f"column {n}") for n, c in enumerate(columns, start=1)),
        rows=cells,
        note=_text(note, "note") if note is not None else LocalizedText("", ""),
    )


def size_guide_json(guide: SizeGuide) -> dict[str, Any]:
    """The inverse of parse_size_guide (what the demo store's server sends)."""
    out: dict[str, Any] = {
        "title": {"en": guide.title.en, "es": guide.title.es},
        "columns": [{"en": c.en, "es": c.es} for c in guide.columns],
        "rows": [list(row) for row in guide.rows],
    }
    if guide.note.en:
        out["note"] = {"en": guide.note.en, "es": guide.note.es}
    return out
