"""The main window: the layout of the report list, the findings tree, the tables and the source
view, and the routing of the background reader's signals to the session (review.session), which
holds the opened files, their marks and the settings. No reading or rule logic here."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMainWindow, QMessageBox, QSplitter, QWidget

from checks.finding import Finding
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

from . import detail
from .actions import WindowActions
from .appdata import app_data_dir, setup_logging
from .exports import Exports
from .marking import Marking
from .on_disk import FilesOnDisk
from .panes import build_panes, fit_panes
from .progress import ReadingProgress
from .restore import ListKeeper
from .selection_sync import SelectionSync
from .settings_help import SettingsAndHelp
from .widgets import dropped_paths
from .window_state import WindowState, is_sample
from .workers import CheckRunner, Outcome, TaskCrash

log = logging.getLogger(__name__)
def open_filter() -> str:
    return "报告文件 ({});;所有文件 (*)".format(" ".join(f"*{e}" for e in sorted(REPORT_EXTENSIONS)))
WINDOW_TITLE = "政府信息公开工作年度报告"
MESSAGE_ICONS = {"information": QMessageBox.Icon.Information, "warning": QMessageBox.Icon.Warning,
                 "critical": QMessageBox.Icon.Critical}


SETTLE_AFTER_MS = 10  # a real timer, not a queued call: the event loop paints the new rows in between


class MainWindow(QMainWindow):
    # the panes, made by desktop.panes.build_panes
    report_view: ReportListView
    report_filter: ReportFilterBar
    findings_view: HintTreeView
    findings_title: QLabel
    findings_find: FindBar
    tables: TablesPanel
    source: SourceView
    center: QSplitter
    main_split: QSplitter

    def __init__(self, appdata: Path | None = None, max_threads: int | None = None,
                 processes: int | None = None) -> None:
        super().__init__()
        self.appdata = Path(appdata) if appdata is not None else app_data_dir()
        self.log_file = setup_logging(self.appdata)
        self.state = WindowState(self.appdata)
        remove_stale_temps(self.appdata)  # left by a writer that was killed
        self.session = Session(self.appdata)
        self.runner = CheckRunner(self, self.session.settings, max_threads, processes, str(self.log_file))
        self.reports = ReportListModel(self.session.entries, self)
        self.findings = FindingsModel(self)
        self._select_when_done: str | None = None
        self._scroll_row: int | None = None  # the last file queued: scrolled to once the files queued together are in
        self._select_row: int | None = None  # the file to show then
        self._cross_token = -1
        self.last_message: QMessageBox | None = None
        self.files = FilesOnDisk(self)
        self.watch = self.files.watch
        self.keeper = ListKeeper(self)
        self.prefs = SettingsAndHelp(self)

        self.setWindowTitle(WINDOW_TITLE)  # Qt adds “ — 年报审校” (the application's display name)
        self.setAcceptDrops(True)
        build_panes(self, self._find_finding)
        self.report_view.customContextMenuRequested.connect(self.files.reports_menu)
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
        self.sync.finding_changed.connect(self.marking.update_enabled)
        self.report_view.selectionModel().currentRowChanged.connect(self._report_actions)
        for sig in (self.reports.dataChanged, self.reports.rowsRemoved, self.reports.modelReset):
            sig.connect(self._report_actions)

    def _report_actions(self, *_args) -> None:
        """打印预览 needs a selected report that was read. A report selected is looked for on disk too
        (the watcher misses files on some network drives)."""
        self.files.check(self.reports.entry(self.sync.current_row()))
        self.commands.print_preview.setEnabled(self.exports.printable_entry() is not None)

    def current_entry(self) -> Entry | None:
        return self.sync.entry

    def current_finding(self) -> Finding | None:
        return self.sync.current_finding()

    # ------------------------------------------------------------------ opening
    def choose_files(self) -> None:
        files = dialogs.ask_open_files(self, "打开报告文件", self.state.last_folder(), open_filter())
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
        marks = self.session.marks_of(outcome.sha256, outcome.result.findings)
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
        self.recheck_across()

    def cancel_reading(self) -> None:
        if self.runner.busy:
            self.runner.cancel()

    def restore_last_batch(self) -> bool:
        return self.keeper.restore()

    def selected_entries(self) -> list[Entry]:
        """The reports selected in the list (several with Ctrl/Shift), else the one shown."""
        rows = sorted({i.row() for i in self.report_view.selectionModel().selectedRows(0)})
        chosen = [e for r in rows if (e := self.reports.entry(r)) is not None]
        return chosen or ([self.sync.entry] if self.sync.entry is not None else [])

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
            self.recheck_across()

    def close_all(self) -> None:
        self.runner.cancel()
        self.watch.clear()
        self.reports.clear()
        self.sync.show_entry(None)

    # ------------------------------------------------------------------ across reports
    def recheck_across(self) -> None:
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

    def _find_finding(self, text: str, backward: bool = False) -> bool:
        return self.marking.find_finding(text, backward)

    def open_find(self) -> None:
        """Ctrl+F: find in the findings when they have the focus, else in the original."""
        focus = self.focusWidget()
        if focus is not None and (focus is self.findings_view or self.findings_find.isAncestorOf(focus)):
            self.findings_find.open()
        else:
            self.source.open_find()

    def on_crashed(self, crash: TaskCrash) -> None:
        log.error("%s failed:\n%s", crash.what, crash.text)
        self.message("critical", "出错了", f"{crash.what}时发生内部错误，已记录到日志文件。\n"
                      "可通过“帮助 → 查看日志”查看详情；其他报告不受影响。")

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
            fit_panes(self)

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
        self.keeper.save(closed_normally=True)
        self.runner.shutdown()
        self.source.shutdown()
        self.session.close()
        super().closeEvent(event)


