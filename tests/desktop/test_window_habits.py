"""The window as inspectors use it (issue 16): Excel/WPS habits (block copy, Ctrl+F, zoom), the demo
sample leaving, the reload offer, right-click, export defaults and the message after it, the last
batch coming back, and the layout at 1366 and 1920."""
from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, QPointF, Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication, QWheelEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

import resources
from desktop.main_window import WINDOW_TITLE
from model.standard import T3_COLUMNS
from tests.desktop.gui import WAIT_MS, copy_as, data, drop_and_wait, entry_named, make_window, select_report
from tests.support.corpus import corpus_file
from ui.common import format_number


def _ctrl_wheel(widget, up: bool = True) -> None:
    pos = QPointF(widget.rect().center())
    ev = QWheelEvent(pos, widget.mapToGlobal(pos), QPoint(0, 0), QPoint(0, 120 if up else -120),
                     Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, ev)


# ---------------------------------------------------------------------------- block copy
def test_ctrl_c_copies_a_block_of_cells_as_tab_separated_text(qtbot, window, tmp_path) -> None:
    path = copy_as(tmp_path, "v10_baima_zhen.docx", "白马镇.docx")
    drop_and_wait(qtbot, window, [path])
    report = window.current_entry().result.report
    model, view = window.tables.models["t3"], window.tables.views["t3"]
    rows = ["total", "new"]
    keys = [[f"t3.{r}.{c}" for c in T3_COLUMNS[-3:]] for r in rows]
    first, last = model.index_of_key(keys[0][0]), model.index_of_key(keys[-1][-1])
    view.selectionModel().select(QItemSelection(first, last), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    if first.row() > last.row():
        first, last = last, first
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = QGuiApplication.clipboard().text()
    lines = text.split("\n")
    assert len(lines) == last.row() - first.row() + 1 and all(len(x.split("\t")) == 3 for x in lines)
    by_row = {model.index_of_key(k[0]).row() - first.row(): k for k in keys}
    for offset, row_keys in by_row.items():
        assert lines[offset].split("\t") == [format_number(report.cells[k].value) for k in row_keys]
    total_line = lines[model.index_of_key("t3.total.total").row() - first.row()]
    assert total_line.split("\t")[-1] == "32"  # the report's own 总计 (its error is 32 for 23)
    assert window.tables.copy_text() == text


# ---------------------------------------------------------------------------- find
def test_ctrl_f_finds_in_the_original_and_in_the_findings(qtbot, window, tmp_path) -> None:
    path = copy_as(tmp_path, "v05_shiqiao_xiang.docx", "石桥乡.docx")
    drop_and_wait(qtbot, window, [path])
    src = window.source
    assert src.kind == "rich"
    window.activateWindow()
    table = window.tables.tabs.currentWidget()
    table.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is table, timeout=WAIT_MS)
    window.commands.find.trigger()
    assert src.find_bar.isVisibleTo(window) and not window.findings_find.isVisibleTo(window)
    src.find_bar.edit.setText("政府信息")
    qtbot.keyClick(src.find_bar.edit, Qt.Key.Key_Return)
    cur = src.rich.textCursor()
    assert cur.selectedText() == "政府信息"
    first = cur.selectionStart()
    total = src.rich.document().toPlainText().count("政府信息")
    assert total > 2 and src.find_bar.status.text() == f"1/{total}"  # which match of how many
    qtbot.keyClick(src.find_bar.edit, Qt.Key.Key_Return)
    assert src.rich.textCursor().selectionStart() > first
    assert src.find_bar.status.text() == f"2/{total}"
    src.find_bar.edit.setText("没有这样的句子ＸＹＺ")
    assert not src.find_bar.find_next() and src.find_bar.status.text() == "未找到"

    # in the findings: the next one whose message holds the words becomes current
    findings = window.findings.all_findings()
    target = findings[-1]
    words = target.message[:6]
    window.activateWindow()
    window.findings_view.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is window.findings_view, timeout=WAIT_MS)
    window.commands.find.trigger()  # Ctrl+F with the focus in the findings: find in the findings
    assert window.findings_find.isVisibleTo(window) and window.focusWidget() is window.findings_find.edit
    window.findings_find.edit.setText(words)
    assert window.findings_find.find_next()
    assert words in window.current_finding().message
    n, m = window.marking.find_position(words)
    assert m >= 1 and 1 <= n <= m and window.findings_find.status.text() == f"{n}/{m}"


def test_find_in_a_pdf_boxes_the_text_on_its_page(qtbot, window, tmp_path) -> None:
    path = copy_as(tmp_path, "seed1_aga.pdf", "阿戛镇.pdf")
    drop_and_wait(qtbot, window, [path])
    src = window.source
    assert src.kind == "pdf"
    qtbot.waitUntil(lambda: len(src.pdf.page_rects) > 0, timeout=WAIT_MS)
    block = next(b for b in src.document.blocks if "存在的主要问题" in getattr(b, "text", ""))
    assert src.find_text("存在的主要问题")
    assert src.pdf.highlight == block.location and src.pdf.box_rect() is not None


# ---------------------------------------------------------------------------- zoom
def test_ctrl_wheel_and_ctrl_plus_zoom_the_tables_and_the_source(qtbot, window, tmp_path) -> None:
    path = copy_as(tmp_path, "v04_anping_zrzyj.txt", "安平.txt")
    drop_and_wait(qtbot, window, [path])
    view = window.tables.views["t3"]
    base = window.tables.font_size()
    _ctrl_wheel(view.viewport())
    assert window.tables.font_size() > base
    bigger = window.tables.font_size()
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.tables.font_size() > bigger
    assert window.tables.zoom_label.text() == "125%"  # two steps of 1.12, shown beside the tabs
    assert view.rowHeight(1) > view.fontMetrics().height()  # rows grow with the text
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.tables.font_size() == base
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.tables.font_size() < base

    src = window.source
    assert src.kind == "text"
    before = src.font_size()
    _ctrl_wheel(src.text.viewport())
    assert src.font_size() > before
    qtbot.keyClick(src.text, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert src.font_size() > before
    assert src.zoom_label.isVisibleTo(window) and src.zoom_label.text() == "132%"  # two steps of 1.15
    qtbot.keyClick(src.text, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert src.font_size() == before


def test_the_pdf_opens_at_fit_width_and_zooms_with_ctrl_wheel(qtbot, window, tmp_path) -> None:
    path = copy_as(tmp_path, "seed1_aga.pdf", "阿戛镇.pdf")
    drop_and_wait(qtbot, window, [path])
    pdf = window.source.pdf
    qtbot.waitUntil(lambda: len(pdf.page_rects) > 0, timeout=WAIT_MS)
    assert pdf.zoom == 1.0
    assert pdf.canvas.width() <= pdf.viewport().width()  # nothing cut sideways at 1366
    width = pdf.page_rects[0].width()
    _ctrl_wheel(pdf.viewport())
    assert pdf.zoom == pytest.approx(1.25) and pdf.page_rects[0].width() > width
    assert window.source.zoom_label.text() == "125%"
    window.source.zoom_fit.click()
    assert pdf.zoom == 1.0 and window.source.zoom_label.text() == "100%"


# ---------------------------------------------------------------------------- the demo sample
def test_the_demo_sample_leaves_when_real_reports_come(qtbot, window, tmp_path, monkeypatch) -> None:
    sample = str(resources.path("samples", "sample_report.docx"))
    with qtbot.waitSignal(window.runner.idle, timeout=WAIT_MS):
        window.open_paths([sample])
    assert [e.path for e in window.reports.entries()] == [sample]
    assert window.state.recent() == [] and window.state.last_folder() != os.path.dirname(sample)
    real = copy_as(tmp_path / "报告", "v10_baima_zhen.docx", "白马镇.docx")
    drop_and_wait(qtbot, window, [real])
    assert [e.path for e in window.reports.entries()] == [str(real)]
    assert window.current_entry().path == str(real)
    asked: list[str] = []
    monkeypatch.setattr("ui.file_dialog.ask_save_file", lambda _p, _t, d, _f: asked.append(d) or "")
    window.commands.export.trigger()
    assert os.path.dirname(asked[0]) == str(real.parent)  # the reports' folder, never resources/samples


# ---------------------------------------------------------------------------- changed on disk
def test_a_file_changed_on_disk_offers_to_check_it_again(qtbot, window, tmp_path) -> None:
    path = copy_as(tmp_path, "v04_anping_zrzyj.txt", "安平.txt")
    drop_and_wait(qtbot, window, [path])
    before = window.current_entry()
    assert window.files.reload_offer is None
    text = path.read_bytes()
    path.write_bytes(text.replace("自然资源局".encode("gbk") if b"\xd7\xd4" in text else "自然资源局".encode(),
                                  "自然资源和规划局".encode("gbk") if b"\xd7\xd4" in text else "自然资源和规划局".encode()) + b"\n")
    qtbot.waitUntil(lambda: window.files.reload_offer is not None and window.files.reload_offer.isVisible(), timeout=WAIT_MS)
    assert "文件已更改，重新检查？" in window.files.reload_offer.text() and path.name in window.files.reload_offer.text()
    again = next(b for b in window.files.reload_offer.buttons() if b.text() == "重新检查")
    with qtbot.waitSignal(window.runner.idle, timeout=WAIT_MS):
        again.click()
    after = entry_named(window, path.name)
    assert after is not before and after.state == "done" and after.sha256 != before.sha256


# ---------------------------------------------------------------------------- right-click, export, session
def test_right_click_opens_the_original_or_shows_it_in_its_folder(qtbot, window, tmp_path, monkeypatch) -> None:
    path = copy_as(tmp_path, "v10_baima_zhen.docx", "白马镇.docx")
    drop_and_wait(qtbot, window, [path])
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    monkeypatch.setattr("sys.platform", "linux")
    view = window.report_view
    window.files.reports_menu(view.visualRect(window.reports.index(0, 0)).center())
    actions = {a.text(): a for a in window.files.last_menu.actions() if a.text()}
    assert {"打开原文件（用 WPS / Word 等）", "在文件夹中显示", "重新检查", "关闭所选报告"} <= set(actions)
    actions["打开原文件（用 WPS / Word 等）"].trigger()
    actions["在文件夹中显示"].trigger()
    assert opened == [str(path), str(tmp_path)]
    window.files.last_menu.close()


def test_after_export_the_file_or_its_folder_opens_and_the_next_export_starts_there(qtbot, window, tmp_path,
                                                                                     monkeypatch) -> None:
    pytest.importorskip("openpyxl")
    path = copy_as(tmp_path / "收到的报告", "v10_baima_zhen.docx", "白马镇.docx")
    drop_and_wait(qtbot, window, [path])
    out = tmp_path / "导出" / "清单.xlsx"
    out.parent.mkdir()
    asked: list[str] = []
    monkeypatch.setattr("ui.file_dialog.ask_save_file", lambda _p, _t, d, _f: asked.append(d) or str(out))
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    monkeypatch.setattr("sys.platform", "linux")
    with qtbot.waitSignal(window.runner.exported, timeout=WAIT_MS):
        window.commands.export.trigger()
    assert os.path.dirname(asked[0]) == str(path.parent)
    box = window.last_message
    assert isinstance(box, QMessageBox) and str(out) in box.text()
    buttons = {b.text(): b for b in box.buttons()}
    assert {"打开文件", "打开所在文件夹"} <= set(buttons)
    buttons["打开所在文件夹"].click()
    assert opened == [str(out.parent)]
    with qtbot.waitSignal(window.runner.exported, timeout=WAIT_MS):
        window.commands.export.trigger()
    next(b for b in window.last_message.buttons() if b.text() == "打开文件").click()
    assert opened[-1] == str(out)
    assert os.path.dirname(asked[1]) == str(out.parent)  # the last export's folder


def test_the_last_batch_comes_back_at_the_next_start(qtbot, appdata, tmp_path) -> None:
    w = make_window(qtbot, appdata)
    a = copy_as(tmp_path, "v10_baima_zhen.docx", "白马镇.docx")
    b = copy_as(tmp_path, "v04_anping_zrzyj.txt", "安平.txt")
    drop_and_wait(qtbot, w, [a, b])
    w.close()
    b.unlink()  # gone meanwhile: not opened again
    w2 = make_window(qtbot, appdata)
    with qtbot.waitSignal(w2.runner.idle, timeout=WAIT_MS):
        assert w2.restore_last_batch()
    assert [e.path for e in w2.reports.entries()] == [str(a)] and w2.current_entry().state == "done"


def test_new_files_are_scrolled_into_view(qtbot, appdata, tmp_path) -> None:
    window = make_window(qtbot, appdata, size=(1366, 500))
    paths = [copy_as(tmp_path, "v04_anping_zrzyj.txt", f"批/{i:02d}.txt") for i in range(14)]
    drop_and_wait(qtbot, window, paths[:12])
    view = window.report_view
    last = window.reports.index(window.reports.rowCount() - 1, 0)
    drop_and_wait(qtbot, window, paths[12:])
    last = window.reports.index(window.reports.rowCount() - 1, 0)
    assert view.viewport().rect().intersects(view.visualRect(last))
    assert view.verticalScrollBar().value() > 0


# ---------------------------------------------------------------------------- layout and Chinese
def _table_three_shown(qtbot, appdata, tmp_path, size):  # type: ignore[no-untyped-def]
    """A report's 表三 at `size`: its labels whole, no sideways scrolling, the detail pane as tall as its text."""
    window = make_window(qtbot, appdata, size=size)
    path = copy_as(tmp_path, "v10_baima_zhen.docx", "白马镇.docx")
    drop_and_wait(qtbot, window, [path])
    view = window.tables.views["t3"]
    qtbot.waitUntil(lambda: not window.tables.label_cut("t3") and view.horizontalScrollBar().maximum() == 0, timeout=5000)
    header = view.horizontalHeader()
    assert [g[2] for g in header.groups] == ["法人或其他组织"] and (header.groups[0][1] - header.groups[0][0]) == 4
    d = window.tables.detail
    assert d.verticalScrollBar().maximum() == 0 or d.height() >= sum(window.tables.split.sizes()) * 2 // 5 - 2
    return window, view


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])  # 1280×720: 1920×1080 at 150 %
def test_table_three_labels_are_not_cut_and_do_not_scroll_sideways(qtbot, appdata, tmp_path, size) -> None:
    _table_three_shown(qtbot, appdata, tmp_path, size)


def test_on_a_full_hd_screen_table_three_labels_are_on_one_line(qtbot, appdata, tmp_path) -> None:
    window, view = _table_three_shown(qtbot, appdata, tmp_path, (1920, 1080))
    label = max((r.label for r in window.tables.models["t3"].layout.rows), key=len)
    assert view.columnWidth(0) >= view.fontMetrics().horizontalAdvance(label)


def test_title_settings_and_recent_are_chinese_and_whole(qtbot, window, tmp_path) -> None:
    assert window.windowTitle() == WINDOW_TITLE and "年报审校" not in window.windowTitle()
    from checks.catalogue import CATALOGUE, GROUPS
    from ui.settings_dialog import SettingsDialog
    d = SettingsDialog(window.session.settings, window)
    items = [d.rules.item(i) for i in range(d.rules.count())]
    ids = [it.data(Qt.ItemDataRole.UserRole) for it in items if it.data(Qt.ItemDataRole.UserRole)]
    expected = [r.id for g in GROUPS for r in CATALOGUE.values() if r.group == g]
    assert ids == expected
    names = [it.text().strip() for it in items if it.data(Qt.ItemDataRole.UserRole)]
    assert names == [CATALOGUE[i].name for i in expected] and not any(n.isascii() for n in names)
    d.close()
    folder = tmp_path / "各单位报告"
    folder.mkdir()
    window.state.opened([str(folder)])
    window.commands.fill_recent()
    texts = [a.text() for a in window.commands.recent_menu.actions()]
    assert texts[0] == f"文件夹：{folder}" and not any("📁" in t for t in texts)


def test_qt_chinese_translations_are_loaded_and_bundled(qapp) -> None:
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication

    from desktop.i18n import install_qt_translations
    loaded = install_qt_translations(qapp)
    assert loaded and loaded[0].endswith("qtbase_zh_CN.qm")
    assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
    assert QCoreApplication.translate("QFileDialog", "Files of type:") != "Files of type:"
    from PySide6.QtWidgets import QLabel, QPushButton
    dialog = QFileDialog(None, "打开报告文件")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    texts = [w.text().replace("&", "") for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton) if w.text()]
    assert "查找范围(L)：" in texts and "文件类型(T)：" in texts and "取消" in texts
    assert not any(c.isascii() and c.isalpha() and c not in "LTNO" for t in texts for c in t), texts
    dialog.deleteLater()
    spec = (Path(__file__).resolve().parents[2] / "build_spec" / "nianbao-check.spec").read_text(encoding="utf-8")
    assert 'KEEP_TRANSLATIONS = ("qtbase_zh_CN.qm",)' in spec


def test_help_is_chinese(capsys) -> None:
    from desktop.cli import main
    for argv in (["--help"], ["check", "--help"], ["bodies", "--help"], ["gui", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        out = capsys.readouterr().out
        assert out.startswith("用法：") and "选项" in out
        for english in ("usage", "options", "show this help", "positional arguments", "FILE_OR_DIR", "OUT.xlsx"):
            assert english not in out, (argv, english)
    with pytest.raises(SystemExit):
        main(["check"])
    err = capsys.readouterr().err
    assert "错误：缺少必需的参数" in err and "required" not in err


def test_a_scan_shows_its_pages(qtbot, window, tmp_path) -> None:
    path = copy_as(tmp_path, "u02_scanned.pdf", "扫描件.pdf")
    drop_and_wait(qtbot, window, [path])
    select_report(window, path.name)
    src = window.source
    assert src.kind == "pdf" and "扫描件" in src.notes.text()
    qtbot.waitUntil(lambda: len(src.pdf.page_rects) > 0 and len(src.pdf.images) > 0, timeout=WAIT_MS)
    assert not next(iter(src.pdf.images.values()))[1].isNull()
    assert data(window.reports.index(0, 1)) == ""


def test_the_cell_of_a_finding_stays_in_view_when_the_detail_pane_grows(qtbot, appdata) -> None:
    """Choosing a finding with a long explanation grows the detail pane under the tables; the
    table shrinks and must scroll again so the finding's cell is still seen."""
    w = make_window(qtbot, appdata, size=(1920, 1080))
    drop_and_wait(qtbot, w, [corpus_file("v10_baima_zhen.docx")])
    finding = next(f for f in w.findings.all_findings() if f.rule == "T3-RESULT-TOTAL")
    w.findings_view.setCurrentIndex(w.findings.index_of(finding.fingerprint))
    view = w.tables.views["t3"]

    def in_view() -> bool:
        cur = view.currentIndex()
        return cur.isValid() and view.viewport().rect().contains(view.visualRect(cur).center())

    qtbot.waitUntil(in_view, timeout=5000)
