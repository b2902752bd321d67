"""Product pictures for the demo store: one SVG drawing per item kind, painted in the variant's colour.

The drawings are data: resources/demo/drawings/<kind>.svg, flat, softly shaded illustrations in a 100x100
viewBox. They name colours by role, never by value: `class="main"` is the variant's colour, `tint`, `shade`,
`detail`, `contrast`... are shades of it and `gold`, `charcoal`... fixed materials, all defined in
resources/demo/images.json (with the studio backgrounds and the toys' accent colours). A second class picks
the shading: none is the studio light falling diagonally, `flat`, `cyl` (bottles, mugs), `ball` (spheres),
`line` (a stroke). Details that vary between products of a kind sit in groups `class="s3-0"`: shown when the
product's style number modulo 3 is 0. Qt SVG draws masks but not clip-path: a stripe kept inside a shirt is
a group with `mask="url(#body)"`.

This module turns a drawing into a picture: it writes the colours as a style sheet and gradients for the one
variant colour and style, and renders the document with Qt SVG onto the soft studio background (made with
Pillow, cached per background colour) at 600x600. Qt SVG because it is already installed with PySide6, needs no
display or QGuiApplication, works from the demo store's request threads and draws a picture in ~4 ms of CPU
(resvg-py, the Rust resvg binding, took ~100 ms for the same picture here). It is the only Qt this backend
uses (an import-linter exception), imported with the first picture; the picture leaves as PNG bytes.
"""

from __future__ import annotations

import functools
import re
import struct
import threading
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops

from kiosk.backends.demo.data import DemoDataError, Node, data_file, load_json

SIZE = 600
RENDERER_VERSION = 3  # part of the image cache path: bump when drawings or colours change

RGB = tuple[int, int, int]
WHITE: RGB = (255, 255, 255)
BLACK: RGB = (0, 0, 0)

SHADINGS = ("flat", "cyl", "ball", "line")  # the second class of a shape; none means diagonal light
_STYLE_CLASS = re.compile(r"s([2-9]|1[0-2])-(\d{1,2})")
_KIND = re.compile(r"[a-z][a-z0-9-]*")
_LITERAL_PAINT = re.compile(r"#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|none")
_REFERENCE = re.compile(r"url\(#([\w-]+)\)")


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def luminance(c: RGB) -> float:
    return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255


def detail_colour(c: RGB, amount: float = 0.3) -> RGB:
    """Seams and outlines: darker on light colours, lighter on very dark ones so they stay visible."""
    return mix(c, WHITE, amount * 0.8) if luminance(c) < 0.16 else mix(c, BLACK, amount)


# ---- the palette (resources/demo/images.json) -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mix:
    """The variant's colour moved `by` (0..1) toward another colour."""

    toward: RGB
    by: float

    def of(self, main: RGB) -> RGB:
        return mix(main, self.toward, self.by)


@dataclass(frozen=True, slots=True)
class Detail:
    """detail_colour(main, amount): darker, or lighter on very dark colours."""

    amount: float

    def of(self, main: RGB) -> RGB:
        return detail_colour(main, self.amount)


@dataclass(frozen=True, slots=True)
class Fixed:
    colour: RGB

    def of(self, main: RGB) -> RGB:
        return self.colour


@dataclass(frozen=True, slots=True)
class ByLightness:
    """One shade for colours darker than `below` (luminance 0..1), another for lighter ones: a stripe that is
    light on a navy shirt and dark on a white one."""

    below: float
    dark: Shade
    light: Shade

    def of(self, main: RGB) -> RGB:
        return (self.dark if luminance(main) < self.below else self.light).of(main)


Shade = Mix | Detail | Fixed | ByLightness


@dataclass(frozen=True, slots=True)
class Palette:
    """The colours of resources/demo/images.json: the studio background per category, the accent colours toys,
    trainers and pens are dotted with (at least four: pens and blocks take four), the shades of the variant's
    colour and the fixed materials the drawings name."""

    default_background: RGB
    category_backgrounds: dict[str, RGB]
    accents: tuple[RGB, ...]
    shades: dict[str, Shade]
    materials: dict[str, RGB]

    def colours(self, main: RGB, style: int) -> dict[str, RGB]:
        """Every colour name a drawing may use, for one variant colour and style."""
        named = {"main": main}
        named.update({name: shade.of(main) for name, shade in self.shades.items()})
        named.update({f"accent{k + 1}": self.accents[(style + k) % len(self.accents)] for k in range(4)})
        named.update(self.materials)
        return named


def _parse_shade(node: Node) -> Shade:
    value = node.value
    if isinstance(value, str):
        if value != "main":
            raise node.fail(f'expected "main", a colour or a shade, got {value!r}')
        return Mix(WHITE, 0.0)
    if isinstance(value, list):
        return Fixed(node.rgb())
    if isinstance(value, dict) and "detail" in value:
        return Detail(node.key("detail").integer(0, 100) / 100)
    if isinstance(value, dict) and "below" in value:
        return ByLightness(
            node.key("below").integer(0, 100) / 100, _parse_shade(node.key("dark")), _parse_shade(node.key("light"))
        )
    toward_node = node.key("toward")
    toward = {"white": WHITE, "black": BLACK}.get(toward_node.value) if isinstance(toward_node.value, str) else None
    return Mix(toward or toward_node.rgb(), node.key("percent").integer(0, 100) / 100)


def parse_palette(file: Path, raw: object) -> Palette:
    top = Node(file, raw)
    accents_node = top.key("accent_colours")
    accents = tuple(n.rgb() for n in accents_node.items())
    if len(accents) < 4:
        raise accents_node.fail(f"expected at least 4 colours, got {len(accents)}")
    shades = {name: _parse_shade(n) for name, n in top.key("shades").entries()}
    materials = {name: n.rgb() for name, n in top.key("materials").entries()}
    reserved = {"main", *SHADINGS, "shadow", *(f"accent{k + 1}" for k in range(4))}
    for section, names in (("shades", shades), ("materials", materials)):
        for name in names:
            if name in reserved or (section == "materials" and name in shades) or not _KIND.fullmatch(name):
                raise top.key(section).key(name).fail("this name is taken or not a lower-case word")
    return Palette(
        top.key("default_background").rgb(),
        {category: n.rgb() for category, n in top.key("category_backgrounds").entries()},
        accents,
        shades,
        materials,
    )


@functools.cache
def palette() -> Palette:
    """resources/demo/images.json, read and checked once per process."""
    file = data_file("images.json")
    return parse_palette(file, load_json(file))


# ---- the drawings (resources/demo/drawings/*.svg) -----------------------------------------------------------


def drawings_dir() -> Path:
    return data_file("drawings")


def kinds() -> frozenset[str]:
    """The item kinds there is a drawing for."""
    return frozenset(p.stem for p in drawings_dir().glob("*.svg"))


@dataclass(frozen=True, slots=True)
class Drawing:
    """One drawing file, checked: its content (inside the <svg> element), the colours it paints with which
    shading, and the moduli of its style groups (3 for s3-0, s3-1...), whose other residues the style sheet
    hides."""

    file: Path
    body: str
    paints: frozenset[tuple[str, str]]  # (colour name, shading: "" for diagonal, or one of SHADINGS)
    moduli: frozenset[int]


_SVG_NS = "{http://www.w3.org/2000/svg}"


def parse_drawing(file: Path, text: str, known_colours: Iterable[str]) -> Drawing:
    """A drawing's text, checked; DemoDataError naming the file (and the line for XML errors) when it is not
    one this renderer can paint."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, column = exc.position
        raise DemoDataError(
            f"{file}: not valid SVG: {exc.msg.split(':')[0]} at line {line}, column {column + 1}"
        ) from None
    if root.tag != f"{_SVG_NS}svg" or root.get("viewBox") != "0 0 100 100":
        raise DemoDataError(f'{file}: expected an <svg> element (SVG namespace) with viewBox="0 0 100 100"')
    known = set(known_colours)
    paints: set[tuple[str, str]] = set()
    moduli: set[int] = set()
    ids = {element.get("id") for element in root.iter()}
    for element in root.iter():
        for attribute in ("fill", "stroke", "mask"):
            value = element.get(attribute)
            if value is None:
                continue
            literal = _LITERAL_PAINT.fullmatch(value)
            reference = _REFERENCE.fullmatch(value)
            if (attribute == "mask" or literal is None) and (reference is None or reference.group(1) not in ids):
                line = _line_of(text, f'{attribute}="{value}"')
                expected = "" if attribute == "mask" else "a colour (#rrggbb, none) or "
                raise DemoDataError(
                    f"{file}: line {line}: {attribute}={value!r} is not {expected}a reference to an id in the file"
                )
        classes = (element.get("class") or "").split()
        if not classes:
            continue
        style = _STYLE_CLASS.fullmatch(classes[0])
        if style is not None and len(classes) == 1 and int(style.group(2)) < int(style.group(1)):
            moduli.add(int(style.group(1)))
            continue
        if classes in (["shadow"], ["line"]):
            continue
        name, shading = classes[0], classes[1] if len(classes) > 1 else ""
        if name not in known or len(classes) > 2 or (shading and shading not in SHADINGS):
            line = _line_of(text, 'class="{}"'.format(element.get("class")))
            raise DemoDataError(
                f"{file}: line {line}: unknown class {' '.join(classes)!r}: expected a colour "
                f"name from images.json, then optionally one of {', '.join(SHADINGS)}; or a style group like s3-0"
            )
        paints.add((name, shading))
    start, end = text.find(">", text.find("<svg")) + 1, text.rfind("</svg>")
    return Drawing(file, text[start:end], frozenset(paints), frozenset(moduli))


def _line_of(text: str, needle: str) -> int:
    """ElementTree keeps no line numbers: the line of the first place the offending attribute is written (good
    enough for a message pointing at a hand-written file)."""
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


_drawings: dict[str, Drawing] = {}
_drawings_lock = threading.Lock()


def drawing(kind: str) -> Drawing:
    """A kind's drawing, read and checked once per process; DemoDataError naming the file when it is missing or
    broken."""
    found = _drawings.get(kind)
    if found is not None:
        return found
    if not _KIND.fullmatch(kind):
        raise KeyError(f"no drawing for item kind {kind!r}")
    file = drawings_dir() / f"{kind}.svg"
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DemoDataError(f"demo drawing not found: {file}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DemoDataError(f"{file}: cannot be read: {exc}") from None
    pal = palette()
    parsed = parse_drawing(file, text, pal.colours(BLACK, 0))
    with _drawings_lock:
        return _drawings.setdefault(kind, parsed)


# ---- rendering ----------------------------------------------------------------------------------------------


def _hex(c: RGB) -> str:
    return f"#{c[0]:02x}{c[1]:02x}{c[2]:02x}"


def _light_dark(colour: RGB) -> tuple[RGB, RGB]:
    light = mix(colour, WHITE, 0.24 if luminance(colour) < 0.85 else 0.6)
    dark = mix(colour, BLACK, 0.3 if luminance(colour) > 0.2 else 0.45)
    return light, dark


def _stops(*stops: tuple[float, RGB] | tuple[float, RGB, float]) -> str:
    out = []
    for stop in stops:
        opacity = f' stop-opacity="{stop[2]}"' if len(stop) == 3 else ""
        out.append(f'<stop offset="{stop[0]}" stop-color="{_hex(stop[1])}"{opacity}/>')
    return "".join(out)


def _paint(name: str, shading: str, colour: RGB) -> tuple[str, str]:
    """The CSS rule for one colour with one shading, and the gradient it needs ("" for flat fills)."""
    selector = f".{name}.{shading}" if shading else f".{name}"
    if shading == "flat":
        return f"{selector}{{fill:{_hex(colour)}}}", ""
    if shading == "line":
        return f"{selector}{{fill:none;stroke:{_hex(colour)}}}", ""
    light, dark = _light_dark(colour)
    gid = f"{name}-{shading or 'd'}"
    if shading == "cyl":  # across the shape: dark edges, the highlight a third of the way in
        edge = mix(dark, light, 0.55)
        stops = _stops((0, edge), (0.36, light), (0.88, dark), (1, dark))
        gradient = f'<linearGradient id="{gid}" x2="1">{stops}</linearGradient>'
    elif shading == "ball":  # lit from the upper left
        gradient = (
            f'<radialGradient id="{gid}" cx="0.375" cy="0.375" r="0.9">'
            f"{_stops((0, light), (0.5, mix(light, dark, 0.45)), (1, dark))}</radialGradient>"
        )
    else:  # the studio light: light at the top left of the picture, dark at the bottom right
        gradient = (
            f'<linearGradient id="{gid}" gradientUnits="userSpaceOnUse" x2="100" y2="100">'
            f"{_stops((0, light), (1, dark))}</linearGradient>"
        )
    return f"{selector}{{fill:url(#{gid})}}", gradient


def background_colour(colour: RGB, category: str) -> RGB:
    pal = palette()
    background = pal.category_backgrounds.get(category, pal.default_background)
    if abs(luminance(background) - luminance(colour)) < 0.12:
        background = mix(background, BLACK, 0.13)  # a white shirt on a white background would vanish
    return background


@functools.lru_cache(maxsize=64)
def _studio(colour: RGB) -> bytes:
    """The soft studio background (light at the top, a glow in the middle) as 600x600 RGB bytes.

    Made with Pillow, not in the SVG: Pillow's gradient has a few hundred colours that PNG's "Up" filter
    compresses to almost nothing, where Qt's radial gradient gives thousands and triples the PNG's size."""
    top, bottom = mix(colour, WHITE, 0.55), mix(colour, BLACK, 0.06)
    vertical = Image.linear_gradient("L").resize((SIZE, SIZE))
    img = Image.composite(Image.new("RGB", (SIZE, SIZE), bottom), Image.new("RGB", (SIZE, SIZE), top), vertical)
    glow = ImageChops.invert(Image.radial_gradient("L").resize((SIZE, SIZE))).point(lambda v: round(v * 0.55))
    img.paste(mix(top, WHITE, 0.5), (0, 0), glow)
    return img.tobytes()


def svg_document(kind: str, colour: RGB, *, category: str, style: int) -> str:
    """The SVG document painted over the studio background for one picture: the drawing and its colours."""
    art = drawing(kind)
    colours = palette().colours(colour, style)
    background = background_colour(colour, category)
    shadow = mix(mix(background, BLACK, 0.06), BLACK, 0.55)
    rules = [".line{fill:none;stroke-linecap:round;stroke-linejoin:round}", ".shadow{fill:url(#shadow)}"]
    shadow_stops = _stops((0, shadow, 0.24), (0.55, shadow, 0.2), (1, shadow, 0))
    gradients = [f'<radialGradient id="shadow">{shadow_stops}</radialGradient>']
    for name, shading in sorted(art.paints):
        rule, gradient = _paint(name, shading, colours[name])
        rules.append(rule)
        if gradient:
            gradients.append(gradient)
    hidden = [f".s{m}-{r}" for m in sorted(art.moduli) for r in range(m) if r != style % m]
    if hidden:
        rules.append(f"{','.join(hidden)}{{display:none}}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="{SIZE}" height="{SIZE}">'
        f"<style>{''.join(rules)}</style><defs>{''.join(gradients)}</defs>{art.body}</svg>"
    )


def render_image(kind: str, colour: RGB, *, category: str, style: int) -> Image.Image:
    # Qt is imported on the first picture, not with the module: RemoteDemoBackend's clients import the demo
    # store's modules and never draw, and must stay free of Qt (the fleet's headless kiosks)
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    document = svg_document(kind, colour, category=category, style=style)
    renderer = QSvgRenderer(QByteArray(document.encode()))
    if not renderer.isValid():
        raise DemoDataError(f"{drawing(kind).file}: Qt SVG cannot render this drawing")
    studio = _studio(background_colour(colour, category))
    canvas = QImage(studio, SIZE, SIZE, SIZE * 3, QImage.Format.Format_RGB888).copy()  # a copy owns its pixels
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    # RGB888 rows are 1800 bytes, a multiple of 4: no padding between them
    return Image.frombytes("RGB", (SIZE, SIZE), bytes(canvas.constBits()))


def render(drawing_kind: str, colour: RGB, *, category: str, style: int) -> bytes:
    """A 600x600 PNG of one item kind in one colour; `style` varies details between products of a kind."""
    return encode_png(render_image(drawing_kind, colour, category=category, style=style))


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def encode_png(img: Image.Image) -> bytes:
    """An RGB PNG with the "Up" filter on every row.

    Pillow's encoder tries all five PNG filters on every row, which costs more than drawing the picture;
    for smooth illustrations "Up" alone compresses as well, and Pillow computes it in one C call
    (subtract_modulo against the picture shifted down a row).
    """
    w, h = img.size
    above = Image.new("RGB", (w, h))
    above.paste(img.crop((0, 0, w, h - 1)), (0, 1))
    diff = ImageChops.subtract_modulo(img, above).tobytes()
    stride = w * 3
    raw = b"".join(b"\x02" + diff[i : i + stride] for i in range(0, len(diff), stride))
    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 3)) + _chunk(b"IEND", b"")
    )
