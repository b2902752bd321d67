"""The shopper's accessibility modes (large text, high contrast, reach mode) and the screen arithmetic behind
them, for the theme (Main.qml binds Theme to these) and the accessibility panel. Modes last one session."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from kiosk.core.accessibility import Screen
from kiosk.ui.qt.properties import ViewModel, notified


class AccessibilityViewModel(ViewModel):
    panelOpenChanged, panelOpen = notified(bool, "panelOpen", False)
    largeTextChanged, largeText = notified(bool, "largeText", False)
    highContrastChanged, highContrast = notified(bool, "highContrast", False)
    reachModeChanged, reachMode = notified(bool, "reachMode", False)
    # the smallest font pixel size with a 0.7° capital H at the viewing distance (Theme.largeTextMin)
    largeTextMinChanged, largeTextMin = notified(int, "largeTextMin", 32)
    # reach mode: the window's rows (px from the top) between 800 and 1100 mm above the floor
    reachTopChanged, reachTop = notified(int, "reachTop", 0)
    reachBottomChanged, reachBottom = notified(int, "reachBottom", 0)

    def __init__(
        self, *, diagonal_in: float, viewing_distance_mm: float, bottom_mm: float, cap_height_ratio: float,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._diagonal_in = diagonal_in
        self._distance_mm = viewing_distance_mm
        self._bottom_mm = bottom_mm
        self._cap_ratio = cap_height_ratio
        self.screen: Screen | None = None

    @Slot(int, int)
    def setScreenSize(self, width_px: int, height_px: int) -> None:
        """The window's size in pixels (full screen on a kiosk: the panel's); from Main.qml on each change."""
        if width_px <= 0 or height_px <= 0:
            return
        self.screen = Screen(self._diagonal_in, width_px, height_px, self._bottom_mm)
        self._set("largeTextMin", self.screen.min_text_px(self._distance_mm, self._cap_ratio))
        top, bottom = self.screen.reach_band_px()
        self._set("reachTop", top)
        self._set("reachBottom", bottom)

    @Slot(bool)
    def setPanelOpen(self, on: bool) -> None:
        self._set("panelOpen", on)

    @Slot()
    def toggleLargeText(self) -> None:
        self._set("largeText", not self.largeText)

    @Slot()
    def toggleHighContrast(self) -> None:
        self._set("highContrast", not self.highContrast)

    @Slot()
    def toggleReachMode(self) -> None:
        self._set("reachMode", not self.reachMode)

    def reset(self) -> None:
        for name in ("panelOpen", "largeText", "highContrast", "reachMode"):
            self._set(name, False)
