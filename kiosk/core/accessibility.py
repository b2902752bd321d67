"""Accessibility arithmetic without Qt: text size for a viewing angle, the reach band, WCAG contrast.

EN 301 549 5.1.4 (closed functionality, text enlargement): a capital H subtends at least 0.7 degrees at the
viewing distance. 5.1.6.1/ADA reach ranges and EN 301 549's guidance for kiosks: controls a wheelchair user
or a child can reach lie between 800 and 1100 mm above the floor. WCAG 2.2 1.4.3 and 1.4.11: contrast
ratios from relative luminance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MIN_TEXT_ANGLE_DEG = 0.7
REACH_LOW_MM = 800.0
REACH_HIGH_MM = 1100.0
MM_PER_INCH = 25.4


def min_cap_height_mm(distance_mm: float, angle_deg: float = MIN_TEXT_ANGLE_DEG) -> float:
    """The height a capital letter needs to subtend `angle_deg` at `distance_mm` (about 6.1 mm at 500 mm)."""
    return 2 * distance_mm * math.tan(math.radians(angle_deg) / 2)


@dataclass(frozen=True, slots=True)
class Screen:
    """A mounted panel: its visible diagonal, the picture in pixels, and its lower edge above the floor."""

    diagonal_in: float
    width_px: int
    height_px: int
    bottom_mm: float

    def __post_init__(self) -> None:
        if self.diagonal_in <= 0 or self.width_px <= 0 or self.height_px <= 0:
            raise ValueError("A screen needs a positive diagonal and size in pixels")

    @property
    def px_per_mm(self) -> float:
        return math.hypot(self.width_px, self.height_px) / (self.diagonal_in * MM_PER_INCH)

    @property
    def height_mm(self) -> float:
        return self.height_px / self.px_per_mm

    def min_text_px(self, distance_mm: float, cap_height_ratio: float) -> int:
        """The smallest font pixel size whose capital H (cap height = ratio x pixel size) subtends 0.7°."""
        if not 0 < cap_height_ratio <= 1:
            raise ValueError(f"A font's cap height ratio lies in (0, 1], got {cap_height_ratio}")
        return math.ceil(min_cap_height_mm(distance_mm) * self.px_per_mm / cap_height_ratio)

    def y_px_at_height(self, above_floor_mm: float) -> float:
        """Where on the screen (pixels from the top) a point `above_floor_mm` above the floor lies; may be
        outside 0..height_px when that height is above or below the picture."""
        top_mm = self.bottom_mm + self.height_mm
        return (top_mm - above_floor_mm) * self.px_per_mm

    def reach_band_px(self, low_mm: float = REACH_LOW_MM, high_mm: float = REACH_HIGH_MM) -> tuple[int, int]:
        """(top, bottom) in pixels of the part of the picture between `low_mm` and `high_mm` above the floor,
        clipped to the picture; (0, 0) when the screen lies wholly outside that band."""
        top = max(0.0, self.y_px_at_height(high_mm))
        bottom = min(float(self.height_px), self.y_px_at_height(low_mm))
        if bottom <= top:
            return (0, 0)
        return (math.ceil(top), math.floor(bottom))


def relative_luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of "#RRGGBB" (an alpha byte, "#AARRGGBB", is refused: blend first)."""
    hex_digits = colour.lstrip("#")
    if len(hex_digits) != 6:
        raise ValueError(f"Expected an opaque #RRGGBB colour, got {colour!r}")
    channels = [int(hex_digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio, 1..21: 4.5 is AA for text, 3 for large text and for parts of controls."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
