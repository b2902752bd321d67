"""Image providers for QML: catalog images off the GUI thread with a bounded memory cache, and QR codes."""

from __future__ import annotations

import threading
from collections import OrderedDict
from urllib.parse import unquote

import qrcode
from PySide6.QtCore import QRunnable, QSize, Qt, QThreadPool
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQuick import QQuickAsyncImageProvider, QQuickImageProvider, QQuickImageResponse, QQuickTextureFactory

from kiosk.core.ports import ImageSource

_KEEP_ASPECT = Qt.AspectRatioMode.KeepAspectRatio
_SMOOTH = Qt.TransformationMode.SmoothTransformation


class ImageMemoryCache:
    """LRU bounded by decoded bytes, so browsing a million products never grows memory without limit."""

    def __init__(self, max_bytes: int = 64 * 1024 * 1024) -> None:
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


class _Response(QQuickImageResponse):
    def __init__(self) -> None:
        super().__init__()
        self._image = QImage()

    def finish(self, image: QImage) -> None:
        self._image = image
        self.finished.emit()

    def textureFactory(self) -> QQuickTextureFactory:
        return QQuickTextureFactory.textureFactoryForImage(self._image)


class _Load(QRunnable):
    def __init__(self, source: ImageSource, cache: ImageMemoryCache, ref: str, size: QSize, response: _Response):
        super().__init__()
        self._source, self._cache, self._ref, self._size, self._response = source, cache, ref, size, response

    def run(self) -> None:
        key = f"{self._ref}@{self._size.width()}x{self._size.height()}"
        image = self._cache.get(key)
        if image is None:
            image = QImage()
            try:
                image.loadFromData(self._source.image_bytes(self._ref))
            except Exception:  # unknown ref or backend down: QML shows its placeholder
                image = QImage()
            if not image.isNull() and self._size.isValid() and self._size.width() > 0:
                image = image.scaled(self._size, aspectMode=_KEEP_ASPECT, mode=_SMOOTH)
            if not image.isNull():
                self._cache.put(key, image)
        self._response.finish(image)


class CatalogImageProvider(QQuickAsyncImageProvider):
    def __init__(self, source: ImageSource, cache: ImageMemoryCache | None = None) -> None:
        super().__init__()
        self._source = source
        self._cache = cache or ImageMemoryCache()
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(2)

    def requestImageResponse(self, image_id: str, requested_size: QSize) -> QQuickImageResponse:
        response = _Response()
        self._pool.start(_Load(self._source, self._cache, unquote(image_id), requested_size, response))
        return response


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
