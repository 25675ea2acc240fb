"""文件 → 打印预览 (Ctrl+P) in the window: only with a report that was read selected, also in the report
list's right-click menu; the preview is of that report's body's 整改通知, the 已核实 choice as in the export."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence

from export.correction import fmt, should_be
from export.names import position
from export.requirements import rule_name
from tests.desktop.gui import click_finding, copy_as, drop_and_wait, select_report
from tests.test_no_network import no_sockets  # noqa: F401  (the fixture)
from ui.print_preview import NoticePreviewDialog, notice_table


def _open_preview(qtbot, window, monkeypatch, only: bool | None = None) -> tuple[NoticePreviewDialog, list[int]]:
    asked: list[int] = []
    monkeypatch.setattr("desktop.exports.ask_only_confirmed", lambda _w, n, *_a: asked.append(n) or bool(only))
    window.commands.print_preview.trigger()
    dialog = window.exports.preview_dialog
    assert isinstance(dialog, NoticePreviewDialog)
    qtbot.waitExposed(dialog)
    return dialog, asked


def test_the_action_needs_a_report_that_was_read(qtbot, window, tmp_path) -> None:
    a = window.commands.print_preview
    assert a.text() == "打印预览…" and a.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert a in window.menuBar().actions()[0].menu().actions()  # 文件, beside 导出整改通知
    assert not a.isEnabled()
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"%PDF-1.4 nonsense")
    drop_and_wait(qtbot, window, [copy_as(tmp_path, "v05_shiqiao_xiang.docx", "石桥乡.docx"), bad])
    select_report(window, "石桥乡.docx")
    assert a.isEnabled()
    select_report(window, "坏.pdf")  # unreadable: no notice to print
    assert not a.isEnabled()
    select_report(window, "石桥乡.docx")
    window.report_view.clearSelection()
    window.close_all()
    assert not a.isEnabled()


def test_the_preview_shows_the_selected_bodys_notice(qtbot, window, tmp_path, monkeypatch) -> None:
    drop_and_wait(qtbot, window, [copy_as(tmp_path, "v05_shiqiao_xiang.docx", "石桥乡.docx"),
                                  copy_as(tmp_path, "v10_baima_zhen.docx", "白马镇.docx")])
    select_report(window, "石桥乡.docx")
    e = window.current_entry()
    body = e.result.report.unit
    dialog, asked = _open_preview(qtbot, window, monkeypatch)
    assert asked == []  # nothing marked 已核实: nothing asked
    assert dialog.windowTitle() == f"打印预览 — {body}" and dialog.isVisible()
    assert dialog.preview().pageCount() >= 1 and dialog.pages == dialog.preview().pageCount()
    text = dialog.document.toPlainText()
    active = [f for f in e.result.findings if f.fingerprint not in e.marks]
    assert f"{body}：" in text and len(dialog.content.rows) == len(active) > 0
    assert notice_table(dialog.document).rows() == 1 + len(active)
    cell = next(f for f in active if f.rule == "CELL-VALUE")
    assert rule_name(cell.rule) in text and fmt(should_be(cell)) in text
    assert "白马镇" not in text  # the other body's findings are not in this letter
    dialog.close()


def test_only_confirmed_filters_the_rows(qtbot, window, tmp_path, monkeypatch) -> None:
    drop_and_wait(qtbot, window, [copy_as(tmp_path, "v05_shiqiao_xiang.docx", "石桥乡.docx")])
    f = click_finding(qtbot, window, "CELL-VALUE")
    window.commands.confirm.trigger()
    total = len(window.current_entry().result.findings)
    dialog, asked = _open_preview(qtbot, window, monkeypatch, only=True)
    assert asked == [1] and len(dialog.content.rows) == 1 < total
    assert dialog.content.rows[0][1] == position(f) and dialog.content.rows[0][3].startswith(f.message)
    assert notice_table(dialog.document).rows() == 2
    dialog.close()
    dialog, asked = _open_preview(qtbot, window, monkeypatch, only=False)
    assert asked == [1] and len(dialog.content.rows) == total
    dialog.close()


def test_the_report_menu_offers_the_preview(qtbot, window, tmp_path) -> None:
    drop_and_wait(qtbot, window, [copy_as(tmp_path, "v10_baima_zhen.docx", "白马镇.docx")])
    view = window.report_view
    window.files.reports_menu(view.visualRect(window.reports.index(0, 0)).center())
    assert window.commands.print_preview in window.files.last_menu.actions()
    window.files.last_menu.close()


@pytest.mark.usefixtures("no_sockets")
def test_the_preview_opens_without_the_network(qtbot, window, tmp_path, monkeypatch) -> None:
    drop_and_wait(qtbot, window, [copy_as(tmp_path, "v10_baima_zhen.docx", "白马镇.docx")])
    dialog, _ = _open_preview(qtbot, window, monkeypatch)
    assert dialog.preview().pageCount() >= 1
    dialog.close()
