"""The kiosk's one speech service (self-voicing: a kiosk has no screen reader): on or off, volume, what it
said last, and why it cannot speak. What to say comes from SelfVoicing (focus, pages, messages) and the
keypad; this only speaks it, in the screen's language, each utterance interrupting the last.

Starts off in every session and is switched on by the keypad's F3 or the accessibility panel's button;
volume and the switch go back to their defaults when the session ends, so the next shopper starts quiet.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance, Slot

from kiosk.ui.qt.properties import ViewModel, notified
from kiosk.ui.viewmodels.speech_words import SPEECH_OFF, VOLUME

VOLUME_STEP = 0.1
MIN_VOLUME = 0.1  # never silent while on: a shopper who turned it all the way down could not hear it come back


class Speaker(Protocol):
    """What the service needs of an engine (QtSpeaker; tests may give a recording one)."""

    @property
    def started(self) -> SignalInstance: ...  # monotonic ns (as a float) when the engine began speaking

    def open(self, lang: str) -> str: ...
    @property
    def voice_problem(self) -> str: ...
    def set_language(self, lang: str) -> None: ...
    def say(self, text: str) -> None: ...
    def stop(self) -> None: ...
    def set_volume(self, volume: float) -> None: ...


class SpeechViewModel(ViewModel):
    enabledChanged, enabled = notified(bool, "enabled", False)
    volumeChanged, volume = notified(float, "volume", 0.7)
    problemChanged, problem = notified(str, "problem", "")
    lastSpokenChanged, lastSpoken = notified(str, "lastSpoken", "")
    lastLatencyMsChanged, lastLatencyMs = notified(float, "lastLatencyMs", -1.0)
    spoken = Signal(str)  # every utterance, as given to the engine (tests, bench)
    unavailable = Signal(str)  # speech was asked for and cannot start: the reason, for the screen

    def __init__(
        self, speaker: Speaker, lang: Callable[[], str], default_volume: float, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._speaker = speaker
        self._lang = lang
        self._default_volume = default_volume
        self._set("volume", default_volume)
        self._asked_ns: int | None = None
        speaker.started.connect(self._started)

    @Slot()
    def toggle(self) -> None:
        self.setEnabled(not self.enabled)

    @Slot(bool)
    def setEnabled(self, on: bool) -> None:
        if on == self.enabled:
            return
        lang = self._lang()
        if not on:
            self.say(SPEECH_OFF.get(lang))
            self._set("enabled", False)
            return
        problem = self._speaker.open(lang)
        if problem:
            self._set("problem", problem)
            self.unavailable.emit(problem)
            return
        self._set("problem", self._speaker.voice_problem)
        self._speaker.set_volume(float(self.volume))
        self._set("enabled", True)  # SelfVoicing says "speech on" with the page and the focused control

    def say(self, text: str, *, asked_ns: int | None = None) -> None:
        """Speaks `text` now, cutting off whatever was being said; nothing when speech is off.
        `asked_ns` (monotonic) is when the change being spoken happened: the time to the engine's first
        sound becomes lastLatencyMs."""
        text = text.strip()
        if not text or not self.enabled:
            return
        self._asked_ns = asked_ns if asked_ns is not None else time.monotonic_ns()
        self._set("lastSpoken", text)
        self.spoken.emit(text)
        self._speaker.say(text)

    @Slot()
    def repeat(self) -> None:
        if self.lastSpoken:
            self.say(str(self.lastSpoken))

    @Slot()
    def stop(self) -> None:
        self._speaker.stop()

    @Slot()
    def louder(self) -> None:
        self._change_volume(VOLUME_STEP)

    @Slot()
    def quieter(self) -> None:
        self._change_volume(-VOLUME_STEP)

    def _change_volume(self, step: float) -> None:
        volume = round(min(1.0, max(MIN_VOLUME, float(self.volume) + step)), 2)
        self._set("volume", volume)
        self._speaker.set_volume(volume)
        self.say(VOLUME.get(self._lang()).format(percent=round(volume * 100)))

    def refresh_language(self) -> None:
        if self.enabled:
            self._speaker.set_language(self._lang())
            self._set("problem", self._speaker.voice_problem)

    def reset(self) -> None:
        """Session end: silent, off, default volume, nothing to repeat."""
        self._speaker.stop()
        self._set("enabled", False)
        self._set("volume", self._default_volume)
        self._speaker.set_volume(self._default_volume)
        self._set("lastSpoken", "")
        self._set("problem", "")

    def _started(self, at_ns: float) -> None:
        if self._asked_ns is not None:
            self._set("lastLatencyMs", round(max(0, at_ns - self._asked_ns) / 1e6, 3))
            self._asked_ns = None
