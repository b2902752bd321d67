"""The command line itself: what an IT person types first after installing or updating."""

from __future__ import annotations

import pytest

import kiosk
from kiosk.cli import build_parser


def test_version_prints_the_running_release(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"kiosk {kiosk.__version__}\n"
