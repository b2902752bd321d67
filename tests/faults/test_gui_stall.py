"""The GUI thread while the backend is slow or down: the real QML kiosk offscreen, a 5 ms heartbeat on it."""

from __future__ import annotations

from pathlib import Path

from tests.faults.conftest import FIGURES
from tests.faults.gui_stall import BUDGET_MS, judge, measure_all
from tests.faults.harness import Target


def test_the_gui_thread_never_waits_for_a_slow_or_dead_backend(
    fault_target: Target,
    tmp_path: Path,
    qapp,  # type: ignore[no-untyped-def]
) -> None:
    reports, on_gui_thread = measure_all(fault_target, tmp_path)
    print()
    for report in reports:
        print(report.line())
        FIGURES.append(report.line())
    assert [r.mode for r in reports] == ["up", "slow", "down"]
    assert all(r.ticks > 200 for r in reports)  # the heartbeat really ran through each journey
    problems = judge(reports, on_gui_thread)
    assert not problems, problems
    assert max(r.idle_max_ms for r in reports if r.mode != "up") < BUDGET_MS
