"""Rounds where the inspector works: each finding of a later round tagged 新问题 / 未整改 (轮次 column,
the tables' tooltips), the earlier round's corrected findings listed as 已整改, the round's counts
over the findings, and an earlier round opened after its resubmission marked 已被第 N 轮取代."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.desktop.gui import data, drop_and_wait
from tests.support.desk import WRONG_TOTAL, write_report
from ui.findings_model import COLUMNS, MARK_COLUMN, ROUND_COLUMN

BALANCE_BROKEN = {"new": 3, "granted": 3, "total": 3, "carry_forward": 5}  # T3-RESULT-TOTAL corrected, T3-BALANCE new


def _archived(qtbot, window) -> None:
    qtbot.waitUntil(lambda: all(e.version is not None for e in window.session.entries.finished()), timeout=20_000)


def _rows(model, parent=None) -> list:
    """Every row of the findings tree, depth first, as (index, finding or None)."""
    from PySide6.QtCore import QModelIndex
    parent = parent if parent is not None else QModelIndex()
    out = []
    for r in range(model.rowCount(parent)):
        idx = model.index(r, 0, parent)
        out.append(idx)
        out.extend(_rows(model, idx))
    return out


def test_a_later_round_tags_each_finding_and_lists_the_corrected_ones(qtbot, window, tmp_path) -> None:
    v1 = write_report(tmp_path / "东山镇初稿.txt", "东山镇", rows=WRONG_TOTAL)
    v2 = write_report(tmp_path / "东山镇修改稿.txt", "东山镇", rows=BALANCE_BROKEN)
    drop_and_wait(qtbot, window, [v1])
    _archived(qtbot, window)
    drop_and_wait(qtbot, window, [v2])
    _archived(qtbot, window)
    window.sync.select_row(window.reports.row_of(str(v2)))
    e = window.current_entry()
    assert e.version.round == 2
    model = window.findings
    assert COLUMNS[ROUND_COLUMN] == "轮次" and COLUMNS[MARK_COLUMN] == "标记"
    tags = {f.rule: data(model.index_of(f.fingerprint).siblingAtColumn(ROUND_COLUMN)) for f in model.all_findings()}
    assert tags == {"T3-BALANCE": "新问题", "OVERVIEW-PARTS": "未整改", "PRIOR-YEAR-REVIEW-MISSING": "未整改"}
    gone = [i for i in _rows(model) if model.finding(i) is None and data(i.siblingAtColumn(ROUND_COLUMN)) == "已整改"]
    assert len(gone) == 1 and data(gone[0].siblingAtColumn(1)).startswith("表三")
    assert data(gone[0], Qt.ItemDataRole.ToolTipRole).startswith("【已整改】表三办理结果合计")
    assert data(gone[0].parent()) == "上一轮已整改（1）"
    assert "第 2 轮：已整改 1 · 未整改 2 · 新问题 1" in window.findings_title.text()
    # the tables' tooltip of a cell of the new finding says 新问题
    balance = next(f for f in model.all_findings() if f.rule == "T3-BALANCE")
    t3 = window.tables.models["t3"]
    r, c = t3._pos[balance.cells[0]]
    assert "［新问题］" in data(t3.index(r, c), Qt.ItemDataRole.ToolTipRole)


def test_an_earlier_round_opened_after_its_resubmission_is_marked_superseded(qtbot, window, tmp_path) -> None:
    v1 = write_report(tmp_path / "东山镇初稿.txt", "东山镇", rows=WRONG_TOTAL)
    v2 = write_report(tmp_path / "东山镇修改稿.txt", "东山镇", rows=BALANCE_BROKEN)
    drop_and_wait(qtbot, window, [v1])
    _archived(qtbot, window)
    drop_and_wait(qtbot, window, [v2])
    _archived(qtbot, window)
    row1 = window.reports.row_of(str(v1))
    qtbot.waitUntil(lambda: window.reports.entry(row1).superseded_by is not None, timeout=20_000)
    e1 = window.reports.entry(row1)
    assert e1.version.round == 1 and e1.superseded_by.round == 2 and e1.superseded_by.file == v2.name
    assert "已被第 2 轮取代" in data(window.reports.index(row1, 0))
    tip = data(window.reports.index(row1, 0), Qt.ItemDataRole.ToolTipRole)
    assert f"已被第 2 轮取代（最新一轮：{v2.name}）" in tip and "有错误" not in tip
    row2 = window.reports.row_of(str(v2))
    assert "取代" not in data(window.reports.index(row2, 0))
    # the list's narrow second line: the mark, or the round's counts, before anything else
    assert window.reports.lines(row1)[1] == "已被第 2 轮取代 · 2024年 · TXT"
    assert window.reports.lines(row2)[1] == "第 2 轮：未整改 2 · 新 1 · 已改 1 · 2024年 · TXT"
    from ui.common import icon
    assert data(window.reports.index(row1, 0), Qt.ItemDataRole.DecorationRole).cacheKey() == icon("dismissed").cacheKey()
    window.sync.select_row(row1)
    assert f"已被第 2 轮（{v2.name}）取代" in window.findings_title.text()
    # its findings carry no round tag of a later round (it is the first round)
    assert all(data(window.findings.index_of(f.fingerprint).siblingAtColumn(ROUND_COLUMN)) == ""
               for f in window.findings.all_findings())
