"""The real main window, offscreen, driven the way an inspector drives it: files dropped or chosen
from the menu (Chinese names with spaces), read in the background, findings clicked."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QInputDialog

from tests.desktop.gui import (
    WAIT_MS,
    click_finding,
    copy_as,
    data,
    drop,
    drop_and_wait,
    entry_named,
    make_window,
    open_from_menu,
    select_report,
)
from tests.support.corpus import CORPUS
from ui.common import Role
from ui.findings_model import MARK_COLUMN

ROOT = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------------------- tests
def test_dropped_report_shows_its_wrong_cell_and_a_click_links_table_and_source(qtbot, window, tmp_path) -> None:
    path = copy_as(tmp_path, "v10_baima_zhen.docx", "乡镇 报告/白马镇 2024年报.docx")
    drop_and_wait(qtbot, window, [path], target=window.report_view.viewport())
    e = window.current_entry()
    assert e is not None and e.name == "白马镇 2024年报.docx" and e.status == "error"
    row = window.reports.row_of(str(path))
    assert data(window.reports.index(row, 0)).startswith("白马镇人民政府\n2024年 · DOCX")
    assert data(window.reports.index(row, 1)) == "1"  # one error

    t3 = window.tables.models["t3"]
    cell = t3.index_of_key("t3.total.total")
    assert data(cell, Role.SEVERITY) == "error" and data(cell, Role.PRIMARY)
    assert data(cell, Qt.ItemDataRole.DecorationRole) is not None
    assert "应改为：表三·“（七）总计”行·“总计”列 23" in data(cell, Qt.ItemDataRole.ToolTipRole)
    highlighted = {t3.key_at(t3.index(r, c)) for r in range(t3.rowCount()) for c in range(1, t3.columnCount())
                   if data(t3.index(r, c), Role.PRIMARY)}
    assert highlighted == {"t3.total.total"}

    window.findings_view.setCurrentIndex(QModelIndex())
    window.source.rich.verticalScrollBar().setValue(0)
    f = click_finding(qtbot, window, "T3-RESULT-TOTAL")
    assert window.tables.tabs.currentWidget() is window.tables.views["t3"]
    assert f.fix == {"t3.total.total": 23}
    assert set(window.tables.selected_keys()) == {"t3.total.total"}  # the cell to change, not the right ones
    assert window.source.kind == "rich"
    assert window.source.location == f.location and (f.location.table, f.location.row) == (1, 26)
    box = window.source.rich.box_rect()
    assert box is not None and window.source.rich.viewport().rect().intersects(box.toRect())
    assert window.source.place.text() == f.location.describe()


def test_clicking_a_table_cell_shows_its_source_place_and_its_finding(qtbot, window, tmp_path) -> None:
    path = copy_as(tmp_path, "v10_baima_zhen.docx", "白马镇 2024年报.docx")
    drop_and_wait(qtbot, window, [path])
    window.findings_view.setCurrentIndex(QModelIndex())
    view, model = window.tables.views["t3"], window.tables.models["t3"]
    window.tables.tabs.setCurrentWidget(view)
    idx = model.index_of_key("t3.total.total")
    view.scrollTo(idx)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(idx).center())
    report = window.current_entry().result.report
    assert window.source.location == report.cells["t3.total.total"].location
    assert window.current_finding().rule == "T3-RESULT-TOTAL"
    assert "应改为：表三·“（七）总计”行·“总计”列 23" in window.tables.detail.toPlainText()
    # a clean cell: its place, and no finding selected
    idx = model.index_of_key("t3.new.natural")
    view.scrollTo(idx)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(idx).center())
    assert window.source.location == report.cells["t3.new.natural"].location
    assert not window.findings_view.selectionModel().hasSelection()


def test_pdf_from_the_menu_scrolls_to_the_page_and_boxes_the_cell(qtbot, window, tmp_path, monkeypatch) -> None:
    path = copy_as(tmp_path, "v02_chengguan_jd.pdf", "城关街道 2024 年报.pdf")
    open_from_menu(qtbot, window, monkeypatch, [path])
    assert window.current_entry().name == path.name
    pdf = window.source.pdf
    qtbot.waitUntil(lambda: bool(pdf.sizes), timeout=WAIT_MS)
    pdf.verticalScrollBar().setValue(0)
    assert pdf.page_in_view() == 0
    f = click_finding(qtbot, window, "T3-ROW-TOTAL")  # both rows: one cause
    assert f.location.page == 1 and f.location.bbox is not None
    assert f.suspects and set(window.tables.selected_keys()) == set(f.suspects)  # swapped rows: one of them is wrong
    assert window.source.kind == "pdf" and pdf.highlight == f.location
    assert pdf.page_in_view() == 1
    box = pdf.box_rect()
    top = pdf.verticalScrollBar().value()
    assert box is not None and top <= box.top() and box.bottom() <= top + pdf.viewport().height()
    qtbot.waitUntil(lambda: 1 in pdf.images and not pdf.images[1][1].isNull(), timeout=WAIT_MS)
    assert window.source.place.text().startswith("第 2 页")
    # every suspect is boxed, not only the first (both rows of the swap)
    places = {report_cell.location for k in f.suspects if (report_cell := window.current_entry().result.report.cells.get(k))}
    assert len(pdf.box_rects()) == len(places | {f.location}) >= 2


def test_text_report_moves_to_the_line(qtbot, window, tmp_path) -> None:
    path = copy_as(tmp_path, "v04_anping_zrzyj.txt", "安平县 自然资源局.txt")
    drop_and_wait(qtbot, window, [path], target=window.source.rich.viewport())  # onto the source pane
    window.source.text.verticalScrollBar().setValue(0)
    f = click_finding(qtbot, window, "T4-TOTAL")
    assert window.source.kind == "text"
    assert window.source.text.current_line() == f.location.line == 71
    assert window.source.text.viewport().rect().intersects(window.source.text.box_rect().toRect())
    assert window.tables.tabs.currentWidget() is window.tables.views["t4"]
    assert window.source.place.text() == "第 72 行"


def test_workbook_moves_to_the_sheet_cell(qtbot, window, tmp_path) -> None:
    path = copy_as(tmp_path, "v03_liulin_zhen.xlsx", "柳林镇 年报.xlsx")
    drop_and_wait(qtbot, window, [path])
    f = click_finding(qtbot, window, "T3-RESULT-TOTAL")  # both columns: one cause
    sheet = window.source.sheet
    assert window.source.kind == "sheet" and sheet.current_sheet() == f.location.sheet
    assert sheet.currentWidget().model().highlight == (f.location.row, f.location.col)
    assert window.source.place.text().startswith(f.location.describe())
    report = window.current_entry().result.report
    others = {(c.location.row, c.location.col) for k in f.cells_to_change if (c := report.cells.get(k))} - {
        (f.location.row, f.location.col)}
    assert sheet.currentWidget().model().also == others  # every cell of the correction boxed


def test_a_dismissed_finding_stays_dismissed_when_the_file_is_opened_again(qtbot, appdata, tmp_path, monkeypatch) -> None:
    window = make_window(qtbot, appdata)
    path = copy_as(tmp_path, "v05_shiqiao_xiang.docx", "石桥乡 2024年报.docx")
    drop_and_wait(qtbot, window, [path])
    e = window.current_entry()
    errors = e.count("error")
    f = click_finding(qtbot, window, "CELL-VALUE")
    assert f.cells and f.severity == "error"
    key = f.cells[0]
    table = window.tables.models[key.split(".")[0]]
    assert data(table.index_of_key(key), Role.SEVERITY) == "error"
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("经电话核实，此格应为 0", True)))
    window.commands.dismiss.trigger()
    assert e.count("error") == errors - 1
    assert data(window.findings.index_of(f.fingerprint), Role.MARK).dismissed
    assert data(table.index_of_key(key), Role.SEVERITY) is None
    assert "已忽略 1" in data(window.reports.index(0, 0))
    window.close()

    # a new start of the program; the same content under another name
    again = make_window(qtbot, appdata)
    moved = copy_as(tmp_path, "v05_shiqiao_xiang.docx", "再次报送/石桥乡 年报（修改稿）.docx")
    drop_and_wait(qtbot, again, [moved])
    e2 = again.current_entry()
    assert e2.count("error") == errors - 1
    mark = e2.marks[f.fingerprint]
    assert mark.dismissed and mark.reason == "经电话核实，此格应为 0"
    idx = again.findings.index_of(f.fingerprint)
    assert data(idx.sibling(idx.row(), MARK_COLUMN)) == "已忽略：经电话核实，此格应为 0"
    assert data(again.tables.models[key.split(".")[0]].index_of_key(key), Role.SEVERITY) is None
    assert "已忽略 1" in data(again.reports.index(0, 0))
    # and it can be taken back
    again.findings_view.setCurrentIndex(idx)
    again.commands.unmark.trigger()
    assert e2.count("error") == errors


def test_unreadable_files_show_their_message(qtbot, window, tmp_path) -> None:
    scanned = copy_as(tmp_path, "u02_scanned.pdf", "扫描 件.pdf")
    cut = copy_as(tmp_path, "u01_truncated.pdf", "截断 的报告.pdf")
    drop_and_wait(qtbot, window, [scanned, cut])
    for name, words in ((scanned.name, "扫描件"), (cut.name, "不完整")):
        select_report(window, name)
        e = window.current_entry()
        assert e.status == "unreadable"
        row = window.reports.row_of(e.path)
        assert words in data(window.reports.index(row, 0))
        assert data(window.reports.index(row, 1)) == ""
        # a PDF that cannot be read still shows its pages (a scan), with why it cannot be checked
        assert window.source.kind == "pdf" and window.source.pdf.path == e.path
        assert words in window.source.notes.text() and window.source.notes.isVisibleTo(window.source)
        if name == scanned.name:
            qtbot.waitUntil(lambda: len(window.source.pdf.page_rects) > 0, timeout=WAIT_MS)
        assert window.findings.rowCount() == 0
        assert data(window.tables.models["t3"].index_of_key("t3.total.total")) == ""
    assert "2 份无法读取" in window.statusBar().currentMessage()


@pytest.mark.corpus  # twenty of the corpus's files
def test_gui_thread_is_never_blocked_while_twenty_files_are_read(qtbot, window, tmp_path) -> None:
    names = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".pdf", ".docx", ".xlsx", ".txt"))
    if len(names) < 20:
        pytest.skip("corpus too small")
    folder = tmp_path / "乡镇年报 2024"
    for i, name in enumerate(names[:20]):
        copy_as(tmp_path, name, f"乡镇年报 2024/{i:02d} {name}")
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(15)
    timer.timeout.connect(tick)
    timer.start()
    arrived: list[str] = []
    window.runner.file_done.connect(lambda o: arrived.append(o.path))
    drop_and_wait(qtbot, window, [folder], timeout=90_000)
    timer.stop()
    entries = window.reports.entries()
    assert len(arrived) == 20 and len(entries) == 20
    assert all(e.state == "done" for e in entries)
    assert max(gaps) < 0.5, f"GUI thread blocked for {max(gaps):.3f} s"
    assert not window.progress.isVisible()


def test_a_batch_can_be_cancelled(qtbot, appdata, tmp_path) -> None:
    window = make_window(qtbot, appdata, max_threads=1)
    pdfs = sorted(p.name for p in CORPUS.glob("seed*.pdf"))
    if not pdfs:
        pytest.skip("no PDF in the corpus")
    for i in range(20):
        copy_as(tmp_path, pdfs[i % len(pdfs)], f"批量/{i:02d} 报告.pdf")
    with qtbot.waitSignal(window.runner.idle, timeout=WAIT_MS):
        drop(window, [tmp_path / "批量"])
        qtbot.waitUntil(lambda: window.reports.rowCount() == 20, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: any(e.state == "done" for e in window.reports.entries()), timeout=WAIT_MS)
        qtbot.waitUntil(window.progress.isVisible, timeout=WAIT_MS)
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    entries = window.reports.entries()
    done = [e for e in entries if e.state == "done"]
    cancelled = [e for e in entries if e.state == "cancelled"]
    assert len(entries) == 20 and 0 < len(done) < 20 and len(done) + len(cancelled) == 20
    assert f"已取消 {len(cancelled)} 个文件" in window.statusBar().currentMessage()
    assert not window.progress.isVisible() and not window.runner.busy
    # a cancelled file stays in the list, says so, and is read when asked again (F5 on it)
    row = window.reports.row_of(cancelled[-1].path)
    assert "已取消读取" in data(window.reports.index(row, 0))
    window.report_view.setCurrentIndex(window.reports.index(row, 0))
    assert "已取消读取" in window.source.message.text()
    with qtbot.waitSignal(window.runner.idle, timeout=WAIT_MS):
        window.commands.reload.trigger()
    again = window.reports.entry(row)
    assert again.path == cancelled[-1].path and again.state == "done" and again.result.report is not None
    assert window.current_entry() is again and window.tables.models["t3"].rowCount() > 0
    assert sum(1 for e in window.reports.entries() if e.state == "cancelled") == len(cancelled) - 1


def test_an_exception_in_a_slot_or_a_worker_is_logged_and_told_in_chinese(qtbot, window, tmp_path, monkeypatch) -> None:
    from desktop import workers
    from desktop.app import ErrorReporter

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    reporter = ErrorReporter(window)
    reporter.install()

    def broken_slot() -> None:
        raise ZeroDivisionError("测试用的错误")

    with qtbot.waitSignal(reporter._report, timeout=WAIT_MS):
        QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: reporter._open is not None and reporter._open.isVisible(), timeout=WAIT_MS)
    assert "已记录到日志文件" in reporter._open.text()
    reporter._open.close()

    real = workers.check_file

    def exploding(path, *a, **k):
        if "坏" in str(path):
            raise RuntimeError("引擎内部故障")
        return real(path, *a, **k)

    monkeypatch.setattr(workers, "check_file", exploding)
    window.runner.processes = 0  # the replaced reader lives in this process, not in the workers
    bad = copy_as(tmp_path, "seed1_aga.docx", "坏 文件.docx")
    good = copy_as(tmp_path, "v10_baima_zhen.docx", "好 文件.docx")
    drop_and_wait(qtbot, window, [bad, good])
    assert entry_named(window, bad.name).status == "unreadable"
    assert "内部错误" in entry_named(window, bad.name).result.error
    assert entry_named(window, good.name).status == "error"  # the batch went on
    assert window.last_message is not None and "内部错误" in window.last_message.text()
    log = (window.appdata / "nianbao-check.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError: 测试用的错误" in log and "RuntimeError: 引擎内部故障" in log

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    window.commands.log.trigger()
    assert opened and opened[0].toLocalFile() == str(window.appdata / "nianbao-check.log")


def test_window_state_and_recent_files_come_back(qtbot, appdata, tmp_path) -> None:
    w = make_window(qtbot, appdata)
    path = copy_as(tmp_path, "seed1_aga.docx", "阿戛镇 年报.docx")
    drop_and_wait(qtbot, w, [path])
    w.resize(720, 520)
    w.main_split.setSizes([200, 300, 220])
    sizes = w.main_split.sizes()
    w.close()
    w2 = make_window(qtbot, appdata, size=None)
    assert (w2.width(), w2.height()) == (720, 520)
    assert w2.main_split.sizes() == sizes
    assert w2.state.last_folder() == str(tmp_path)
    assert w2.state.recent()[0] == str(path)
    w2.commands.fill_recent()
    action = next(a for a in w2.commands.recent_menu.actions() if a.data() == str(path))
    assert action.text() == f"{path.name}　（{tmp_path}）"
    with qtbot.waitSignal(w2.runner.idle, timeout=WAIT_MS):
        action.trigger()
    assert w2.current_entry().name == path.name and w2.current_entry().state == "done"


def test_export_checklist_from_the_menu(qtbot, window, tmp_path, monkeypatch) -> None:
    pytest.importorskip("openpyxl")
    try:
        from export import write_checklist  # noqa: F401
    except ImportError:
        pytest.skip("export/ not available yet")
    path = copy_as(tmp_path, "v10_baima_zhen.docx", "白马镇 2024年报.docx")
    drop_and_wait(qtbot, window, [path])
    out = tmp_path / "整改 清单.xlsx"
    monkeypatch.setattr("ui.file_dialog.ask_save_file", lambda *a, **k: str(out))
    with qtbot.waitSignal(window.runner.exported, timeout=WAIT_MS):
        window.commands.export.trigger()
    assert out.is_file() and out.stat().st_size > 0
    assert "整改清单已保存" in window.statusBar().currentMessage()
    # a target that cannot be written: the export's own Chinese message, no crash
    blocked = tmp_path / "是文件夹.xlsx"
    blocked.mkdir()
    monkeypatch.setattr("ui.file_dialog.ask_save_file", lambda *a, **k: str(blocked))
    with qtbot.waitSignal(window.runner.exported, timeout=WAIT_MS):
        window.commands.export.trigger()
    assert "文件夹" in window.last_message.text()
    assert window.commands.export.isEnabled()


def test_export_of_confirmed_findings_only(qtbot, window, tmp_path, monkeypatch) -> None:
    import openpyxl

    path = copy_as(tmp_path, "v05_shiqiao_xiang.docx", "石桥乡 2024年报.docx")
    drop_and_wait(qtbot, window, [path])
    f = click_finding(qtbot, window, "CELL-VALUE")
    window.commands.confirm.trigger()
    total = len(window.current_entry().result.findings)
    asked: list[int] = []
    out = tmp_path / "只含已核实.xlsx"
    monkeypatch.setattr("ui.file_dialog.ask_save_file", lambda *a, **k: str(out))
    monkeypatch.setattr("desktop.exports.ask_only_confirmed", lambda _w, n: asked.append(n) or True)
    with qtbot.waitSignal(window.runner.exported, timeout=WAIT_MS):
        window.commands.export.trigger()
    assert asked == [1] and total > 1
    ws = openpyxl.load_workbook(out)["整改清单"]
    rows = [r for r in ws.iter_rows(min_row=4, max_col=13, values_only=True) if isinstance(r[0], int)]
    assert [(r[5], r[10]) for r in rows] == [(f.message, "是")]


def test_program_without_arguments_opens_the_window(tmp_path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_APPDATA=str(tmp_path), NIANBAO_STARTUP_PROBE="1")
    p = subprocess.run([sys.executable, "-m", "desktop"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert "shown" in p.stdout


def test_a_click_shows_a_finding_once_and_a_second_click_shows_it_again(qtbot, window, tmp_path) -> None:
    path = copy_as(tmp_path, "v05_shiqiao_xiang.docx", "石桥乡.docx")
    drop_and_wait(qtbot, window, [path])
    shown: list[object] = []
    window.sync.finding_changed.connect(shown.append)
    view = window.findings_view
    f = next(f for f in window.findings.all_findings() if f.rule == "CELL-VALUE" and f is not window.current_finding())
    idx = window.findings.index_of(f.fingerprint)
    view.scrollTo(idx)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(idx).center())
    assert shown == [f]                       # pressed and released: shown once
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(idx).center())
    assert shown == [f, f]                    # a click on the current finding shows it again
