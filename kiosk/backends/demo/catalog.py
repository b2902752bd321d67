"""The demo catalog generator: compact product rows from (seed, size), and kiosk values built from them.

Size rule: `size <= 2000` counts PRODUCTS (the default 2000 gives 2,000 products, about 14,000 SKUs);
`size > 2000` counts SKUs (variants) exactly, so `kiosk demo --catalog-size 1000000` means one million
sellable items. Products are generated in index order from one random stream seeded by `seed` alone, so
product k is the same whatever the size; in SKU mode the last product keeps only the variants that fit.

Why rows are compact: a product row holds its own text, prices and a variant *layout* (colour codes, size
codes, the number of its first variant), not one row per variant. Variants, GTINs, SKUs and stock are
derived from the layout with integer arithmetic when a page is built, which keeps demo_store.db small
(about 150k rows for 1M SKUs) and makes pages cheap to produce.

GTINs: every variant has a global number g (0, 1, 2, ...). Its GTIN-13 is "8470" + g as 8 digits + the
GS1 check digit, returned as a 14-digit GTIN with a leading 0. 84 is GS1 Spain's prefix; "8470" is an
invented company range used only by this demo. The mapping is reversible, so a scanned GTIN finds its
variant without an index.
"""

from __future__ import annotations

import bisect
import functools
import math
import random
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, NamedTuple

from kiosk.backends.demo import vocab
from kiosk.core.catalog import (
    Category,
    Location,
    LocationKind,
    Product,
    Review,
    StockLevel,
    Variant,
    parse_opening_hours,
)
from kiosk.core.i18n import LocalizedText
from kiosk.core.money import Money

PRODUCT_MODE_MAX = 2000
GTIN_PREFIX = "8470"
MAX_VARIANTS = 10**8  # eight digits of variant number after the prefix
CURRENCY = "EUR"
STOCK_PROFILES = 4096
# The time the generated catalog claims to have been last edited; fixed so generations are identical.
BASE_UPDATED_AT = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)


class ProductRow(NamedTuple):
    """One product as stored in demo_store.db; column order is the table's."""

    seq: int  # change sequence: the catalog_changes cursor orders by it; starts equal to idx
    idx: int
    category_id: str
    item_type: str
    style: int  # picks drawing details (stripes, pockets...) so products of a type look different
    brand: str
    name_en: str
    name_es: str
    desc_en: str
    desc_es: str
    price_minor: int
    size_step_minor: int
    colours: str  # comma-separated colour codes; without a colour option, the one colour of the item
    colour_option: int  # 1 when colour is a variant option
    sizes: str  # comma-separated size codes, "" for none
    first_variant: int  # global number of the first variant: GTINs and stock derive from it
    variant_count: int
    rating: float | None
    review_count: int
    stars: str  # "n1,n2,n3,n4,n5": how many reviews gave 1..5 stars
    popularity: int
    stock_salt: int  # bumped by simulated changes so stock figures move
    deleted: int
    updated_at: str | None  # ISO time of the last simulated change; None for generated rows


COLUMNS = ProductRow._fields


def product_id(idx: int) -> str:
    return f"p{idx:07d}"


def product_index(pid: str) -> int | None:
    """The row index of a product id, or None when it is not one of ours."""
    if len(pid) != 8 or pid[0] != "p" or not pid[1:].isascii() or not pid[1:].isdigit():
        return None
    return int(pid[1:])


# GS1 check digit in chunks of four digits: with an even chunk width every chunk starts on the same weight,
# so three table look-ups replace a twelve-step loop on the hot path.
def _chunk_weight(x: int) -> int:
    d = f"{x:04d}"
    return 3 * int(d[3]) + int(d[2]) + 3 * int(d[1]) + int(d[0])


_CHUNK = [_chunk_weight(x) for x in range(10_000)]
_PREFIX_WEIGHT = _CHUNK[int(GTIN_PREFIX)]
_PAD4 = [f"{x:04d}" for x in range(10_000)]
_GTIN_HEAD = "0" + GTIN_PREFIX
# check digit as text for any weighted sum the three chunks can reach (each chunk weighs at most 72)
_CHECK_CHAR = [str(-total % 10) for total in range(4 * 72 + 1)]


def variant_gtin(g: int) -> str:
    """The 14-digit GTIN of global variant number g."""
    check = -(_PREFIX_WEIGHT + _CHUNK[g // 10_000] + _CHUNK[g % 10_000]) % 10
    return f"0{GTIN_PREFIX}{g:08d}{check}"


def gtin_start(g: int) -> tuple[int, int, str, int]:
    """The GTIN of variant g in parts, for loops that step through a product's variants: GTIN = "0" + prefix
    + high four digits + low four digits + check digit; the high half (`head`) and its check-digit weight
    change only every 10,000 variants, so a loop computes them per product and steps `low`."""
    high = g // 10_000
    return high, g - high * 10_000, _GTIN_HEAD + _PAD4[high], _PREFIX_WEIGHT + _CHUNK[high]


def variant_number(gtin: str) -> int | None:
    """The inverse of variant_gtin for GTIN-13 or GTIN-14 text; None when it is not a valid demo GTIN."""
    digits = gtin[1:] if len(gtin) == 14 and gtin[0] == "0" else gtin
    if len(digits) != 13 or not digits.isascii() or not digits.isdigit() or not digits.startswith(GTIN_PREFIX):
        return None
    g = int(digits[4:12])
    return g if variant_gtin(g) == "0" + digits else None


def _zipf_cum(n: int, s: float = 1.0) -> list[float]:
    total = 0.0
    out = []
    for rank in range(1, n + 1):
        total += 1.0 / rank**s
        out.append(total)
    return out


class _Picker:
    """Zipf-weighted choice: the first entries of a list are the common ones, the tail is rare."""

    __slots__ = ("cum", "items")

    def __init__(self, items: Sequence[Any], s: float = 1.0, weights: Sequence[float] | None = None) -> None:
        self.items = list(items)
        if weights is None:
            self.cum = _zipf_cum(len(self.items), s)
        else:
            self.cum = list(_accumulate(weights))

    def __call__(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect(self.cum, rng.random() * self.cum[-1])]


def _accumulate(weights: Sequence[float]) -> Iterator[float]:
    total = 0.0
    for w in weights:
        total += w
        yield total


def _retail_price(rng: random.Random, low: int, high: int) -> int:
    return retail_cents(rng, low * (high / low) ** rng.random())


def retail_cents(rng: random.Random, euros: float) -> int:
    """A price in cents near `euros` that looks like a shop's: 7.99, 24.95, 49.90, 129.00."""
    if euros < 10:
        return max(int(euros), 1) * 100 - rng.choice((1, 5, 50, 1))
    if euros < 100:
        return round(euros) * 100 - rng.choice((1, 5, 10, 1, 1, 5))
    return round(euros / 5) * 500 - rng.choice((1, 0, 100, 1, 5))


def _star_histogram(rng: random.Random, count: int) -> tuple[int, ...]:
    """Review counts for 1..5 stars around a per-product quality, the J-shape real ratings have."""
    if count == 0:
        return (0, 0, 0, 0, 0)
    quality = rng.triangular(2.6, 4.95, 4.4)
    weights = [math.exp(-((s - quality) ** 2) / 1.4) for s in range(1, 6)]
    total = sum(weights)
    raw = [count * w / total for w in weights]
    hist = [int(x) for x in raw]
    # largest remainders get the leftover reviews, so the histogram sums to count exactly
    for i in sorted(range(5), key=lambda i: raw[i] - hist[i], reverse=True)[: count - sum(hist)]:
        hist[i] += 1
    return tuple(hist)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


_ITEMS_BY_CATEGORY = {c.id: [t for t in vocab.ITEM_TYPES if t.category == c.id] for c in vocab.CATEGORIES}
_CATEGORY_PICK = _Picker(vocab.CATEGORIES, weights=[c.weight for c in vocab.CATEGORIES])
_ITEM_PICK = {cid: _Picker(items, weights=[t.weight for t in items]) for cid, items in _ITEMS_BY_CATEGORY.items()}
_BRAND_PICK = {c.id: _Picker(c.brands, 0.9) for c in vocab.CATEGORIES}
_LINE_PICK = _Picker(vocab.LINES, 0.8)
_MODEL_PICK = _Picker(vocab.MODEL_NUMBERS, 0.7)
_MODEL_SUFFIX_PICK = _Picker(vocab.MODEL_SUFFIXES, 0.3)
_ADJ_PICK = {t.code: _Picker(t.adjectives, 1.0) for t in vocab.ITEM_TYPES if t.adjectives}
_MATERIAL_PICK = {t.code: _Picker(t.materials, 1.0) for t in vocab.ITEM_TYPES if t.materials}
_COLOUR_PICK = {t.code: _Picker(t.colours, 0.9) for t in vocab.ITEM_TYPES}
_FIRST_ES = _Picker(vocab.FIRST_NAMES_ES, 0.5)
_SURNAME_ES = _Picker(vocab.SURNAMES_ES, 0.6)
_FEATURES = {
    t.code: [f for f in vocab.CATEGORY_BY_ID[t.category].features if not f[2] or t.code in f[2].split()]
    for t in vocab.ITEM_TYPES
}


def _names(rng: random.Random, item: vocab.ItemType) -> tuple[str, str, str, str]:
    """(name_en, name_es, intro_en, intro_es): the product name and the opening words of its description."""
    noun = item.noun
    if item.category == vocab.BOOKS and item.drawing == "book":
        return _book_names(rng, item)
    line = _LINE_PICK(rng) if rng.random() < 0.8 else ""
    if item.model_numbers:
        line = f"{line or _LINE_PICK(rng)} {_MODEL_PICK(rng)} {_MODEL_SUFFIX_PICK(rng)}".strip()
    adjective = vocab.ADJECTIVES[_ADJ_PICK[item.code](rng)] if item.adjectives and rng.random() < 0.8 else None
    material = vocab.MATERIALS[_MATERIAL_PICK[item.code](rng)] if item.materials and rng.random() < 0.65 else None
    if adjective and material and adjective.en.split("-")[0] in material[0]:
        adjective = None  # "Recycled Recycled Cardboard"
    en = [line, adjective.en if adjective else "", material[0] if material else "", noun.en]
    es = [_capitalise(noun.es), adjective.es(noun) if adjective else "", material[1] if material else "", line]
    name_en = " ".join(w for w in en if w)
    name_es = " ".join(w for w in es if w)
    if item.code == "t-blocks":
        pieces = rng.choice((40, 60, 100, 120, 250, 500))
        name_en += f", {pieces} Pieces"
        name_es += f", {pieces} piezas"
    elif item.code == "p-pens":
        pens = rng.choice((6, 10, 12, 24, 36))
        name_en += f", {pens} Colours"
        name_es += f", {pens} colores"
    return name_en, name_es, name_en, name_es


def _book_names(rng: random.Random, item: vocab.ItemType) -> tuple[str, str, str, str]:
    author = f"{_FIRST_ES(rng)} {_SURNAME_ES(rng)}"
    if item.code == "p-cookbook":
        cuisine_en, cuisine_es = rng.choice(vocab.CUISINES)
        recipes = rng.choice((60, 80, 100, 120, 150))
        en, es = f"{cuisine_en} Kitchen: {recipes} Recipes", f"Cocina {cuisine_es}: {recipes} recetas"
        return en, es, f"{en}, by {author}", f"{es}, de {author}"
    if item.code == "p-guide":
        place_en, place_es = rng.choice(vocab.PLACES)
        en, es = f"{place_en} Travel Guide", f"Guía de viaje: {place_es}"
        return en, es, f"{en}, by {author}", f"{es}, de {author}"
    adjective, before = rng.choice(vocab.TITLE_ADJECTIVES)
    noun = rng.choice(vocab.TITLE_NOUNS)
    article = "La" if noun.feminine else "El"
    adj_es = adjective.es(noun)
    en = f"The {adjective.en} {noun.en}"
    es = f"{article} {adj_es} {noun.es}" if before else f"{article} {noun.es} {adj_es}"
    return en, es, f"{en}, a novel by {author}", f"{es}, una novela de {author}"


def _description(rng: random.Random, item: vocab.ItemType, intro_en: str, intro_es: str) -> tuple[str, str]:
    category = vocab.CATEGORY_BY_ID[item.category]
    purpose_en, purpose_es = rng.choice(category.purposes)
    first, second = rng.sample(_FEATURES[item.code], 2)
    closing_en, closing_es = rng.choice(category.closings)
    en = f"{intro_en}: {purpose_en}. {first[0]}. {second[0]}. {closing_en}."
    es = f"{intro_es}: {purpose_es}. {first[1]}. {second[1]}. {closing_es}."
    return en, es


def _colours(rng: random.Random, item: vocab.ItemType) -> tuple[list[str], int]:
    low, high = item.colour_range
    pick = _COLOUR_PICK[item.code]
    if high == 0:
        return [pick(rng)], 0
    wanted = min(rng.randint(low, high), len(item.colours))
    chosen: list[str] = []
    while len(chosen) < wanted:
        code = pick(rng)
        if code not in chosen:
            chosen.append(code)
    return chosen, 1


def _make_row(rng: random.Random, idx: int, first_variant: int) -> ProductRow:
    category: vocab.CategoryDef = _CATEGORY_PICK(rng)
    item: vocab.ItemType = _ITEM_PICK[category.id](rng)
    brand: str = _BRAND_PICK[category.id](rng)
    name_en, name_es, intro_en, intro_es = _names(rng, item)
    desc_en, desc_es = _description(rng, item, intro_en, intro_es)
    colours, colour_option = _colours(rng, item)
    sizes = list(rng.choice(item.size_sets)) if item.size_sets else []
    count = (len(colours) if colour_option else 1) * (len(sizes) or 1)
    price = _retail_price(rng, *item.price)
    # Zipf popularity: a sampled rank out of 100k, so a few products dominate and most are long tail
    rank = 1 + int(100_000 * rng.random() ** 1.5)
    popularity = 1_000_000 // rank
    review_count = int(rng.uniform(0.0, 0.9) * (2 + popularity**0.55))
    stars = _star_histogram(rng, review_count)
    rating = round(sum((i + 1) * n for i, n in enumerate(stars)) / review_count, 1) if review_count else None
    return ProductRow(
        seq=idx,
        idx=idx,
        category_id=category.id,
        item_type=item.code,
        style=rng.getrandbits(16),
        brand=brand,
        name_en=name_en,
        name_es=name_es,
        desc_en=desc_en,
        desc_es=desc_es,
        price_minor=price,
        size_step_minor=item.size_step_cents,
        colours=",".join(colours),
        colour_option=colour_option,
        sizes=",".join(sizes),
        first_variant=first_variant,
        variant_count=count,
        rating=rating,
        review_count=review_count,
        stars=",".join(map(str, stars)),
        popularity=popularity,
        stock_salt=0,
        deleted=0,
        updated_at=None,
    )


def generate_rows(seed: int, size: int) -> Iterator[ProductRow]:
    """Every product row of the catalog for (seed, size), in index order; see the module docstring."""
    if size < 1:
        raise ValueError(f"catalog size must be at least 1, got {size}")
    if size > MAX_VARIANTS:
        raise ValueError(f"catalog size must be at most {MAX_VARIANTS}, got {size}")
    rng = random.Random(seed)
    idx, g = 1, 0
    while True:
        row = _make_row(rng, idx, g)
        if size > PRODUCT_MODE_MAX and g + row.variant_count > size:
            row = row._replace(variant_count=size - g)
        yield row
        g += row.variant_count
        idx += 1
        if (size <= PRODUCT_MODE_MAX and idx > size) or (size > PRODUCT_MODE_MAX and g >= size):
            return


# ---- categories and locations -------------------------------------------------------------------------


def categories() -> tuple[Category, ...]:
    return tuple(
        Category(c.id, LocalizedText(c.en, c.es), None, position) for position, c in enumerate(vocab.CATEGORIES)
    )


def locations() -> tuple[Location, ...]:
    return tuple(
        Location(
            d.id,
            d.name,
            LocationKind(d.kind),
            d.city,
            d.address,
            # the warehouse publishes shipping days ("Ships Mon–Fri"), not opening hours
            parse_opening_hours(d.opening_hours) if d.kind != "warehouse" else (),
        )
        for d in vocab.LOCATIONS
    )


# ---- stock ------------------------------------------------------------------------------------------


def stock_profiles(seed: int) -> list[tuple[int, ...]]:
    """A table of (here, store, store, store, warehouse) quantities that variants index into by hash.

    Exactly 35% of profiles are out of stock here; of those, one in ten is out everywhere and the rest
    have stock in another store or the warehouse: the endless-aisle situation the kiosk exists for.
    """
    rng = random.Random(seed * 7919 + 17)
    profiles: list[tuple[int, ...]] = []
    out_here = round(STOCK_PROFILES * 0.35)
    out_everywhere = round(out_here * 0.10)
    for i in range(STOCK_PROFILES):
        if i < out_everywhere:
            profiles.append((0, 0, 0, 0, 0))
            continue
        stores = [rng.choice((0, 0, 1, 2, 3, 4, 6, 9)) for _ in range(3)]
        warehouse = rng.choice((0, 0, 5, 12, 30, 60, 140))
        if i < out_here:
            if not any(stores) and not warehouse:
                warehouse = rng.randint(3, 40)
            profiles.append((0, *stores, warehouse))
        else:
            here = rng.choice((1, 1, 2, 2, 3, 4, 5, 6, 8, 12))
            profiles.append((here, *stores, warehouse))
    rng.shuffle(profiles)
    return profiles


def compare_at_minor(idx: int, price_minor: int) -> int | None:
    """The demo store's markdowns: about one product in seven is on sale, its compare-at ("was") price some 30%
    above today's, ending in .99 as shop prices do; None for the rest. One rule for pages and the export."""
    if (idx * 0x9E3779B1 >> 7) % 7 != 3 or price_minor < 200:
        return None
    return max(price_minor + 100, (price_minor * 13 // 10) // 100 * 100 + 99)


_MASK64 = 0xFFFFFFFFFFFFFFFF
_GOLDEN = 0x9E3779B97F4A7C15  # Fibonacci hashing: consecutive variants land far apart in the table
_SALT_MIX = 0xBF58476D1CE4E5B9


def stock_mix_base(first_variant: int, salt: int, seed: int) -> int:
    """The hash state just before a product's first variant; each variant adds _GOLDEN to it."""
    return (first_variant * _GOLDEN + salt * _SALT_MIX + seed * 0x94D049BB133111EB) & _MASK64


def stock_profile_index(g: int, salt: int, seed: int) -> int:
    """Which stock profile variant g uses: the top 12 bits of a multiplicative hash.

    One multiply per variant instead of a full mixer, because the profile table is itself shuffled: the
    hash only has to spread consecutive variants across it, which Fibonacci hashing does well.
    """
    return stock_mix_base(g + 1, salt, seed) >> 52


# ---- reviews --------------------------------------------------------------------------------------------


def reviews(seed: int, idx: int, stars: str, limit: int) -> list[Review]:
    """Up to `limit` reviews of a product, in Spanish and English, whose ratings follow its histogram."""
    counts = [int(x) for x in stars.split(",")]
    ratings = [s for s, n in zip(range(1, 6), counts, strict=True) for _ in range(n)]
    rng = random.Random(f"reviews:{seed}:{idx}")
    rng.shuffle(ratings)
    out = []
    for i, rating in enumerate(ratings[: max(0, limit)]):
        title_en, body_en, title_es, body_es = rng.choice(vocab.REVIEW_TEXTS[rating])
        spanish = rng.random() < 0.6 if i > 1 else i == 0  # the first two cover both languages
        if spanish:
            author = f"{rng.choice(vocab.FIRST_NAMES_ES)} {rng.choice(vocab.SURNAMES_ES)[0]}."
            out.append(Review(author, rating, title_es, body_es, "es"))
        else:
            author = f"{rng.choice(vocab.FIRST_NAMES_EN)} {rng.choice(vocab.SURNAMES_EN)[0]}."
            out.append(Review(author, rating, title_en, body_en, "en"))
    return out


# ---- building kiosk values from rows --------------------------------------------------------------

# (id suffix "-v03", SKU suffix "-NVY-M", options, colour code, size position)
_Slot = tuple[str, str, tuple[tuple[str, LocalizedText], ...], str, int]


def layout_slots(colours: str, colour_option: int, sizes: str) -> Iterator[tuple[str, tuple[str, str], str, int]]:
    """The one rule for a product's variants: (SKU suffix, (colour or "", size code), colour, size position),
    one per colour when colour is an option, times each size. The snapshot encoder numbers the same slots."""
    colour_codes = colours.split(",")
    size_codes = sizes.split(",") if sizes else [""]
    number = 0
    for colour in colour_codes if colour_option else colour_codes[:1]:
        for size_pos, size_code in enumerate(size_codes):
            number += 1
            yield f"-v{number:02d}", (colour if colour_option else "", size_code), colour, size_pos


@functools.cache
def pair_options(pair: tuple[str, str]) -> tuple[str, tuple[tuple[str, LocalizedText], ...]]:
    """A slot's SKU part and option list: colour first, then size."""
    colour, size_code = pair
    options: list[tuple[str, LocalizedText]] = []
    sku = ""
    if colour:
        options.append(("colour", _colour_text(colour)))
        sku += "-" + vocab.COLOUR_SKU[colour]
    if size_code:
        size = vocab.SIZE_BY_CODE[size_code]
        options.append((size.key, _size_text(size_code)))
        sku += "-" + size.sku
    return sku, tuple(options)


def _layout(colours: str, colour_option: int, sizes: str) -> tuple[_Slot, ...]:
    return tuple(
        (suffix, *pair_options(pair), colour, size_pos)
        for suffix, pair, colour, size_pos in layout_slots(colours, colour_option, sizes)
    )


@functools.cache
def _colour_text(code: str) -> LocalizedText:
    colour = vocab.COLOUR_BY_CODE[code]
    return LocalizedText(colour.en, colour.es)


@functools.cache
def _size_text(code: str) -> LocalizedText:
    size = vocab.SIZE_BY_CODE[code]
    return LocalizedText(size.en, size.es)


def variant_slots(row: Sequence[Any]) -> tuple[_Slot, ...]:
    """The variants a row has, in order, after any truncation of the catalog's last product."""
    slots = _layout(row[12], row[13], row[14])
    return slots[: row[16]]


class ProductFactory:
    """Turns stored rows into Product values.

    This is the hot path of catalog paging (one call per page, one loop turn per SKU), so everything that
    can be shared is made once and reused: Money per price, StockLevel tuples per stock profile, option
    tuples per variant layout, the updated_at datetime. Lookups are hoisted into locals for the same reason.
    """

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._profiles = stock_profiles(seed)
        ids = [d.id for d in vocab.LOCATIONS]
        levels = [[StockLevel(loc, q) for q in range(256)] for loc in ids]
        self._stock = [tuple(levels[i][q] for i, q in enumerate(profile)) for profile in self._profiles]
        self._money: dict[int, Money] = {}
        self._times: dict[str, datetime] = {}
        self._category_sku = {c.id: c.sku for c in vocab.CATEGORIES}
        # a plain dict beats lru_cache on the hot path; layouts are few (colour and size combinations)
        self._layouts: dict[tuple[str, int, str], tuple[_Slot, ...]] = {}

    def money(self, minor: int) -> Money:
        money = self._money.get(minor)
        if money is None:
            money = self._money[minor] = Money(Decimal(minor).scaleb(-2), CURRENCY)
        return money

    def stock_quantities(self, g: int, salt: int) -> tuple[int, ...]:
        return self._profiles[stock_profile_index(g, salt, self._seed)]

    def build(self, row: Sequence[Any]) -> Product:
        return self.build_page([row])[0]

    def build_page(self, rows: Sequence[Sequence[Any]]) -> list[Product]:
        seed = self._seed
        stock = self._stock
        money_cache = self._money
        money_of = self.money
        category_sku = self._category_sku
        time_of = self._time
        layouts = self._layouts
        chunk, pad4, check_char = _CHUNK, _PAD4, _CHECK_CHAR
        golden, salt_mix, seed_mix, mask = _GOLDEN, _SALT_MIX, seed * 0x94D049BB133111EB, _MASK64
        variant_cls, product_cls, text_cls = Variant, Product, LocalizedText
        compare_at = compare_at_minor
        products = []
        for (
            _seq,
            idx,
            category_id,
            _item,
            _style,
            brand,
            name_en,
            name_es,
            desc_en,
            desc_es,
            price,
            step,
            colours,
            colour_option,
            sizes,
            first,
            count,
            rating,
            review_count,
            _stars,
            popularity,
            salt,
            _deleted,
            updated_at,
        ) in rows:
            pid = f"p{idx:07d}"
            sku_base = f"{category_sku[category_id]}-{idx:07d}"
            image_base = "demo:" + pid + ":"
            money = money_cache.get(price) or money_of(price)
            key = (colours, colour_option, sizes)
            slots = layouts.get(key) or self._layout(key)
            z = (first * golden + salt * salt_mix + seed_mix) & mask
            high, low, head, head_weight = gtin_start(first)
            variants = []
            for suffix, sku_suffix, options, colour, size_pos in slots[:count] if count < len(slots) else slots:
                if low == 10_000:
                    high, low = high + 1, 0
                    head, head_weight = _GTIN_HEAD + pad4[high], _PREFIX_WEIGHT + chunk[high]
                z = (z + golden) & mask
                minor = price + step * size_pos if step and size_pos else price
                was = compare_at(idx, minor)
                variants.append(
                    variant_cls(
                        pid + suffix,
                        pid,
                        sku_base + sku_suffix,
                        head + pad4[low] + check_char[head_weight + chunk[low]],
                        money_of(minor) if step and size_pos else money,
                        options,
                        image_base + colour,
                        stock[z >> 52],
                        None if was is None else money_of(was),
                    )
                )
                low += 1
            products.append(
                product_cls(
                    pid,
                    text_cls(name_en, name_es),
                    brand,
                    text_cls(desc_en, desc_es),
                    category_id,
                    tuple(variants),
                    rating,
                    review_count,
                    popularity,
                    variants[0].image if variants else None,
                    time_of(updated_at) if updated_at else BASE_UPDATED_AT,
                )
            )
        return products

    def _layout(self, key: tuple[str, int, str]) -> tuple[_Slot, ...]:
        slots = self._layouts[key] = _layout(*key)
        return slots

    def _time(self, text: str | None) -> datetime:
        if text is None:
            return BASE_UPDATED_AT
        when = self._times.get(text)
        if when is None:
            when = self._times[text] = datetime.fromisoformat(text)
        return when
