"""The attract loop's content: slides (promotions, new arrivals, "scan me" hints) a store shows while nobody
uses the kiosk, as the backend sends them, checked, and the built-in slides for a kiosk that has none yet.

The backend decides what a store shows; the kiosk keeps the last good set so the loop works offline, and
falls back to the built-in slides only while it has never had any. `refresh_attract` is that policy, pure:
the source and the cache are ports (kiosk.core.ports.AttractSource / AttractCache).
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from kiosk.core.errors import BackendError
from kiosk.core.i18n import LocalizedText

if TYPE_CHECKING:  # ports imports this module for AttractSlide
    from kiosk.core.ports import AttractCache, AttractSource

_log = logging.getLogger(__name__)

MAX_SLIDES = 12  # a loop longer than this is not watched to its end
MAX_TITLE_CHARS = 80
MAX_BODY_CHARS = 240
SLIDE_SECONDS = 8  # each slide stays this long: time to read a title and a line at a glance (no flashing)
PAUSE_AFTER_TOUCH_SECONDS = 20  # the loop stands still this long after a shopper touched its controls
REFRESH_SECONDS = 600  # how often the kiosk asks the backend for its store's slides again


class SlideKind(enum.StrEnum):
    PROMOTION = "promotion"
    NEW_ARRIVAL = "new_arrival"
    SCAN_HINT = "scan_hint"


_NO_TEXT = LocalizedText("")


class AttractError(ValueError):
    """A slide record the kiosk cannot show (unknown kind, no title, text too long)."""


@dataclass(frozen=True, slots=True)
class AttractSlide:
    slide_id: str
    kind: SlideKind
    title: LocalizedText
    body: LocalizedText = _NO_TEXT
    image: str = ""  # an image ref the catalog image provider fetches (a product's picture), or none
    product_id: str = ""  # a tap on the slide opens this product

    def __post_init__(self) -> None:
        if not self.slide_id.strip():
            raise AttractError("A slide needs an id")
        if not (self.title.en.strip() or self.title.es.strip()):
            raise AttractError(f"Slide {self.slide_id} has no title")
        for text, limit in ((self.title, MAX_TITLE_CHARS), (self.body, MAX_BODY_CHARS)):
            if max(len(text.en), len(text.es)) > limit:
                raise AttractError(f"Slide {self.slide_id}: text longer than {limit} characters")


@dataclass(frozen=True, slots=True)
class AttractContent:
    """What a store's loop shows, and when the kiosk fetched it (None: the built-in slides)."""

    slides: tuple[AttractSlide, ...]
    fetched_at: datetime | None = None

    @property
    def built_in(self) -> bool:
        return self.fetched_at is None


# The tag above a slide's title, so a shopper tells an offer from a tip at a glance.
KIND_LABELS: dict[SlideKind, LocalizedText] = {
    SlideKind.PROMOTION: LocalizedText("Offer", "Oferta"),
    SlideKind.NEW_ARRIVAL: LocalizedText("New in", "Novedad"),
    SlideKind.SCAN_HINT: LocalizedText("Tip", "Consejo"),
}

# Shown until the backend has sent a store's own slides once: what the kiosk is for, and how to start.
DEFAULT_SLIDES: tuple[AttractSlide, ...] = (
    AttractSlide(
        "default-endless-aisle",
        SlideKind.SCAN_HINT,
        LocalizedText("Not on the shelf? Order it here", "¿No está en el estante? Pídelo aquí"),
        LocalizedText(
            "Find any product, check stock in every store and get it delivered home.",
            "Encuentra cualquier producto, mira el stock de cada tienda y recíbelo en casa.",
        ),
    ),
    AttractSlide(
        "default-scan",
        SlideKind.SCAN_HINT,
        LocalizedText("Scan me", "Escanéame"),
        LocalizedText(
            "Hold any label's barcode under the scanner: price, sizes and stock at once.",
            "Pon el código de barras de cualquier etiqueta bajo el escáner: precio, tallas y stock al momento.",
        ),
    ),
    AttractSlide(
        "default-loyalty",
        SlideKind.SCAN_HINT,
        LocalizedText("Scan your loyalty card", "Escanea tu tarjeta de cliente"),
        LocalizedText(
            "See your points, your saved cart and what you bought online.",
            "Consulta tus puntos, tu carrito guardado y lo que compraste online.",
        ),
    ),
)
DEFAULT_CONTENT = AttractContent(DEFAULT_SLIDES)


def _text(record: Mapping[str, object], key: str) -> LocalizedText:
    raw = record.get(key) or {}
    if isinstance(raw, str):
        return LocalizedText.same(raw)
    if not isinstance(raw, Mapping):
        raise AttractError(f"Slide field {key!r} must be text or {{'en': ..., 'es': ...}}")
    return LocalizedText(str(raw.get("en") or ""), str(raw.get("es") or ""))


def slide_from_record(record: Mapping[str, object]) -> AttractSlide:
    """A slide from its JSON form (the demo store's file, the kiosk's cache, Vendure's reply)."""
    try:
        kind = SlideKind(str(record.get("kind")))
    except ValueError:
        raise AttractError(f"Unknown slide kind {record.get('kind')!r}") from None
    return AttractSlide(
        slide_id=str(record.get("id") or ""),
        kind=kind,
        title=_text(record, "title"),
        body=_text(record, "body"),
        image=str(record.get("image") or ""),
        product_id=str(record.get("product_id") or ""),
    )


def slide_record(slide: AttractSlide) -> dict[str, object]:
    """The JSON form slide_from_record reads back."""
    return {
        "id": slide.slide_id,
        "kind": slide.kind.value,
        "title": {"en": slide.title.en, "es": slide.title.es},
        "body": {"en": slide.body.en, "es": slide.body.es},
        "image": slide.image,
        "product_id": slide.product_id,
    }


def slides_from_records(records: Sequence[Mapping[str, object]]) -> tuple[AttractSlide, ...]:
    """Every slide the kiosk can show, in order, at most MAX_SLIDES; a bad record is left out and logged, so one
    typo in the back office does not blank a store's loop."""
    slides: list[AttractSlide] = []
    seen: set[str] = set()
    for record in records:
        try:
            slide = slide_from_record(record)
        except AttractError as exc:
            _log.warning("attract slide left out: %s", exc)
            continue
        if slide.slide_id not in seen:
            seen.add(slide.slide_id)
            slides.append(slide)
    return tuple(slides[:MAX_SLIDES])


def refresh_attract(
    source: AttractSource | None, cache: AttractCache, store_id: str, now: Callable[[], datetime]
) -> AttractContent:
    """The store's slides from the backend, kept in the cache; offline (or from a backend without slides) the
    last ones cached; with none cached, the built-in slides. A backend that answers with no slides at all
    means "nothing of our own": the built-in slides, cached like any answer."""
    if source is not None:
        try:
            slides = tuple(source.attract_slides(store_id))[:MAX_SLIDES]
        except BackendError as exc:
            _log.info("attract slides unavailable, showing the cached ones: %s", exc)
        else:
            content = AttractContent(slides or DEFAULT_SLIDES, now())
            cache.save(content)
            return content
    cached = cache.load()
    return cached if cached is not None else DEFAULT_CONTENT
