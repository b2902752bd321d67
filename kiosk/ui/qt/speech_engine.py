"""Qt TextToSpeech behind the kiosk's speech service: one engine, the voice for the screen's language, and
what is wrong when it cannot speak (no engine, no voice, no audio device), in words for the screen and
`kiosk doctor`.

PySide6's wheels carry the `speechd` engine (speech-dispatcher, which speaks through espeak-ng) and `mock`
(silent, with the real state changes: the tests and the bench use it). QtTextToSpeech is imported when a
shopper first turns speech on: it brings Qt Multimedia with it, which most sessions never need.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Signal

from kiosk.core.i18n import LocalizedText

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

LOCALES = {"en": ("en_GB", "en_US", "en"), "es": ("es_ES", "es", "es_MX")}
NO_ENGINE = LocalizedText(
    "Speech is not available: the speech engine “{engine}” is not installed.",
    "La voz no está disponible: el motor de voz «{engine}» no está instalado.",
)
ENGINE_FAILED = LocalizedText(
    "Speech is not available: the speech engine failed ({reason}).",
    "La voz no está disponible: el motor de voz ha fallado ({reason}).",
)
NO_AUDIO = LocalizedText(
    "Speech is not available: this kiosk has no audio output (plug in the headset).",
    "La voz no está disponible: este quiosco no tiene salida de audio (conecta los auriculares).",
)
NO_VOICE = LocalizedText(
    "There is no voice for this language: speech uses another language's voice.",
    "No hay voz para este idioma: la voz usa la de otro idioma.",
)


def audio_outputs() -> list[str]:
    """The audio output devices Qt Multimedia sees (PulseAudio/PipeWire/ALSA), by description."""
    from PySide6.QtMultimedia import QMediaDevices

    return [device.description() for device in QMediaDevices.audioOutputs()]


class QtSpeaker(QObject):
    """Says one thing at a time; a new utterance interrupts the last. `started` carries the monotonic ns at
    which the engine reported speaking, so the service can time focus-to-speech."""

    started = Signal(float)  # monotonic ns: a double holds them exactly for 100 days of uptime

    def __init__(self, engine: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self._tts: QTextToSpeech | None = None
        self._lang = ""
        self._voice_problem = ""

    def open(self, lang: str) -> str:
        """Starts the engine (speech-dispatcher is spawned on first use: ~1-2 s); returns what stops it from
        speaking, in the shopper's language, or "" when it can speak."""
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self.engine not in QTextToSpeech.availableEngines():
            return NO_ENGINE.get(lang).format(engine=self.engine)
        # Audio first: speech-dispatcher, asked to speak with no sound device, was seen to hang, and every
        # later connection to it (QTextToSpeech's constructor, on the GUI thread) hung with it.
        if self.engine != "mock" and not audio_outputs():
            return NO_AUDIO.get(lang)
        if self._tts is None:
            self._tts = QTextToSpeech(self.engine, self)
            self._tts.stateChanged.connect(self._state_changed)
        if self._tts.state() == QTextToSpeech.State.Error:
            return ENGINE_FAILED.get(lang).format(reason=self._tts.errorString() or self._tts.errorReason().name)
        self.set_language(lang)
        return ""

    @property
    def voice_problem(self) -> str:
        """Set when the screen's language has no voice (speech goes on in the engine's default voice)."""
        return self._voice_problem

    def set_language(self, lang: str) -> None:
        if self._tts is None or lang == self._lang:
            return
        self._lang = lang
        available = {locale.name(): locale for locale in self._tts.availableLocales()}
        match = next((available[name] for name in LOCALES.get(lang, ()) if name in available), None)
        if match is None:
            match = next((loc for name, loc in available.items() if name.startswith(lang + "_")), None)
        if match is None:
            self._voice_problem = NO_VOICE.get(lang)
            return
        self._voice_problem = ""
        if match != self._tts.locale():
            self._tts.setLocale(QLocale(match))

    def say(self, text: str) -> None:
        if self._tts is not None:
            self._tts.stop()
            self._tts.say(text)

    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()

    def set_volume(self, volume: float) -> None:
        if self._tts is not None:
            self._tts.setVolume(volume)

    def _state_changed(self, state: object) -> None:  # QTextToSpeech.State; PySide resolves slot annotations
        from PySide6.QtTextToSpeech import QTextToSpeech

        if state == QTextToSpeech.State.Speaking:
            self.started.emit(float(time.monotonic_ns()))


def probe(engine: str, lang: str = "en") -> tuple[bool, str]:
    """For `kiosk doctor`: (can speak, what was found). Needs a Q(Core)Application."""
    speaker = QtSpeaker(engine)
    try:
        problem = speaker.open(lang)
        if problem:
            return False, problem
        tts = speaker._tts
        assert tts is not None
        voices = len(tts.availableVoices())
        audio = ", ".join(audio_outputs()) if engine != "mock" else "none needed"
        extra = f"; {speaker.voice_problem}" if speaker.voice_problem else ""
        return True, f"{engine}, {voices} voice(s) for {tts.locale().name()}, audio: {audio}{extra}"
    finally:
        speaker.deleteLater()


def main(argv: list[str]) -> int:
    """`python -m kiosk.ui.qt.speech_engine ENGINE`: the probe on a JSON line, for `kiosk doctor`."""
    import json
    import os

    from PySide6.QtCore import QCoreApplication, QLoggingCategory

    rules = os.environ.get("QT_LOGGING_RULES", "").replace(";", "\n")
    QLoggingCategory.setFilterRules(f"{rules}\nqt.multimedia.*=false".strip())  # backend probing notes
    app = QCoreApplication(argv[:1])
    ok, found = probe(argv[1] if len(argv) > 1 else "speechd", "en")
    print(json.dumps([ok, found]))
    del app
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv))
