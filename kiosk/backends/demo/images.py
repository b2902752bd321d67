"""Product pictures for the demo store: flat, softly shaded illustrations drawn with Pillow on demand.

Each picture is one item kind (t-shirt, trainer, mug...) filled with the variant's colour on a soft studio
background, so a shopper can tell colours and products apart at a glance. Shapes are drawn as masks at twice
the output size and reduced, which gives anti-aliased edges without Pillow's slower anti-aliased primitives.
Coordinates in the drawing functions are in units of 1/100 of the picture, so the geometry reads like a
sketch on squared paper.

The colours they are painted with are data (resources/demo/images.json); the shapes stay here as code: each
drawing is a small program (details that depend on the style number and on how light the colour is, loops
over stripes and laces, seeded scatter), and written as data it would need an expression language of its own.
"""

from __future__ import annotations

import functools
import math
import random
import struct
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from kiosk.backends.demo.data import Node, data_file, load_json

SIZE = 600
_SS = 2  # supersampling factor for masks
_PX = SIZE * _SS / 100  # pixels per unit on the supersampled mask
RENDERER_VERSION = 2  # part of the image cache path: bump when drawings change

RGB = tuple[int, int, int]
Point = tuple[float, float]
WHITE: RGB = (255, 255, 255)
BLACK: RGB = (0, 0, 0)



@dataclass(frozen=True, slots=True)
class Palette:
    """The colours of resources/demo/images.json: the studio background per category, and the accent
    colours toys, trainers and pens are dotted with (at least four: pens and blocks take four at random)."""

    default_background: RGB
    category_backgrounds: dict[str, RGB]
    accents: tuple[RGB, ...]


def parse_palette(file: Path, raw: object) -> Palette:
    top = Node(file, raw)
    accents_node = top.key("accent_colours")
    accents = tuple(n.rgb() for n in accents_node.items())
    if len(accents) < 4:
        raise accents_node.fail(f"expected at least 4 colours, got {len(accents)}")
    return Palette(
        top.key("default_background").rgb(),
        {category: n.rgb() for category, n in top.key("category_backgrounds").entries()},
        accents,
    )


@functools.cache
def palette() -> Palette:
    """resources/demo/images.json, read and checked once per process."""
    file = data_file("images.json")
    return parse_palette(file, load_json(file))


_PALETTE = palette()
_TOY_COLOURS = _PALETTE.accents


def _accent(n: int) -> RGB:
    return _TOY_COLOURS[n % len(_TOY_COLOURS)]


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def luminance(c: RGB) -> float:
    return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255


def detail_colour(c: RGB, amount: float = 0.3) -> RGB:
    """Seams and outlines: darker on light colours, lighter on very dark ones so they stay visible."""
    return mix(c, WHITE, amount * 0.8) if luminance(c) < 0.16 else mix(c, BLACK, amount)


def bezier(p0: Point, p1: Point, p2: Point, p3: Point, n: int = 14) -> list[Point]:
    out = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        out.append(
            (
                u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
            )
        )
    return out


def mirror(half: Sequence[Point], cx: float = 50) -> list[Point]:
    """A symmetric outline from its left half, drawn top to bottom."""
    return [*half, *[(2 * cx - x, y) for x, y in reversed(half)]]


def lathe(profile: Sequence[tuple[float, float]], cx: float = 50) -> list[Point]:
    """A turned object (vase, bottle) from (y, half-width) pairs."""
    return mirror([(cx - w, y) for y, w in profile], cx)


class Pen:
    """Draws into a supersampled mask in picture units; `erase` cuts holes.

    A pen made without a mask only records the extent of what would be drawn, so a shape's mask can be
    allocated at the size of its bounding box instead of the whole picture: most details are small, and
    that is most of the rendering time saved.
    """

    def __init__(self, mask: Image.Image | None = None, origin: tuple[float, float] = (0, 0)) -> None:
        self._draw = ImageDraw.Draw(mask) if mask is not None else None
        self._ox, self._oy = origin
        self.extent = [math.inf, math.inf, -math.inf, -math.inf]

    def _grow(self, x0: float, y0: float, x1: float, y1: float) -> None:
        e = self.extent
        e[0], e[1], e[2], e[3] = min(e[0], x0), min(e[1], y0), max(e[2], x1), max(e[3], y1)

    def _p(self, points: Sequence[Point]) -> list[tuple[float, float]]:
        return [(x * _PX - self._ox, y * _PX - self._oy) for x, y in points]

    def _box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        return (x0 * _PX - self._ox, y0 * _PX - self._oy, x1 * _PX - self._ox, y1 * _PX - self._oy)

    def poly(self, points: Sequence[Point], *, erase: bool = False) -> Pen:
        if self._draw is None:
            xs, ys = [x for x, _ in points], [y for _, y in points]
            self._grow(min(xs), min(ys), max(xs), max(ys))
            return self
        self._draw.polygon(self._p(points), fill=0 if erase else 255)
        return self

    def ellipse(self, x0: float, y0: float, x1: float, y1: float, *, erase: bool = False) -> Pen:
        if self._draw is None:
            self._grow(x0, y0, x1, y1)
            return self
        self._draw.ellipse(self._box(x0, y0, x1, y1), fill=0 if erase else 255)
        return self

    def circle(self, cx: float, cy: float, r: float, *, erase: bool = False) -> Pen:
        return self.ellipse(cx - r, cy - r, cx + r, cy + r, erase=erase)

    def rect(self, x0: float, y0: float, x1: float, y1: float, r: float = 0, *, erase: bool = False) -> Pen:
        if self._draw is None:
            self._grow(x0, y0, x1, y1)
            return self
        box = self._box(x0, y0, x1, y1)
        if r > 0:
            self._draw.rounded_rectangle(box, radius=r * _PX, fill=0 if erase else 255)
        else:
            self._draw.rectangle(box, fill=0 if erase else 255)
        return self

    def line(self, points: Sequence[Point], width: float, *, erase: bool = False) -> Pen:
        r = width / 2
        if self._draw is None:
            xs, ys = [x for x, _ in points], [y for _, y in points]
            self._grow(min(xs) - r, min(ys) - r, max(xs) + r, max(ys) + r)
            return self
        self._draw.line(self._p(points), fill=0 if erase else 255, width=max(1, round(width * _PX)), joint="curve")
        for x, y in (points[0], points[-1]):  # round caps: Pillow's lines are square-ended
            self.circle(x, y, r * 0.98, erase=erase)
        return self

    def arc(self, box: tuple[float, float, float, float], start: float, end: float, width: float) -> Pen:
        if self._draw is None:
            self._grow(*box)
            return self
        self._draw.arc(self._box(*box), start, end, fill=255, width=max(1, round(width * _PX)))
        return self


Paint = Callable[[Pen], object]  # drawing lambdas return whatever their pen calls return


@functools.cache
def _base_masks() -> dict[str, Image.Image]:
    vertical = Image.linear_gradient("L").resize((SIZE, SIZE))
    diagonal = vertical.rotate(45, resample=Image.Resampling.BILINEAR, expand=True)
    off = (diagonal.width - SIZE) // 2
    diagonal = diagonal.crop((off, off, off + SIZE, off + SIZE))
    # cylinder shading across a strip: dark edges, a highlight a third of the way in
    strip = Image.new("L", (256, 1))
    strip.putdata([round(255 * max(0.0, math.cos((x / 255 - 0.36) * math.pi * 0.95)) ** 0.8) for x in range(256)])
    sphere = ImageChops.invert(Image.radial_gradient("L")).resize((512, 512)).crop((160, 160, 416, 416))
    glow = ImageChops.invert(Image.radial_gradient("L").resize((SIZE, SIZE))).point(lambda v: round(v * 0.55))
    return {
        "vertical": vertical,
        "diagonal": ImageChops.invert(diagonal),
        "cylinder": strip,
        "sphere": sphere,
        "glow": glow,
    }


@functools.lru_cache(maxsize=64)
def _background(colour: RGB) -> Image.Image:
    masks = _base_masks()
    top, bottom = mix(colour, WHITE, 0.55), mix(colour, BLACK, 0.06)
    img = Image.composite(
        Image.new("RGB", (SIZE, SIZE), bottom), Image.new("RGB", (SIZE, SIZE), top), masks["vertical"]
    )
    img.paste(mix(top, WHITE, 0.5), (0, 0), masks["glow"])
    return img


@functools.lru_cache(maxsize=128)
def _diagonal_fill(colour: RGB) -> Image.Image:
    light, dark = _light_dark(colour)
    return Image.composite(
        Image.new("RGB", (SIZE, SIZE), light), Image.new("RGB", (SIZE, SIZE), dark), _base_masks()["diagonal"]
    )


def _light_dark(colour: RGB) -> tuple[RGB, RGB]:
    light = mix(colour, WHITE, 0.24 if luminance(colour) < 0.85 else 0.6)
    dark = mix(colour, BLACK, 0.3 if luminance(colour) > 0.2 else 0.45)
    return light, dark


class Canvas:
    """A picture being drawn: background first, then shapes front to back are painted over it in order."""

    def __init__(self, background: RGB, item_colour: RGB) -> None:
        bg = background
        if abs(luminance(bg) - luminance(item_colour)) < 0.12:
            bg = mix(bg, BLACK, 0.13)  # a white shirt on a white background would vanish
        self.img = _background(bg).copy()
        self.floor = mix(bg, BLACK, 0.06)

    def shadow(self, cx: float, cy: float, w: float, h: float, strength: float = 0.22) -> None:
        small = Image.new("L", (150, 150), 0)
        ImageDraw.Draw(small).ellipse(
            ((cx - w / 2) * 1.5, (cy - h / 2) * 1.5, (cx + w / 2) * 1.5, (cy + h / 2) * 1.5), fill=round(255 * strength)
        )
        small = small.filter(ImageFilter.GaussianBlur(2.2))
        self.img.paste(mix(self.floor, BLACK, 0.55), (0, 0), small.resize((SIZE, SIZE), Image.Resampling.BILINEAR))

    def shape(
        self,
        colour: RGB,
        paint: Paint,
        *,
        shading: str = "diagonal",
        clip: Image.Image | None = None,
        strength: float = 1.0,
    ) -> Image.Image:
        """Paints `colour` through the mask `paint` draws; returns the full-size mask for clipping later shapes."""
        probe = Pen()
        paint(probe)
        x0, y0, x1, y1 = probe.extent
        # the box in output pixels, one pixel of margin for anti-aliasing, inside the picture
        box = (
            max(0, math.floor(x0 * SIZE / 100) - 1),
            max(0, math.floor(y0 * SIZE / 100) - 1),
            min(SIZE, math.ceil(x1 * SIZE / 100) + 1),
            min(SIZE, math.ceil(y1 * SIZE / 100) + 1),
        )
        full = Image.new("L", (SIZE, SIZE), 0)
        if box[2] <= box[0] or box[3] <= box[1]:
            return full
        w, h = box[2] - box[0], box[3] - box[1]
        big = Image.new("L", (w * _SS, h * _SS), 0)
        paint(Pen(big, (box[0] * _SS, box[1] * _SS)))
        mask = big.reduce(_SS)
        if clip is not None:
            mask = ImageChops.multiply(mask, clip.crop(box))
        if strength < 1:
            mask = mask.point(lambda v: round(v * strength))
        self.img.paste(self._fill(colour, shading, box), box, mask)
        full.paste(mask, box[:2])
        return full

    @staticmethod
    def _fill(colour: RGB, shading: str, box: tuple[int, int, int, int]) -> Image.Image | RGB:
        if shading == "flat":
            return colour
        if shading == "diagonal":
            return _diagonal_fill(colour).crop(box)
        # relative to the shape's own box: cylinder (bottles, mugs) and sphere (balls)
        w, h = box[2] - box[0], box[3] - box[1]
        light, dark = _light_dark(colour)
        source = _base_masks()["cylinder" if shading == "cylinder" else "sphere"]
        local = source.resize((w, h), Image.Resampling.BILINEAR)
        return Image.composite(Image.new("RGB", (w, h), light), Image.new("RGB", (w, h), dark), local)

    def png(self) -> bytes:
        return encode_png(self.img)


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


# ---- clothing ---------------------------------------------------------------------------------------


def _top_outline(sleeve_len: float, body_bottom: float = 84, waist: float = 0, neck_depth: float = 7) -> list[Point]:
    """Left half of a garment top (shoulder, sleeve, side seam), mirrored by the caller."""
    half: list[Point] = [(41, 17)]
    half += [(30, 20), (23, 24)]
    if sleeve_len > 30:  # long sleeve down to the wrist
        half += [(15, 50), (11, 74), (19, 76), (24, 52), (28, 40)]
    else:
        half += [(12, 40), (22, 47), (28, 41)]
    half += [(29 + waist, 62), (27, body_bottom)]
    return half


def _top(c: Canvas, colour: RGB, style: int, sleeve_len: float, *, bottom: float = 84) -> Image.Image:
    half = _top_outline(sleeve_len, bottom)
    neck = bezier((59, 17), (57, 25), (43, 25), (41, 17), 10)
    outline = [*half, *[(100 - x, y) for x, y in reversed(half)], *neck]
    c.shadow(50, bottom + 3, 50, 5)
    body = c.shape(colour, lambda p: p.poly(outline))
    if style % 3 == 0:  # stripes
        stripe = mix(colour, WHITE, 0.75) if luminance(colour) < 0.6 else mix(colour, BLACK, 0.5)
        c.shape(
            stripe,
            lambda p: [p.rect(0, y, 100, y + 2.4) for y in range(30, int(bottom), 7)],
            clip=body,
            shading="flat",
            strength=0.9,
        )
    return body


def draw_tshirt(c: Canvas, colour: RGB, style: int) -> None:
    body = _top(c, colour, style, 14)
    seam = detail_colour(colour)
    c.shape(seam, lambda p: p.line(bezier((41, 17.5), (43, 25.5), (57, 25.5), (59, 17.5), 10), 1.6), shading="flat")
    c.shape(
        seam,
        lambda p: (p.line([(12.8, 38), (22.5, 44.6)], 0.7), p.line([(87.2, 38), (77.5, 44.6)], 0.7)),
        shading="flat",
        clip=body,
        strength=0.7,
    )
    c.shape(seam, lambda p: p.line([(27, 81), (73, 81)], 0.5), shading="flat", strength=0.6)
    if style % 4 == 1:  # chest pocket
        c.shape(seam, lambda p: p.rect(60, 33, 68, 42, 0.8), shading="flat", strength=0.35)


def draw_polo(c: Canvas, colour: RGB, style: int) -> None:
    _top(c, colour, style | 1, 14)
    seam = detail_colour(colour)
    collar = mix(colour, WHITE, 0.85) if style % 2 else colour
    c.shape(
        collar,
        lambda p: (p.poly([(41, 16), (50, 25), (46, 29), (36, 20)]), p.poly([(59, 16), (50, 25), (54, 29), (64, 20)])),
    )
    c.shape(seam, lambda p: p.rect(48.5, 25, 51.5, 38, 0.5), shading="flat", strength=0.5)
    c.shape(WHITE, lambda p: (p.circle(50, 29, 0.9), p.circle(50, 34, 0.9)), shading="flat")


def draw_shirt(c: Canvas, colour: RGB, style: int) -> None:
    body = _top(c, colour, style if style % 3 == 0 else 1, 40)
    seam = detail_colour(colour)
    c.shape(seam, lambda p: p.line([(50, 24), (50, 83)], 0.5), shading="flat", strength=0.7)
    c.shape(
        mix(colour, WHITE, 0.2),
        lambda p: (p.poly([(41, 15), (50, 24), (44, 28), (37, 19)]), p.poly([(59, 15), (50, 24), (56, 28), (63, 19)])),
    )
    c.shape(
        mix(colour, WHITE, 0.8), lambda p: [p.circle(51.8, y, 0.8) for y in (31, 40, 49, 58, 67, 76)], shading="flat"
    )
    c.shape(
        seam,
        lambda p: (p.line([(11.5, 70), (19.5, 72)], 0.6), p.line([(88.5, 70), (80.5, 72)], 0.6)),
        shading="flat",
        clip=body,
        strength=0.8,
    )


def draw_sweater(c: Canvas, colour: RGB, style: int) -> None:
    body = _top(c, colour, style if style % 3 == 0 else 1, 40, bottom=80)
    rib = detail_colour(colour, 0.18)
    c.shape(
        rib,
        lambda p: (
            p.rect(27, 75, 73, 80.5),
            p.poly([(11, 70), (19.5, 71.5), (19, 76), (11, 74)]),
            p.poly([(89, 70), (80.5, 71.5), (81, 76), (89, 74)]),
        ),
        clip=body,
    )
    c.shape(
        detail_colour(colour, 0.3),
        lambda p: [p.line([(x, 76), (x, 80)], 0.35) for x in range(29, 72, 2)],
        shading="flat",
        strength=0.5,
    )
    c.shape(rib, lambda p: p.line(bezier((41, 17.5), (43, 25.5), (57, 25.5), (59, 17.5), 10), 2.6))


def draw_hoodie(c: Canvas, colour: RGB, style: int) -> None:
    c.shape(mix(colour, BLACK, 0.25), lambda p: p.poly(bezier((36, 22), (33, 4), (67, 4), (64, 22), 16)))
    draw_sweater(c, colour, 1)
    seam = detail_colour(colour)
    c.shape(
        mix(colour, BLACK, 0.12),
        lambda p: p.poly(
            [*bezier((37, 17), (38, 28), (62, 28), (63, 17), 12), *bezier((59, 17), (57, 23), (43, 23), (41, 17), 8)]
        ),
    )
    c.shape(seam, lambda p: p.poly([(36, 58), (64, 58), (68, 72), (32, 72)]), shading="flat", strength=0.25)
    c.shape(
        mix(colour, WHITE, 0.8),
        lambda p: (p.line([(46, 26), (45.5, 40)], 0.9), p.line([(54, 26), (54.5, 40)], 0.9)),
        shading="flat",
    )


def draw_dress(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 88, 56, 5)
    half = [(42, 14), (37, 15), (33, 30), (37, 42), *bezier((37, 44), (30, 60), (22, 75), (18, 86), 8)]
    skirt_hem = bezier((18, 86), (35, 90), (65, 90), (82, 86), 12)
    outline = [
        *half,
        *skirt_hem,
        *[(100 - x, y) for x, y in reversed(half)],
        *bezier((58, 14), (55, 21), (45, 21), (42, 14), 8),
    ]
    body = c.shape(colour, lambda p: p.poly(outline))
    if style % 3 == 0:
        dot = mix(colour, WHITE, 0.8) if luminance(colour) < 0.65 else mix(colour, BLACK, 0.45)
        rng = random.Random(style)
        dots = [(x + rng.uniform(-1.5, 1.5), y) for y in range(20, 90, 6) for x in range(20 + (y % 12), 82, 9)]
        c.shape(dot, lambda p: [p.circle(x, y, 1.1) for x, y in dots], clip=body, shading="flat")
    seam = detail_colour(colour, 0.35)
    c.shape(seam, lambda p: p.rect(35, 41, 65, 44.5, 0.5), clip=body)
    c.shape(
        seam,
        lambda p: [p.line([(50 + (x - 50) * 0.35, 46), (x, 86)], 0.4) for x in (30, 40, 60, 70)],
        shading="flat",
        clip=body,
        strength=0.35,
    )


def _legs(c: Canvas, colour: RGB, hem: float) -> Image.Image:
    c.shadow(50, hem + 3, 48, 5)
    return c.shape(
        colour,
        lambda p: p.poly(
            [
                (31, 14),
                (69, 14),
                (71, 30),
                (70.5 if hem > 60 else 76, hem),
                (53, hem),
                (50, 36),
                (47, hem),
                (29.5 if hem > 60 else 24, hem),
                (29, 30),
            ]
        ),
    )


def draw_trousers(c: Canvas, colour: RGB, style: int, hem: float = 88) -> None:
    body = _legs(c, colour, hem)
    seam = detail_colour(colour)
    c.shape(detail_colour(colour, 0.15), lambda p: p.rect(31, 14, 69, 19.5), clip=body)
    c.shape(
        seam,
        lambda p: (
            p.line([(50, 19.5), (50, 34)], 0.5),
            p.line([(40, 22), (40, hem - 2)], 0.4),
            p.line([(60, 22), (60, hem - 2)], 0.4),
        ),
        shading="flat",
        strength=0.45,
        clip=body,
    )
    c.shape(
        seam,
        lambda p: (
            p.line(bezier((33, 20), (35, 27), (40, 28), (42, 20), 6), 0.5),
            p.line(bezier((67, 20), (65, 27), (60, 28), (58, 20), 6), 0.5),
        ),
        shading="flat",
        strength=0.6,
    )
    c.shape(seam, lambda p: [p.rect(x, 13, x + 1.6, 20) for x in (34, 45, 54, 64)], strength=0.7)


def draw_shorts(c: Canvas, colour: RGB, style: int) -> None:
    draw_trousers(c, colour, style, hem=60)


def draw_jeans(c: Canvas, colour: RGB, style: int) -> None:
    draw_trousers(c, colour, style)
    thread = (214, 160, 64)
    c.shape(
        thread,
        lambda p: (
            p.line(bezier((33, 21), (35, 28), (40, 29), (42, 21), 6), 0.35),
            p.line(bezier((67, 21), (65, 28), (60, 29), (58, 21), 6), 0.35),
            p.line([(31.5, 19.8), (68.5, 19.8)], 0.3),
        ),
        shading="flat",
        strength=0.85,
    )
    c.shape((200, 170, 90), lambda p: p.circle(50, 16.7, 1.2), shading="sphere")


def draw_skirt(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 80, 56, 5)
    hem = bezier((20, 76), (35, 80), (65, 80), (80, 76), 12)
    body = c.shape(colour, lambda p: p.poly([(34, 24), (66, 24), *reversed(hem)]))
    c.shape(detail_colour(colour, 0.15), lambda p: p.rect(33.5, 21, 66.5, 27, 1))
    seam = detail_colour(colour, 0.35)
    if style % 2:
        c.shape(
            seam,
            lambda p: [p.line([(36 + i * 3.5, 28), (21 + i * 7.25, 77)], 0.35) for i in range(9)],
            shading="flat",
            clip=body,
            strength=0.5,
        )


def draw_jacket(c: Canvas, colour: RGB, style: int) -> None:
    c.shape(mix(colour, BLACK, 0.5), lambda p: p.poly([(41, 17), (59, 17), (55, 50), (45, 50)]), shading="flat")
    inner = (240, 238, 232) if luminance(colour) < 0.7 else (60, 64, 72)
    c.shape(inner, lambda p: p.poly([(42, 17), (58, 17), (53, 44), (47, 44)]))
    body = _top(c, colour, 1, 40, bottom=82)
    c.shape(inner, lambda p: p.poly([(43, 17.5), (57, 17.5), (52, 40), (50, 44), (48, 40)]))
    lapel = mix(colour, BLACK, 0.16)
    c.shape(
        lapel,
        lambda p: (
            p.poly([(41, 16), (50, 46), (44, 36), (35, 27), (39, 24)]),
            p.poly([(59, 16), (50, 46), (56, 36), (65, 27), (61, 24)]),
        ),
    )
    seam = detail_colour(colour)
    c.shape(seam, lambda p: p.line([(50, 46), (50, 82)], 0.45), shading="flat", clip=body)
    c.shape(mix(colour, BLACK, 0.45), lambda p: (p.circle(52.5, 55, 1.1), p.circle(52.5, 65, 1.1)), shading="flat")
    c.shape(
        seam,
        lambda p: (p.line([(31, 64), (41, 64)], 0.5), p.line([(59, 64), (69, 64)], 0.5)),
        shading="flat",
        strength=0.7,
    )


# ---- footwear -------------------------------------------------------------------------------------------


def _shoe(
    c: Canvas, colour: RGB, style: int, *, sole: RGB, sole_h: float, upper: list[Point], sole_top: float = 66
) -> Image.Image:
    """Sole first (toe spring at the front, rounded heel), then the upper sitting on it."""
    c.shadow(50, sole_top + sole_h + 2, 74, 5)
    bottom = sole_top + sole_h
    outline = [
        (13, sole_top - 1),
        (88, sole_top - 1),
        *bezier((88, sole_top - 1), (91, sole_top + sole_h * 0.3), (91, bottom), (85, bottom), 8),
        (24, bottom),
        *bezier((24, bottom), (16, bottom), (11, sole_top + sole_h * 0.55), (12.5, sole_top - 1), 10),
    ]
    sole_mask = c.shape(sole, lambda p: p.poly(outline), shading="flat")
    c.shape(
        mix(sole, BLACK, 0.16), lambda p: p.rect(0, sole_top + sole_h * 0.72, 100, 100), shading="flat", clip=sole_mask
    )
    c.shape(
        mix(sole, BLACK, 0.25),
        lambda p: p.line([(16, sole_top + sole_h * 0.35), (86, sole_top + sole_h * 0.35)], 0.35),
        shading="flat",
        clip=sole_mask,
        strength=0.6,
    )
    return c.shape(colour, lambda p: p.poly(upper))


def draw_sneaker(c: Canvas, colour: RGB, style: int) -> None:
    upper = [
        (12, 66),
        *bezier((12, 66), (10, 56), (20, 52), (34, 49), 8),
        *bezier((34, 49), (44, 47), (52, 40), (56, 33), 8),
        (60, 32),
        *bezier((61, 34), (66, 41), (76, 41), (84, 35), 8),
        *bezier((84, 35), (89, 42), (90, 56), (88, 66), 8),
    ]
    sole = (246, 244, 238) if luminance(colour) < 0.85 else (200, 70, 60)
    body = _shoe(c, colour, style, sole=sole, sole_h=8, upper=upper)
    accent = mix(colour, WHITE, 0.75) if luminance(colour) < 0.6 else mix(colour, BLACK, 0.35)
    c.shape(
        accent,
        lambda p: p.poly(
            [
                *bezier((30, 62), (46, 60), (60, 54), (74, 44), 8),
                (77, 48),
                *bezier((68, 57), (52, 63), (40, 64), (30, 64.5), 6),
            ]
        ),
        clip=body,
        shading="flat",
    )
    toe = detail_colour(colour, 0.18)
    c.shape(
        toe,
        lambda p: p.poly([(12, 66), *bezier((12, 66), (10, 56), (20, 52), (28, 50.5), 6), (30, 58), (27, 66)]),
        clip=body,
    )
    c.shape(
        detail_colour(colour, 0.3),
        lambda p: p.line(bezier((61, 35), (66, 42), (76, 42), (84, 36.5), 8), 1.6),
        shading="flat",
    )
    laces = mix(colour, WHITE, 0.9) if luminance(colour) < 0.8 else (70, 70, 78)
    c.shape(
        laces,
        lambda p: [p.line([(37 + i * 4.6, 49 - i * 3.6), (41.5 + i * 4.6, 52 - i * 3.6)], 1.3) for i in range(4)],
        shading="flat",
    )
    c.shape(detail_colour(colour, 0.4), lambda p: p.rect(85, 40, 89.5, 52, 1.5))


def draw_runner(c: Canvas, colour: RGB, style: int) -> None:
    upper = [
        (13, 63),
        *bezier((13, 63), (11, 55), (22, 50), (36, 47), 8),
        *bezier((36, 47), (46, 45), (54, 38), (58, 31), 8),
        (62, 30),
        *bezier((63, 32), (68, 39), (77, 39), (85, 32), 8),
        *bezier((85, 32), (90, 40), (90, 54), (88, 63), 8),
    ]
    sole = mix(colour, WHITE, 0.85) if luminance(colour) < 0.85 else (60, 180, 170)
    body = _shoe(c, colour, style, sole=sole, sole_h=11, upper=upper, sole_top=63)
    accent = _accent(style)
    c.shape(
        accent,
        lambda p: p.poly(
            [
                *bezier((24, 60), (42, 58), (60, 50), (78, 36), 10),
                (81, 41),
                *bezier((70, 53), (52, 62), (38, 63), (24, 62.5), 8),
            ]
        ),
        clip=body,
        shading="flat",
    )
    c.shape(accent, lambda p: p.rect(14, 69, 86, 70.6), shading="flat", strength=0.8)
    c.shape(
        detail_colour(colour, 0.3),
        lambda p: p.line(bezier((63, 33), (68, 40), (77, 40), (85, 33.5), 8), 1.6),
        shading="flat",
    )
    c.shape(
        WHITE,
        lambda p: [p.line([(39 + i * 4.6, 47 - i * 3.7), (43.5 + i * 4.6, 50 - i * 3.7)], 1.2) for i in range(4)],
        shading="flat",
    )


def draw_boot(c: Canvas, colour: RGB, style: int) -> None:
    upper = [
        (14, 68),
        *bezier((14, 68), (12, 58), (22, 53), (36, 51), 8),
        *bezier((36, 51), (48, 49), (54, 42), (55, 22), 8),
        *bezier((55, 22), (64, 20), (74, 20), (82, 18), 6),
        *bezier((82, 18), (85, 34), (87, 52), (86, 68), 8),
    ]
    body = _shoe(c, colour, style, sole=(58, 48, 42), sole_h=6, upper=upper, sole_top=68)
    c.shape((58, 48, 42), lambda p: p.rect(68, 68, 86.5, 78, 1), shading="flat")
    gusset = mix(colour, BLACK, 0.35)
    c.shape(
        gusset,
        lambda p: p.poly(
            [*bezier((62, 21), (64, 34), (66, 40), (69, 46), 6), *bezier((69, 46), (72, 40), (74, 34), (76, 20.5), 6)]
        ),
        clip=body,
    )
    seam = detail_colour(colour, 0.3)
    c.shape(
        seam, lambda p: p.line(bezier((15, 63), (30, 60), (60, 60), (85, 63), 10), 0.4), shading="flat", strength=0.7
    )
    c.shape(mix(colour, BLACK, 0.4), lambda p: p.rect(80.5, 12, 85, 22, 1.5))


def draw_sandal(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 89, 70, 5)
    cork = (214, 180, 138) if abs(luminance(colour) - 0.7) > 0.12 else (150, 106, 72)

    pair = (33, 67)

    def footbeds(p: Pen, grow: float = 0) -> None:
        for cx in pair:
            p.ellipse(cx - 12.5 - grow, 12 - grow, cx + 12.5 + grow, 46 + grow)
            p.ellipse(cx - 9.5 - grow, 58 - grow, cx + 9.5 + grow, 88 + grow)
            p.poly([(cx - 12 - grow, 30), (cx + 12 + grow, 30), (cx + 9.5 + grow, 72), (cx - 9.5 - grow, 72)])

    c.shape(mix(cork, BLACK, 0.4), lambda p: footbeds(p, 1.2), shading="flat")
    c.shape(cork, footbeds)
    c.shape(
        mix(cork, BLACK, 0.1),
        lambda p: [(p.ellipse(cx - 9, 16, cx + 9, 42), p.ellipse(cx - 6.5, 62, cx + 6.5, 84)) for cx in pair],
        shading="flat",
        strength=0.6,
    )
    c.shape(
        colour, lambda p: [(p.rect(cx - 15, 28, cx + 15, 37, 3), p.rect(cx - 14, 47, cx + 14, 55, 3)) for cx in pair]
    )
    c.shape((210, 178, 104), lambda p: [p.rect(cx + 9, 48.5, cx + 12, 53.5, 0.8) for cx in pair], shading="flat")


def draw_loafer(c: Canvas, colour: RGB, style: int) -> None:
    upper = [
        (13, 66),
        *bezier((13, 66), (11, 57), (22, 52), (38, 51), 8),
        *bezier((38, 51), (48, 50), (54, 48), (58, 48), 6),
        *bezier((58, 48), (66, 52), (76, 52), (85, 48), 6),
        *bezier((85, 48), (88, 54), (88, 60), (87, 66), 6),
    ]
    body = _shoe(c, colour, style, sole=(70, 52, 40), sole_h=5, upper=upper, sole_top=66)
    seam = detail_colour(colour, 0.35)
    c.shape(seam, lambda p: p.line(bezier((20, 55), (26, 50), (44, 49), (54, 51), 10), 0.6), shading="flat")
    c.shape(mix(colour, BLACK, 0.22), lambda p: p.poly([(36, 52), (54, 50), (56, 56), (38, 58)]), clip=body)
    c.shape(mix(colour, BLACK, 0.6), lambda p: p.ellipse(43, 53, 49, 55), shading="flat")
    c.shape(
        seam, lambda p: p.line(bezier((58.5, 50), (66, 54), (76, 54), (84.5, 50), 8), 0.5), shading="flat", strength=0.6
    )


# ---- sports ---------------------------------------------------------------------------------------


def draw_football(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 86, 48, 6)
    base = WHITE if colour != WHITE else (250, 250, 250)
    patch = colour if luminance(colour) < 0.9 else (40, 40, 48)
    ball = c.shape(base, lambda p: p.circle(50, 50, 33), shading="sphere")

    def pentagon(p: Pen, cx: float, cy: float, r: float, rot: float) -> Pen:
        return p.poly(
            [
                (cx + r * math.cos(rot + k * 2 * math.pi / 5), cy + r * math.sin(rot + k * 2 * math.pi / 5))
                for k in range(5)
            ]
        )

    c.shape(
        patch,
        lambda p: (
            pentagon(p, 50, 50, 9, -math.pi / 2),
            *[
                pentagon(p, 50 + 27 * math.cos(a), 50 + 27 * math.sin(a), 8, a + math.pi / 2)
                for a in [(-math.pi / 2 + k * 2 * math.pi / 5 + math.pi / 5) for k in range(5)]
            ],
        ),
        clip=ball,
    )
    c.shape(
        (150, 150, 156),
        lambda p: [
            p.line([(50 + 9 * math.cos(a), 50 + 9 * math.sin(a)), (50 + 20 * math.cos(a), 50 + 20 * math.sin(a))], 0.5)
            for a in [(-math.pi / 2 + k * 2 * math.pi / 5) for k in range(5)]
        ],
        shading="flat",
        clip=ball,
        strength=0.6,
    )


def draw_basketball(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 86, 48, 6)
    ball = c.shape(colour, lambda p: p.circle(50, 50, 33), shading="sphere")
    seam = mix(colour, BLACK, 0.7)
    c.shape(
        seam,
        lambda p: (
            p.line([(17, 50), (83, 50)], 1),
            p.line([(50, 17), (50, 83)], 1),
            p.arc((2, 20, 40, 80), -60, 60, 1),
            p.arc((60, 20, 98, 80), 120, 240, 1),
        ),
        clip=ball,
        shading="flat",
    )


def draw_racket(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 92, 36, 4)
    head = c.shape(
        colour,
        lambda p: p.poly(
            [
                *bezier((50, 8), (20, 8), (18, 40), (28, 56), 16),
                (44, 70),
                (56, 70),
                *bezier((72, 56), (82, 40), (80, 8), (50, 8), 16),
            ]
        ),
    )
    face = mix(colour, WHITE, 0.2) if luminance(colour) < 0.7 else mix(colour, BLACK, 0.08)
    c.shape(
        face,
        lambda p: p.poly(
            [
                *bezier((50, 12), (25, 12), (23, 40), (31, 53), 16),
                (50, 62),
                *bezier((69, 53), (77, 40), (75, 12), (50, 12), 16),
            ]
        ),
        clip=head,
    )
    c.shape(
        mix(face, BLACK, 0.35),
        lambda p: [
            p.circle(x, y, 0.9)
            for y in range(18, 52, 5)
            for x in range(32 + (y % 10) // 2, 70, 5)
            if (x - 50) ** 2 / 17**2 + (y - 33) ** 2 / 22**2 < 1
        ],
        clip=head,
        shading="flat",
    )
    c.shape((40, 40, 46), lambda p: p.rect(45.5, 68, 54.5, 92, 2))
    c.shape(
        (90, 90, 98),
        lambda p: [p.line([(45.5, y), (54.5, y + 2.5)], 0.5) for y in range(71, 90, 3)],
        shading="flat",
        strength=0.8,
    )


def draw_bottle(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 89, 34, 5)
    c.shape(colour, lambda p: p.rect(34, 26, 66, 88, 7), shading="cylinder")
    c.shape(
        detail_colour(colour, 0.2) if style % 2 else (52, 52, 58),
        lambda p: (p.rect(39, 10, 61, 27, 3), p.rect(44, 6, 56, 12, 2)),
        shading="cylinder",
    )
    c.shape(WHITE, lambda p: p.rect(39, 32, 42, 80, 1.5), shading="flat", strength=0.35)
    c.shape(mix(colour, WHITE, 0.85), lambda p: p.rect(34, 50, 66, 53), shading="flat", strength=0.6)


def draw_yogamat(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 80, 80, 6)
    c.shape(colour, lambda p: (p.rect(14, 46, 80, 78), p.ellipse(72, 46, 88, 78)), shading="cylinder")
    c.shape(mix(colour, BLACK, 0.1), lambda p: p.ellipse(8, 46, 24, 78))
    c.shape(mix(colour, BLACK, 0.35), lambda p: p.arc((10, 49, 22, 75), 0, 360, 0.8), shading="flat")
    c.shape(mix(colour, BLACK, 0.35), lambda p: p.arc((12.5, 54, 19.5, 70), 0, 360, 0.7), shading="flat")
    c.shape((60, 60, 66), lambda p: (p.rect(34, 45, 38, 79, 1), p.rect(58, 45, 62, 79, 1)))


def draw_dumbbell(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 72, 80, 6)
    c.shape((170, 172, 178), lambda p: p.rect(24, 47, 76, 53, 2), shading="cylinder")
    c.shape(colour, lambda p: [p.rect(x0, 30, x0 + 20, 70, 5) for x0 in (12, 68)])
    c.shape(
        mix(colour, BLACK, 0.3),
        lambda p: [p.rect(x0 + 8, 30, x0 + 12, 70) for x0 in (12, 68)],
        shading="flat",
        strength=0.5,
    )


# ---- home ----------------------------------------------------------------------------------------------


def draw_mug(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(46, 83, 50, 6)
    c.shape(colour, lambda p: (p.circle(72, 52, 13), p.circle(72, 52, 7.5, erase=True)))
    body = c.shape(
        colour,
        lambda p: p.poly(
            [*bezier((24, 28), (24, 60), (25, 80), (32, 84), 10), *bezier((60, 84), (67, 80), (68, 60), (68, 28), 10)]
        ),
        shading="cylinder",
    )
    if style % 3 == 0:
        band = mix(colour, WHITE, 0.8) if luminance(colour) < 0.7 else mix(colour, BLACK, 0.4)
        c.shape(band, lambda p: p.rect(24, 50, 68, 56), shading="flat", strength=0.85, clip=body)
    c.shape(mix(colour, BLACK, 0.35), lambda p: p.ellipse(24, 24, 68, 33))
    c.shape(mix(colour, WHITE, 0.3), lambda p: (p.ellipse(24, 24, 68, 33), p.ellipse(26, 25.5, 66, 32, erase=True)))


def draw_lamp(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 89, 40, 5)
    c.shape((200, 190, 170), lambda p: p.rect(48.5, 38, 51.5, 56), shading="flat")
    c.shape(
        mix(colour, BLACK, 0.2), lambda p: (p.rect(44, 52, 56, 58, 1), p.rect(42, 84, 58, 89, 2)), shading="cylinder"
    )
    c.shape(colour, lambda p: p.circle(50, 71, 15), shading="sphere")
    if style % 2:
        band = mix(colour, WHITE, 0.7) if luminance(colour) < 0.7 else mix(colour, BLACK, 0.35)
        c.shape(
            band,
            lambda p: p.rect(35, 70, 65, 72.5),
            shading="flat",
            clip=c.shape(colour, lambda p: p.circle(50, 71, 15), shading="sphere"),
        )
    shade = (246, 240, 226) if luminance(colour) < 0.8 else (232, 220, 196)
    c.shape(shade, lambda p: p.poly([(36, 10), (64, 10), (75, 42), (25, 42)]), shading="cylinder")
    c.shape(mix(shade, BLACK, 0.15), lambda p: p.ellipse(25, 40, 75, 44), shading="flat")
    c.shape((255, 236, 170), lambda p: p.ellipse(33, 41, 67, 44), shading="flat", strength=0.8)


def draw_pan(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(42, 72, 66, 8)
    c.shape((40, 36, 34), lambda p: p.poly([(66, 52), (94, 38), (96, 42), (70, 58)]), shading="flat")
    c.shape(colour, lambda p: p.ellipse(8, 34, 76, 74))
    c.shape(mix(colour, BLACK, 0.45), lambda p: p.ellipse(13, 36, 71, 66), shading="flat")
    c.shape((54, 54, 58), lambda p: p.ellipse(15, 38, 69, 64))
    c.shape(
        WHITE,
        lambda p: p.poly([*bezier((22, 46), (28, 40), (40, 38), (48, 39), 8), (47, 41), (26, 48)]),
        shading="flat",
        strength=0.12,
    )


def draw_cushion(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 84, 66, 6)
    outline = [
        *bezier((16, 18), (38, 24), (62, 24), (84, 18), 10),
        *bezier((84, 18), (78, 40), (78, 60), (84, 82), 10),
        *bezier((84, 82), (62, 76), (38, 76), (16, 82), 10),
        *bezier((16, 82), (22, 60), (22, 40), (16, 18), 10),
    ]
    body = c.shape(colour, lambda p: p.poly(outline))
    if style % 3 == 0:
        stripe = mix(colour, WHITE, 0.7) if luminance(colour) < 0.7 else mix(colour, BLACK, 0.35)
        c.shape(
            stripe,
            lambda p: [p.rect(x, 0, x + 4, 100) for x in range(20, 84, 12)],
            clip=body,
            shading="flat",
            strength=0.8,
        )
    c.shape(detail_colour(colour, 0.25), lambda p: p.line(outline + outline[:1], 1.2), shading="flat")
    c.shape(WHITE, lambda p: p.ellipse(28, 28, 56, 46), clip=body, shading="flat", strength=0.12)


def draw_vase(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 88, 40, 5)
    profiles = (
        [(10, 8), (14, 7), (24, 8), (40, 18), (60, 20), (76, 16), (86, 12)],
        [(10, 10), (20, 10), (32, 9), (48, 16), (68, 22), (82, 20), (86, 16)],
        [(10, 6), (26, 6), (36, 12), (54, 20), (72, 18), (86, 11)],
    )
    profile = profiles[style % 3]
    body = c.shape(colour, lambda p: p.poly(lathe(profile)), shading="cylinder")
    c.shape(
        mix(colour, BLACK, 0.4), lambda p: p.ellipse(50 - profile[0][1], 8.5, 50 + profile[0][1], 11.5), shading="flat"
    )
    if style % 2:
        band = mix(colour, WHITE, 0.75) if luminance(colour) < 0.7 else mix(colour, BLACK, 0.35)
        c.shape(band, lambda p: (p.rect(0, 55, 100, 57.5), p.rect(0, 60, 100, 61.2)), clip=body, shading="flat")


def draw_teapot(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 84, 58, 6)
    c.shape(colour, lambda p: (p.circle(77, 52, 12), p.circle(77, 52, 7, erase=True)))
    c.shape(colour, lambda p: p.poly([(30, 58), (12, 34), (16, 32), (36, 50)]))
    c.shape(colour, lambda p: p.ellipse(26, 34, 74, 84), shading="sphere")
    c.shape(mix(colour, BLACK, 0.15), lambda p: p.ellipse(36, 30, 64, 40))
    c.shape(mix(colour, BLACK, 0.3), lambda p: p.circle(50, 28, 4), shading="sphere")


# ---- audio & electronics ---------------------------------------------------------------------------------


def draw_headphones(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 86, 60, 6)
    c.shape(colour, lambda p: p.arc((18, 12, 82, 86), 180, 360, 6))
    c.shape(mix(colour, BLACK, 0.35), lambda p: p.arc((22, 14, 78, 84), 200, 340, 2.2), shading="flat")
    cups = (14, 70)
    c.shape(mix(colour, BLACK, 0.25), lambda p: [p.rect(x + 4, 40, x + 12, 50, 2) for x in cups])
    c.shape(colour, lambda p: [p.rect(x, 46, x + 16, 80, 7) for x in cups])
    c.shape(
        mix(colour, BLACK, 0.55) if luminance(colour) > 0.2 else (70, 70, 76),
        lambda p: [p.rect(x + (12 if x < 50 else 0), 49, x + (16 if x < 50 else 4), 77, 2) for x in cups],
        shading="flat",
    )
    c.shape(mix(colour, WHITE, 0.5), lambda p: (p.circle(22, 63, 2), p.circle(78, 63, 2)), shading="flat", strength=0.6)


def draw_earbuds(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 82, 56, 6)
    case = c.shape(colour, lambda p: p.rect(24, 40, 76, 80, 16))
    c.shape(detail_colour(colour, 0.25), lambda p: p.rect(24, 52, 76, 53.2), clip=case, shading="flat")
    c.shape((90, 220, 140), lambda p: p.circle(50, 66, 1.4), shading="flat")
    buds = ((30, 1), (70, -1))

    def bud(p: Pen, x: float, flip: int) -> object:
        return p.circle(x, 24, 8).rect(x - 2.5 + flip * 2, 24, x + 2.5 + flip * 2, 40, 2.5)

    for x, flip in buds:
        c.shape(colour, functools.partial(bud, x=x, flip=flip), shading="sphere")
    c.shape((60, 60, 66), lambda p: [p.circle(x - flip * 4, 22, 3.5) for x, flip in buds], shading="flat")


def draw_speaker(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 86, 56, 6)
    body = c.shape(colour, lambda p: p.rect(22, 22, 78, 84, 16), shading="cylinder")
    grille = mix(colour, BLACK, 0.3) if luminance(colour) > 0.2 else mix(colour, WHITE, 0.2)
    c.shape(
        grille,
        lambda p: [
            p.circle(x + (1.5 if (y // 3) % 2 else 0), y, 0.7) for y in range(30, 72, 3) for x in range(28, 73, 3)
        ],
        clip=body,
        shading="flat",
        strength=0.8,
    )
    c.shape(mix(colour, BLACK, 0.15), lambda p: p.rect(22, 74, 78, 84, 8), clip=body)
    c.shape(WHITE, lambda p: [p.circle(x, 79, 1.2) for x in (42, 50, 58)], shading="flat", strength=0.8)


def draw_smartwatch(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 90, 30, 4)
    c.shape(colour, lambda p: p.rect(38, 6, 62, 94, 6))
    c.shape(detail_colour(colour, 0.25), lambda p: [p.circle(50, y, 1.1) for y in (74, 80, 86)], shading="flat")
    c.shape((190, 192, 198), lambda p: p.rect(30, 28, 70, 72, 11))
    c.shape((22, 24, 30), lambda p: p.rect(33, 31, 67, 69, 9), shading="flat")
    ring = _accent(style)
    c.shape(ring, lambda p: p.arc((38, 36, 62, 60), -90, 200, 2.4), shading="flat")
    c.shape((120, 220, 160), lambda p: p.arc((42.5, 40.5, 57.5, 55.5), -90, 120, 2), shading="flat")
    c.shape((160, 162, 168), lambda p: p.rect(69, 44, 73, 52, 1.5))


def draw_radio(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 84, 72, 6)
    c.shape((170, 172, 178), lambda p: p.line([(70, 32), (84, 8)], 1.2), shading="flat")
    c.shape(mix(colour, BLACK, 0.3), lambda p: p.arc((30, 18, 70, 46), 180, 360, 3), shading="flat")
    body = c.shape(colour, lambda p: p.rect(14, 32, 86, 82, 8))
    c.shape((234, 226, 208), lambda p: p.rect(20, 38, 80, 76, 5), clip=body)
    c.shape(
        (90, 70, 56), lambda p: [p.circle(x, y, 1) for y in range(44, 72, 4) for x in range(26, 50, 4)], shading="flat"
    )
    c.shape((30, 32, 38), lambda p: p.rect(56, 44, 76, 54, 2), shading="flat")
    c.shape((255, 170, 60), lambda p: p.rect(58, 47, 70, 49), shading="flat")
    c.shape(mix(colour, BLACK, 0.3), lambda p: p.circle(66, 65, 5.5), shading="sphere")


# ---- beauty ---------------------------------------------------------------------------------------------


def draw_perfume(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 87, 46, 5)
    glass = mix(colour, WHITE, 0.55)
    c.shape((200, 168, 96) if style % 2 else (36, 36, 40), lambda p: p.rect(41, 12, 59, 30, 2), shading="cylinder")
    c.shape((214, 190, 130), lambda p: p.rect(45, 28, 55, 36), shading="cylinder")
    c.shape(glass, lambda p: p.rect(26, 34, 74, 86, 6))
    c.shape(colour, lambda p: p.rect(30, 46, 70, 82, 4))
    c.shape(WHITE, lambda p: p.poly([(30, 38), (36, 38), (36, 82), (30, 78)]), shading="flat", strength=0.45)
    c.shape((250, 248, 242), lambda p: p.rect(38, 56, 62, 70, 1), shading="flat", strength=0.85)
    c.shape((120, 110, 100), lambda p: p.rect(42, 62, 58, 63.2), shading="flat", strength=0.7)


def draw_jar(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 80, 60, 6)
    c.shape((246, 244, 240), lambda p: p.rect(22, 46, 78, 78, 8), shading="cylinder")
    c.shape(colour, lambda p: p.rect(20, 32, 80, 48, 4), shading="cylinder")
    c.shape(
        detail_colour(colour, 0.2),
        lambda p: [p.line([(x, 33), (x, 47)], 0.4) for x in range(23, 78, 2)],
        shading="flat",
        strength=0.4,
    )
    c.shape(colour, lambda p: p.rect(36, 56, 64, 70, 1), shading="flat", strength=0.9)


def draw_dropper(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 88, 38, 5)
    c.shape((34, 34, 38), lambda p: p.ellipse(43, 8, 57, 28), shading="sphere")
    c.shape((200, 172, 110), lambda p: p.rect(40, 26, 60, 38, 2), shading="cylinder")
    amber = mix(colour, (150, 90, 40), 0.35)
    c.shape(amber, lambda p: p.rect(32, 36, 68, 88, 7), shading="cylinder")
    c.shape((248, 246, 240), lambda p: p.rect(36, 52, 64, 74, 1), shading="flat", strength=0.92)
    c.shape(colour, lambda p: p.rect(40, 58, 60, 60.5), shading="flat")


def draw_lipstick(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 90, 34, 4)
    metal = (212, 176, 100) if style % 2 else (40, 40, 44)
    c.shape(colour, lambda p: p.poly([(40, 40), (60, 40), (60, 26), (40, 14)]), shading="cylinder")
    c.shape(mix(metal, WHITE, 0.2), lambda p: p.rect(38, 38, 62, 52, 1), shading="cylinder")
    c.shape(metal, lambda p: p.rect(34, 50, 66, 90, 3), shading="cylinder")


def draw_pump(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 89, 42, 5)
    c.shape((240, 240, 236), lambda p: (p.rect(46, 8, 50, 22), p.rect(36, 6, 50, 11, 2)), shading="cylinder")
    c.shape((238, 238, 234), lambda p: p.rect(42, 20, 58, 28, 2), shading="cylinder")
    c.shape(colour, lambda p: p.rect(30, 26, 70, 88, 8), shading="cylinder")
    c.shape((250, 248, 242), lambda p: p.rect(36, 46, 64, 74, 2), shading="flat", strength=0.9)
    c.shape(detail_colour(colour, 0.2), lambda p: (p.rect(40, 52, 60, 54), p.rect(43, 58, 57, 59.5)), shading="flat")


# ---- toys ----------------------------------------------------------------------------------------------


def draw_blocks(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 86, 76, 6)
    rng = random.Random(style)
    palette = [colour, *rng.sample(_TOY_COLOURS, 4)]
    bricks = [(12, 66, 48, 84), (50, 66, 86, 84), (22, 46, 58, 64), (60, 46, 78, 64), (34, 26, 62, 44)]

    def brick(p: Pen, x0: int, y0: int, x1: int, y1: int) -> object:
        return p.rect(x0, y0, x1, y1, 1.5), [p.rect(x, y0 - 4, x + 6, y0 + 1, 1) for x in range(x0 + 3, x1 - 5, 9)]

    for i, box in enumerate(bricks):  # bottom row first: upper bricks cover the studs below them
        c.shape(palette[i % len(palette)], functools.partial(brick, x0=box[0], y0=box[1], x1=box[2], y1=box[3]))


def draw_robot(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 90, 50, 5)
    grey = (190, 194, 202)
    c.shape(grey, lambda p: (p.line([(50, 12), (50, 20)], 1), p.circle(50, 10, 2.6)), shading="flat")
    c.shape((255, 90, 80), lambda p: p.circle(50, 10, 2.2), shading="sphere")
    c.shape(
        grey,
        lambda p: (
            p.rect(16, 50, 26, 72, 4),
            p.rect(74, 50, 84, 72, 4),
            p.rect(36, 76, 46, 90, 2),
            p.rect(54, 76, 64, 90, 2),
        ),
    )
    c.shape(colour, lambda p: p.rect(30, 18, 70, 44, 8))
    c.shape(colour, lambda p: p.rect(26, 44, 74, 80, 6))
    c.shape((34, 36, 44), lambda p: p.rect(35, 24, 65, 38, 5), shading="flat")
    c.shape((120, 230, 255), lambda p: (p.circle(43, 31, 3), p.circle(57, 31, 3)), shading="flat")
    c.shape(mix(colour, WHITE, 0.7), lambda p: p.rect(38, 52, 62, 68, 3), shading="flat")
    c.shape(_accent(style), lambda p: [p.circle(x, 60, 2.2) for x in (44, 50, 56)], shading="flat")


def draw_teddy(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 90, 54, 6)
    fur, inner = colour, mix(colour, WHITE, 0.45)
    c.shape(fur, lambda p: (p.circle(30, 16, 8), p.circle(70, 16, 8)))
    c.shape(inner, lambda p: (p.circle(30, 16, 4.5), p.circle(70, 16, 4.5)))
    c.shape(fur, lambda p: (p.circle(20, 58, 9), p.circle(80, 58, 9), p.circle(34, 82, 10), p.circle(66, 82, 10)))
    c.shape(fur, lambda p: p.ellipse(28, 44, 72, 88), shading="sphere")
    c.shape(inner, lambda p: p.ellipse(38, 56, 62, 80), shading="flat")
    c.shape(fur, lambda p: p.circle(50, 30, 20), shading="sphere")
    c.shape(inner, lambda p: p.ellipse(41, 31, 59, 45))
    c.shape(
        (40, 30, 28),
        lambda p: (p.circle(42, 26, 2.2), p.circle(58, 26, 2.2), p.ellipse(46.5, 33, 53.5, 38)),
        shading="flat",
    )
    c.shape(
        _accent(style),
        lambda p: p.poly([(38, 48), (50, 52), (62, 48), (62, 56), (50, 52), (38, 56)]),
        shading="flat",
    )


def draw_car(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 78, 82, 6)
    body = c.shape(
        colour, lambda p: p.poly([(8, 66), (10, 54), (26, 50), (36, 38), (62, 36), (74, 48), (92, 52), (94, 66)])
    )
    c.shape((200, 230, 250), lambda p: p.poly([(38, 41), (60, 39.5), (68, 49), (33, 50)]), shading="flat")
    c.shape(colour, lambda p: p.rect(49, 39, 51.5, 50), shading="flat")
    c.shape(WHITE, lambda p: p.circle(48, 59, 6), clip=body, shading="flat")
    c.shape(mix(colour, BLACK, 0.4), lambda p: p.rect(46.5, 56, 49.5, 62), shading="flat")
    c.shape(WHITE, lambda p: p.rect(8, 60, 94, 62), clip=body, shading="flat", strength=0.7)
    c.shape((36, 36, 40), lambda p: [p.circle(x, 68, 10) for x in (24, 76)], shading="flat")
    for x in (24, 76):  # sphere shading is per shape: one hub at a time
        c.shape((200, 200, 206), functools.partial(Pen.circle, cx=x, cy=68, r=4.5), shading="sphere")


def draw_boardgame(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(52, 84, 80, 8)
    c.shape(mix(colour, BLACK, 0.35), lambda p: p.poly([(14, 30), (74, 20), (90, 62), (30, 76)]))
    c.shape(mix(colour, BLACK, 0.55), lambda p: p.poly([(30, 76), (90, 62), (90, 68), (30, 82)]), shading="flat")
    c.shape(mix(colour, BLACK, 0.45), lambda p: p.poly([(14, 30), (30, 76), (30, 82), (14, 36)]), shading="flat")
    box = c.shape(colour, lambda p: p.poly([(16, 30), (73, 21), (88, 61), (31, 74)]))
    c.shape(WHITE, lambda p: p.poly([(28, 40), (66, 34), (70, 44), (32, 50)]), clip=box, shading="flat", strength=0.85)
    c.shape(
        _accent(style + 1),
        lambda p: (p.circle(56, 58, 5), p.poly([(50, 70), (53, 60), (59, 60), (62, 68)])),
        clip=box,
    )
    c.shape(WHITE, lambda p: p.rect(36, 56, 45, 65, 1.5))
    c.shape(
        (40, 40, 44),
        lambda p: [p.circle(x, y, 0.9) for x, y in ((38.5, 58.5), (42.5, 62.5), (40.5, 60.5))],
        shading="flat",
    )


# ---- books and stationery -------------------------------------------------------------------------


def draw_book(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(52, 90, 60, 5)
    c.shape((244, 238, 222), lambda p: p.poly([(30, 12), (76, 12), (80, 16), (80, 90), (34, 90)]), shading="flat")
    c.shape((214, 206, 186), lambda p: [p.line([(77, y), (79, y)], 0.3) for y in range(18, 88, 3)], shading="flat")
    cover = c.shape(colour, lambda p: p.rect(22, 10, 76, 88, 1.5))
    c.shape(mix(colour, BLACK, 0.2), lambda p: p.rect(22, 10, 28, 88), clip=cover)
    accent = mix(colour, WHITE, 0.8) if luminance(colour) < 0.65 else mix(colour, BLACK, 0.6)
    kind = style % 3
    if kind == 0:  # a sun over hills
        c.shape(accent, lambda p: p.circle(52, 46, 9), shading="flat", strength=0.9)
        c.shape(
            mix(colour, BLACK, 0.25),
            lambda p: p.poly([(28, 66), (40, 54), (52, 62), (64, 50), (76, 64), (76, 72), (28, 72)]),
            clip=cover,
        )
    elif kind == 1:  # a framed monogram
        c.shape(accent, lambda p: p.arc((38, 34, 66, 62), 0, 360, 1), shading="flat")
        c.shape(accent, lambda p: p.poly([(52, 38), (57, 48), (52, 58), (47, 48)]), shading="flat")
    else:  # bands
        c.shape(accent, lambda p: (p.rect(28, 30, 76, 34), p.rect(28, 62, 76, 64)), shading="flat", strength=0.9)
    c.shape(
        accent,
        lambda p: (p.rect(36, 18, 68, 22, 1), p.rect(40, 24.5, 64, 26.5, 1), p.rect(40, 78, 60, 80.5, 1)),
        shading="flat",
        strength=0.9,
    )


def draw_notebook(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 90, 58, 5)
    c.shape((244, 238, 222), lambda p: p.rect(26, 12, 78, 88, 4), shading="flat")
    cover = c.shape(colour, lambda p: p.rect(22, 10, 76, 88, 5))
    c.shape(mix(colour, BLACK, 0.15), lambda p: p.rect(22, 10, 26, 88), clip=cover)
    c.shape(
        (200, 60, 60) if colour != (200, 46, 50) else (40, 40, 46),
        lambda p: p.poly([(56, 86), (60, 86), (60, 96), (58, 93), (56, 96)]),
        shading="flat",
    )
    c.shape((34, 34, 38) if luminance(colour) > 0.2 else (200, 200, 206), lambda p: p.rect(66, 10, 69, 88))
    c.shape(mix(colour, WHITE, 0.8), lambda p: p.rect(34, 26, 58, 36, 1), shading="flat", strength=0.7)


def draw_pens(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 84, 70, 6)
    rng = random.Random(style)
    inks = [colour, *rng.sample(_TOY_COLOURS, 4)]
    ux, uy = 0.62, -0.78  # pens lie diagonally, tips to the upper right

    def at(i: int, along: float, across: float = 0) -> Point:
        """A point on pen i: `along` its axis from the middle, `across` to its side (the clip's side)."""
        cx, cy = 50 + (i - 2) * 8 * 0.78, 52 + (i - 2) * 8 * 0.62
        return cx + along * ux - across * uy, cy + along * uy + across * ux

    def pen(p: Pen, i: int, part: str) -> object:
        if part == "shadow":
            return p.line([(x + 1, y + 1.2) for x, y in (at(i, -34), at(i, 18))], 6)
        if part == "body":
            return p.line([at(i, -34), at(i, 18)], 6)
        if part == "cone":
            return p.poly([at(i, 18, 2.8), at(i, 18, -2.8), at(i, 30)])
        if part == "tip":
            return p.circle(*at(i, 30), 1.2)
        return p.line([at(i, -30, 2.4), at(i, -18, 2.4)], 1.4)  # the clip

    for i, ink in enumerate(inks):  # one pen at a time: each lies on the one before
        c.shape(mix(ink, BLACK, 0.4), functools.partial(pen, i=i, part="shadow"), shading="flat", strength=0.25)
        c.shape(ink, functools.partial(pen, i=i, part="body"))
        c.shape((228, 228, 232), functools.partial(pen, i=i, part="cone"), shading="flat")
        c.shape((40, 40, 44), functools.partial(pen, i=i, part="tip"), shading="flat")
        c.shape(mix(ink, WHITE, 0.35), functools.partial(pen, i=i, part="clip"), shading="flat")


# ---- bags and accessories ---------------------------------------------------------------------------


def draw_tote(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 89, 70, 5)
    handle = mix(colour, BLACK, 0.3) if style % 2 else (132, 92, 60)
    c.shape(
        handle, lambda p: (p.arc((30, 8, 50, 60), 180, 360, 3), p.arc((50, 8, 70, 60), 180, 360, 3)), shading="flat"
    )
    body = c.shape(colour, lambda p: p.poly([(20, 34), (80, 34), (86, 88), (14, 88)]))
    c.shape(detail_colour(colour, 0.25), lambda p: p.rect(14, 34, 86, 40), clip=body)
    c.shape(detail_colour(colour), lambda p: p.line([(20, 80), (80, 80)], 0.4), shading="flat", strength=0.5)


def draw_backpack(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 90, 60, 5)
    c.shape(mix(colour, BLACK, 0.35), lambda p: p.arc((40, 6, 60, 26), 180, 360, 2.6), shading="flat")
    body = c.shape(colour, lambda p: p.rect(22, 16, 78, 88, 16))
    c.shape(mix(colour, BLACK, 0.12), lambda p: p.rect(28, 52, 72, 84, 8))
    c.shape(
        detail_colour(colour, 0.4),
        lambda p: (p.line([(33, 58), (67, 58)], 0.6), p.arc((26, 20, 74, 60), 200, 340, 0.6)),
        shading="flat",
    )
    c.shape((210, 210, 214), lambda p: (p.rect(48.5, 56, 51.5, 64, 1), p.rect(30, 24, 33, 30, 1)), shading="flat")
    c.shape(
        mix(colour, BLACK, 0.25),
        lambda p: (p.rect(30, 36, 36, 54, 2), p.rect(64, 36, 70, 54, 2)),
        clip=body,
        strength=0.5,
    )


def draw_crossbody(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 86, 60, 5)
    c.shape(mix(colour, BLACK, 0.3), lambda p: p.arc((18, 6, 82, 110), 200, 340, 2), shading="flat")
    c.shape(colour, lambda p: p.rect(22, 44, 78, 84, 8))
    flap = c.shape(
        mix(colour, BLACK, 0.12),
        lambda p: p.poly(
            [
                *bezier((22, 50), (22, 44), (26, 44), (30, 44), 4),
                (70, 44),
                *bezier((74, 44), (78, 44), (78, 50), (78, 52), 4),
                *bezier((78, 52), (70, 72), (30, 72), (22, 52), 14),
            ]
        ),
    )
    c.shape(
        detail_colour(colour, 0.3),
        lambda p: p.line(bezier((25, 53), (32, 69), (68, 69), (75, 53), 14), 0.4),
        shading="flat",
        clip=flap,
    )
    c.shape((214, 184, 110), lambda p: p.rect(46, 64, 54, 70, 1.5), shading="cylinder")


def draw_wallet(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 78, 72, 6)
    c.shape(colour, lambda p: p.rect(16, 30, 84, 76, 5))
    c.shape(mix(colour, BLACK, 0.14), lambda p: p.rect(16, 30, 84, 48, 5))
    c.shape(
        detail_colour(colour, 0.4),
        lambda p: (
            [p.rect(x, 74, x + 2, 74.6) for x in range(20, 80, 4)]
            + [p.rect(x, 47, x + 2, 47.6) for x in range(20, 80, 4)]
        ),
        shading="flat",
    )
    c.shape((214, 184, 110), lambda p: p.circle(76, 44, 2.2), shading="sphere")


def draw_cap(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(52, 78, 74, 6)
    c.shape(
        mix(colour, BLACK, 0.2),
        lambda p: p.poly(
            [*bezier((52, 66), (70, 62), (88, 64), (94, 72), 10), *bezier((94, 72), (84, 78), (66, 76), (50, 72), 10)]
        ),
    )
    crown = c.shape(
        colour,
        lambda p: p.poly(
            [
                *bezier((14, 68), (12, 30), (40, 18), (54, 20), 14),
                *bezier((54, 20), (74, 22), (80, 44), (78, 68), 14),
                *bezier((78, 68), (56, 72), (34, 72), (14, 68), 10),
            ]
        ),
    )
    seam = detail_colour(colour, 0.3)
    c.shape(
        seam,
        lambda p: (
            p.line(bezier((50, 21), (42, 36), (40, 52), (42, 70), 10), 0.5),
            p.line(bezier((52, 21), (62, 36), (66, 52), (66, 69), 10), 0.5),
        ),
        shading="flat",
        clip=crown,
        strength=0.6,
    )
    c.shape(seam, lambda p: p.circle(52, 20.5, 2), shading="sphere")
    c.shape(seam, lambda p: p.rect(13, 64, 79, 68.5), clip=crown)


def draw_sunglasses(c: Canvas, colour: RGB, style: int) -> None:
    c.shadow(50, 74, 76, 5)
    c.shape(colour, lambda p: (p.line([(10, 42), (8, 60)], 2.4), p.line([(90, 42), (92, 60)], 2.4)))
    c.shape(
        colour, lambda p: (p.rect(10, 36, 46, 66, 12), p.rect(54, 36, 90, 66, 12), p.arc((42, 36, 58, 52), 200, 340, 3))
    )
    lens = (40, 42, 50) if style % 2 else (56, 78, 70)
    c.shape(lens, lambda p: (p.rect(14, 40, 42, 62, 9), p.rect(58, 40, 86, 62, 9)))
    c.shape(
        WHITE,
        lambda p: (p.poly([(18, 46), (24, 42), (28, 42), (18, 52)]), p.poly([(62, 46), (68, 42), (72, 42), (62, 52)])),
        shading="flat",
        strength=0.35,
    )


DRAWINGS: dict[str, Callable[[Canvas, RGB, int], None]] = {
    name.removeprefix("draw_"): fn for name, fn in list(globals().items()) if name.startswith("draw_") and callable(fn)
}


def render(drawing: str, colour: RGB, *, category: str, style: int) -> bytes:
    """A 600x600 PNG of one item kind in one colour; `style` varies details between products of a kind."""
    fn = DRAWINGS.get(drawing)
    if fn is None:
        raise KeyError(f"no drawing for item kind {drawing!r}")
    canvas = Canvas(_PALETTE.category_backgrounds.get(category, _PALETTE.default_background), colour)
    fn(canvas, colour, style)
    return canvas.png()
