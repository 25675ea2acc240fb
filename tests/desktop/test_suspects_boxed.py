"""Every suspect boxed: a finding whose tables cannot tell which cell is wrong boxes each of its
suspect cells in the original (here a text report: each suspect's line), not only the first."""
from __future__ import annotations

from desktop.detail import finding_places
from tests.desktop.gui import click_finding, drop_and_wait
from tests.support.desk import write_report

BALANCE_BROKEN = {"new": 3, "granted": 3, "total": 3, "carry_forward": 5}


def test_every_suspect_of_a_finding_is_boxed_in_the_text(qtbot, window, tmp_path) -> None:
    drop_and_wait(qtbot, window, [write_report(tmp_path / "东山镇.txt", "东山镇", rows=BALANCE_BROKEN)])
    f = click_finding(qtbot, window, "T3-BALANCE")
    report = window.current_entry().result.report
    assert f.suspects and len(f.suspects) >= 4 and f.fix is None
    lines = {report.cells[k].location.line for k in f.suspects}
    text = window.source.text
    assert window.source.kind == "text" and text.current_line() == f.location.line
    assert {text.current_line(), *text.also_lines} == lines | {f.location.line}
    assert len(text.box_rects()) == len(lines | {f.location.line})  # each line boxed in the view
    assert f"等 {len(lines | {f.location.line})} 处" in window.source.place.text()
    # a finding with one place keeps one box
    one = click_finding(qtbot, window, "PRIOR-YEAR-REVIEW-MISSING")
    assert len(finding_places(one, report)) == 1 and text.also_lines == []


def test_the_places_of_a_fix_are_each_cell_once(qtbot, window, tmp_path) -> None:
    drop_and_wait(qtbot, window, [write_report(tmp_path / "西山镇.txt", "西山镇", rows={"new": 3, "granted": 3, "total": 2})])
    f = next(f for f in window.current_entry().findings if f.rule == "T3-RESULT-TOTAL")
    report = window.current_entry().result.report
    places = finding_places(f, report)
    assert places[0] == f.location and [p.line for p in places] == sorted({report.cells[k].location.line for k in f.fix})
