"""A short seeded walk through the window (issue 25): hundreds of an inspector's steps in random order,
the window's state checked after each. The long walks are benchmarks/soak_window.py."""
from __future__ import annotations

import pytest

from tests.desktop.gui import make_window
from tests.support.corpus import CORPUS
from tests.support.window_walk import WindowWalk, prepare_files

pytestmark = pytest.mark.corpus
# The walk starts as a day starts: reports open, one shown, a finding marked; the rest is random.
START = [("open_files", [0, 1, 4]), ("settle",), ("select_report", 0), ("select_finding", 0), ("mark", "confirmed")]


@pytest.mark.parametrize("seed", [11, 2026])
def test_a_seeded_walk_keeps_the_window_consistent(qtbot, appdata, tmp_path, seed) -> None:
    window = make_window(qtbot, appdata)
    files = prepare_files(CORPUS, tmp_path / "县里的报告")
    walk = WindowWalk(window, files, seed, tmp_path)
    assert walk.replay(START) == []
    assert window.reports.rowCount() == 3 and window.current_entry().marks  # the walk starts where it should
    problems = walk.run(150)
    assert problems == [], "\n".join(problems + ["steps:"] + [repr(s) for s in walk.steps])
    assert len(walk.steps) == len(START) + 150
