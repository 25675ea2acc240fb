"""The main window: the layout of the report list, the findings tree, the tables and the source
view, and the routing of the background reader's signals to the session (review.session), which
holds the opened files, their marks and the settings. No reading or rule logic here."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from checks.finding import Finding
from checks.settings import Settings
from importers import REPORT_EXTENSIONS
from pipeline.atomic import remove_stale_temps
from review.session import Entry, Session
from ui import file_dialog as dialogs
from ui.find_bar import FindBar
from ui.findings_model import FindingsModel
from ui.report_list import HintTreeView, ReportFilterBar, ReportListView
from ui.report_list_model import ReportListModel
from ui.source_view import SourceView
from ui.tables_panel import TablesPanel

from . import __version__, detail
from .actions import WindowActions
from .appdata import app_data_dir, setup_logging
from .exports import Exports
from .file_watch import FileWatch
from .marking import Marking
from .open_list import OpenList
from .progress import ReadingProgress
from .selection_sync import SelectionSync
from .widgets import dropped_paths, open_file, show_in_folder, splitter, titled
from .window_state import WindowState, is_sample
from .workers import CheckRunner, Outcome, TaskCrash

log = logging.getLogger(__name__)
OPEN_FILTER = "报告文件 ({});;所有文件 (*)".format(" ".join(f"*{e}" for e in sorted(REPORT_EXTENSIONS)))
WINDOW_TITLE = "政府信息公开工作年度报告"
MESSAGE_ICONS = {"information": QMessageBox.Icon.Information, "warning": QMessageBox.Icon.Warning,
                 "critical": QMessageBox.Icon.Critical}


SETTLE_AFTER_MS = 10  # a real timer, not a queued call: the event loop paints the new rows in between
LIST_SAVE_MS = 200    # the open list is written this long after it last changed (once for a folder of files)


class MainWindow(QMainWindow):
    def __init__(self, appdata: Path | None = None, max_threads: int | None = None,
                 processes: int | None = None) -> None:
        super().__init__()
        self.appdata = Path(appdata) if appdata is not None else app_data_dir()
        self.log_file = setup_logging(self.appdata)
        self.state = WindowState(self.appdata)
        remove_stale_temps(self.appdata)  # left by a writer that was killed
        self.open_list = OpenList(self.appdata)
        self.previous_open = self.open_list.load()
        self.open_list.save(self.previous_open.paths)  # running: a kill from now on is seen at the next start
        self.restore_offer: QMessageBox | None = None
        self.session = Session(self.appdata)
        self.runner = CheckRunner(self, self.session.settings, max_threads, processes)
        self.reports = ReportListModel(self.session.entries, self)
        self.findings = FindingsModel(self)
        self._select_when_done: str | None = None
        self._scroll_row: int | None = None  # the last file queued: scrolled to once the files queued together are in
        self._select_row: int | None = None  # the file to show then
        self._cross_token = -1
        self.last_message: QMessageBox | None = None
        self.reload_offer: QMessageBox | None = None
        self.watch = FileWatch(self)

        self.setWindowTitle(WINDOW_TITLE)  # Qt adds “ — 年报审校” (the application's display name)
        self.setAcceptDrops(True)
        self._build_views()
        for child in self.findChildren(QWidget):  # read-only text views would swallow dropped files
            child.setAcceptDrops(False)
        self.exports = Exports(self)
        self.marking = Marking(self)
        self.commands = WindowActions(self)
        self._build_status()
        self.sync = SelectionSync(self.reports, self.report_view, self.findings, self.findings_view,
                                  self.findings_title, self.tables, self.source, self)
        self._connect()
        self._fit_panes = not self.state.restore(self, {"splitter/main": (self.main_split, [260, 600, 506]),
                                                        "splitter/center": (self.center, [480, 220])})

    # ------------------------------------------------------------------ layout
    def _build_views(self) -> None:
        self.report_view = ReportListView()
        self.report_view.setModel(self.reports)
        self.findings_view = HintTreeView()
        self.findings_view.setModel(self.findings)
        self.findings_view.setUniformRowHeights(True)
        self.findings_view.setAllColumnsShowFocus(True)
        self.findings_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # bulk marking
        self.findings_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.findings_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        fh = self.findings_view.header()
        fh.setStretchLastSection(False)
        fh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, sample in ((1, "表格 2 第 27 行"), (2, "已忽略：理由")):
            fh.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            fh.resizeSection(col, self.fontMetrics().horizontalAdvance(sample) + 12)
        self.findings_title = QLabel("问题")
        self.findings_find = FindBar("在问题中查找（说明、规则、原文句子）", self._find_finding)
        findings_pane = _stacked(self.findings_find, self.findings_view)
        self.tables = TablesPanel()
        self.center = splitter(Qt.Orientation.Vertical, [(self.tables, 3), (titled(self.findings_title, findings_pane), 2)])
        self.source = SourceView()
        self.report_filter = ReportFilterBar(self.report_view)
        self.report_filter.watch(self.reports)
        reports_pane = _stacked(self.report_filter, self.report_view)
        self.main_split = splitter(Qt.Orientation.Horizontal,
                                    [(titled("已打开的报告", reports_pane), 0), (self.center, 1), (self.source, 1)])
        self.main_split.setChildrenCollapsible(False)
        self.setCentralWidget(self.main_split)
        self.report_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.report_view.customContextMenuRequested.connect(self._reports_menu)

    def _build_status(self) -> None:
        self.reading = ReadingProgress(self.statusBar(), lambda: self.runner.busy, self.cancel_reading)
        self.progress, self.cancel_button = self.reading.bar, self.reading.cancel_button
        self.statusBar().showMessage("把报告文件或文件夹拖到窗口中，或按 Ctrl+O 打开。" if self.session.archive is not None
                                     else f"审校台账无法打开，整改复核和跨年度比对不可用：{self.session.archive_error}")
        if self.session.settings_note:
            QTimer.singleShot(0, lambda: self.message("warning", "检查设置", self.session.settings_note))

    def _connect(self) -> None:
        r = self.runner
        r.file_queued.connect(self._on_queued)
        r.file_done.connect(self._on_done)
        r.progress.connect(self.reading.advanced)
        r.reading.connect(self.reading.paged)
        r.idle.connect(self._on_idle)
        r.crashed.connect(self.on_crashed)
        r.cross_done.connect(self._on_cross)
        self.sync.finding_changed.connect(lambda f: self.commands.set_marking_enabled(f is not None))
        self.report_view.selectionModel().currentRowChanged.connect(self._report_actions)
        for sig in (self.reports.dataChanged, self.reports.rowsRemoved, self.reports.modelReset):
            sig.connect(self._report_actions)
        self.watch.changed.connect(self._on_files_changed)
        self.watch.missing.connect(self._on_files_missing)
        self._list_timer = QTimer(self, singleShot=True, interval=LIST_SAVE_MS)
        self._list_timer.timeout.connect(self._save_open_list)
        for sig in (self.reports.rowsInserted, self.reports.rowsRemoved, self.reports.modelReset,
                    self.reports.layoutChanged):
            sig.connect(self._list_timer.start)

    def _report_actions(self, *_args) -> None:
        """打印预览 needs a selected report that was read. A report selected is looked for on disk too
        (the watcher misses files on some network drives)."""
        e = self.reports.entry(self.sync.current_row())
        if e is not None and e.finished and not e.missing and not os.path.exists(e.path):
            self._on_files_missing([e.path])
        self.commands.print_preview.setEnabled(self.exports.printable_entry() is not None)

    def current_entry(self) -> Entry | None:
        return self.sync.entry

    def current_finding(self) -> Finding | None:
        return self.sync.current_finding()

    # ------------------------------------------------------------------ opening
    def choose_files(self) -> None:
        files = dialogs.ask_open_files(self, "打开报告文件", self.state.last_folder(), OPEN_FILTER)
        if files:
            self.open_paths(files)

    def choose_folder(self) -> None:
        folder = dialogs.ask_folder(self, "打开文件夹（读取其中全部报告）", self.state.last_folder())
        if folder:
            self.open_paths([folder])

    def open_paths(self, paths: list[str]) -> None:
        """Files and folders, as from the menu, a drop, the recent list or the command line."""
        paths = [os.path.abspath(p) for p in paths if p]
        if not paths:
            return
        if not all(is_sample(p) for p in paths):
            self._drop_demo()
        self.state.opened(paths)
        if len(paths) == 1 and not os.path.isdir(paths[0]):
            self._select_when_done = paths[0]
        self.statusBar().showMessage("正在读取…")
        self.runner.start(paths)
        self._scroll_now()  # the files given are in: scrolled before the list is painted (once, not twice)
        self._lay_out_views()
        self.reading.started()
        self.commands.cancel.setEnabled(True)

    def _drop_demo(self) -> None:
        """Real reports come: the bundled sample opened as a demo (dev.py run) leaves the list."""
        for row in reversed(range(self.reports.rowCount())):
            e = self.reports.entry(row)
            if is_sample(e.path) and e.state != "queued":
                self.watch.forget(e.path)
                self.reports.remove(row)
        if self.sync.entry is not None and self.reports.row_of(self.sync.entry.path) < 0:
            self.sync.show_entry(None)

    def restore_last_batch(self) -> bool:
        """Open again the reports open at the last close (those still there). After a crash or a kill
        the window says what it restored and offers to start empty."""
        prev = self.previous_open
        paths = [p for p in prev.paths if os.path.exists(p)] if prev.known else self.state.last_batch()
        if not paths:
            return False
        self.open_paths(paths)
        if not prev.closed_normally:
            gone = len(prev.paths) - len(paths)
            self._offer_empty_start(f"恢复了上次未正常关闭时打开的 {len(paths)} 份报告"
                                    + (f"（另有 {gone} 份原文件已删除或移动）" if gone else "") + "。")
        return True

    def _offer_empty_start(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "已恢复上次打开的报告",
                          text + "\n\n标记和检查设置均已保留。", parent=self)
        box.addButton("继续", QMessageBox.ButtonRole.AcceptRole)
        empty = box.addButton("清空列表，从空白开始", QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(lambda b: self.close_all() if b is empty else None)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self.restore_offer = box

    def open_report_paths(self) -> list[str]:
        """The files in the list, as the next start reopens them (not the demo sample)."""
        return [e.path for e in self.reports.entries() if not is_sample(e.path)]

    def _save_open_list(self) -> None:
        self.open_list.save(self.open_report_paths())

    def _on_queued(self, path: str) -> None:
        row = self.reports.add_pending(path)
        shown = self.sync.entry
        if shown is not None and shown.path == self.reports.entry(row).path:
            self.sync.show_entry(self.reports.entry(row))
        elif self._select_when_done == path or (self.sync.current_row() < 0 and self._select_row is None):
            self._select_row = row
        # a new file is seen where it arrives, and the first one is shown, once for the files queued
        # together and after their rows are painted (a scroll per file held the window up; showing the
        # first report in the same turn made one paint of ~50 ms instead of two of ~25)
        if self._scroll_row is None:
            QTimer.singleShot(SETTLE_AFTER_MS, self._settle_queued)
        self._scroll_row = row

    def _settle_queued(self) -> None:
        self._scroll_now()
        row, self._select_row = self._select_row, None
        if row is not None and row < self.reports.rowCount():
            self.sync.select_row(row)

    def _lay_out_views(self) -> None:
        """The views lay out their new rows now, not while they are first painted: a view that finds
        its rows' height or a scroll bar while painting asks the window for a new layout, and the
        whole window is painted a second time right after (~40 ms more while the files come)."""
        for view in self.findChildren(QAbstractItemView):
            if view.isVisible():
                view.executeDelayedItemsLayout()
                view.updateGeometries()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _scroll_now(self) -> None:
        row, self._scroll_row = self._scroll_row, None
        if row is not None and row < self.reports.rowCount():
            self.report_view.scrollTo(self.reports.index(row, 0))

    def _on_done(self, outcome: Outcome) -> None:
        marks = self.session.marks_of(outcome.sha256)
        row = self.reports.set_result(outcome.path, outcome.result, outcome.sha256, marks)
        self.watch.watch(outcome.path)
        if self.sync.current_row() in (row, -1):
            self.sync.select_row(row, force=True)

    def _on_idle(self) -> None:
        self.reading.finished()
        self.commands.cancel.setEnabled(False)
        self._select_when_done = None
        dropped = self.reports.remove_pending()
        self.statusBar().showMessage(detail.batch_message(self.reports.entries(), dropped), 15000)
        if self.sync.current_row() < 0 and self.reports.rowCount():
            self.sync.select_row(0)
        self._check_across()

    def cancel_reading(self) -> None:
        if self.runner.busy:
            self.runner.cancel()

    def selected_entries(self) -> list[Entry]:
        """The reports selected in the list (several with Ctrl/Shift), else the one shown."""
        rows = sorted({i.row() for i in self.report_view.selectionModel().selectedRows(0)})
        chosen = [e for r in rows if (e := self.reports.entry(r)) is not None]
        return chosen or ([self.sync.entry] if self.sync.entry is not None else [])

    def reload_current(self) -> None:
        """F5: read the selected reports again (also those whose reading was cancelled); a file no
        longer there is said, not read."""
        chosen = self.selected_entries()
        gone = [e for e in chosen if not os.path.exists(e.path)]
        if gone:
            self._on_files_missing([e.path for e in gone])
            self.statusBar().showMessage("原文件已删除或移动，无法重新检查：" + "、".join(e.name for e in gone[:3])
                                         + ("等" if len(gone) > 3 else ""), 10000)
        paths = [e.path for e in chosen if e not in gone]
        if paths:
            self.open_paths(paths)

    def _on_files_missing(self, paths: list[str]) -> None:
        """An opened file was deleted, renamed or moved: its row says so (its reading stays shown)."""
        changed = []
        for p in paths:
            e = self.reports.entry(self.reports.row_of(p))
            if e is not None and e.finished and not e.missing:
                e.missing = True
                changed.append(e)
        if changed:
            self.reports.refresh_entries(changed)
            self.statusBar().showMessage("原文件已删除或移动：" + "、".join(e.name for e in changed[:3])
                                         + ("等" if len(changed) > 3 else ""), 10000)

    def _on_files_changed(self, paths: list[str]) -> None:
        """An opened file was saved again: offer to check it again (a box that does not block)."""
        paths = [p for p in paths if self.reports.row_of(p) >= 0]
        if not paths:
            return
        names = "\n".join(os.path.basename(p) for p in paths[:8]) + ("\n…" if len(paths) > 8 else "")
        box = QMessageBox(QMessageBox.Icon.Question, "文件已更改", f"文件已更改，重新检查？\n\n{names}", parent=self)
        again = box.addButton("重新检查", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("暂不", QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(lambda b: self.open_paths(paths) if b is again else None)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self.reload_offer = box

    def close_current(self) -> None:
        """Close the selected reports (those read or cancelled; one being read stays)."""
        closing = [e for e in self.selected_entries() if e.finished or e.state == "cancelled"]
        for e in closing:
            row = self.reports.row_of(e.path)
            if row >= 0:
                self.watch.forget(e.path)
                self.reports.remove(row)
        if closing:
            if self.reports.rowCount() == 0:
                self.sync.show_entry(None)
            self._check_across()

    def close_all(self) -> None:
        self.runner.cancel()
        self.watch.clear()
        self.reports.clear()
        self.sync.show_entry(None)

    # ------------------------------------------------------------------ across reports
    def _check_across(self) -> None:
        """Checks across the opened reports (consecutive years, copied text), in the pool."""
        self._cross_token = -1
        entries, changed = self.session.cross_inputs()
        if entries:
            self._cross_token = self.runner.check_across([e.result.report if e.result else None for e in entries])
        self._cross_applied(changed)

    def _on_cross(self, token: int, extra: object) -> None:
        if token == self._cross_token:
            self._cross_applied(self.session.apply_cross(None, extra))  # type: ignore[arg-type]

    def _cross_applied(self, changed: list[Entry]) -> None:
        self.reports.refresh_entries(changed)
        if any(e is self.sync.entry for e in changed):
            self.sync.show_entry(self.sync.entry, keep_finding=True)

    # ------------------------------------------------------------------ marks

    def _reports_menu(self, pos) -> None:
        """Right-click on a report: open the original with its program, show it in its folder, read it again."""
        idx = self.report_view.indexAt(pos)
        e = self.reports.entry(idx.row()) if idx.isValid() else None
        if e is None:
            return
        menu = QMenu(self)
        menu.addAction("打开原文件（用 WPS / Word 等）").triggered.connect(lambda: open_file(e.path))
        menu.addAction("在文件夹中显示").triggered.connect(lambda: show_in_folder(e.path))
        menu.addSeparator()
        menu.addAction("重新读取" if e.state == "cancelled" else "重新检查").triggered.connect(lambda: self.open_paths([e.path]))
        menu.addAction(self.commands.print_preview)
        menu.addAction(self.commands.close)
        self.last_menu = menu
        menu.popup(self.report_view.viewport().mapToGlobal(pos))

    def _find_finding(self, text: str, backward: bool = False) -> bool:
        return self.marking.find_finding(text, backward)

    def open_find(self) -> None:
        """Ctrl+F: find in the findings when they have the focus, else in the original."""
        focus = self.focusWidget()
        if focus is not None and (focus is self.findings_view or self.findings_find.isAncestorOf(focus)):
            self.findings_find.open()
        else:
            self.source.open_find()



    # ------------------------------------------------------------------ export, settings, log, messages

    def previous_year_of(self, e: Entry):
        """(report, label) of the body's year before: an opened report, else the archive's; None without one."""
        rep = e.result.report if e.result is not None else None
        if rep is None or not rep.year:
            return None
        for other in self.session.entries.finished():
            o = other.result.report if other.result is not None else None
            same = (other.version is not None and e.version is not None and other.version.body_id == e.version.body_id
                    and e.version.body_id is not None) or (o is not None and o.unit == rep.unit)
            if o is not None and same and o.year == rep.year - 1:
                return o, f"{o.year}年度：{other.name}"
        arc = self.session.archive
        v = arc.previous_year(rep.unit, rep.year) if arc is not None else None
        prev = arc.report(v.id) if arc is not None and v is not None else None
        if prev is None or v is None:
            return None
        return prev, f"{prev.year}年度：{v.file}（审校台账 {v.checked_at.replace('T', ' ')[:16]}）"

    def on_crashed(self, crash: TaskCrash) -> None:
        log.error("%s failed:\n%s", crash.what, crash.text)
        self.message("critical", "出错了", f"{crash.what}时发生内部错误，已记录到日志文件。\n"
                      "可通过“帮助 → 查看日志”查看详情；其他报告不受影响。")

    def edit_settings(self) -> None:
        """The settings dialog; on OK the settings are saved and every opened report re-checked."""
        from ui.settings_dialog import SettingsDialog
        dialog = SettingsDialog(self.session.settings, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_settings(dialog.value())

    def apply_settings(self, settings: Settings) -> None:
        try:
            self.session.save_settings(settings)
        except OSError as e:
            self.message("warning", "设置未保存", f"设置无法写入 {self.appdata / 'settings.json'}：{e}")
        self.runner.settings = settings
        paths = [e.path for e in self.session.entries.finished()]
        if paths:
            self.open_paths(paths)

    def open_log(self) -> None:
        if not self.log_file.exists():
            self.log_file.touch()
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file))):
            self.message("information", "日志文件", f"日志文件位于：\n{self.log_file}")

    def about(self) -> None:
        self.message("information", "关于年报审校",
                      f"年报审校 {__version__}\n政府信息公开工作年度报告离线审校工具。\n\n"
                      f"标记与日志保存在：\n{self.appdata}\n\n审校台账："
                      + (str(self.session.archive.path) if self.session.archive is not None
                         else f"无法使用（{self.session.archive_error}）"))

    def message(self, kind: str, title: str, text: str) -> QMessageBox:
        """A message that does not block: the window stays usable (and tests never hang)."""
        box = QMessageBox(MESSAGE_ICONS[kind], title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self.last_message = box
        return box

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._fit_panes:  # first start: the panes share the window's width (1366, 1920, 150 %)
            self._fit_panes = False
            self.fit_panes()

    def fit_panes(self) -> None:
        """The report list two ninths of the width (at most 380), the tables the room 表三 needs, the rest the original."""
        total = sum(self.main_split.sizes()) or self.width()
        reports = max(240, min(380, total * 2 // 9))
        center = max(total * 2 // 5, min(self.tables.width_needed("t3"), (total - reports) * 3 // 5))
        self.main_split.setSizes([reports, center, max(200, total - reports - center)])
        height = sum(self.center.sizes()) or self.height()
        self.center.setSizes([height * 2 // 3, height - height * 2 // 3])

    # ------------------------------------------------------------------ drag and drop, closing
    def dragEnterEvent(self, event) -> None:
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)

    def closeEvent(self, event) -> None:
        self.state.save(self, {"splitter/main": self.main_split, "splitter/center": self.center})
        self._list_timer.stop()
        self.open_list.save(self.open_report_paths(), closed_normally=True)
        self.runner.shutdown()
        self.source.shutdown()
        self.session.close()
        super().closeEvent(event)



def _stacked(bar: QWidget, main: QWidget) -> QWidget:
    """A bar above a view that takes the rest of the height, with no margins."""
    pane = QWidget()
    lay = QVBoxLayout(pane)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(0)
    lay.addWidget(bar)
    lay.addWidget(main, 1)
    return pane
