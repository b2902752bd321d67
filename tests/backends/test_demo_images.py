"""Demo product pictures: valid PNGs of the right size, one per product and colour, and only for real refs."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from kiosk.backends.demo import images, vocab
from kiosk.backends.demo.backend import DemoBackend


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


def test_every_item_kind_has_a_drawing_that_renders() -> None:
    kinds = {t.drawing for t in vocab.ITEM_TYPES}
    assert kinds <= set(images.DRAWINGS)
    for kind in sorted(kinds):
        image = _open(images.render(kind, (200, 46, 50), category="home-kitchen", style=3))
        assert image.size == (600, 600)
    with pytest.raises(KeyError):
        images.render("spaceship", (0, 0, 0), category="toys-games", style=0)


def test_encode_png_is_lossless() -> None:
    source = images.Canvas((240, 230, 220), (30, 120, 130))
    images.draw_mug(source, (30, 120, 130), 0)
    decoded = _open(images.encode_png(source.img)).convert("RGB")
    assert ImageChops.difference(decoded, source.img).getbbox() is None
