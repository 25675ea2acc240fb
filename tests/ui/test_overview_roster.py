"""The overview dialog's 导入单位名单 and 导出通报, and its times against the deadline."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from archive import Archive
from archive.overview import MISSING, Overview
from checks.settings import RuleSettings
from ui.overview import OverviewDialog
from ui.overview_model import COLUMNS


def _rec(a: Archive, sha: str, unit: str, signed: str | None = None):
    return a.record(sha256=sha, file=f"{sha}.docx", unit=unit, year=2024, format="docx", cells={}, sentences=[],
                    findings=[], signed=signed)


def test_the_roster_imported_from_the_dialog_sets_the_missing(qtbot, tmp_path: Path) -> None:
    (tmp_path / "名单.csv").write_text("单位名称,简称\n青山县东山镇人民政府,\n青山县财政局,县财政局\n青山县教育局,\n", encoding="utf-8")
    with Archive(tmp_path / "a.db") as a:
        _rec(a, "x", "东山镇人民政府", "2025-02-03")
        _rec(a, "y", "县财政局")
        dlg = OverviewDialog(a, 2024, rules=RuleSettings())
        qtbot.addWidget(dlg)
        assert "未导入单位名单" in dlg.roster_label.text() and not any(r.status == MISSING for r in dlg.model.rows)
        said = dlg.import_roster(str(tmp_path / "名单.csv"))
        assert said == "已导入 3 个单位。其中 1 个单位原以简称记录，已合并。"  # 县财政局
        assert "单位名单：3 个单位（名单.csv" in dlg.roster_label.text()
        assert [(r.body, r.status) for r in dlg.model.rows if r.status == MISSING] == [("青山县教育局", MISSING)]
        assert sorted(r.body for r in dlg.model.rows) == ["青山县东山镇人民政府", "青山县教育局", "青山县财政局"]
        m = dlg.model
        row = next(i for i, r in enumerate(m.rows) if r.body == "青山县东山镇人民政府")
        cols = {name: m.data(m.index(row, c)) for c, name in enumerate(COLUMNS)}
        assert cols["落款日期"] == "2025年2月3日" and cols["时限"].startswith("逾期报送") and "落款晚于期限 3 天" in cols["时限"]
        assert cols["收到时间"][:4].isdigit()


def test_a_list_that_cannot_be_read_is_said_and_nothing_changes(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    (tmp_path / "坏.xlsx").write_bytes(b"PK\x03\x04 broken")
    with Archive(tmp_path / "a.db") as a:
        _rec(a, "x", "东山镇人民政府")
        dlg = OverviewDialog(a, 2024)
        qtbot.addWidget(dlg)
        dlg.import_roster(str(tmp_path / "坏.xlsx"))
        assert len(said) == 1 and "不是可读取的 Excel 工作簿" in said[0] and a.roster() == []


def test_the_bulletin_button_hands_over_the_overview_shown(qtbot, tmp_path: Path) -> None:
    got: list[Overview] = []
    with Archive(tmp_path / "a.db") as a:
        _rec(a, "x", "东山镇人民政府")
        dlg = OverviewDialog(a, 2024, bulletin=got.append)
        qtbot.addWidget(dlg)
        assert dlg.bulletin_button.isEnabled()
        qtbot.mouseClick(dlg.bulletin_button, Qt.MouseButton.LeftButton)
        assert got == [dlg.model.overview] and got[0].year == 2024
        plain = OverviewDialog(a, 2024)
        qtbot.addWidget(plain)
        assert not plain.bulletin_button.isEnabled()  # no one to write it: the button is off
