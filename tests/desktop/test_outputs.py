"""The window's outputs (issue 27): 导出整改清单 writes the office's checklist and, beside it, the
township's (without the inspector's columns); the notices' question is asked in a box titled for notices."""
from __future__ import annotations

import openpyxl

from export.checklist import HEADER_ROW, township_path
from tests.desktop.gui import WAIT_MS, click_finding, copy_as, drop_and_wait


def test_the_checklist_export_writes_the_office_and_the_township_version(qtbot, window, tmp_path, monkeypatch) -> None:
    drop_and_wait(qtbot, window, [copy_as(tmp_path, "v05_shiqiao_xiang.docx", "石桥乡.docx")])
    click_finding(qtbot, window, "CELL-VALUE")
    window.commands.confirm.trigger()
    out = tmp_path / "整改清单.xlsx"
    asked: list[tuple[object, ...]] = []
    monkeypatch.setattr("ui.file_dialog.ask_save_file", lambda *a, **k: str(out))
    monkeypatch.setattr("desktop.exports.ask_only_confirmed", lambda *a: asked.append(a[1:]) or False)
    with qtbot.waitSignal(window.runner.exported, timeout=WAIT_MS):
        window.commands.export.trigger()
    office, township = openpyxl.load_workbook(out), openpyxl.load_workbook(township_path(out))
    head = [c.value for c in office["整改清单"][HEADER_ROW]]
    assert "已核实" in head and "核实人/日期" in head and "汇总" in office.sheetnames
    head = [c.value for c in township["整改清单"][HEADER_ROW]]
    assert "已核实" not in head and "核实人/日期" not in head and "汇总" not in township.sheetnames
    rows = [r for r in office["整改清单"].iter_rows(min_row=HEADER_ROW + 1, values_only=True) if isinstance(r[0], int)]
    assert len(rows) == len(window.current_entry().result.findings) > 1  # 全部: not only the one 已核实
    assert str(township_path(out)) in window.last_message.text()

    monkeypatch.setattr("ui.file_dialog.ask_folder", lambda *a, **k: str(tmp_path / "通知"))
    with qtbot.waitSignal(window.runner.written, timeout=WAIT_MS):
        window.commands.notices.trigger()
    assert asked == [(1,), (1, "导出整改通知")]
