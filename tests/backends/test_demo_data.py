"""The demo store's data files (resources/demo/): what a seed generates stays the same, and a broken file is
refused with a message naming the file and the key."""

from __future__ import annotations

import copy
import hashlib
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from kiosk.backends.demo import catalog, images, people, vocab
from kiosk.backends.demo.data import DemoDataError
from kiosk.resources import resources_dir

# What seed 42 generates (generator 3: generator 2, when the vocabulary became data, plus the markdowns'
# compare-at prices of issue 18), and the pictures since the drawings became SVG files (renderer 3). A change here
# means the demo catalog or its pictures changed: bump generator_version (vocab.json) or RENDERER_VERSION
# (images.py) and update the figure on purpose. (Customer gaining `groups` changed its repr, not the values
# generated: with ", groups=frozenset()" left out of the repr the digest is the one before, e98440ba250351b82920.)
CATALOG_FINGERPRINT = "3dc96a29072e32d386ff"
IMAGES_FINGERPRINT = "c49a787dbabc76730d8b"
VOCAB = resources_dir() / "demo" / "vocab.json"


def _digest(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode())
    return h.hexdigest()[:20]


def test_a_small_generated_catalog_is_the_same_as_before_the_data_moved_out_of_python() -> None:
    rows = list(catalog.generate_rows(42, 3000))
    products = catalog.ProductFactory(42).build_page(rows[:400])
    reviews = [catalog.reviews(42, r.idx, r.stars, 5) for r in rows[:50]]
    customers = people.generate_customers(42, [people.PastItem(r.name_en, r.name_es, r.price_minor) for r in rows[:400]])
    fingerprint = _digest(rows, products, catalog.categories(), catalog.locations(), reviews, customers)
    assert fingerprint == CATALOG_FINGERPRINT


def test_pictures_are_the_same_as_when_the_drawings_became_svg_files() -> None:
    h = hashlib.sha256()
    for item in vocab.ITEM_TYPES[::3]:
        for style in (0, 1):
            colour = vocab.COLOUR_BY_CODE[item.colours[style]].rgb
            png = images.render(item.drawing, colour, category=item.category, style=style)
            h.update(Image.open(io.BytesIO(png)).convert("RGB").tobytes())
    assert h.hexdigest()[:20] == IMAGES_FINGERPRINT


def test_the_data_files_are_found_in_the_source_checkout_and_in_a_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    assert (resources_dir() / "demo" / "vocab.json").is_file()
    assert resources_dir() == Path(__file__).resolve().parents[2] / "resources"
    monkeypatch.setattr(sys, "_MEIPASS", "/opt/kiosk/_internal", raising=False)
    assert resources_dir() == Path("/opt/kiosk/_internal/resources")


def test_the_vocabulary_is_read_once_per_process() -> None:
    assert vocab.vocabulary() is vocab.vocabulary()
    assert vocab.COLOURS is vocab.vocabulary().colours


def _original() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(VOCAB.read_text(encoding="utf-8"))
    return data


def _load_edited(tmp_path: Path, edit: Any) -> None:
    data = copy.deepcopy(_original())
    edit(data)
    path = tmp_path / "vocab.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    vocab.load(path)


def test_the_shipped_file_loads_and_equals_the_module_values() -> None:
    loaded = vocab.load(VOCAB)
    assert loaded == vocab.vocabulary()
    assert len(loaded.item_types) == 59 and len(loaded.categories) == 10


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(DemoDataError) as info:
        vocab.load(tmp_path / "nowhere.json")
    assert str(info.value) == f"demo data file not found: {tmp_path / 'nowhere.json'}"


def test_a_file_that_is_not_json_is_named_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "vocab.json"
    path.write_text('{\n  "colours": [,]\n}\n', encoding="utf-8")
    with pytest.raises(DemoDataError) as info:
        vocab.load(path)
    assert str(info.value) == f"{path}: not valid JSON: Expecting value at line 2, column 15"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.pop("locations"), 'top level: missing key "locations"'),
        (lambda d: d["colours"][3].pop("es"), 'colours[3]: missing key "es"'),
        (lambda d: d["colours"][0].update(rgb=[38, 38]), "colours[0].rgb: expected a list of 3 integers (red, green, blue), got 2 items"),
        (lambda d: d["colours"][0].update(rgb=[38, 300, 44]), "colours[0].rgb[1]: expected an integer from 0 to 255, got 300"),
        (lambda d: d["colours"][1].update(code="black"), "colours[1]: colour 'black' appears twice"),
        (lambda d: d["item_types"][0].update(price="9-29"), "item_types[0].price: expected a list, got a string"),
        (lambda d: d["item_types"][0].update(price=[29, 9]), "item_types[0].price: the first number (29) is larger than the second (9)"),
        (lambda d: d["item_types"][2].update(colours=["red", "mauve"]), "item_types[2].colours[1]: unknown colour 'mauve'"),
        (lambda d: d["item_types"][2].update(colours="pastels"), "item_types[2].colours: unknown colour set 'pastels'"),
        (lambda d: d["item_types"][5].update(category="garden"), "item_types[5].category: unknown category 'garden'"),
        (lambda d: d["item_types"][0]["noun"].update(feminine="yes"), "item_types[0].noun.feminine: expected true or false, got a string"),
        (lambda d: d["item_types"][0].update(weight=1.5), "item_types[0].weight: expected an integer, got a number with a fraction"),
        (lambda d: d["item_types"][0].update(materials=["cotton", "gold"]), "item_types[0].materials[1]: unknown material 'gold'"),
        (lambda d: d["size_sets"]["tops_w"][0].append("XXXL"), "size_sets.tops_w[0][5]: unknown size 'XXXL'"),
        (lambda d: d["categories"][0].update(brands=[]), "categories[0].brands: expected at least one entry"),
        (lambda d: d["feature_sets"]["clothing"][3].update(only=["w-toga"]), "feature_sets.clothing[3].only: unknown item type 'w-toga'"),
        (lambda d: d["review_texts"].pop("3"), "review_texts: no texts for 3 stars"),
        (lambda d: d["locations"][0].update(kind="depot"), "locations[0].kind: unknown location kind 'depot'"),
        (lambda d: d["lines"].append(""), "lines[46]: expected a non-empty string"),
    ],
)
def test_a_broken_entry_is_named_by_file_and_key(tmp_path: Path, edit: Any, message: str) -> None:
    with pytest.raises(DemoDataError) as info:
        _load_edited(tmp_path, edit)
    assert str(info.value) == f"{tmp_path / 'vocab.json'}: {message}"
