"""The demo store's size guides (resources/demo/size_guides.json): read per product kind, the same over HTTP,
and a broken file refused with a message naming the file and the guide (kiosk.core.size_guide's messages)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from kiosk.backends.demo.data import DemoDataError, data_file
from kiosk.backends.demo.size_guides import parse_size_guides, size_guides
from kiosk.core.size_guide import SizeGuideError, parse_size_guide, size_guide_json

RAW = json.loads(data_file("size_guides.json").read_text(encoding="utf-8"))


def test_every_clothing_and_shoe_kind_has_a_guide_and_nothing_else_does() -> None:
    guides = size_guides()
    assert {code.split("-")[0] for code in guides} == {"w", "m", "f"}
    shoes = guides["f-running"]
    assert (shoes.title.en, shoes.title.es) == ("Shoes: sizes", "Calzado: tallas")
    assert shoes.rows[0][0] == "36" and all(len(row) == len(shoes.columns) for row in shoes.rows)
    # what the demo store's server sends reads back as the same guide
    assert parse_size_guide(json.loads(json.dumps(size_guide_json(shoes)))) == shoes


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["guides"][1]["rows"][2].pop(), "guides[1]: size guide row 3 has 3 cells for 4 columns"),
        (lambda d: d["guides"][0]["title"].pop("en"), 'guides[0]: size guide title needs English text'),
        (lambda d: d["guides"][4]["item_types"].append("f-skates"), "guides[4].item_types[5]: unknown item type 'f-skates'"),
        (lambda d: d["guides"][3]["item_types"].append("w-jeans"), "guides[3].item_types[2]: item type 'w-jeans' already has"),
        (lambda d: d["guides"][2].update(columns=[{"en": "Size"}]), "guides[2]: a size guide has 2 to 8 columns, got 1"),
    ],
)
def test_a_broken_guide_is_named_by_file_and_place(edit: Any, message: str) -> None:
    raw = copy.deepcopy(RAW)
    edit(raw)
    with pytest.raises(DemoDataError) as info:
        parse_size_guides("size_guides.json", raw)
    assert f"size_guides.json: {message}" in str(info.value)


def test_a_guide_from_any_backend_is_checked_the_same_way() -> None:
    with pytest.raises(SizeGuideError, match="^size guide rows must be a list of lists$"):
        parse_size_guide({"title": {"en": "T"}, "columns": [{"en": "a"}, {"en": "b"}], "rows": "S,M"})
    with pytest.raises(SizeGuideError, match="^a size guide is a JSON object with title, columns and rows$"):
        parse_size_guide(["S", "M"])
