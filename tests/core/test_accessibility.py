"""The accessibility arithmetic: 0.7° text, pixels per millimetre, the 800-1100 mm reach band, WCAG contrast."""

from __future__ import annotations

import math

import pytest

from kiosk.core.accessibility import Screen, contrast_ratio, min_cap_height_mm, relative_luminance


def test_a_capital_h_of_0_7_degrees_at_500_mm_is_about_6_1_mm() -> None:
    assert min_cap_height_mm(500) == pytest.approx(6.109, abs=0.001)
    assert min_cap_height_mm(1000) == pytest.approx(2 * min_cap_height_mm(500))


def test_a_32_inch_portrait_panel() -> None:
    screen = Screen(32.0, 1080, 1920, bottom_mm=700.0)
    assert screen.px_per_mm == pytest.approx(math.hypot(1080, 1920) / (32 * 25.4))
    assert screen.height_mm == pytest.approx(708.4, abs=0.1)
    # Inter's capital is 0.727 of the font size: 6.11 mm x 2.71 px/mm / 0.727 -> 23 px
    assert screen.min_text_px(500, 0.727) == 23
    # the picture spans 700-1408 mm above the floor: 1100 mm is 400 mm above its bottom row, 800 mm 100 mm
    ppm = screen.px_per_mm
    assert screen.reach_band_px() == (math.ceil(1920 - 400 * ppm), math.floor(1920 - 100 * ppm)) == (836, 1648)


def test_reach_band_is_clipped_to_the_picture_or_empty() -> None:
    low = Screen(32.0, 1080, 1920, bottom_mm=1000.0)  # the band's top (1100 mm) is inside, 800 mm below it
    top, bottom = low.reach_band_px()
    assert bottom == 1920 and 0 < top < 1920
    assert Screen(32.0, 1080, 1920, bottom_mm=1200.0).reach_band_px() == (0, 0)  # wholly above the band
    assert Screen(21.5, 1920, 1080, bottom_mm=0.0).reach_band_px() == (0, 0)  # wholly below it


def test_bad_screens_and_fonts_are_refused() -> None:
    with pytest.raises(ValueError, match="A screen needs a positive diagonal and size in pixels"):
        Screen(0, 1080, 1920, 700)
    with pytest.raises(ValueError, match=r"A font's cap height ratio lies in \(0, 1\], got 1.5"):
        Screen(32, 1080, 1920, 700).min_text_px(500, 1.5)


def test_wcag_contrast() -> None:
    assert relative_luminance("#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)  # order does not matter
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the lightest AA grey
    with pytest.raises(ValueError, match="Expected an opaque #RRGGBB colour, got '#80FFFFFF'"):
        relative_luminance("#80FFFFFF")
