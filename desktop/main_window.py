"""The main window: wiring of the report list, the findings tree, the tables and the source view
to the background reader, the marks store and the settings. No reading or rule logic here."""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from checks import SEVERITIES
from checks.finding import Finding
from checks.settings import Settings
from importers import REPORT_EXTENSIONS
from model.standard import describe_key
from ui.common import finding_tooltip, icon, severity_name
from ui.findings_model import FindingsModel
from ui.report_list import Entry, HintTreeView, ReportListModel, ReportListView
from ui.source_view import SourceView
from ui.tables_panel import TablesPanel

from . import __version__
from .appdata import app_data_dir, setup_logging
from .marks import MarkStore
from .workers import CheckRunner, Outcome, TaskCrash

log = logging.getLogger(__name__)
MAX_RECENT = 10
SHOW_PROGRESS_AFTER_MS = 300
OPEN_FILTER = "报告文件 ({});;所有文件 (*)".format(" ".join(f"*{e}" for e in sorted(REPORT_EXTENSIONS)))


class MainWindow(QMainWindow):
    def __init__(self, appdata: Path | None = None, max_threads: int | None = None,
                 processes: int | None = None) -> None:
        super().__init__()
        self.appdata = Path(appdata) if appdata is not None else app_data_dir()
        self.log_file = setup_logging(self.appdata)
        self.settings = QSettings(str(self.appdata / "window.ini"), QSettings.Format.IniFormat)
        self.store = MarkStore(self.appdata)
        check_settings = self.appdata / "settings.json"
        try:
            settings = Settings.load(check_settings if check_settings.is_file() else None)
        except (OSError, ValueError) as e:
            log.warning("settings file %s unreadable: %s", check_settings, e)
            settings = Settings()
        self.runner = CheckRunner(self, settings, max_threads, processes)
        self.reports = ReportListModel(self)
        self.findings = FindingsModel(self)
        self.entry: Entry | None = None          # the report shown
        self._quiet = False                      # set while a selection is made in code
        self._select_when_done: str | None = None
        self._cross_token = 0
        self._cross_entries: list[Entry] = []
        self.last_message: QMessageBox | None = None

        self.setWindowTitle("年报审校 — 政府信息公开工作年度报告")
        self.setAcceptDrops(True)
        self._build_views()
        for child in self.findChildren(QWidget):  # read-only text views would swallow dropped files
            child.setAcceptDrops(False)
        self._build_actions()
        self._build_status()
        self._connect()
        self._restore_state()

    # ------------------------------------------------------------------ layout
    def _build_views(self) -> None:
        self.report_view = ReportListView()
        self.report_view.setModel(self.reports)
        left = _titled("已打开的报告", self.report_view)

        self.tables = TablesPanel()
        self.findings_view = HintTreeView()
        self.findings_view.setModel(self.findings)
        self.findings_view.setUniformRowHeights(True)
        self.findings_view.setAllColumnsShowFocus(True)
        self.findings_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.findings_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        fh = self.findings_view.header()
        fh.setStretchLastSection(False)
        fh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        fh.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        fh.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        fm = self.fontMetrics()
        fh.resizeSection(1, fm.horizontalAdvance("表格 2 第 27 行") + 12)
        fh.resizeSection(2, fm.horizontalAdvance("已忽略：理由") + 12)
        self.findings_title = QLabel("问题")
        findings_box = _titled(self.findings_title, self.findings_view)

        self.center = QSplitter(Qt.Orientation.Vertical)
        self.center.addWidget(self.tables)
        self.center.addWidget(findings_box)
        self.center.setStretchFactor(0, 3)
        self.center.setStretchFactor(1, 2)

        self.source = SourceView()
        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.addWidget(left)
        self.main_split.addWidget(self.center)
        self.main_split.addWidget(self.source)
        self.main_split.setStretchFactor(0, 0)
        self.main_split.setStretchFactor(1, 1)
        self.main_split.setStretchFactor(2, 1)
        self.main_split.setChildrenCollapsible(False)
        self.setCentralWidget(self.main_split)

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setStatusTip(tip)
            a.setToolTip(tip + (f"（{a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}）" if shortcut else ""))
        a.triggered.connect(lambda _checked=False: slot())
        return a

    def _build_actions(self) -> None:
        st = self.style()
        self.act_open = self._action("打开文件…", self.choose_files, QKeySequence.StandardKey.Open, "打开一个或多个报告文件")
        self.act_open.setIcon(st.standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton))
        self.act_open_dir = self._action("打开文件夹…", self.choose_folder, "Ctrl+Shift+O", "打开文件夹中的全部报告")
        self.act_open_dir.setIcon(st.standardIcon(QStyle.StandardPixmap.SP_DirOpenIcon))
        self.act_export = self._action("导出整改清单…", self.export_checklist, "Ctrl+E", "把已打开报告的问题导出为 Excel 整改清单")
        self.act_export.setIcon(st.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton))
        self.act_reload = self._action("重新检查", self.reload_current, QKeySequence.StandardKey.Refresh, "重新读取并检查所选报告")
        self.act_reload.setIcon(st.standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.act_close = self._action("关闭所选报告", self.close_current, QKeySequence.StandardKey.Close)
        self.act_close_all = self._action("关闭全部报告", self.close_all)
        self.act_quit = self._action("退出", self.close, QKeySequence.StandardKey.Quit)
        self.act_confirm = self._action("标为已核实", lambda: self.mark_current("confirmed"), "Ctrl+1", "确认这是需要整改的问题")
        self.act_dismiss = self._action("忽略…", lambda: self.mark_current("dismissed"), "Ctrl+2", "忽略这条问题（可填写理由）")
        self.act_unmark = self._action("取消标记", lambda: self.mark_current(None), "Ctrl+0")
        self.act_confirm.setIcon(icon("clean"))
        self.act_dismiss.setIcon(icon("dismissed"))
        self.act_unmark.setIcon(st.standardIcon(QStyle.StandardPixmap.SP_DialogResetButton))
        self.act_settings = self._action("检查设置…", self.edit_settings, tip="公布期限、单位层级、启用的规则")
        self.act_log = self._action("查看日志", self.open_log, tip="打开程序的日志文件")
        self.act_about = self._action("关于年报审校", self.about)
        self.act_cancel = self._action("取消读取", self.cancel_reading, "Esc")
        self.act_cancel.setEnabled(False)

        bar = self.menuBar()
        m = bar.addMenu("文件(&F)")
        m.addActions([self.act_open, self.act_open_dir])
        self.recent_menu = m.addMenu("最近打开")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        m.addSeparator()
        m.addActions([self.act_reload, self.act_export])
        m.addSeparator()
        m.addActions([self.act_close, self.act_close_all])
        m.addSeparator()
        m.addAction(self.act_settings)
        m.addSeparator()
        m.addAction(self.act_quit)
        m = bar.addMenu("标记(&M)")
        m.addActions([self.act_confirm, self.act_dismiss, self.act_unmark])
        m = bar.addMenu("帮助(&H)")
        m.addActions([self.act_log, self.act_about])

        tb = self.addToolBar("工具栏")
        tb.setObjectName("main_toolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.setMovable(False)
        tb.addActions([self.act_open, self.act_open_dir, self.act_export])
        tb.addSeparator()
        tb.addActions([self.act_confirm, self.act_dismiss, self.act_unmark])
        self.addAction(self.act_cancel)
        self._update_mark_actions(None)

    def _build_status(self) -> None:
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setFormat("正在读取 %v / %m")
        self.cancel_button = QPushButton("取消")
        self.cancel_button.clicked.connect(self.cancel_reading)
        sb = self.statusBar()
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()
        self._progress_timer = QTimer(self, singleShot=True, interval=SHOW_PROGRESS_AFTER_MS)
        self._progress_timer.timeout.connect(self._show_progress)
        sb.showMessage("把报告文件或文件夹拖到窗口中，或按 Ctrl+O 打开。")

    def _connect(self) -> None:
        r = self.runner
        r.file_queued.connect(self._on_queued)
        r.file_done.connect(self._on_done)
        r.progress.connect(self._on_progress)
        r.idle.connect(self._on_idle)
        r.crashed.connect(self._on_crashed)
        r.cross_done.connect(self._on_cross)
        r.exported.connect(self._on_exported)
        self.report_view.selectionModel().currentRowChanged.connect(self._on_report_current)
        self.findings_view.selectionModel().currentRowChanged.connect(self._on_finding_current)
        self.findings_view.clicked.connect(lambda idx: self._on_finding_current(idx, QModelIndex()))
        self.findings_view.customContextMenuRequested.connect(self._findings_menu)
        self.tables.cell_selected.connect(self._on_cell)

    # ------------------------------------------------------------------ opening
    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "打开报告文件", self._last_folder(), OPEN_FILTER)
        if files:
            self.open_paths(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "打开文件夹（读取其中全部报告）", self._last_folder())
        if folder:
            self.open_paths([folder])

    def open_paths(self, paths: list[str]) -> None:
        """Files and folders, as from the menu, a drop, the recent list or the command line."""
        paths = [os.path.abspath(p) for p in paths if p]
        if not paths:
            return
        first = paths[0]
        self.settings.setValue("last_folder", first if os.path.isdir(first) else os.path.dirname(first))
        self._add_recent(paths)
        if len(paths) == 1 and not os.path.isdir(first):
            self._select_when_done = first
        self.statusBar().showMessage("正在读取…")
        self.runner.start(paths)
        if not self._progress_timer.isActive() and not self.progress.isVisible():
            self._progress_timer.start()
        self.act_cancel.setEnabled(True)

    def _on_queued(self, path: str) -> None:
        row = self.reports.add_pending(path)
        if self.entry is not None and self.entry.path == self.reports.entry(row).path:
            self._show_entry(self.entry)
        elif self._select_when_done == path or self.report_view.currentIndex().row() < 0:
            self._select_row(row)

    def _on_done(self, outcome: Outcome) -> None:
        marks = self.store.marks(outcome.sha256)
        row = self.reports.set_result(outcome.path, outcome.result, outcome.sha256, marks)
        current = self.report_view.currentIndex().row()
        if current == row or current < 0:
            self._select_row(row, force=True)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)

    def _show_progress(self) -> None:
        if self.runner.busy:
            self.progress.show()
            self.cancel_button.show()

    def _on_idle(self) -> None:
        self._progress_timer.stop()
        self.progress.hide()
        self.cancel_button.hide()
        self.act_cancel.setEnabled(False)
        self._select_when_done = None
        dropped = self.reports.remove_pending()
        n = len(self.reports.entries())
        bad = sum(1 for e in self.reports.entries() if e.status == "unreadable")
        msg = f"已打开 {n} 份报告" + (f"，其中 {bad} 份无法读取" if bad else "") + (f"；已取消 {dropped} 个文件" if dropped else "")
        self.statusBar().showMessage(msg, 15000)
        if self.report_view.currentIndex().row() < 0 and n:
            self._select_row(0)
        self._check_across()

    def cancel_reading(self) -> None:
        if self.runner.busy:
            self.runner.cancel()

    def reload_current(self) -> None:
        if self.entry is not None:
            self.open_paths([self.entry.path])

    def close_current(self) -> None:
        row = self.report_view.currentIndex().row()
        if row >= 0 and self.reports.entry(row) is not None and self.reports.entry(row).state == "done":
            self.reports.remove(row)
            if self.reports.rowCount() == 0:
                self._show_entry(None)
            self._check_across()

    def close_all(self) -> None:
        self.runner.cancel()
        self.reports.clear()
        self._show_entry(None)

    # ------------------------------------------------------------------ across reports
    def _check_across(self) -> None:
        """Checks across the opened reports (consecutive years, copied text): the findings of
        each report are its own plus what the others show about it."""
        entries = [e for e in self.reports.entries() if e.state == "done" and e.result is not None]
        readable = [e for e in entries if e.result.report is not None]
        self._cross_token = -1
        if len(readable) < 2:
            self._apply_cross(entries, [[] for _ in entries])
            return
        self._cross_entries = entries
        self._cross_token = self.runner.check_across([e.result.report for e in entries])

    def _on_cross(self, token: int, extra: object) -> None:
        if token == self._cross_token:
            self._apply_cross(self._cross_entries, extra)  # type: ignore[arg-type]

    def _apply_cross(self, entries: list[Entry], extra: list[list[Finding]]) -> None:
        order = {s: i for i, s in enumerate(SEVERITIES)}
        live = {id(e) for e in self.reports.entries()}
        for e, found in zip(entries, extra):
            if id(e) not in live or e.result is None:
                continue
            new = sorted(e.own_findings + list(found), key=lambda f: order[f.severity])
            if [f.fingerprint for f in new] != [f.fingerprint for f in e.result.findings]:
                e.result.findings = new
                self.reports.refresh(self.reports.row_of(e.path))
                if e is self.entry:
                    self._show_entry(e, keep_finding=True)

    # ------------------------------------------------------------------ showing a report
    def _select_row(self, row: int, force: bool = False) -> None:
        idx = self.reports.index(row, 0)
        if not idx.isValid():
            return
        sm = self.report_view.selectionModel()
        if sm.currentIndex().row() == row and force:
            self._show_entry(self.reports.entry(row))
            return
        sm.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _on_report_current(self, current: QModelIndex, _prev: QModelIndex) -> None:
        self._show_entry(self.reports.entry(current.row()) if current.isValid() else None)

    def current_entry(self) -> Entry | None:
        return self.entry

    def _show_entry(self, entry: Entry | None, keep_finding: bool = False) -> None:
        keep = self.current_finding().fingerprint if keep_finding and self.current_finding() else None
        self.entry = entry
        if entry is None:
            self.findings.set_findings([], {})
            self.tables.set_report(None, [], {})
            self.source.show_message("打开报告后，这里显示原文，并框出所选问题的位置。")
            self._update_findings_title()
            return
        r = entry.result
        if entry.state != "done" or r is None:
            self.findings.set_findings([], {})
            self.tables.set_report(None, [], {})
            self.source.show_message(f"正在读取“{entry.name}”…", f"原文：{entry.name}")
        elif r.report is None:
            self.findings.set_findings([], {})
            self.tables.set_report(None, [], {})
            self.tables.detail.setPlainText(f"无法读取“{entry.name}”：{r.error}")
            self.source.show_message(f"无法读取“{entry.name}”\n\n{r.error}", f"原文：{entry.name}")
        else:
            self.findings.set_findings(r.findings, entry.marks)
            self.findings_view.expandAll()
            self.tables.set_report(r.report, r.findings, entry.marks)
            if r.document is not None:
                self.source.set_document(r.document, r.report.notes)
            else:
                self.source.show_message("原文未保留。", f"原文：{entry.name}")
            self._select_first_finding(keep)
        self._update_findings_title()

    def _select_first_finding(self, fingerprint: str | None = None) -> None:
        idx = self.findings.index_of(fingerprint) if fingerprint else QModelIndex()
        if not idx.isValid():
            for f in self.findings.all_findings():
                m = self.entry.marks.get(f.fingerprint) if self.entry else None
                if m is None or not m.dismissed:
                    idx = self.findings.index_of(f.fingerprint)
                    break
        if idx.isValid():
            self.findings_view.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.findings_view.scrollTo(idx)
        else:
            self.tables.detail.setPlainText("未发现问题。" if self.findings.count() == 0 else "")

    def _update_findings_title(self) -> None:
        e = self.entry
        if e is None or e.result is None or e.result.report is None:
            self.findings_title.setText("问题")
            self.findings_view.set_placeholder("")
            return
        self.findings_view.set_placeholder("未发现问题")
        counts = "　".join(f"{severity_name(s)} {e.count(s)}" for s in SEVERITIES)
        extra = f"　（{s}）" if (s := e.marks_summary()) else ""
        self.findings_title.setText(f"问题：{counts}{extra}")

    def current_finding(self) -> Finding | None:
        return self.findings.finding(self.findings_view.currentIndex())

    def _on_finding_current(self, current: QModelIndex, _prev: QModelIndex) -> None:
        f = self.findings.finding(current)
        self._update_mark_actions(f)
        if self._quiet or f is None or self.entry is None or self.entry.result is None:
            return
        report = self.entry.result.report
        self.tables.select_cells(f.cells)
        loc = f.location
        if loc.is_document and f.cells and report is not None and f.cells[0] in report.cells:
            loc = report.cells[f.cells[0]].location
        self.source.show_location(loc)
        text = finding_tooltip(f, self.entry.marks.get(f.fingerprint))
        if f.cells:
            text += f"\n单元格：{describe_key(f.cells[0])}"
        self.tables.detail.setPlainText(f"{text}\n原文位置：{loc.describe()}")

    def _on_cell(self, key: str) -> None:
        """The inspector picked a table cell: show its source place and its findings."""
        if self.entry is None or self.entry.result is None or self.entry.result.report is None:
            return
        cell = self.entry.result.report.cells.get(key)
        self.source.show_location(cell.location if cell is not None else None)
        table = self.tables.models[key.split(".", 1)[0]]
        found = table.findings_at(key)
        if cell is None:
            head = f"{describe_key(key)}：报告中未找到这一格"
        else:
            filled = f"填写“{cell.raw}”" if cell.raw else "未填写"
            head = f"{describe_key(key)}：{filled}　原文位置：{cell.location.describe()}"
        lines = [head]
        lines += [finding_tooltip(f, self.entry.marks.get(f.fingerprint)) for f in found]
        self.tables.detail.setPlainText("\n".join(lines))
        if found:
            idx = self.findings.index_of(found[0].fingerprint)
            self._quiet = True
            try:
                self.findings_view.selectionModel().setCurrentIndex(
                    idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.findings_view.scrollTo(idx)
            finally:
                self._quiet = False
        else:
            self.findings_view.selectionModel().clearSelection()

    # ------------------------------------------------------------------ marks
    def _update_mark_actions(self, f: Finding | None) -> None:
        for a in (self.act_confirm, self.act_dismiss, self.act_unmark):
            a.setEnabled(f is not None)

    def mark_current(self, state: str | None) -> None:
        f, e = self.current_finding(), self.entry
        if f is None or e is None:
            return
        if not e.sha256:
            self._message("warning", "无法保存标记", "无法读取该文件的内容指纹，标记不能保存。")
            return
        reason = ""
        if state == "dismissed":
            reason, ok = QInputDialog.getText(self, "忽略此问题", f"{f.message}\n\n忽略的理由（可不填）：")
            if not ok:
                return
            reason = reason.strip()
        try:
            marks = self.store.set(e.sha256, e.name, f.fingerprint, state, reason)
        except OSError as err:
            log.exception("marks not saved")
            self._message("warning", "标记未能保存", f"标记未能写入 {self.store.path}：{err}")
            return
        for other in self.reports.entries():
            if other.sha256 == e.sha256:
                other.marks = marks
                self.reports.refresh(self.reports.row_of(other.path))
        self.findings.set_marks(marks)
        self.tables.set_marks(marks)
        self._update_findings_title()
        self.statusBar().showMessage(f"已标记：{marks[f.fingerprint].label()}" if state else "已取消标记", 5000)

    def _findings_menu(self, pos) -> None:
        if self.findings.finding(self.findings_view.indexAt(pos)) is None:
            return
        menu = QMenu(self)
        menu.addActions([self.act_confirm, self.act_dismiss, self.act_unmark])
        menu.popup(self.findings_view.viewport().mapToGlobal(pos))

    # ------------------------------------------------------------------ export, log, errors
    def export_checklist(self) -> None:
        entries = [e for e in self.reports.entries() if e.state == "done" and e.result is not None]
        if not entries:
            self._message("information", "导出整改清单", "还没有已读取的报告。请先打开报告。")
            return
        default = os.path.join(self._last_folder(), f"整改清单_{dt.date.today():%Y%m%d}.xlsx")
        out, _ = QFileDialog.getSaveFileName(self, "导出整改清单", default, "Excel 工作簿 (*.xlsx)")
        if not out:
            return
        if not out.lower().endswith(".xlsx"):
            out += ".xlsx"
        dismissed = {e.path: {fp: m.reason for fp, m in e.marks.items() if m.dismissed} for e in entries}
        dismissed = {p: d for p, d in dismissed.items() if d}
        self.act_export.setEnabled(False)
        self.statusBar().showMessage("正在导出整改清单…")
        self.runner.export([e.result for e in entries], out, dismissed, __version__)

    def _on_exported(self, value: object) -> None:
        self.act_export.setEnabled(True)
        if isinstance(value, Path):
            self.statusBar().showMessage(f"整改清单已保存：{value}", 15000)
            self._message("information", "导出完成", f"整改清单已保存到：\n{value}")
        elif isinstance(value, ImportError):
            log.warning("export unavailable: %s", value)
            self._message("warning", "导出整改清单", "导出功能暂不可用（缺少导出模块）。")
        elif isinstance(value, TaskCrash):
            self._on_crashed(value)
        else:
            self.statusBar().showMessage("整改清单未能保存", 8000)
            self._message("warning", "整改清单未能保存", str(value))

    def _on_crashed(self, crash: TaskCrash) -> None:
        log.error("%s failed:\n%s", crash.what, crash.text)
        self._message("critical", "出错了", f"{crash.what}时发生内部错误，已记录到日志文件。\n"
                      "可通过“帮助 → 查看日志”查看详情；其他报告不受影响。")

    def edit_settings(self) -> None:
        """The settings dialog; on OK the settings are saved and every opened report re-checked."""
        from ui.settings_dialog import SettingsDialog
        dialog = SettingsDialog(self.runner.settings, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.apply_settings(dialog.value())

    def apply_settings(self, settings: Settings) -> None:
        target = self.appdata / "settings.json"
        try:
            target.write_text(json.dumps(settings.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
        except OSError as e:
            self._message("warning", "设置未保存", f"设置无法写入 {target}：{e}")
        self.runner.settings = settings
        paths = [e.path for e in self.reports.entries() if e.state == "done"]
        if paths:
            self.open_paths(paths)

    def open_log(self) -> None:
        path = self.log_file
        if not path.exists():
            path.touch()
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._message("information", "日志文件", f"日志文件位于：\n{path}")

    def about(self) -> None:
        self._message("information", "关于年报审校",
                      f"年报审校 {__version__}\n政府信息公开工作年度报告离线审校工具。\n\n"
                      f"标记与日志保存在：\n{self.appdata}")

    def _message(self, kind: str, title: str, text: str) -> QMessageBox:
        """A message that does not block: the window stays usable (and tests never hang)."""
        icons = {"information": QMessageBox.Icon.Information, "warning": QMessageBox.Icon.Warning,
                 "critical": QMessageBox.Icon.Critical}
        box = QMessageBox(icons[kind], title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self.last_message = box
        return box

    # ------------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event) -> None:
        if _local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = _local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)

    # ------------------------------------------------------------------ state
    def _last_folder(self) -> str:
        folder = str(self.settings.value("last_folder", "") or "")
        return folder if folder and os.path.isdir(folder) else str(Path.home())

    def recent(self) -> list[str]:
        value = self.settings.value("recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def _add_recent(self, paths: list[str]) -> None:
        items = [p for p in self.recent() if p not in paths]
        self.settings.setValue("recent", (list(reversed(paths)) + items)[:MAX_RECENT])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        items = self.recent()
        for p in items:
            label = os.path.basename(p) or p
            a = self.recent_menu.addAction(("📁 " if os.path.isdir(p) else "") + label)
            a.setToolTip(p)
            a.setStatusTip(p)
            a.setEnabled(os.path.exists(p))
            a.triggered.connect(lambda _c=False, p=p: self.open_paths([p]))
        if not items:
            self.recent_menu.addAction("（无）").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("清除列表").triggered.connect(lambda: self.settings.setValue("recent", []))

    def _restore_state(self) -> None:
        geo = self.settings.value("geometry")
        if not (isinstance(geo, QByteArray) and self.restoreGeometry(geo)):
            screen = self.screen().availableGeometry() if self.screen() else None
            w, h = 1366, 768
            if screen is not None:
                w, h = min(w, screen.width()), min(h, screen.height())
            self.resize(w, h)
        for key, split, default in (("splitter/main", self.main_split, [340, 530, 496]),
                                    ("splitter/center", self.center, [420, 260])):
            state = self.settings.value(key)
            if not (isinstance(state, QByteArray) and split.restoreState(state)):
                split.setSizes(default)
        state = self.settings.value("window_state")
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def save_state(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState())
        self.settings.setValue("splitter/main", self.main_split.saveState())
        self.settings.setValue("splitter/center", self.center.saveState())
        self.settings.sync()

    def closeEvent(self, event) -> None:
        self.save_state()
        self.runner.shutdown()
        self.source.shutdown()
        super().closeEvent(event)


def _titled(title: str | QLabel, body: QWidget) -> QWidget:
    w = QWidget()
    lay = QVBoxLayout(w)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(0)
    label = title if isinstance(title, QLabel) else QLabel(title)
    label.setStyleSheet("font-weight:bold; padding:4px 6px;")
    lay.addWidget(label)
    lay.addWidget(body, 1)
    return w


def _local_paths(mime) -> list[str]:
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]

