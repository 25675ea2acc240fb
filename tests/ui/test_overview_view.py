"""The county overview's model and painted chart, and merging two bodies from it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor

from archive import Archive
from archive.overview import MISSING, NEEDS_FIX, PASS
from ui.overview import BarChart, OverviewDialog
from ui.overview_model import SEVERITY_COLOURS


def _rec(a: Archive, sha: str, unit: str, year: int, rules: list[tuple[str, str]]):
    return a.record(sha256=sha, file=f"{sha}.docx", unit=unit, year=year, format="docx", cells={}, sentences=[],
                    findings=[(f"{r}||", {"rule": r, "severity": s}) for r, s in rules])


def test_the_model_rows_and_the_chart_series(qtbot, tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as a:
        _rec(a, "x23", "乙镇人民政府", 2023, [])
        _rec(a, "x", "甲镇人民政府", 2024, [("T3-BALANCE", "error"), ("SECTION-TITLE", "warning")])
        _rec(a, "y", "丙镇人民政府", 2024, [])
        dlg = OverviewDialog(a, 2024)
        qtbot.addWidget(dlg)
        m = dlg.model
        assert [[m.data(m.index(r, c)) for c in range(8)] for r in range(m.rowCount())] == [
            ["甲镇人民政府", NEEDS_FIX, "x.docx", "1", "1", "1", "0", ""],
            ["乙镇人民政府", MISSING, "", "", "0", "0", "0", ""],
            ["丙镇人民政府", PASS, "y.docx", "1", "0", "0", "0", ""]]
        assert m.data(m.index(0, 1), Qt.ItemDataRole.BackgroundRole).color().name() == "#f4c7c3"
        assert m.body_series() == [("甲镇人民政府", [1, 1, 0])]
        assert m.rule_series() == [("表三收支平衡", [1]), ("部分标题", [1])]
        assert "需整改 1" in dlg.summary.text() and "未报送 1" in dlg.summary.text()


def test_the_chart_paints_its_bars_in_the_severity_colours(qtbot) -> None:
    chart = BarChart("各单位问题数", [("错误", SEVERITY_COLOURS["error"]), ("警告", SEVERITY_COLOURS["warning"])])
    qtbot.addWidget(chart)
    chart.resize(600, 200)
    chart.set_bars([("甲镇", [3, 1]), ("乙镇", [0, 2])])
    img = chart.grab().toImage()
    y_first = 50 + 18 // 2
    assert QColor(img.pixel(160, y_first)).name() == SEVERITY_COLOURS["error"]
    assert QColor(img.pixel(160, y_first + 24)).name() == SEVERITY_COLOURS["warning"]
    assert chart.sizeHint().height() == 56 + 2 * 24


def test_two_spellings_merged_from_the_overview(qtbot, tmp_path: Path) -> None:
    with Archive(tmp_path / "m.db") as a:
        _rec(a, "p", "高良涧街道办事处", 2024, [])
        _rec(a, "q", "高良涧办事处", 2024, [("T4-TOTAL", "error")])  # one body the names cannot tell
        dlg = OverviewDialog(a, 2024)
        qtbot.addWidget(dlg)
        assert dlg.model.rowCount() == 2 and not dlg.merge_button.isEnabled()
        sm = dlg.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        keep_row = next(r for r in range(2) if dlg.model.rows[r].body == "高良涧街道办事处")
        for r in (keep_row, 1 - keep_row):
            sm.select(dlg.model.index(r, 0), flags)
        assert dlg.merge_button.isEnabled()
        dlg.merge_selected()
        assert [(r.body, r.round, r.file) for r in dlg.model.rows] == [("高良涧街道办事处", 2, "q.docx")]
        assert a.find_body("高良涧办事处") == dlg.model.rows[0].body_id
