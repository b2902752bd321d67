"""The demo store's vocabulary: categories, item types, colours, sizes and words, in English and Spanish.

Pure data, kept apart from the generator so the words can be read and improved without reading code.
Lists that feed product names are ordered most-common first: the generator draws from them with Zipf
weights, so a few words ("cotton", "classic", "Nova") recur across thousands of products the way they do
in a real catalog, and a search for them is not trivially selective.
"""

from __future__ import annotations

from dataclasses import dataclass

# Bump when any word list, rule or layout below changes what a (seed, size) generates: the backend then
# rebuilds demo_store.db instead of serving rows made by an older generator.
GENERATOR_VERSION = 2


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
    # (en, es, item-type codes it applies to; "" for all): a mug must never claim to work on induction
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


COLOURS: tuple[Colour, ...] = (
    Colour("black", "Black", "Negro", (38, 38, 44)),
    Colour("white", "White", "Blanco", (246, 245, 240)),
    Colour("navy", "Navy", "Azul marino", (34, 50, 92)),
    Colour("grey", "Grey", "Gris", (138, 142, 150)),
    Colour("red", "Red", "Rojo", (200, 46, 50)),
    Colour("sand", "Sand", "Arena", (214, 192, 156)),
    Colour("denim", "Denim blue", "Azul vaquero", (72, 104, 148)),
    Colour("green", "Forest green", "Verde bosque", (42, 100, 70)),
    Colour("sky", "Sky blue", "Azul cielo", (118, 176, 226)),
    Colour("pink", "Pink", "Rosa", (238, 150, 172)),
    Colour("burgundy", "Burgundy", "Burdeos", (120, 30, 54)),
    Colour("olive", "Olive", "Verde oliva", (110, 116, 60)),
    Colour("mustard", "Mustard", "Mostaza", (218, 168, 44)),
    Colour("brown", "Brown", "Marrón", (124, 84, 54)),
    Colour("cream", "Cream", "Crudo", (238, 228, 204)),
    Colour("terracotta", "Terracotta", "Terracota", (198, 102, 70)),
    Colour("sage", "Sage", "Verde salvia", (150, 174, 140)),
    Colour("teal", "Teal", "Verde azulado", (30, 128, 130)),
    Colour("orange", "Orange", "Naranja", (238, 116, 42)),
    Colour("purple", "Purple", "Morado", (114, 70, 152)),
    Colour("lilac", "Lilac", "Lila", (190, 160, 216)),
    Colour("yellow", "Yellow", "Amarillo", (246, 204, 58)),
    Colour("coral", "Coral", "Coral", (242, 120, 100)),
    Colour("silver", "Silver", "Plata", (186, 190, 198)),
)
COLOUR_BY_CODE = {c.code: c for c in COLOURS}
COLOUR_SKU: dict[str, str] = {
    "black": "BLK", "white": "WHT", "navy": "NVY", "grey": "GRY", "red": "RED", "sand": "SND", "denim": "DNM",
    "green": "GRN", "sky": "SKY", "pink": "PNK", "burgundy": "BRG", "olive": "OLV", "mustard": "MUS",
    "brown": "BRN", "cream": "CRM", "terracotta": "TER", "sage": "SGE", "teal": "TEA", "orange": "ORG",
    "purple": "PRP", "lilac": "LIL", "yellow": "YLW", "coral": "CRL", "silver": "SLV",
}


def _sizes(key: str, codes: str, *, suffix: str = "") -> tuple[Size, ...]:
    out = []
    for code in codes.split():
        label = code + suffix
        out.append(Size(code + suffix.strip(), key, label, label, (code + suffix.strip()).upper()))
    return tuple(out)


SIZES: tuple[Size, ...] = (
    *_sizes("size", "XS S M L XL XXL"),
    *_sizes("size", "34 36 38 40 42 44 46 48"),
    *_sizes("size", "35 37 39 41 43 45"),
    *(Size(f"{n}cm", "size", f"{n} cm", f"{n} cm", f"{n}CM") for n in (20, 24, 28, 32)),
    *(Size(f"{n}ml", "size", f"{n} ml", f"{n} ml", f"{n}ML") for n in (30, 50, 75, 100, 250, 500, 750)),
    Size("45x45", "size", "45 × 45 cm", "45 × 45 cm", "45X45"),
    Size("50x50", "size", "50 × 50 cm", "50 × 50 cm", "50X50"),
    Size("ball4", "size", "Size 4", "Talla 4", "T4"),
    Size("ball5", "size", "Size 5", "Talla 5", "T5"),
    Size("ball7", "size", "Size 7", "Talla 7", "T7"),
    Size("4mm", "size", "4 mm", "4 mm", "4MM"),
    Size("6mm", "size", "6 mm", "6 mm", "6MM"),
    Size("2kg", "size", "2 × 2 kg", "2 × 2 kg", "2KG"),
    Size("5kg", "size", "2 × 5 kg", "2 × 5 kg", "5KG"),
    Size("8kg", "size", "2 × 8 kg", "2 × 8 kg", "8KG"),
    Size("a6", "size", "A6", "A6", "A6"),
    Size("a5", "size", "A5", "A5", "A5"),
    Size("a4", "size", "A4", "A4", "A4"),
    Size("sm", "size", "S/M", "S/M", "SM"),
    Size("lxl", "size", "L/XL", "L/XL", "LXL"),
    Size("paperback", "format", "Paperback", "Tapa blanda", "PB"),
    Size("hardcover", "format", "Hardcover", "Tapa dura", "HC"),
)
SIZE_BY_CODE = {s.code: s for s in SIZES}

ADJECTIVES: dict[str, Adjective] = {
    "classic": Adjective("Classic", "clásico", "clásica"),
    "essential": Adjective("Essential", "básico", "básica"),
    "slim": Adjective("Slim-Fit", "entallado", "entallada"),
    "relaxed": Adjective("Relaxed", "de corte relajado", "de corte relajado", invariant=True),
    "oversized": Adjective("Oversized", "oversize", "oversize", invariant=True),
    "lightweight": Adjective("Lightweight", "ligero", "ligera"),
    "soft": Adjective("Soft-Touch", "de tacto suave", "de tacto suave", invariant=True),
    "striped": Adjective("Striped", "de rayas", "de rayas", invariant=True),
    "ribbed": Adjective("Ribbed", "de canalé", "de canalé", invariant=True),
    "cropped": Adjective("Cropped", "corto", "corta"),
    "wrap": Adjective("Wrap", "cruzado", "cruzada"),
    "midi": Adjective("Midi", "midi", "midi", invariant=True),
    "pleated": Adjective("Pleated", "plisado", "plisada"),
    "waterproof": Adjective("Waterproof", "impermeable", "impermeable"),
    "padded": Adjective("Padded", "acolchado", "acolchada"),
    "cushioned": Adjective("Cushioned", "amortiguado", "amortiguada"),
    "breathable": Adjective("Breathable", "transpirable", "transpirable"),
    "trail": Adjective("Trail", "de trail", "de trail", invariant=True),
    "wireless": Adjective("Wireless", "inalámbrico", "inalámbrica"),
    "anc": Adjective("Noise-Cancelling", "con cancelación de ruido", "con cancelación de ruido", invariant=True),
    "portable": Adjective("Portable", "portátil", "portátil"),
    "compact": Adjective("Compact", "compacto", "compacta"),
    "rechargeable": Adjective("Rechargeable", "recargable", "recargable"),
    "nonstick": Adjective("Non-Stick", "antiadherente", "antiadherente"),
    "handmade": Adjective("Handmade", "artesanal", "artesanal"),
    "minimalist": Adjective("Minimalist", "minimalista", "minimalista"),
    "vintage": Adjective("Vintage", "vintage", "vintage", invariant=True),
    "hydrating": Adjective("Hydrating", "hidratante", "hidratante"),
    "nourishing": Adjective("Nourishing", "nutritivo", "nutritiva"),
    "matte": Adjective("Matte", "mate", "mate"),
    "gentle": Adjective("Gentle", "suave", "suave"),
    "educational": Adjective("Educational", "educativo", "educativa"),
    "dotted": Adjective("Dotted", "punteado", "punteada"),
    "lined": Adjective("Lined", "de rayas", "de rayas", invariant=True),
    "insulated": Adjective("Insulated", "térmico", "térmica"),
    "foldable": Adjective("Foldable", "plegable", "plegable"),
    "everyday": Adjective("Everyday", "de diario", "de diario", invariant=True),
    "premium": Adjective("Premium", "premium", "premium", invariant=True),
    "urban": Adjective("Urban", "urbano", "urbana"),
    "travel": Adjective("Travel", "de viaje", "de viaje", invariant=True),
    "mini": Adjective("Mini", "mini", "mini", invariant=True),
    "family": Adjective("Family", "familiar", "familiar"),
    "pro": Adjective("Pro", "profesional", "profesional"),
    "fragrance_free": Adjective("Fragrance-Free", "sin perfume", "sin perfume", invariant=True),
    "long_lasting": Adjective("Long-Lasting", "de larga duración", "de larga duración", invariant=True),
    "chunky": Adjective("Chunky", "de suela gruesa", "de suela gruesa", invariant=True),
    "recycled": Adjective("Recycled", "reciclado", "reciclada"),
    "stackable": Adjective("Stackable", "apilable", "apilable"),
    "dimmable": Adjective("Dimmable", "regulable", "regulable"),
    "glazed": Adjective("Glazed", "esmaltado", "esmaltada"),
    "creative": Adjective("Creative", "creativo", "creativa"),
}

MATERIALS: dict[str, tuple[str, str]] = {
    "cotton": ("Cotton", "de algodón"),
    "organic_cotton": ("Organic Cotton", "de algodón orgánico"),
    "linen": ("Linen", "de lino"),
    "linen_blend": ("Linen-Blend", "de mezcla de lino"),
    "wool": ("Wool", "de lana"),
    "merino": ("Merino", "de lana merino"),
    "cashmere_blend": ("Cashmere-Blend", "de mezcla de cachemir"),
    "stretch_denim": ("Stretch Denim", "de denim elástico"),
    "organic_denim": ("Organic Denim", "de denim orgánico"),
    "recycled_poly": ("Recycled Polyester", "de poliéster reciclado"),
    "viscose": ("Viscose", "de viscosa"),
    "poplin": ("Poplin", "de popelín"),
    "jersey": ("Jersey", "de punto"),
    "fleece": ("Fleece", "de felpa"),
    "twill": ("Twill", "de sarga"),
    "leather": ("Leather", "de piel"),
    "suede": ("Suede", "de ante"),
    "mesh": ("Mesh", "de malla"),
    "knit": ("Knit", "de punto"),
    "canvas": ("Canvas", "de lona"),
    "nylon": ("Nylon", "de nailon"),
    "ceramic": ("Ceramic", "de cerámica"),
    "stoneware": ("Stoneware", "de gres"),
    "porcelain": ("Porcelain", "de porcelana"),
    "glass": ("Glass", "de vidrio"),
    "cast_iron": ("Cast Iron", "de hierro fundido"),
    "aluminium": ("Aluminium", "de aluminio"),
    "steel": ("Stainless Steel", "de acero inoxidable"),
    "bamboo": ("Bamboo", "de bambú"),
    "rattan": ("Rattan", "de ratán"),
    "wood": ("Wooden", "de madera"),
    "velvet": ("Velvet", "de terciopelo"),
    "cork": ("Cork", "de corcho"),
    "silicone": ("Silicone", "de silicona"),
    "rubber": ("Natural Rubber", "de caucho natural"),
    "carbon": ("Carbon", "de carbono"),
    "vegan_leather": ("Vegan Leather", "de piel vegana"),
    "tritan": ("Tritan", "de tritán"),
    "plush": ("Plush", "de felpa"),
    "cardboard": ("Recycled Cardboard", "de cartón reciclado"),
    "acetate": ("Acetate", "de acetato"),
}

# Product lines shared by every category, most common first: "Nova" shows up in shoes, mugs and speakers,
# as collection names do in real stores.
LINES: tuple[str, ...] = (
    "Nova", "Costa", "Terra", "Brisa", "Aria", "Atlas", "Sierra", "Luna", "Vela", "Duna", "Alma", "Nube",
    "Roca", "Olivo", "Cala", "Faro", "Monte", "Pulse", "Echo", "Flow", "Core", "Origin", "Drift", "Halo",
    "Prima", "Vita", "Orbit", "Summit", "Coast", "Harbor", "Mistral", "Solano", "Aurora", "Ébano", "Jara",
    "Tempo", "Kite", "Arena", "Lumen", "Pixel", "Marea", "Cierzo", "Alba", "Boreal", "Sendero", "Quill",
)
MODEL_NUMBERS: tuple[str, ...] = ("300", "500", "200", "700", "350", "100", "900", "550", "X1", "S2", "Air")
MODEL_SUFFIXES: tuple[str, ...] = ("", "", "", "Pro", "Lite", "Max", "Plus", "II")

_APPAREL = ("black", "white", "navy", "grey", "sand", "red", "green", "sky", "pink", "burgundy", "olive",
            "mustard", "cream", "terracotta", "sage", "teal", "lilac", "brown", "coral", "purple")
_DENIM = ("denim", "black", "sky", "grey", "white", "navy")
_SHOES = ("black", "white", "navy", "grey", "sand", "brown", "red", "olive", "green", "pink", "sky", "burgundy")
_HOME = ("white", "cream", "terracotta", "sage", "navy", "black", "mustard", "grey", "teal", "pink", "sand",
         "green", "coral")
_TECH = ("black", "white", "silver", "navy", "sage", "pink", "sky", "red", "sand", "teal")
_BRIGHT = ("red", "yellow", "sky", "green", "orange", "purple", "pink", "teal", "navy", "coral")
_BEAUTY = ("pink", "cream", "sage", "lilac", "coral", "white", "sky", "sand", "terracotta", "teal", "black")
_BOOKS = ("navy", "terracotta", "mustard", "teal", "burgundy", "green", "sky", "coral", "purple", "olive",
          "black", "sand", "red", "sage")
_BAGS = ("black", "brown", "sand", "navy", "olive", "burgundy", "grey", "cream", "terracotta", "green", "red",
         "pink")

_TOPS_W = (("XS", "S", "M", "L", "XL"), ("S", "M", "L", "XL"), ("XS", "S", "M", "L"))
_TOPS_M = (("S", "M", "L", "XL", "XXL"), ("S", "M", "L", "XL"), ("M", "L", "XL", "XXL"))
_WAIST_W = (("34", "36", "38", "40", "42", "44"), ("36", "38", "40", "42"))
_WAIST_M = (("38", "40", "42", "44", "46", "48"), ("40", "42", "44", "46"))
_SHOE_SIZES = (("36", "37", "38", "39", "40", "41"), ("39", "40", "41", "42", "43", "44", "45"),
               ("37", "38", "39", "40", "41", "42", "43", "44"))


def _it(
        code: str, category: str, noun: Noun, drawing: str, materials: str, adjectives: str,
        colours: tuple[str, ...], colour_range: tuple[int, int], size_sets: tuple[tuple[str, ...], ...],
        price: tuple[int, int], *, step: int = 0, models: bool = False, weight: int = 10) -> ItemType:
    return ItemType(code, category, noun, drawing, tuple(materials.split()), tuple(adjectives.split()),
                    colours, colour_range, size_sets, price, step, models, weight)


W, M, F, S, H, A, B, T, P, G = (
    "womens-clothing", "mens-clothing", "footwear", "sports-outdoors", "home-kitchen", "audio-electronics",
    "beauty", "toys-games", "books-stationery", "bags-accessories",
)

ITEM_TYPES: tuple[ItemType, ...] = (
    # Women's clothing
    _it("w-tshirt", W, Noun("T-Shirt", "camiseta", True), "tshirt", "cotton organic_cotton jersey linen_blend",
        "essential relaxed classic striped oversized ribbed cropped", _APPAREL, (1, 4), _TOPS_W, (9, 29),
        weight=14),
    _it("w-blouse", W, Noun("Blouse", "blusa", True), "shirt", "viscose poplin linen cotton",
        "classic relaxed wrap striped minimalist", _APPAREL, (1, 3), _TOPS_W, (19, 49)),
    _it("w-dress", W, Noun("Dress", "vestido", False), "dress", "viscose linen cotton jersey poplin",
        "midi wrap pleated classic striped relaxed", _APPAREL, (1, 3), _TOPS_W, (25, 79), weight=12),
    _it("w-jeans", W, Noun("Jeans", "vaqueros", False, True), "jeans", "stretch_denim organic_denim",
        "slim relaxed classic cropped vintage", _DENIM, (1, 3), _WAIST_W, (29, 69)),
    _it("w-trousers", W, Noun("Trousers", "pantalón", False), "trousers", "linen twill viscose cotton",
        "relaxed slim pleated classic cropped", _APPAREL, (1, 3), _WAIST_W, (25, 59)),
    _it("w-skirt", W, Noun("Skirt", "falda", True), "skirt", "viscose linen cotton stretch_denim",
        "midi pleated wrap classic minimalist", _APPAREL, (1, 3), _TOPS_W, (19, 49)),
    _it("w-blazer", W, Noun("Blazer", "americana", True), "jacket", "linen_blend wool twill viscose",
        "classic relaxed oversized minimalist", _APPAREL, (1, 3), _TOPS_W, (49, 129)),
    _it("w-jumper", W, Noun("Jumper", "jersey", False), "sweater", "merino cashmere_blend wool knit cotton",
        "soft ribbed classic oversized cropped", _APPAREL, (1, 4), _TOPS_W, (29, 89)),
    # Men's clothing
    _it("m-tshirt", M, Noun("T-Shirt", "camiseta", True), "tshirt", "cotton organic_cotton jersey",
        "essential classic relaxed striped oversized", _APPAREL, (1, 4), _TOPS_M, (9, 29), weight=14),
    _it("m-shirt", M, Noun("Shirt", "camisa", True), "shirt", "poplin linen cotton twill",
        "classic slim relaxed striped minimalist", _APPAREL, (1, 3), _TOPS_M, (25, 59), weight=12),
    _it("m-polo", M, Noun("Polo Shirt", "polo", False), "polo", "cotton organic_cotton jersey",
        "classic slim essential striped", _APPAREL, (1, 4), _TOPS_M, (19, 45)),
    _it("m-jeans", M, Noun("Jeans", "vaqueros", False, True), "jeans", "stretch_denim organic_denim",
        "slim relaxed classic vintage", _DENIM, (1, 3), _WAIST_M, (29, 79)),
    _it("m-chinos", M, Noun("Chinos", "pantalón chino", False), "trousers", "twill cotton linen",
        "slim classic relaxed lightweight", _APPAREL, (1, 3), _WAIST_M, (29, 59)),
    _it("m-hoodie", M, Noun("Hoodie", "sudadera con capucha", True), "hoodie", "fleece cotton organic_cotton",
        "essential oversized classic relaxed", _APPAREL, (1, 4), _TOPS_M, (29, 69)),
    _it("m-jacket", M, Noun("Jacket", "chaqueta", True), "jacket", "nylon recycled_poly wool twill",
        "waterproof padded lightweight classic urban", _APPAREL, (1, 3), _TOPS_M, (49, 159)),
    _it("m-shorts", M, Noun("Shorts", "bermudas", True, True), "shorts", "cotton linen twill",
        "relaxed classic lightweight", _APPAREL, (1, 3), _TOPS_M, (19, 39)),
    # Footwear
    _it("f-trainers", F, Noun("Trainers", "zapatillas", True, True), "sneaker", "leather canvas suede knit",
        "classic urban minimalist chunky everyday vintage", _SHOES, (1, 3), _SHOE_SIZES, (39, 119), weight=16),
    _it("f-running", F, Noun("Running Shoes", "zapatillas de running", True, True), "runner",
        "mesh knit recycled_poly", "cushioned lightweight breathable trail pro", _SHOES, (1, 3), _SHOE_SIZES,
        (59, 159), weight=14),
    _it("f-boots", F, Noun("Ankle Boots", "botines", False, True), "boot", "leather suede vegan_leather",
        "classic waterproof chunky padded", _SHOES, (1, 3), _SHOE_SIZES, (69, 169)),
    _it("f-sandals", F, Noun("Sandals", "sandalias", True, True), "sandal", "leather cork vegan_leather",
        "classic minimalist cushioned everyday", _SHOES, (1, 3), _SHOE_SIZES, (25, 79)),
    _it("f-loafers", F, Noun("Loafers", "mocasines", False, True), "loafer", "leather suede",
        "classic minimalist soft vintage", _SHOES, (1, 3), _SHOE_SIZES, (59, 139)),
    # Sports & outdoors
    _it("s-football", S, Noun("Football", "balón de fútbol", False), "football", "rubber recycled_poly",
        "pro classic everyday", ("white", "orange", "yellow", "sky"), (1, 2), (("ball4", "ball5"),),
        (14, 39)),
    _it("s-basketball", S, Noun("Basketball", "balón de baloncesto", False), "basketball", "rubber leather",
        "pro classic everyday", ("orange", "brown", "navy"), (1, 1), (("ball5", "ball7"),), (19, 49)),
    _it("s-padel", S, Noun("Padel Racket", "pala de pádel", True), "racket", "carbon aluminium",
        "pro lightweight classic", _BRIGHT, (1, 2), (), (49, 219), weight=12),
    _it("s-bottle", S, Noun("Water Bottle", "botella de agua", True), "bottle", "steel tritan aluminium",
        "insulated lightweight travel everyday", (*_BRIGHT, "black", "white", "sage"), (1, 4),
        (("500ml", "750ml"),), (12, 34), step=300, weight=12),
    _it("s-yogamat", S, Noun("Yoga Mat", "esterilla de yoga", True), "yogamat", "rubber cork",
        "lightweight travel pro foldable", (*_HOME, "lilac", "purple"), (1, 4), (("4mm", "6mm"),), (24, 79),
        step=500),
    _it("s-dumbbells", S, Noun("Dumbbell Set", "set de mancuernas", False), "dumbbell", "steel rubber",
        "compact classic pro", ("black", "grey", "red", "sky"), (1, 1), (("2kg", "5kg", "8kg"),), (19, 49),
        step=1500),
    # Home & kitchen
    _it("h-mug", H, Noun("Mug", "taza", True), "mug", "stoneware ceramic porcelain",
        "handmade glazed classic stackable minimalist", _HOME, (1, 4), (), (7, 19), weight=14),
    _it("h-lamp", H, Noun("Table Lamp", "lámpara de mesa", True), "lamp", "ceramic rattan glass wood",
        "dimmable minimalist handmade classic", _HOME, (1, 3), (), (29, 119)),
    _it("h-pan", H, Noun("Frying Pan", "sartén", True), "pan", "cast_iron aluminium steel",
        "nonstick pro classic", ("black", "grey", "terracotta", "navy", "sage"), (1, 2),
        (("20cm", "24cm", "28cm"), ("24cm", "28cm", "32cm")), (19, 69), step=500, weight=12),
    _it("h-cushion", H, Noun("Cushion Cover", "funda de cojín", True), "cushion", "linen velvet cotton",
        "soft classic striped minimalist", (*_HOME, "lilac", "olive"), (1, 4), (("45x45", "50x50"),), (9, 29),
        step=300),
    _it("h-vase", H, Noun("Vase", "jarrón", False), "vase", "ceramic glass stoneware",
        "handmade glazed minimalist vintage", _HOME, (1, 3), (), (14, 59)),
    _it("h-teapot", H, Noun("Teapot", "tetera", True), "teapot", "ceramic cast_iron porcelain glass",
        "classic handmade minimalist", _HOME, (1, 3), (), (19, 59)),
    # Audio & electronics
    _it("a-headphones", A, Noun("Over-Ear Headphones", "auriculares de diadema", False, True), "headphones",
        "aluminium recycled_poly", "wireless anc foldable premium", _TECH, (1, 3), (), (49, 349),
        models=True, weight=14),
    _it("a-earbuds", A, Noun("Earbuds", "auriculares", False, True), "earbuds", "recycled_poly",
        "wireless anc compact pro", _TECH, (1, 3), (), (29, 229), models=True, weight=12),
    _it("a-speaker", A, Noun("Bluetooth Speaker", "altavoz Bluetooth", False), "speaker", "recycled_poly",
        "portable waterproof compact rechargeable", _TECH + _BRIGHT[:4], (1, 4), (), (29, 249), models=True,
        weight=12),
    _it("a-watch", A, Noun("Smartwatch", "reloj inteligente", False), "smartwatch", "aluminium steel",
        "premium lightweight classic", _TECH, (1, 3), (("sm", "lxl"),), (79, 349), step=3000, models=True),
    _it("a-radio", A, Noun("Digital Radio", "radio digital", True), "radio", "wood recycled_poly",
        "portable rechargeable vintage", (*_TECH, "cream", "mustard"), (1, 2), (), (39, 149), models=True),
    # Beauty
    _it("b-perfume", B, Noun("Eau de Parfum", "agua de perfume", True), "perfume", "glass",
        "long_lasting classic premium", _BEAUTY, (0, 0), (("30ml", "50ml", "100ml"),), (29, 119),
        step=1500, weight=12),
    _it("b-cream", B, Noun("Face Cream", "crema facial", True), "jar", "glass",
        "hydrating nourishing gentle fragrance_free", _BEAUTY, (0, 0), (("30ml", "50ml"),), (12, 59),
        step=800, weight=12),
    _it("b-serum", B, Noun("Serum", "sérum", False), "dropper", "glass",
        "hydrating gentle fragrance_free premium", _BEAUTY, (0, 0), (("30ml", "50ml"),), (14, 69), step=800),
    _it("b-lipstick", B, Noun("Lipstick", "barra de labios", True), "lipstick", "",
        "matte long_lasting hydrating classic", ("red", "pink", "coral", "burgundy", "terracotta", "lilac",
                                                 "brown", "purple"), (1, 4), (), (9, 29)),
    _it("b-shampoo", B, Noun("Shampoo", "champú", False), "pump", "",
        "gentle nourishing hydrating fragrance_free", _BEAUTY, (0, 0), (("250ml", "500ml"),), (6, 24),
        step=400),
    # Toys & games
    _it("t-blocks", T, Noun("Building Blocks", "bloques de construcción", False, True), "blocks",
        "wood recycled_poly", "educational creative classic stackable", _BRIGHT, (0, 0), (), (14, 79),
        weight=12),
    _it("t-robot", T, Noun("Robot Kit", "kit de robot", False), "robot", "recycled_poly",
        "educational rechargeable creative", (*_BRIGHT, "silver"), (1, 2), (), (29, 129)),
    _it("t-teddy", T, Noun("Teddy Bear", "osito de peluche", False), "teddy", "plush",
        "soft classic mini", ("brown", "sand", "cream", "pink", "grey", "sky"), (1, 2), (), (12, 39)),
    _it("t-car", T, Noun("Toy Car", "coche de juguete", False), "car", "wood recycled_poly",
        "rechargeable classic mini", _BRIGHT, (1, 3), (), (12, 59)),
    _it("t-boardgame", T, Noun("Board Game", "juego de mesa", False), "boardgame", "cardboard",
        "family classic educational travel", _BRIGHT, (0, 0), (), (14, 49), weight=12),
    # Books & stationery (book names are titles, made separately)
    _it("p-novel", P, Noun("Novel", "novela", True), "book", "", "", _BOOKS, (0, 0),
        (("paperback", "hardcover"),), (14, 22), step=800, weight=16),
    _it("p-cookbook", P, Noun("Cookbook", "libro de cocina", False), "book", "", "", _BOOKS, (0, 0),
        (("hardcover",),), (19, 39)),
    _it("p-guide", P, Noun("Travel Guide", "guía de viaje", True), "book", "", "", _BOOKS, (0, 0),
        (("paperback",),), (14, 29)),
    _it("p-notebook", P, Noun("Notebook", "cuaderno", False), "notebook", "cardboard leather vegan_leather",
        "dotted lined classic minimalist recycled", _BOOKS, (1, 4), (("a6", "a5", "a4"), ("a5", "a4")),
        (4, 24), step=200, weight=12),
    _it("p-pens", P, Noun("Gel Pen Set", "set de bolígrafos de gel", False), "pens", "",
        "classic creative premium", _BRIGHT, (0, 0), (), (5, 19)),
    # Bags & accessories
    _it("g-tote", G, Noun("Tote Bag", "bolso tote", False), "tote", "canvas leather vegan_leather",
        "classic minimalist everyday recycled", _BAGS, (1, 3), (), (19, 119), weight=12),
    _it("g-backpack", G, Noun("Backpack", "mochila", True), "backpack", "nylon canvas recycled_poly",
        "urban travel waterproof lightweight", (*_BAGS, "sky", "mustard"), (1, 4), (), (29, 119), weight=14),
    _it("g-crossbody", G, Noun("Crossbody Bag", "bandolera", True), "crossbody", "leather vegan_leather nylon",
        "mini classic minimalist", _BAGS, (1, 3), (), (25, 99)),
    _it("g-wallet", G, Noun("Wallet", "cartera", True), "wallet", "leather vegan_leather cork",
        "compact classic minimalist", _BAGS, (1, 3), (), (19, 69)),
    _it("g-cap", G, Noun("Cap", "gorra", True), "cap", "cotton twill recycled_poly",
        "classic everyday vintage", _APPAREL, (1, 4), (("sm", "lxl"),), (14, 29)),
    _it("g-sunglasses", G, Noun("Sunglasses", "gafas de sol", True, True), "sunglasses", "acetate",
        "classic vintage minimalist", ("black", "brown", "navy", "burgundy", "green", "sand"), (1, 3), (),
        (29, 149)),
)
ITEM_TYPE_BY_CODE = {t.code: t for t in ITEM_TYPES}

_CLOTHING_FEATURES = (
    ("Soft, breathable fabric that keeps its shape wash after wash",
     "Tejido suave y transpirable que mantiene la forma lavado tras lavado", ""),
    ("Cut for an easy fit that works from morning to evening",
     "Un corte cómodo que funciona de la mañana a la noche", ""),
    ("Made in a factory audited for fair working conditions",
     "Fabricado en una fábrica auditada por sus condiciones laborales justas", ""),
    ("Finished with clean seams and a label-free neckline",
     "Acabado con costuras limpias y sin etiqueta en el cuello",
     "w-tshirt w-blouse w-dress w-jumper m-tshirt m-shirt m-polo m-hoodie"),
    ("Pairs easily with the rest of the collection", "Combina fácilmente con el resto de la colección", ""),
    ("Dyed with low-impact dyes that keep their colour",
     "Teñido con tintes de bajo impacto que no pierden el color", ""),
    ("Our model is 1.76 m tall and wears size M", "Nuestro modelo mide 1,76 m y lleva la talla M",
     "w-tshirt w-blouse w-dress w-jumper m-tshirt m-shirt m-polo m-hoodie"),
)
_CLOTHING_CLOSINGS = (
    ("Machine washable at 30 °C", "Lavable a máquina a 30 °C"),
    ("Free returns in any store within 30 days", "Devolución gratuita en cualquier tienda durante 30 días"),
    ("Wash inside out with similar colours", "Lavar del revés con colores similares"),
)

CATEGORIES: tuple[CategoryDef, ...] = (
    CategoryDef(
        W, "Women's clothing", "Moda mujer", "WOM", 15,
        ("Alba Norte", "Marea Studio", "Costa Lino", "Tela Madre", "Linden & Moss", "Olmo", "Vereda",
         "Hilo & Co", "Ambarina", "Northcove", "Cardo", "Harrow Lane", "Brisa Urbana", "Astilla"),
        (("a wardrobe staple for every season", "un básico de armario para cualquier temporada"),
         ("easy to wear from the office to the weekend", "fácil de llevar de la oficina al fin de semana"),
         ("relaxed style with a polished finish", "estilo relajado con un acabado cuidado")),
        _CLOTHING_FEATURES, _CLOTHING_CLOSINGS,
    ),
    CategoryDef(
        M, "Men's clothing", "Moda hombre", "MEN", 13,
        ("Greyfield", "Olmo", "Nordal", "Ottaway", "Harrow Lane", "Costa Lino", "Marea Studio", "Tramo",
         "Linden & Moss", "Cardo", "Northcove", "Castellet"),
        (("a wardrobe staple for every season", "un básico de armario para cualquier temporada"),
         ("smart enough for work, easy enough for the weekend",
          "lo bastante elegante para el trabajo y cómodo para el fin de semana"),
         ("a clean, modern fit that goes with everything", "un corte limpio y moderno que combina con todo")),
        _CLOTHING_FEATURES, _CLOTHING_CLOSINGS,
    ),
    CategoryDef(
        F, "Footwear", "Calzado", "FTW", 12,
        ("Pasoleve", "Trailmark", "Suela Nueva", "Kestrel Run", "Cobble & Kite", "Andarín", "Huella",
         "Vértice", "Greyfield"),
        (("comfort for long days on your feet", "comodidad para días largos de pie"),
         ("light, grippy and ready for the city", "ligereza y agarre para moverse por la ciudad"),
         ("built to be worn every day", "para llevar todos los días")),
        (("A cushioned insole that supports every step", "Plantilla acolchada que acompaña cada paso", ""),
         ("A rubber outsole with grip on wet pavements", "Suela de caucho con agarre en suelo mojado", ""),
         ("Breathable lining keeps feet cool", "Forro transpirable que mantiene los pies frescos", ""),
         ("True to size; if in doubt, take the larger size", "Talla normal; si dudas, elige la talla mayor", ""),
         ("Removable insole for custom orthotics", "Plantilla extraíble para plantillas a medida",
          "f-trainers f-running"),
         ("Made with 30% recycled materials", "Fabricado con un 30 % de materiales reciclados", "")),
        (("Free exchanges of size in any store", "Cambio de talla gratuito en cualquier tienda"),
         ("Clean with a damp cloth", "Limpiar con un paño húmedo")),
    ),
    CategoryDef(
        S, "Sports & outdoors", "Deporte y aire libre", "SPO", 10,
        ("Vértice", "Kestrel Run", "Cumbre", "Aerolite", "Padelmar", "Ridgeway Active", "Trailmark",
         "Fondo Sur"),
        (("made for training hard and often", "para entrenar duro y a menudo"),
         ("ready for the court, the park or the mountain", "para la pista, el parque o la montaña"),
         ("dependable kit for every level", "material fiable para todos los niveles")),
        (("Tested by club players and coaches", "Probado por jugadores y entrenadores de club", ""),
         ("Durable materials that stand up to weekly use",
          "Materiales resistentes que aguantan el uso semanal", ""),
         ("Easy to clean after every session", "Fácil de limpiar después de cada sesión", ""),
         ("Light enough to carry in any kit bag", "Lo bastante ligero para llevarlo en cualquier bolsa",
          "s-football s-basketball s-padel s-bottle s-yogamat"),
         ("BPA-free and dishwasher safe", "Sin BPA y apto para lavavajillas", "s-bottle"),
         ("Keeps drinks cold for 24 hours", "Mantiene las bebidas frías durante 24 horas", "s-bottle"),
         ("Non-slip surface on both sides", "Superficie antideslizante por ambas caras", "s-yogamat"),
         ("Carbon-fibre face for control and power", "Cara de fibra de carbono para control y potencia",
          "s-padel")),
        (("Two-year warranty", "Garantía de dos años"),
         ("Ask our staff for advice on the right level", "Pide consejo a nuestro equipo sobre el nivel adecuado")),
    ),
    CategoryDef(
        H, "Home & kitchen", "Hogar y cocina", "HOM", 11,
        ("Casa Olmo", "Terrazzo Home", "Barro & Brasa", "Hearthwell", "Lino Casa", "Alféizar", "Greyfield Home",
         "Cocina Viva", "Jarrón Azul"),
        (("small comforts for every day at home", "pequeños placeres para el día a día en casa"),
         ("designed to be used and to be looked at", "para usar a diario y para lucir"),
         ("a simple piece that makes a home feel finished",
          "una pieza sencilla que hace que una casa se sienta completa")),
        (("Dishwasher and microwave safe", "Apto para lavavajillas y microondas", "h-mug"),
         ("Each piece is slightly different, as handmade pieces are",
          "Cada pieza es ligeramente distinta, como toda pieza artesanal", "h-mug h-vase h-lamp h-teapot"),
         ("Works with induction, gas and electric hobs", "Apto para inducción, gas y vitrocerámica", "h-pan"),
         ("Oven safe up to 220 °C", "Apta para horno hasta 220 °C", "h-pan"),
         ("Washable cover with a hidden zip", "Funda lavable con cremallera oculta", "h-cushion"),
         ("Takes an E27 bulb, sold separately", "Para bombilla E27, se vende por separado", "h-lamp"),
         ("Brews four cups at a time", "Prepara cuatro tazas a la vez", "h-teapot"),
         ("Designed in Valencia and made in Portugal", "Diseñado en Valencia y fabricado en Portugal", ""),
         ("Packed in plastic-free, recyclable packaging", "Embalado sin plástico, en embalaje reciclable", "")),
        (("Two-year warranty", "Garantía de dos años"),
         ("Free returns in any store within 30 days", "Devolución gratuita en cualquier tienda durante 30 días")),
    ),
    CategoryDef(
        A, "Audio & electronics", "Audio y electrónica", "AUD", 9,
        ("Sonora", "Audiem", "Volta Sound", "Ondas", "Halcyon Audio", "Resonar", "Pulsewave", "Kilohertz"),
        (("rich, detailed sound wherever you are", "sonido rico y detallado estés donde estés"),
         ("your music, calls and podcasts, all day long", "tu música, llamadas y pódcast todo el día"),
         ("clever tech that stays out of the way", "tecnología inteligente que no estorba")),
        (("Up to 30 hours of battery on a single charge", "Hasta 30 horas de batería con una sola carga", ""),
         ("Fast charging over USB-C: 10 minutes for 3 hours",
          "Carga rápida por USB-C: 10 minutos para 3 horas", ""),
         ("Bluetooth 5.3 with multipoint pairing", "Bluetooth 5.3 con conexión multipunto", ""),
         ("Splash resistant to IPX4", "Resistente a salpicaduras (IPX4)", ""),
         ("Heart-rate, sleep and GPS tracking", "Pulso, sueño y GPS", "a-watch"),
         ("DAB+ and FM with 20 presets", "DAB+ y FM con 20 presintonías", "a-radio"),
         ("Free companion app with a custom equaliser", "App gratuita con ecualizador personalizable",
          "a-headphones a-earbuds a-speaker")),
        (("Two-year warranty, extendable to three", "Garantía de dos años, ampliable a tres"),
         ("Try it in store before you buy", "Pruébalo en tienda antes de comprar")),
    ),
    CategoryDef(
        B, "Beauty", "Belleza", "BEA", 8,
        ("Flor de Sal", "Aurelia", "Lumine Skin", "Botánica Verde", "Nácar", "Velvetine", "Petalia", "Aguamar"),
        (("a little everyday luxury", "un pequeño lujo diario"),
         ("gentle care for every skin type", "cuidado delicado para todo tipo de piel"),
         ("clean formulas that feel good to use", "fórmulas limpias y agradables de usar")),
        (("Dermatologically tested", "Testado dermatológicamente", ""),
         ("Vegan formula, never tested on animals", "Fórmula vegana, nunca testada en animales", ""),
         ("Made in Spain with 95% ingredients of natural origin",
          "Fabricado en España con un 95 % de ingredientes de origen natural", ""),
         ("In a refillable glass container", "En un envase de vidrio recargable", "b-perfume b-cream b-serum"),
         ("Apply morning and night to clean skin", "Aplicar mañana y noche sobre la piel limpia",
          "b-cream b-serum"),
         ("Suitable for sensitive skin", "Apto para pieles sensibles", "b-cream b-serum b-shampoo")),
        (("Store in a cool, dry place", "Conservar en un lugar fresco y seco"),
         ("Ask our beauty advisers for a sample", "Pide una muestra a nuestras asesoras de belleza")),
    ),
    CategoryDef(
        T, "Toys & games", "Juguetes y juegos", "TOY", 8,
        ("Pequeño Taller", "Bloqo", "Tinker Town", "Cometa", "Jugarte", "Osito & Co", "Tablero Rojo"),
        (("hours of play for curious minds", "horas de juego para mentes curiosas"),
         ("fun for the whole family", "diversión para toda la familia"),
         ("a gift they will keep coming back to", "un regalo al que volverán una y otra vez")),
        (("Recommended from 3 years", "Recomendado a partir de 3 años", ""),
         ("Meets EN 71 toy safety standards", "Cumple la norma de seguridad de juguetes EN 71", ""),
         ("Encourages creativity and problem solving", "Fomenta la creatividad y la resolución de problemas", ""),
         ("Rounded edges and child-safe paints", "Bordes redondeados y pinturas seguras para niños",
          "t-blocks t-car"),
         ("Batteries included", "Pilas incluidas", "t-robot t-car"),
         ("For 2 to 6 players, games last about 30 minutes",
          "De 2 a 6 jugadores, partidas de unos 30 minutos", "t-boardgame")),
        (("Gift wrapping available at the counter", "Envoltorio de regalo disponible en caja"),),
    ),
    CategoryDef(
        P, "Books & stationery", "Libros y papelería", "BOO", 7,
        ("Editorial Faro", "Northlight Press", "Ediciones Brújula", "Tinta Fina", "Cuaderno Azul",
         "Papelera Sol", "Quillmark"),
        (("a good read for quiet evenings", "una buena lectura para tardes tranquilas"),
         ("for planners, sketchers and list-makers", "para quien planifica, dibuja o hace listas"),
         ("a gift that is always welcome", "un regalo siempre bienvenido")),
        (("Printed on FSC-certified paper", "Impreso en papel con certificación FSC",
          "p-novel p-cookbook p-guide p-notebook"),
         ("Lay-flat binding that stays open on the desk", "Encuadernación que se abre en plano sobre la mesa",
          "p-notebook p-cookbook"),
         ("Chosen by our booksellers this season", "Seleccionado por nuestros libreros esta temporada",
          "p-novel p-cookbook p-guide"),
         ("With fold-out maps and walking routes", "Con mapas desplegables y rutas a pie", "p-guide"),
         ("100 gsm paper with no bleed-through", "Papel de 100 g sin traspaso de tinta", "p-notebook"),
         ("Quick-drying ink that glides smoothly", "Tinta de secado rápido que se desliza con suavidad", "p-pens"),
         ("A thoughtful gift for readers and writers", "Un regalo acertado para quien lee y escribe", "")),
        (("Available in store and online", "Disponible en tienda y online"),),
    ),
    CategoryDef(
        G, "Bags & accessories", "Bolsos y accesorios", "BAG", 7,
        ("Mochilero", "Alforja", "Satchel Row", "Bolsa Luna", "Caravela", "Portmanteau Co", "Cuero Fino",
         "Alba Norte"),
        (("carries everything, goes with everything", "lo lleva todo y combina con todo"),
         ("made for commutes, trips and everything in between",
          "para el trayecto diario, los viajes y todo lo demás"),
         ("a finishing touch for every outfit", "el toque final para cualquier look")),
        (("Padded sleeve fits a 15-inch laptop", "Compartimento acolchado para portátil de 15 pulgadas",
          "g-backpack g-tote"),
         ("Water-repellent finish", "Acabado repelente al agua", "g-backpack g-tote g-crossbody"),
         ("Zip pocket inside for keys and cards", "Bolsillo interior con cremallera para llaves y tarjetas",
          "g-backpack g-tote g-crossbody"),
         ("Adjustable strap for a comfortable fit", "Correa ajustable para mayor comodidad",
          "g-backpack g-crossbody g-cap"),
         ("UV400 lenses in a protective case", "Lentes UV400 con funda protectora", "g-sunglasses"),
         ("Six card slots and a coin pocket", "Seis ranuras para tarjetas y monedero", "g-wallet"),
         ("Made from materials that age beautifully", "Materiales que envejecen con elegancia", "")),
        (("Two-year warranty", "Garantía de dos años"),
         ("Free returns in any store within 30 days", "Devolución gratuita en cualquier tienda durante 30 días")),
    ),
)
CATEGORY_BY_ID = {c.id: c for c in CATEGORIES}

# Book titles: "The Quiet Harbour" / "El puerto tranquilo".
TITLE_NOUNS: tuple[Noun, ...] = (
    Noun("Harbour", "puerto", False), Noun("Garden", "jardín", False), Noun("House", "casa", True),
    Noun("River", "río", False), Noun("Winter", "invierno", False), Noun("Island", "isla", True),
    Noun("Letter", "carta", True), Noun("Forest", "bosque", False), Noun("Lighthouse", "faro", False),
    Noun("Road", "camino", False), Noun("Summer", "verano", False), Noun("City", "ciudad", True),
    Noun("Mirror", "espejo", False), Noun("Door", "puerta", True), Noun("Night", "noche", True),
    Noun("Orchard", "huerto", False), Noun("Station", "estación", True), Noun("Bridge", "puente", False),
    Noun("Shadow", "sombra", True), Noun("Tide", "marea", True),
)
TITLE_ADJECTIVES: tuple[tuple[Adjective, bool], ...] = (  # (adjective, goes before the noun in Spanish)
    (Adjective("Silent", "silencioso", "silenciosa"), False),
    (Adjective("Last", "último", "última"), True),
    (Adjective("Hidden", "escondido", "escondida"), False),
    (Adjective("Lost", "perdido", "perdida"), False),
    (Adjective("Distant", "lejano", "lejana"), False),
    (Adjective("Golden", "dorado", "dorada"), False),
    (Adjective("Forgotten", "olvidado", "olvidada"), False),
    (Adjective("Quiet", "tranquilo", "tranquila"), False),
    (Adjective("Secret", "secreto", "secreta"), False),
    (Adjective("Blue", "azul", "azul"), False),
    (Adjective("Long", "largo", "larga"), False),
    (Adjective("Second", "segundo", "segunda"), True),
    (Adjective("White", "blanco", "blanca"), False),
    (Adjective("Northern", "del norte", "del norte", invariant=True), False),
    (Adjective("Wild", "salvaje", "salvaje"), False),
    (Adjective("Endless", "infinito", "infinita"), False),
)
CUISINES: tuple[tuple[str, str], ...] = (
    ("Mediterranean", "mediterránea"), ("Basque", "vasca"), ("Vegetarian", "vegetariana"),
    ("Japanese", "japonesa"), ("Mexican", "mexicana"), ("Italian", "italiana"), ("Andalusian", "andaluza"),
    ("Weeknight", "para diario"), ("Baking", "de repostería"), ("Galician", "gallega"),
)
PLACES: tuple[tuple[str, str], ...] = (
    ("Madrid", "Madrid"), ("Lisbon", "Lisboa"), ("Andalusia", "Andalucía"), ("The Pyrenees", "Pirineos"),
    ("Rome", "Roma"), ("Iceland", "Islandia"), ("Japan", "Japón"), ("Mexico City", "Ciudad de México"),
    ("Galicia", "Galicia"), ("The Canary Islands", "Islas Canarias"), ("Morocco", "Marruecos"),
    ("Scotland", "Escocia"), ("Barcelona", "Barcelona"), ("The Alps", "Los Alpes"),
)

# People's names, shared by customers, book authors and reviewers.
FIRST_NAMES_ES: tuple[str, ...] = (
    "Lucía", "Martín", "Sofía", "Hugo", "Carmen", "Javier", "Elena", "Pablo", "Marta", "Alejandro", "Laura",
    "Diego", "Paula", "Daniel", "Irene", "Sergio", "Nuria", "Álvaro", "Claudia", "Adrián", "Inés", "Marcos",
    "Alba", "Raúl", "Noelia", "Jorge", "Cristina", "Iván", "Beatriz", "Rubén", "Ainhoa", "Mateo", "Julia",
    "Andrés", "Rocío", "Carlos",
)
FIRST_NAMES_EN: tuple[str, ...] = (
    "Oliver", "Charlotte", "James", "Amelia", "Harry", "Sophie", "Jack", "Grace", "Thomas", "Emily", "George",
    "Hannah", "Samuel", "Chloe",
)
SURNAMES_ES: tuple[str, ...] = (
    "García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín",
    "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Navarro", "Torres",
    "Domínguez", "Vázquez", "Ramos", "Gil", "Serrano", "Molina", "Ortega", "Delgado", "Castro", "Ortiz",
)
SURNAMES_EN: tuple[str, ...] = (
    "Walker", "Bennett", "Hughes", "Clarke", "Turner", "Foster", "Harrison", "Morgan", "Palmer", "Reid",
    "Shaw", "Fletcher",
)

REVIEW_TEXTS: dict[int, tuple[tuple[str, str, str, str], ...]] = {  # stars -> (title_en, body_en, title_es, body_es)
    5: (
        ("Love it", "Exactly as described and it arrived quickly. Would buy again.",
         "Me encanta", "Tal y como se describe y llegó rápido. Volvería a comprarlo."),
        ("Excellent quality", "You can tell it is well made. Worth every euro.",
         "Calidad excelente", "Se nota que está bien hecho. Vale cada euro."),
        ("Perfect gift", "Bought it as a present and it was a hit.",
         "Regalo perfecto", "Lo compré para regalar y acerté de lleno."),
        ("Better than expected", "Even nicer in person than in the photos.",
         "Mejor de lo esperado", "En persona es aún más bonito que en las fotos."),
    ),
    4: (
        ("Very good", "Great value for the price. One small detail could be better.",
         "Muy bueno", "Muy buena relación calidad-precio. Algún detalle mejorable."),
        ("Happy with it", "Does what it promises. I use it every day.",
         "Contenta con la compra", "Cumple lo que promete. Lo uso a diario."),
        ("Nice, runs small", "Good quality, but I would take one size up.",
         "Bonito, talla pequeño", "Buena calidad, pero yo pediría una talla más."),
    ),
    3: (
        ("It's fine", "Nothing special, but it does the job.",
         "Está bien", "Nada especial, pero cumple su función."),
        ("Mixed feelings", "I like the design; the finish could be better.",
         "Sensaciones encontradas", "Me gusta el diseño; el acabado podría ser mejor."),
    ),
    2: (
        ("Not for me", "The colour is different from the photos.",
         "No es para mí", "El color es distinto al de las fotos."),
        ("Disappointing", "Expected more for the price.",
         "Decepcionante", "Esperaba más por este precio."),
    ),
    1: (
        ("Returned it", "Arrived damaged. The store swapped it without fuss, though.",
         "Lo devolví", "Llegó dañado. Eso sí, en tienda me lo cambiaron sin problema."),
    ),
}

LOCATIONS: tuple[LocationDef, ...] = (
    LocationDef("madrid-gran-via", "Madrid Gran Vía", "here", "Madrid", "Gran Vía 32, 28013 Madrid",
                "Mon–Sat 10:00–22:00, Sun 11:00–21:00"),
    LocationDef("barcelona-diagonal", "Barcelona Diagonal", "store", "Barcelona",
                "Avinguda Diagonal 545, 08029 Barcelona", "Mon–Sat 10:00–21:30"),
    LocationDef("valencia-colon", "Valencia Colón", "store", "Valencia", "Carrer de Colón 27, 46004 Valencia",
                "Mon–Sat 10:00–21:30, Sun 12:00–20:00"),
    LocationDef("sevilla-nervion", "Sevilla Nervión", "store", "Sevilla",
                "Calle Luis de Morales 3, 41018 Sevilla", "Mon–Sat 10:00–22:00"),
    LocationDef("warehouse-getafe", "Online warehouse (Getafe)", "warehouse", "Getafe",
                "Calle de la Confianza 8, 28906 Getafe", "Ships Mon–Fri"),
)
