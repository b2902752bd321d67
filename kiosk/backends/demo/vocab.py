"""The demo store's vocabulary (categories, item types, colours, sizes, words in English and Spanish), read
from resources/demo/vocab.json and checked once per process.

The words live in a data file so they can be read and improved without reading code; this module gives them
types, checks every field and cross-reference (an item type's colours, sizes, materials, adjectives and
category must exist) and names the file and the key when something is wrong, so a bad edit stops the demo
store at once with a message instead of producing a subtly different catalog. JSON rather than TOML: the
stdlib's C parser reads the ~100 KB file in about a millisecond (tomllib, pure Python, takes tens), and the
file is laid out one record or one field per line so a change reads as a one-line diff.

Lists that feed product names are ordered most-common first: the generator draws from them with Zipf
weights, so a few words ("cotton", "classic", "Nova") recur across thousands of products the way they do in
a real catalog, and a search for them is not trivially selective.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from kiosk.backends.demo.data import Node as _Node
from kiosk.backends.demo.data import data_file, load_json

BOOKS = "books-stationery"  # the category whose "book" items get titles instead of product names


@dataclass(frozen=True, slots=True)
class Colour:
    code: str
    en: str
    es: str
    rgb: tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Size:
    """One value of a size-like option; `key` is the option code the UI labels ("size" or "format")."""

    code: str
    key: str
    en: str
    es: str
    sku: str


@dataclass(frozen=True, slots=True)
class Noun:
    en: str
    es: str
    feminine: bool
    plural: bool = False


@dataclass(frozen=True, slots=True)
class Adjective:
    en: str
    es_m: str
    es_f: str
    # "de rayas", "oversize", "premium": Spanish leaves these unchanged in the plural
    invariant: bool = False

    def es(self, noun: Noun) -> str:
        word = self.es_f if noun.feminine else self.es_m
        if not noun.plural or self.invariant:
            return word
        return word + ("s" if word[-1] in "aeiouáéíóú" else "es")


@dataclass(frozen=True, slots=True)
class ItemType:
    """A kind of product: its noun, how it is drawn, which words, colours, sizes and prices fit it."""

    code: str
    category: str
    noun: Noun
    drawing: str
    materials: tuple[str, ...]
    adjectives: tuple[str, ...]
    colours: tuple[str, ...]
    colour_range: tuple[int, int]  # how many colour variants; (0, 0): one fixed colour, no colour option
    size_sets: tuple[tuple[str, ...], ...]  # alternatives; () means no size option
    price: tuple[int, int]  # euros, low..high
    size_step_cents: int = 0  # each larger size costs this much more (pans, hardbacks)
    model_numbers: bool = False  # electronics carry "Pulse 300" style model names
    weight: int = 10  # relative share within its category


@dataclass(frozen=True, slots=True)
class CategoryDef:
    id: str
    en: str
    es: str
    sku: str
    weight: int  # relative share of the catalog
    brands: tuple[str, ...]
    purposes: tuple[tuple[str, str], ...]  # "Name: <purpose>." opening line of a description
    # (en, es, item-type codes it applies to, space-separated; "" for all): a mug must never claim induction
    features: tuple[tuple[str, str, str], ...]
    closings: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class LocationDef:
    id: str
    name: str
    kind: str
    city: str
    address: str
    opening_hours: str


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Everything in vocab.json, typed and checked."""

    generator_version: int
    colours: tuple[Colour, ...]
    colour_sku: dict[str, str]
    sizes: tuple[Size, ...]
    adjectives: dict[str, Adjective]
    materials: dict[str, tuple[str, str]]
    lines: tuple[str, ...]
    model_numbers: tuple[str, ...]
    model_suffixes: tuple[str, ...]
    categories: tuple[CategoryDef, ...]
    item_types: tuple[ItemType, ...]
    title_nouns: tuple[Noun, ...]
    title_adjectives: tuple[tuple[Adjective, bool], ...]  # (adjective, goes before the noun in Spanish)
    cuisines: tuple[tuple[str, str], ...]
    places: tuple[tuple[str, str], ...]
    first_names_es: tuple[str, ...]
    first_names_en: tuple[str, ...]
    surnames_es: tuple[str, ...]
    surnames_en: tuple[str, ...]
    review_texts: dict[int, tuple[tuple[str, str, str, str], ...]]  # stars -> (title_en, body_en, title_es, body_es)
    locations: tuple[LocationDef, ...]


_LOCATION_KINDS = ("here", "store", "warehouse")


def _noun(node: _Node) -> Noun:
    return Noun(
        node.key("en").text(),
        node.key("es").text(),
        node.key("feminine").flag(),
        node.key("plural", False).flag(),
    )


def _adjective(node: _Node) -> Adjective:
    return Adjective(
        node.key("en").text(), node.key("es_m").text(), node.key("es_f").text(), node.key("invariant", False).flag()
    )


def _unique(nodes: list[_Node], codes: list[str], what: str) -> None:
    seen: set[str] = set()
    for node, code in zip(nodes, codes, strict=True):
        if code in seen:
            raise node.fail(f"{what} {code!r} appears twice")
        seen.add(code)


def parse(file: Path, raw: object) -> Vocabulary:
    """Types and checks vocab.json's parsed content; DemoDataError names the file and the key."""
    top = _Node(file, raw)
    colour_nodes = top.key("colours").items()
    colours = tuple(
        Colour(
            n.key("code").text(),
            n.key("en").text(),
            n.key("es").text(),
            n.key("rgb").rgb(),
        )
        for n in colour_nodes
    )
    _unique(colour_nodes, [c.code for c in colours], "colour")
    size_nodes = top.key("sizes").items()
    sizes = tuple(
        Size(
            n.key("code").text(),
            n.key("key").one_of(("size", "format"), "option"),
            n.key("en").text(),
            n.key("es").text(),
            n.key("sku").text(),
        )
        for n in size_nodes
    )
    _unique(size_nodes, [s.code for s in sizes], "size")
    adjectives = {code: _adjective(n) for code, n in top.key("adjectives").entries()}
    materials = {code: n.pair() for code, n in top.key("materials").entries()}
    colour_sets = dict(top.key("colour_sets").entries())
    size_sets = dict(top.key("size_sets").entries())
    feature_sets = dict(top.key("feature_sets").entries())
    closing_sets = dict(top.key("closing_sets").entries())

    category_nodes = top.key("categories").items()
    categories = tuple(_category(n, feature_sets, closing_sets) for n in category_nodes)
    _unique(category_nodes, [c.id for c in categories], "category")
    if BOOKS not in {c.id for c in categories}:
        raise top.key("categories").fail(f"the category {BOOKS!r} is missing")
    known = _Known({c.code for c in colours}, {s.code for s in sizes}, set(adjectives), set(materials))
    item_nodes = top.key("item_types").items()
    item_types = tuple(_item_type(n, {c.id for c in categories}, colour_sets, size_sets, known) for n in item_nodes)
    _unique(item_nodes, [t.code for t in item_types], "item type")
    every_code = {t.code for t in item_types}
    for category, node in zip(categories, category_nodes, strict=True):
        if not any(t.category == category.id for t in item_types):
            raise node.fail(f"no item type belongs to the category {category.id!r}")
        for i, (_, _, only) in enumerate(category.features):
            for code in only.split():
                if code not in every_code:
                    where = node.key("features").named_or_list(feature_sets, "feature set").items()[i].key("only")
                    raise where.fail(f"unknown item type {code!r}")

    reviews: dict[int, tuple[tuple[str, str, str, str], ...]] = {}
    for stars, node in top.key("review_texts").entries():
        if stars not in ("1", "2", "3", "4", "5"):
            raise node.fail("expected a star count from 1 to 5 as the key")
        reviews[int(stars)] = tuple(
            (r.key("title_en").text(), r.key("body_en").text(), r.key("title_es").text(), r.key("body_es").text())
            for r in node.items()
        )
    if sorted(reviews) != [1, 2, 3, 4, 5]:
        missing = sorted({1, 2, 3, 4, 5} - set(reviews))
        raise top.key("review_texts").fail(f"no texts for {missing[0]} stars")

    location_nodes = top.key("locations").items()
    locations = tuple(
        LocationDef(
            n.key("id").text(),
            n.key("name").text(),
            n.key("kind").one_of(_LOCATION_KINDS, "location kind"),
            n.key("city").text(),
            n.key("address").text(),
            n.key("opening_hours").text(),
        )
        for n in location_nodes
    )
    _unique(location_nodes, [d.id for d in locations], "location")
    return Vocabulary(
        generator_version=top.key("generator_version").integer(1),
        colours=colours,
        colour_sku={c.code: n.key("sku").text() for c, n in zip(colours, colour_nodes, strict=True)},
        sizes=sizes,
        adjectives=adjectives,
        materials=materials,
        lines=_nonempty(top.key("lines")),
        model_numbers=_nonempty(top.key("model_numbers")),
        model_suffixes=tuple(n.any_text() for n in top.key("model_suffixes").items()),
        categories=categories,
        item_types=item_types,
        title_nouns=tuple(_noun(n) for n in top.key("title_nouns").items()),
        title_adjectives=tuple(
            (_adjective(n), n.key("before_noun_es").flag()) for n in top.key("title_adjectives").items()
        ),
        cuisines=tuple(n.pair() for n in top.key("cuisines").items()),
        places=tuple(n.pair() for n in top.key("places").items()),
        first_names_es=_nonempty(top.key("first_names_es")),
        first_names_en=_nonempty(top.key("first_names_en")),
        surnames_es=_nonempty(top.key("surnames_es")),
        surnames_en=_nonempty(top.key("surnames_en")),
        review_texts=reviews,
        locations=locations,
    )


@dataclass(frozen=True, slots=True)
class _Known:
    colours: set[str]
    sizes: set[str]
    adjectives: set[str]
    materials: set[str]


def _nonempty(node: _Node) -> tuple[str, ...]:
    values = node.texts()
    if not values:
        raise node.fail("expected at least one entry")
    return values


def _category(node: _Node, feature_sets: dict[str, _Node], closing_sets: dict[str, _Node]) -> CategoryDef:
    features = tuple(
        (f.key("en").text(), f.key("es").text(), " ".join(f.key("only", []).texts()))
        for f in node.key("features").named_or_list(feature_sets, "feature set").items()
    )
    closings = tuple(c.pair() for c in node.key("closings").named_or_list(closing_sets, "closing set").items())
    purposes = tuple(p.pair() for p in node.key("purposes").items())
    for name, values in (("purposes", purposes), ("features", features), ("closings", closings)):
        if not values:
            raise node.key(name).fail("expected at least one entry")
    return CategoryDef(
        node.key("id").text(),
        node.key("en").text(),
        node.key("es").text(),
        node.key("sku").text(),
        node.key("weight").integer(1),
        _nonempty(node.key("brands")),
        purposes,
        features,
        closings,
    )


def _item_type(
    node: _Node, categories: set[str], colour_sets: dict[str, _Node], size_sets: dict[str, _Node], known: _Known
) -> ItemType:
    colours_node = node.key("colours").named_or_list(colour_sets, "colour set")
    colours = tuple(n.one_of(known.colours, "colour") for n in colours_node.items())
    if not colours:
        raise colours_node.fail("expected at least one colour")
    colour_range = node.key("colour_range").span(0, len(set(colours)))
    size_sets_node = node.key("size_sets").named_or_list(size_sets, "size set")
    alternatives = []
    for alternative in size_sets_node.items():
        codes = tuple(n.one_of(known.sizes, "size") for n in alternative.items())
        if not codes:
            raise alternative.fail("expected at least one size")
        alternatives.append(codes)
    return ItemType(
        code=node.key("code").text(),
        category=node.key("category").one_of(categories, "category"),
        noun=_noun(node.key("noun")),
        drawing=node.key("drawing").text(),
        materials=tuple(n.one_of(known.materials, "material") for n in node.key("materials").items()),
        adjectives=tuple(n.one_of(known.adjectives, "adjective") for n in node.key("adjectives").items()),
        colours=colours,
        colour_range=colour_range,
        size_sets=tuple(alternatives),
        price=node.key("price").span(1, 100_000),
        size_step_cents=node.key("size_step_cents", 0).integer(),
        model_numbers=node.key("model_numbers", False).flag(),
        weight=node.key("weight", 10).integer(1),
    )


def load(file: Path) -> Vocabulary:
    return parse(file, load_json(file))


@functools.cache
def vocabulary() -> Vocabulary:
    """resources/demo/vocab.json, read and checked once per process."""
    return load(data_file("vocab.json"))


_V = vocabulary()
# Bump generator_version in vocab.json when any word list or rule changes what a (seed, size) generates: the
# backend then rebuilds demo_store.db instead of serving rows made by an older generator.
GENERATOR_VERSION = _V.generator_version
COLOURS = _V.colours
COLOUR_BY_CODE = {c.code: c for c in COLOURS}
COLOUR_SKU = _V.colour_sku
SIZES = _V.sizes
SIZE_BY_CODE = {s.code: s for s in SIZES}
ADJECTIVES = _V.adjectives
MATERIALS = _V.materials
# Product lines shared by every category, most common first: "Nova" shows up in shoes, mugs and speakers,
# as collection names do in real stores.
LINES = _V.lines
MODEL_NUMBERS = _V.model_numbers
MODEL_SUFFIXES = _V.model_suffixes
ITEM_TYPES = _V.item_types
ITEM_TYPE_BY_CODE = {t.code: t for t in ITEM_TYPES}
CATEGORIES = _V.categories
CATEGORY_BY_ID = {c.id: c for c in CATEGORIES}
TITLE_NOUNS = _V.title_nouns  # book titles: "The Quiet Harbour" / "El puerto tranquilo"
TITLE_ADJECTIVES = _V.title_adjectives
CUISINES = _V.cuisines
PLACES = _V.places
FIRST_NAMES_ES = _V.first_names_es  # people's names, shared by customers, book authors and reviewers
FIRST_NAMES_EN = _V.first_names_en
SURNAMES_ES = _V.surnames_es
SURNAMES_EN = _V.surnames_en
REVIEW_TEXTS = _V.review_texts
LOCATIONS = _V.locations
