"""`kiosk doctor`'s speech line (issue 17): what it finds when the kiosk can speak, and the exact reason when
it cannot (the bad-input cases: no engine installed; no audio device is covered where the machine has none)."""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.commands.doctor import Report, speech_check
from kiosk.config import load_config


def _config(engine: str):  # type: ignore[no-untyped-def]
    config = load_config(env={})
    return dataclasses.replace(config, accessibility=dataclasses.replace(config.accessibility, speech_engine=engine))


def test_doctor_says_speech_works_with_the_engine_voices_and_audio(qtbot, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    report = Report()
    assert speech_check(_config("mock"), report) is True and report.problems == 0
    assert capsys.readouterr().out == "speech          ok: mock, 2 voice(s) for en_GB, audio: none needed\n"


def test_doctor_says_exactly_why_the_kiosk_cannot_speak(qtbot, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    report = Report()
    assert speech_check(_config("flite"), report) is False and report.problems == 1
    assert capsys.readouterr().out == (
        "speech          UNAVAILABLE: Speech is not available: the speech engine “flite” is not installed.\n"
        "  fix: apt install speech-dispatcher espeak-ng, plug in the headset; routing: docs/accessibility.md\n"
    )
