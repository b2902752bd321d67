"""The kill -9 harness against the real Vendure: short in the normal suite, the full run marked slow.

The harness must pass the real kiosk and FAIL both negative controls (a new key per retry; a backend path
that ignores the key) by reporting duplicated orders: a harness that cannot fail proves nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.faults.conftest import FIGURES
from tests.faults.harness import CONTROL_LIFE_S, CONTROL_PROFILES, PROFILES, Figures, Target, run

CI_KILLS = int(os.environ.get("KIOSK_FAULTS_CI_KILLS", "12"))
CONTROL_KILLS = int(os.environ.get("KIOSK_FAULTS_CONTROL_KILLS", "8"))


def _report(title: str, figures: Figures) -> None:
    print(f"\n== {title}\n{figures.render()}")
    FIGURES.append(
        f"{title}: kills {figures.kills}, orders {figures.journalled}, lost {figures.lost},"
        f" duplicated {figures.duplicated}, invented {figures.invented}, integrity {figures.integrity},"
        f" drained {'yes' if figures.drained else 'no'}, {figures.elapsed_s:.0f} s"
    )


def test_every_order_shown_as_saved_reaches_vendure_exactly_once_across_kills(
    fault_target: Target, tmp_path: Path
) -> None:
    figures = run(fault_target, tmp_path, kills=CI_KILLS, seed=11)
    _report(f"kiosk under faults, {CI_KILLS} kills", figures)
    assert (figures.lost, figures.duplicated, figures.invented) == (0, 0, 0), figures.render()
    assert figures.integrity == "ok" and figures.drained and figures.undelivered == 0, figures.render()
    assert figures.ok, figures.render()
    assert figures.kills == CI_KILLS and figures.journalled > 0
    assert set(figures.profiles) == set(PROFILES) or len(PROFILES) > CI_KILLS  # each scenario ran at least once


@pytest.mark.parametrize("control", ["new-key", "ignore-key"])
def test_the_harness_catches_a_build_that_is_not_idempotent(fault_target: Target, tmp_path: Path, control: str) -> None:
    figures = run(
        fault_target, tmp_path, kills=CONTROL_KILLS, control=control, seed=5, profiles=CONTROL_PROFILES,
        life_s=CONTROL_LIFE_S,
    )  # fmt: skip
    _report(f"negative control {control}, {CONTROL_KILLS} kills", figures)
    assert figures.duplicated > 0, figures.render()
    assert not figures.ok


@pytest.mark.slow
def test_full_run_500_kills(fault_target: Target, tmp_path: Path) -> None:
    figures = run(fault_target, tmp_path, kills=500, seed=1, progress=print)
    _report("kiosk under faults, 500 kills", figures)
    assert figures.ok, figures.render()
