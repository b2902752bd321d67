"""Demo product pictures: valid PNGs of the right size, one per product and colour, and only for real refs; every
item kind's drawing (resources/demo/drawings/) renders as that item in its colour, and a broken drawing file is
refused with a message naming it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops

from kiosk.backends.demo import images, vocab
from kiosk.backends.demo.backend import DemoBackend
from kiosk.backends.demo.data import DemoDataError
from kiosk.resources import resources_dir


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoBackend]:
    b = DemoBackend(tmp_path_factory.mktemp("demo-images"), catalog_size=120)
    yield b
    b.close()


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _multi_colour_product(backend: DemoBackend) -> tuple[str, list[str]]:
    for product in backend.catalog_changes(None, 120).products:
        refs = sorted({v.image for v in product.variants if v.image})
        if len(refs) >= 2:
            return product.id, refs
    raise AssertionError("no product with two colours in the demo catalog")


def test_image_bytes_is_a_600_pixel_png(backend: DemoBackend) -> None:
    product = backend.catalog_changes(None, 1).products[0]
    assert product.image is not None
    data = backend.image_bytes(product.image)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = _open(data)
    assert image.format == "PNG" and image.size == (600, 600) and image.mode == "RGB"


def test_colours_of_one_product_give_different_pictures(backend: DemoBackend) -> None:
    _, refs = _multi_colour_product(backend)
    first, second = (_open(backend.image_bytes(ref)).convert("RGB") for ref in refs[:2])
    red, green, blue = ImageChops.difference(first, second).split()
    largest = ImageChops.lighter(ImageChops.lighter(red, green), blue)  # per pixel, the most changed channel
    changed = largest.point(lambda v: 255 if v > 12 else 0)
    assert changed.histogram()[255] > 0.05 * 600 * 600  # the whole item changes colour, not a pixel or two


def test_pictures_are_not_grey_boxes(backend: DemoBackend) -> None:
    for product in backend.catalog_changes(None, 12).products:
        assert product.image is not None
        image = _open(backend.image_bytes(product.image)).convert("RGB")
        colours = image.resize((60, 60)).getcolors(3600)
        assert colours is not None and len(colours) > 40
        # the item sits on a light background: corners are light, the centre has the drawing
        assert min(image.getpixel((2, 2))) > 150  # type: ignore[arg-type]


def test_pictures_are_cached_on_disk_and_identical_when_rendered_again(backend: DemoBackend, tmp_path: Path) -> None:
    product = backend.catalog_changes(None, 1).products[0]
    assert product.image is not None
    data = backend.image_bytes(product.image)
    cached = list(backend.images_dir.glob("*.png"))
    assert any(p.read_bytes() == data for p in cached)
    fresh = DemoBackend(tmp_path, catalog_size=120)
    assert fresh.image_bytes(product.image) == data  # deterministic, not just cached
    fresh.close()


@pytest.mark.parametrize(
    "ref",
    [
        "demo:p0000001:nonexistentcolour",
        "demo:p9999999:red",
        "demo:p0000001:../../../etc/passwd",
        "demo:../p0000001:red",
        "demo:p0000001:red/../../x",
        "demo:p0000001:red\x00",
        "/etc/passwd",
        "",
        "demo:p0000001",
        "DEMO:p0000001:red",
    ],
)
def test_unknown_and_path_traversal_refs_raise_key_error(backend: DemoBackend, ref: str) -> None:
    with pytest.raises(KeyError):
        backend.image_bytes(ref)
    assert all(p.parent == backend.images_dir for p in backend.data_dir.rglob("*.png"))


def test_a_colour_the_product_does_not_come_in_is_unknown(backend: DemoBackend) -> None:
    pid, refs = _multi_colour_product(backend)
    colours = {ref.rsplit(":", 1)[1] for ref in refs}
    missing = next(c.code for c in vocab.COLOURS if c.code not in colours)
    with pytest.raises(KeyError) as info:
        backend.image_bytes(f"demo:{pid}:{missing}")
    assert info.value.args[0] == f"no demo image 'demo:{pid}:{missing}'"
    with pytest.raises(KeyError) as info:
        backend.image_bytes("demo:p0000001:../x")
    assert info.value.args[0] == "not a demo image reference: 'demo:p0000001:../x'"


KINDS = sorted({t.drawing for t in vocab.ITEM_TYPES})
GREEN = (40, 170, 60)


def _render(kind: str, colour: tuple[int, int, int] = GREEN, style: int = 3) -> Image.Image:
    return _open(images.render(kind, colour, category="home-kitchen", style=style)).convert("RGB")


def _share_of_green(image: Image.Image) -> float:
    """The share of pixels where green clearly leads: the item's colour (or a shade of it) on a cream studio
    background that has none."""
    red, green, blue = image.split()
    leads = ImageChops.multiply(
        ImageChops.subtract(green, red).point(lambda v: 255 if v > 40 else 0),
        ImageChops.subtract(green, blue).point(lambda v: 255 if v > 40 else 0),
    )
    return leads.histogram()[255] / (image.width * image.height)


def test_every_item_kind_has_a_drawing_file_and_nothing_else_is_there() -> None:
    assert set(KINDS) == images.kinds()
    assert all((images.drawings_dir() / f"{kind}.svg").is_file() for kind in KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_renders_a_picture_of_the_item_in_its_colour(kind: str) -> None:
    image, grey = _render(kind), _render(kind, (128, 128, 128))
    assert image.size == (600, 600)
    colours = image.resize((60, 60)).getcolors(3600)
    assert colours is not None and len(colours) > 40  # a drawing, not a flat box
    background = image.getpixel((2, 2))
    centre = image.crop((150, 150, 450, 450))
    assert ImageChops.difference(centre, Image.new("RGB", centre.size, background)).getbbox() is not None
    # at least a lipstick's bullet (3.6% of the picture) or one pen of five (3.3%); most kinds are 8-30%
    # (less what a grey one shows: the smartwatch's fixed green ring is no proof of the variant's colour)
    assert _share_of_green(image) - _share_of_green(grey) > 0.025


def test_different_kinds_give_different_pictures() -> None:
    pictures = {kind: _render(kind, (200, 46, 50)) for kind in KINDS}
    assert len({p.tobytes() for p in pictures.values()}) == len(KINDS)

    def changed(a: str, b: str) -> float:
        diff = ImageChops.difference(pictures[a], pictures[b]).convert("L").point(lambda v: 255 if v > 24 else 0)
        return diff.histogram()[255] / (600 * 600)

    # pairs a shopper must tell apart: the outlines differ over a good part of the picture, and a polo's
    # collar and placket (2% of the picture) set it apart from a t-shirt of the same cut
    for a, b in (("mug", "teapot"), ("sneaker", "runner"), ("trousers", "skirt"), ("bottle", "perfume")):
        assert changed(a, b) > 0.05, (a, b)
    assert changed("tshirt", "polo") > 0.015


def test_the_style_number_picks_the_drawings_variant_groups() -> None:
    striped, plain = _render("tshirt", style=0), _render("tshirt", style=1)
    assert ImageChops.difference(striped, plain).getbbox() is not None
    assert _render("tshirt", style=3).tobytes() == striped.tobytes()  # s3-0: every third style
    assert "s3-0" in images.drawing("tshirt").body and images.drawing("tshirt").moduli >= {3}


def test_light_and_dark_colours_keep_their_details_visible() -> None:
    """A stripe is light on a black shirt and dark on a white one: the `contrast` shade follows the colour."""
    for colour in ((20, 20, 24), (245, 245, 240)):
        striped, plain = _render("tshirt", colour, style=0), _render("tshirt", colour, style=1)
        diff = ImageChops.difference(striped, plain).convert("L").point(lambda v: 255 if v > 60 else 0)
        assert diff.histogram()[255] > 0.03 * 600 * 600


def test_an_unknown_kind_is_a_key_error_and_never_a_path() -> None:
    with pytest.raises(KeyError) as info:
        images.render("../vocab", (0, 0, 0), category="toys-games", style=0)
    assert info.value.args[0] == "no drawing for item kind '../vocab'"


@pytest.fixture
def drawings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty drawings folder in place of resources/demo/drawings, and a fresh drawing cache around it."""
    monkeypatch.setattr(images, "drawings_dir", lambda: tmp_path)
    monkeypatch.setattr(images, "_drawings", {})
    yield tmp_path


def test_a_missing_drawing_file_is_named(drawings: Path) -> None:
    with pytest.raises(DemoDataError) as info:
        images.render("spaceship", (0, 0, 0), category="toys-games", style=0)
    assert str(info.value) == f"demo drawing not found: {drawings / 'spaceship.svg'}"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">\n  <rect class="main">\n</svg>',
            "not valid SVG: mismatched tag at line 3, column 3",
        ),
        ("", "not valid SVG: no element found at line 1, column 1"),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 600"><rect class="main"/></svg>',
            'expected an <svg> element (SVG namespace) with viewBox="0 0 100 100"',
        ),
        (
            '<svg viewBox="0 0 100 100"><rect class="main"/></svg>',
            'expected an <svg> element (SVG namespace) with viewBox="0 0 100 100"',
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">\n\n  <rect class="mauve flat"/>\n</svg>',
            "line 3: unknown class 'mauve flat': expected a colour name from images.json, then optionally one of "
            "flat, cyl, ball, line; or a style group like s3-0",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect class="main glossy"/></svg>',
            "line 1: unknown class 'main glossy': expected a colour name from images.json, then optionally one of "
            "flat, cyl, ball, line; or a style group like s3-0",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">\n  <rect stroke="?accent1" fill="none"/>\n</svg>',
            "line 2: stroke='?accent1' is not a colour (#rrggbb, none) or a reference to an id in the file",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">\n  <g mask="url(#body)"><rect class="main"/></g>\n'
            "</svg>",
            "line 2: mask='url(#body)' is not a reference to an id in the file",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect mask="#fff"/></svg>',
            "line 1: mask='#fff' is not a reference to an id in the file",
        ),
    ],
)
def test_a_broken_drawing_file_is_refused_with_a_message_naming_it(drawings: Path, text: str, problem: str) -> None:
    (drawings / "mug.svg").write_text(text, encoding="utf-8")
    with pytest.raises(DemoDataError) as info:
        images.render("mug", (200, 46, 50), category="home-kitchen", style=0)
    assert str(info.value) == f"{drawings / 'mug.svg'}: {problem}"


def test_a_drawing_in_the_documented_form_renders(drawings: Path) -> None:
    """The smallest drawing a contributor would write: a shadow, a shaded shape, a flat detail, a line and a
    style group."""
    (drawings / "box.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">\n'
        '  <ellipse class="shadow" cx="50" cy="86" rx="30" ry="4"/>\n'
        '  <rect class="main cyl" x="25" y="25" width="50" height="60"/>\n'
        '  <g class="s2-1"><rect class="contrast flat" x="25" y="50" width="50" height="6"/></g>\n'
        '  <line class="detail line" x1="25" y1="30" x2="75" y2="30" stroke-width="1"/>\n'
        "</svg>\n",
        encoding="utf-8",
    )
    plain, banded = _render("box", style=0), _render("box", style=1)
    assert _share_of_green(plain) > 0.2
    assert ImageChops.difference(plain, banded).getbbox() is not None


def test_pictures_render_in_a_process_without_qt_application_or_display_and_from_threads(tmp_path: Path) -> None:
    """The demo store's own process (kiosk demo-store serve) renders pictures on its request threads, with no
    QGuiApplication and no display."""
    script = (
        "import concurrent.futures, sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from kiosk.backends.demo import images\n"
        "kinds = sorted(images.kinds())\n"
        "with concurrent.futures.ThreadPoolExecutor(4) as pool:\n"
        "    pngs = list(pool.map(lambda k: images.render(k, (40, 170, 60), category='toys-games', style=1), kinds))\n"
        "assert QCoreApplication.instance() is None\n"
        "assert all(p.startswith(b'\\x89PNG') for p in pngs)\n"
        "print(len(set(pngs)))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(len(KINDS))
    assert done.stderr == ""  # not a word from Qt either


def test_the_demo_stores_modules_import_without_qt_until_a_picture_is_drawn() -> None:
    """RemoteDemoBackend imports the store's modules; its headless clients (the fleet bench) never load Qt."""
    script = (
        "import sys\n"
        "import kiosk.backends.demo.remote, kiosk.backends.demo.server\n"
        "from kiosk.backends.demo import images\n"
        "before = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "images.render('mug', (40, 170, 60), category='home-kitchen', style=0)\n"
        "print(before, 'PySide6.QtSvg' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[] True"


def test_encode_png_is_lossless() -> None:
    source = images.render_image("mug", (30, 120, 130), category="home-kitchen", style=0)
    decoded = _open(images.encode_png(source)).convert("RGB")
    assert ImageChops.difference(decoded, source).getbbox() is None


def _palette_with(change: Callable[[dict[str, Any]], None]) -> images.Palette:
    file = resources_dir() / "demo" / "images.json"
    raw: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    change(raw)
    return images.parse_palette(file, raw)


def test_the_palette_makes_every_shade_from_the_variant_colour() -> None:
    pal = images.palette()
    navy, white = pal.colours((30, 40, 90), 0), pal.colours((245, 245, 240), 0)
    assert navy["shade"] == images.mix((30, 40, 90), images.BLACK, 0.14)
    assert navy["contrast"] == images.mix((30, 40, 90), images.WHITE, 0.78)  # light stripes on a dark shirt
    assert white["contrast"] == images.mix((245, 245, 240), images.BLACK, 0.42)  # dark ones on a white shirt
    assert white["vivid"] == (40, 40, 48) and navy["vivid"] == (30, 40, 90)
    assert navy["amber"] == images.mix((30, 40, 90), (150, 90, 40), 0.35)
    assert (
        pal.colours((1, 2, 3), 1)["accent1"] == pal.accents[1]
        and pal.colours((1, 2, 3), 1)["accent4"] == pal.accents[4]
    )


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda raw: raw["shades"]["tint"]["dark"].update(percent=150),
            "shades.tint.dark.percent: expected an integer from 0 to 100, got 150",
        ),
        (
            lambda raw: raw["shades"]["vivid"].update(dark="mian"),
            "shades.vivid.dark: expected \"main\", a colour or a shade, got 'mian'",
        ),
        (lambda raw: raw["shades"]["soft"].pop("toward"), 'shades.soft: missing key "toward"'),
        (
            lambda raw: raw["shades"]["amber"].update(toward=[150, 90]),
            "shades.amber.toward: expected a list of 3 integers (red, green, blue), got 2 items",
        ),
        (
            lambda raw: raw["materials"].update(main=[1, 2, 3]),
            "materials.main: this name is taken or not a lower-case word",
        ),
        (
            lambda raw: raw["materials"].update(tint=[1, 2, 3]),
            "materials.tint: this name is taken or not a lower-case word",
        ),
        (lambda raw: raw.update(accent_colours=[[1, 2, 3]]), "accent_colours: expected at least 4 colours, got 1"),
    ],
)
def test_a_broken_palette_is_refused_naming_the_key(change: Callable[[dict[str, Any]], None], problem: str) -> None:
    with pytest.raises(DemoDataError) as info:
        _palette_with(change)
    assert str(info.value) == f"{resources_dir() / 'demo' / 'images.json'}: {problem}"
