"""Builds issue 17's parts for the composition root: the accessibility modes, the speech service on its
engine, 'call an associate', then (once the window exists) the self-voicing and the keypad."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtQuick import QQuickWindow

from kiosk.config import AccessibilitySettings
from kiosk.core.ports import Clock
from kiosk.ui.qt.keypad import KeypadNavigator
from kiosk.ui.qt.self_voicing import SelfVoicing
from kiosk.ui.qt.speech_engine import QtSpeaker
from kiosk.ui.viewmodels.accessibility import AccessibilityViewModel
from kiosk.ui.viewmodels.app import AppViewModel
from kiosk.ui.viewmodels.assistance import AssistanceViewModel
from kiosk.ui.viewmodels.speech import SpeechViewModel


def cap_height_ratio(family: str = "Inter") -> float:
    """The kiosk font's capital-letter height per pixel of font size (Inter: ~0.73), measured, not assumed."""
    font = QFont(family)
    font.setPixelSize(100)
    return QFontMetricsF(font).capHeight() / 100


def attach_accessibility(
    vm: AppViewModel, settings: AccessibilitySettings, clock: Clock, assistance: AssistanceViewModel | None = None
) -> None:
    access = AccessibilityViewModel(
        diagonal_in=settings.screen_diagonal_in,
        viewing_distance_mm=settings.viewing_distance_mm,
        bottom_mm=settings.screen_bottom_mm,
        cap_height_ratio=cap_height_ratio(),
        parent=vm,
    )
    speech = SpeechViewModel(QtSpeaker(settings.speech_engine, vm), vm.lang, settings.speech_volume, vm)
    vm.session.speech_factor = settings.speech_timeout_factor
    vm.attach_accessibility(access, speech, assistance or AssistanceViewModel(clock, vm.lang, vm))


def start_self_voicing(window: QQuickWindow, vm: AppViewModel) -> tuple[SelfVoicing, KeypadNavigator]:
    """Call before the kiosk's other window filters are installed: the keypad then runs after them all."""
    voicing = SelfVoicing(window, vm, vm.speech)
    keypad = KeypadNavigator(window, vm, vm.speech, vm.access, voicing)
    window.installEventFilter(keypad)
    vm.access.setScreenSize(window.width(), window.height())
    window.widthChanged.connect(lambda: vm.access.setScreenSize(window.width(), window.height()))
    window.heightChanged.connect(lambda: vm.access.setScreenSize(window.width(), window.height()))
    return voicing, keypad
