"""Catalog pictures: bounded memory and disk caches, loaded off the GUI thread, dropped when cancelled."""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QColor, QImage

from kiosk.ui.qt.image_providers import CatalogImageProvider, ImageDiskCache, ImageMemoryCache


def _png(colour: str, side: int = 64) -> bytes:
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


class CountingSource:
    """An ImageSource that counts fetches, so a test can tell a cache hit from a backend call."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def image_bytes(self, ref: str) -> bytes:
        self.calls.append(ref)
        if ref == "missing":
            raise KeyError(ref)
        return _png("#336699")


def test_disk_cache_keeps_pictures_across_providers_and_stays_within_its_budget(tmp_path: Path) -> None:
    disk = ImageDiskCache(tmp_path / "img", max_bytes=20_000)
    blob = os.urandom(3_000)
    for i in range(12):
        ref = f"demo:p{i:07d}:red"
        disk.put(ref, blob)
        used = time.time() - 100 + i  # later pictures were used more recently
        os.utime(disk._path(ref), (used, used))
    assert disk.size_bytes() <= 20_000
    assert disk.get("demo:p0000011:red") == blob  # the most recent survive
    assert disk.get("demo:p0000000:red") is None  # the least recently used went first
    # names are hashes: a reference cannot point outside the folder
    assert all(p.parent == tmp_path / "img" and p.suffix == ".img" for p in (tmp_path / "img").iterdir())
    disk.put("../../etc/passwd", b"x")
    assert not (tmp_path / "etc").exists()


def test_provider_fetches_once_then_serves_memory_and_disk(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = CountingSource()
    disk = ImageDiskCache(tmp_path / "img")
    provider = CatalogImageProvider(source, ImageMemoryCache(), disk)
    first = provider.load("demo:p0000001:navy", QSize(32, 32))
    assert not first.isNull() and first.width() == 32
    assert provider.load("demo:p0000001:navy", QSize(32, 32)).cacheKey() == first.cacheKey()  # memory hit
    again = CatalogImageProvider(source, ImageMemoryCache(), disk)  # a restarted kiosk: empty memory
    assert not again.load("demo:p0000001:navy", QSize(16, 16)).isNull()
    assert source.calls == ["demo:p0000001:navy"]
    assert again.load("missing", QSize(16, 16)).isNull()


def test_pictures_load_on_the_pixmap_reader_thread_not_the_gui(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtQuick import QQuickImageProvider

    provider = CatalogImageProvider(CountingSource(), ImageMemoryCache(), ImageDiskCache(tmp_path / "img"))
    assert provider.flags() & QQuickImageProvider.Flag.ForceAsynchronousImageLoading
    size = QSize()
    image = provider.requestImage("demo%3Ap0000002%3Ared", size, QSize(24, 24))
    assert not image.isNull() and (size.width(), size.height()) == (24, 24)


def test_a_cached_picture_is_handed_to_qml_as_a_file_that_qt_decodes_itself(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Decoding in the Python provider holds the interpreter lock and stalls the GUI thread's view-models;
    a picture already on disk goes to QML as a file URL instead, and a real QML Image loads it."""
    from PySide6.QtCore import QUrl
    from PySide6.QtQml import QQmlComponent, QQmlEngine

    from kiosk.ui.viewmodels.formatting import image_url, read_cached_images_from

    disk = ImageDiskCache(tmp_path / "img")
    read_cached_images_from(disk)
    try:
        assert image_url("demo:p0000003:red") == "image://catalog/demo%3Ap0000003%3Ared"  # not fetched yet
        CatalogImageProvider(CountingSource(), ImageMemoryCache(), disk).load("demo:p0000003:red", QSize(24, 24))
        url = image_url("demo:p0000003:red")
        assert url == disk._path("demo:p0000003:red").as_uri()
        engine = QQmlEngine()
        component = QQmlComponent(engine)
        component.setData(
            b"import QtQuick\nImage { asynchronous: true; sourceSize.width: 40; property bool ready: status === Image.Ready }",
            QUrl(),
        )
        image = component.create()
        assert image is not None, component.errorString()
        image.setProperty("source", url)
        qtbot.waitUntil(lambda: bool(image.property("ready")))
        assert image.property("implicitWidth") == 40
    finally:
        read_cached_images_from(None)
