"""Image providers for QML: catalog images off the GUI thread through bounded memory and disk caches; QR codes."""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
from collections import OrderedDict
from pathlib import Path
from urllib.parse import unquote

import platformdirs
import qrcode
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQuick import QQuickImageProvider

from kiosk.core.ports import ImageSource

_KEEP_ASPECT = Qt.AspectRatioMode.KeepAspectRatio
_SMOOTH = Qt.TransformationMode.SmoothTransformation


class ImageMemoryCache:
    """LRU bounded by decoded bytes, so browsing a million products never grows memory without limit.

    24 MB holds about forty 400-px pictures: a screenful and the page before. More bought little (the disk
    cache makes a re-decode a few ms off the GUI thread) and 64 MB was a fifth of the kiosk's RSS budget.
    """

    def __init__(self, max_bytes: int = 24 * 1024 * 1024) -> None:
        self._max = max_bytes
        self._used = 0
        self._items: OrderedDict[str, QImage] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> QImage | None:
        with self._lock:
            image = self._items.get(key)
            if image is not None:
                self._items.move_to_end(key)
            return image

    def put(self, key: str, image: QImage) -> None:
        size = image.sizeInBytes()
        with self._lock:
            if key in self._items:
                return
            self._items[key] = image
            self._used += size
            while self._used > self._max and len(self._items) > 1:
                _, old = self._items.popitem(last=False)
                self._used -= old.sizeInBytes()


class ImageDiskCache:
    """Encoded images on disk, bounded by bytes: a picture fetched once survives restarts and the memory LRU.

    Files are named by a hash of the reference (never by the reference itself, so no reference can reach
    outside the folder), written to a temporary name and renamed, and the least recently used go first
    when the folder grows past `max_bytes`.
    """

    def __init__(self, directory: Path, max_bytes: int = 256 * 1024 * 1024) -> None:
        self._dir = directory
        self._max = max_bytes
        self._lock = threading.Lock()
        self._used: int | None = None  # counted lazily, off the GUI thread, on first use

    @property
    def directory(self) -> Path:
        return self._dir

    def _path(self, ref: str) -> Path:
        return self._dir / f"{hashlib.sha256(ref.encode()).hexdigest()[:40]}.img"

    def file_for(self, ref: str) -> Path | None:
        """The cached file for `ref` if there is one (marked as recently used), for QML to read directly:
        Qt then decodes it on its own reader thread with no Python involved. Decoding in the provider holds
        the interpreter lock (PySide does not release it around QImage decoding, ~7 ms a picture), and the
        GUI thread, which needs that lock for every view-model call, stalled behind it."""
        path = self._path(ref)
        try:
            os.utime(path)
        except OSError:
            return None
        return path

    def get(self, ref: str) -> bytes | None:
        path = self._path(ref)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: evicted last
        return data

    def put(self, ref: str, data: bytes) -> None:
        path = self._path(ref)
        try:
            self._dir.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{threading.get_ident()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except OSError:
            return  # a full or read-only disk costs a re-fetch later, never a missing picture now
        with self._lock:
            if self._used is None:
                self._used = sum(f.stat().st_size for f in self._files())
            else:
                self._used += len(data)
            if self._used > self._max:
                self._evict()

    def _files(self) -> list[Path]:
        try:
            return [f for f in self._dir.iterdir() if f.suffix == ".img"]
        except OSError:
            return []

    def _evict(self) -> None:
        """Deletes the least recently used files until the folder is at 90% of its budget."""
        entries = []
        for f in self._files():
            with contextlib.suppress(OSError):
                st = f.stat()
                entries.append((st.st_mtime, st.st_size, f))
        entries.sort()
        used = sum(size for _, size, _ in entries)
        target = self._max * 9 // 10
        for _, size, f in entries:
            if used <= target:
                break
            with contextlib.suppress(OSError):
                f.unlink()
                used -= size
        self._used = used

    def size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self._files())


def default_disk_cache() -> ImageDiskCache:
    return ImageDiskCache(Path(platformdirs.user_cache_dir("endless-aisle-kiosk")) / "images")


class CatalogImageProvider(QQuickImageProvider):
    """Catalog pictures for QML, never on the GUI thread: memory LRU, then the disk cache, then the backend.

    A plain image provider with ForceAsynchronousImageLoading: Qt calls `requestImage` on its pixmap reader
    thread with the reader's lock released, and drops a request whose delegate is gone before it starts
    (type-ahead replaces the grid per keystroke). Not an async provider with Python response objects: Qt
    calls `QQuickImageResponse.cancel()` while holding the reader's lock, a Python override then needs the
    interpreter lock, and a GUI thread that holds the interpreter lock while destroying an Image waits for
    the reader's lock: a deadlock we hit in the UI tests.
    """

    def __init__(
        self, source: ImageSource, cache: ImageMemoryCache | None = None, disk: ImageDiskCache | None = None
    ) -> None:
        super().__init__(
            QQuickImageProvider.ImageType.Image, QQuickImageProvider.Flag.ForceAsynchronousImageLoading
        )
        self._source = source
        self._cache = cache or ImageMemoryCache()
        self._disk = disk if disk is not None else default_disk_cache()

    def requestImage(self, image_id: str, size: QSize, requested_size: QSize) -> QImage:
        image = self.load(unquote(image_id), requested_size)
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image

    def load(self, ref: str, size: QSize) -> QImage:
        """The picture for `ref` scaled to `size`; an empty image when the backend has none or is down."""
        key = f"{ref}@{size.width()}x{size.height()}"
        image = self._cache.get(key)
        if image is not None:
            return image
        data = self._disk.get(ref)
        if data is None:
            try:
                data = self._source.image_bytes(ref)
            except Exception:  # unknown ref or backend down: QML shows its placeholder
                return QImage()
            self._disk.put(ref, data)
        image = QImage()
        image.loadFromData(data)
        if not image.isNull() and size.isValid() and size.width() > 0:
            image = image.scaled(size, aspectMode=_KEEP_ASPECT, mode=_SMOOTH)
        if not image.isNull():
            self._cache.put(key, image)
        return image


class QrImageProvider(QQuickImageProvider):
    """Renders the id as a QR code; small and fast enough to run synchronously."""

    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, image_id: str, size: QSize, requested_size: QSize) -> QImage:
        code = qrcode.QRCode(border=2, box_size=10, error_correction=qrcode.constants.ERROR_CORRECT_M)
        code.add_data(unquote(image_id))
        code.make(fit=True)
        matrix = code.get_matrix()
        n = len(matrix)
        scale = max(1, (requested_size.width() if requested_size.width() > 0 else 400) // n)
        image = QImage(n * scale, n * scale, QImage.Format.Format_RGB32)
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        black = QColor(17, 17, 17)
        for y, row in enumerate(matrix):
            for x, dark in enumerate(row):
                if dark:
                    painter.fillRect(x * scale, y * scale, scale, scale, black)
        painter.end()
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image
