"""The window's outputs, as thin drivers of review/ and export/: the checklist, the 整改通知 (also in
print preview), the county overview and its workbook, the year-before comparison. Long writes run in
the runner's pool; the archive is written on this (the GUI) thread, which owns its connection."""
from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from export.annotate import Marked
from ui import file_dialog as dialogs

from . import __version__
from .widgets import ask_only_confirmed, export_done
from .workers import TaskCrash

if TYPE_CHECKING:
    from review.session import Entry

    from .main_window import MainWindow

log = logging.getLogger(__name__)


@dataclass
class NoticesWritten:
    """What the notices' job hands back from the writer's thread: the notices and the marked copies."""
    notices: list[Path]
    copies: list[Marked]


class Exports:
    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.preview_dialog: QDialog | None = None
        self.overview_dialog: QDialog | None = None
        self.years_dialog: QDialog | None = None
        self._notices_job: tuple[list, list, list[str], str] = ([], [], [], "")  # what write_notices sent the worker
        window.runner.exported.connect(self._on_exported)
        window.runner.written.connect(self._on_written)

    def year_before(self, e: Entry):
        """(report, label) of the body's report of the year before: an opened one, else the archive's."""
        from review.history import previous_year
        rep = e.result.report if e.result is not None else None
        opened = [(o.result.report, o.name) for o in self.w.session.entries.finished()
                  if o is not e and o.result is not None and o.result.report is not None]
        return previous_year(rep, opened, self.w.session.archive)

    def export_checklist(self) -> None:
        if self.w.runner.busy:  # a checklist written now would miss the reports still being read
            self.w.message("information", "导出整改清单", f"还有 {self.w.runner.total - self.w.runner.done} 份报告正在读取。"
                          "请等读取完成后再导出整改清单（或按 Esc 取消读取）。")
            return
        results = [e.result for e in self.w.session.entries.finished() if e.result is not None]
        if not results:
            self.w.message("information", "导出整改清单", "还没有已读取的报告。请先打开报告。")
            return
        default = os.path.join(self._export_folder(), f"整改清单_{dt.date.today():%Y%m%d}.xlsx")
        out = dialogs.ask_save_file(self.w, "导出整改清单", default, "Excel 工作簿 (*.xlsx)")
        if not out:
            return
        if not out.lower().endswith(".xlsx"):
            out += ".xlsx"
        confirmed = self.w.session.confirmed()
        only = bool(confirmed) and ask_only_confirmed(self.w, sum(len(c) for c in confirmed.values()))
        self.w.commands.export.setEnabled(False)
        self.w.statusBar().showMessage("正在导出整改清单…")
        self.w.runner.export(results, out, self.w.session.dismissed(), __version__, confirmed, only)

    def _export_folder(self) -> str:
        return self.w.state.export_folder([e.path for e in self.w.reports.entries()])

    def export_notices(self) -> None:
        """文件 → 导出整改通知: one .docx letter per body of the opened reports, into a folder."""
        entries = [e for e in self.w.session.entries.finished() if e.result is not None and e.result.report is not None]
        if not entries:
            self.w.message("information", "导出整改通知", "还没有已读取的报告。请先打开报告。")
            return
        folder = dialogs.ask_folder(self.w, "导出整改通知到文件夹", self._export_folder())
        if not folder:
            return
        confirmed = self.w.session.confirmed()
        only = bool(confirmed) and ask_only_confirmed(self.w, sum(len(c) for c in confirmed.values()), "导出整改通知")
        self.write_notices(folder, only)

    def write_notices(self, folder: str, only_confirmed: bool = False) -> None:
        """The notices are written by a worker (python-docx takes a while for a county); the archive
        records them and the inspector is told when they are there (`_on_notices_written`)."""
        from export.notices import write_notices
        entries, groups, numbers = self._notice_groups(only_confirmed)
        settings = self.w.session.settings
        if not groups:
            self.w.message("information", "导出整改通知", self._no_letter_reason(only_confirmed, "已打开的报告"))
            return
        self._notices_job = ([e.version for e in entries], [(g.body, g.year, len(g.findings)) for g in groups], numbers, folder)
        self.w.commands.notices.setEnabled(False)
        self.w.statusBar().showMessage("正在写出整改通知…")
        from .marked_copies import write_for_entries

        def job() -> object:  # the notices, then the 审核标注副本 beside them, in the same job
            written = write_notices(groups, folder, settings.notices, numbers, only_confirmed=only_confirmed)
            return NoticesWritten(written, write_for_entries(entries, folder, only_confirmed))
        self.w.runner.write_files(job)

    def _notice_groups(self, only_confirmed: bool) -> tuple[list[Entry], list, list[str]]:
        """The readable reports, the notices they make (one per body and year) and their 文号, as
        导出整改通知 writes them."""
        from review.notices import letters_to_send
        entries, groups = self._grouped_reports()
        sent = letters_to_send(groups, self.w.session.settings.notices, only_confirmed)
        return entries, sent, self._notice_numbers(sent)

    def _grouped_reports(self) -> tuple[list[Entry], list]:
        """The readable reports and the notices they make, one per body and year, before any is left out."""
        from review.notices import notice_groups
        entries = [e for e in self.w.session.entries.finished() if e.result is not None and e.result.report is not None]
        results = [e.result for e in entries if e.result is not None]
        marks = [({fp for fp, m in e.marks.items() if not m.dismissed}, {fp for fp, m in e.marks.items() if m.dismissed})
                 for e in entries]
        return entries, notice_groups(results, [e.version for e in entries], marks)

    def _notice_numbers(self, groups: list) -> list[str]:
        from review.notices import notice_numbers
        return notice_numbers(groups, self.w.session.settings.notices, self.w.session.archive)

    def printable_entry(self) -> Entry | None:
        """The selected report when it was read (a notice can be printed for it), else None."""
        e = self.w.reports.entry(self.w.sync.current_row())
        return e if e is not None and e.result is not None and e.result.report is not None else None

    def print_preview(self) -> None:
        """文件 → 打印预览 (Ctrl+P): the selected report's body's 整改通知 in Qt's print preview, as the
        .docx says it, with the 文号 the export gives it (the same letters, numbered the same way); with
        findings of that body marked 已核实 it asks, as the export does, which to print."""
        from export.notices import notice_content, notice_of, selected
        from ui.print_preview import NoticePreviewDialog
        e = self.printable_entry()
        if e is None or e.result is None:
            self.w.message("information", "打印预览", "请先在左侧选中一份已读取的报告。")
            return
        body = e.version.body if e.version else None
        _, grouped = self._grouped_reports()
        at = notice_of(grouped, e.result, body)
        n = len(selected(grouped[at], True)) if at >= 0 else 0
        only = bool(n) and ask_only_confirmed(self.w, n, "打印预览")
        _, groups, numbers = self._notice_groups(only)
        at = notice_of(groups, e.result, body)
        if at < 0:
            self.w.message("information", "打印预览", self._no_letter_reason(only))
            return
        content = notice_content(groups[at], self.w.session.settings.notices, numbers[at], only_confirmed=only, issued=dt.date.today())
        self.preview_dialog = NoticePreviewDialog(content, self.w)
        self.preview_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview_dialog.open()

    @staticmethod
    def _no_letter_reason(only_confirmed: bool, whom: str = "该单位的报告") -> str:
        """Why no 整改通知 goes out (none of `whom` has an error to send)."""
        if only_confirmed:
            return f"{whom}还没有标为“已核实”的错误，不发整改通知。"
        return (f"{whom}没有需要整改的问题（错误），不发整改通知。"
                "如需为这样的单位写审核通过函，请在 文件 → 检查设置 中勾选“为无需整改的单位写审核通过函”。")

    def _on_written(self, value: object) -> None:
        """What a writing job of the runner returned: a right-click's marked copy, else the notices'."""
        from .marked_copies import copy_written
        if isinstance(value, Marked):
            copy_written(self.w, value)
        else:
            self._on_notices_written(value)

    def _on_notices_written(self, value: object) -> None:
        from review.notices import record_notices
        self.w.commands.notices.setEnabled(True)
        versions, counts, numbers, folder = self._notices_job
        if isinstance(value, TaskCrash):
            self.w.on_crashed(value)
            return
        if not isinstance(value, NoticesWritten):
            self.w.statusBar().showMessage("整改通知未能保存", 8000)
            self.w.message("warning", "整改通知未能保存", str(value))
            return
        written, copies = value.notices, value.copies
        arc = self.w.session.archive
        if arc is not None:  # the archive's connection belongs to this thread: recorded here
            record_notices(arc, versions, counts, numbers, written)
        self.w.statusBar().showMessage(f"整改通知 {len(written)} 份已保存到 {folder}", 15000)
        self.w.state.exported_to(os.path.join(folder, "_"))
        from .marked_copies import summary
        self.w.last_message = export_done(self.w, "导出完成", f"已为 {len(written)} 个单位写出整改通知：\n{folder}"
                                          + summary(copies), folder)

    def show_overview(self) -> None:
        """文件 → 县域总览: every body of the year in the archive, with status, counts and charts."""
        if self.w.session.archive is None:
            self.w.message("warning", "县域总览", f"审校台账无法打开：{self.w.session.archive_error}")
            return
        from ui.overview import OverviewDialog
        years = [e.version.year for e in self.w.session.entries.finished() if e.version is not None and e.version.year]
        year = max(set(years), key=years.count) if years else None
        undated = [e.version for e in self.w.session.entries.finished()
                   if e.version is not None and e.version.year is None and e.version.error]
        self.overview_dialog = OverviewDialog(self.w.session.archive, year, self.w, export=self._export_overview, undated=undated,
                                              bulletin=self._export_bulletin, rules=self.w.session.settings.rules)
        self.overview_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.overview_dialog.show()

    def compare_years(self) -> None:
        """查看 → 与上年对比: the current report beside its body's report of the year before."""
        e = self.w.sync.entry
        found = self.year_before(e) if e is not None else None
        if e is None or found is None or e.result is None or e.result.report is None:
            self.w.message("information", "与上年对比", "没有找到该单位上一年度的报告（已打开的或审校台账中的）。")
            return
        from archive.compare import compare_years
        from ui.overview_years import YearsDialog
        prev, label = found
        now = e.result.report
        self.years_dialog = YearsDialog(compare_years(prev, now), label, f"{now.year}年度：{e.name}", self.w)
        self.years_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.years_dialog.show()

    def _export_overview(self, ov) -> None:
        if ov is None:
            return
        from export.overview import write_overview_workbook
        self._save_as("导出总览工作簿", f"县域总览_{ov.year}年度.xlsx", "Excel 工作簿 (*.xlsx)", "总览工作簿",
                      lambda out: write_overview_workbook(ov, out))

    def _export_bulletin(self, ov) -> None:
        """导出通报: the county's 通报 from the overview shown."""
        arc = self.w.session.archive
        if ov is None or arc is None:
            return
        from export.bulletin import write_bulletin
        self._save_as("导出通报", f"{ov.year}年度年报审核情况通报.docx", "Word 文档 (*.docx)", "通报",
                      lambda out: write_bulletin(arc, ov, out, self.w.session.settings.notices))

    def _save_as(self, title: str, name: str, kind: str, what: str, write: Callable[[str], Path]) -> None:
        """Ask where (`name` in the export folder, its extension kept), `write` there, and say so."""
        ext = os.path.splitext(name)[1]
        out = dialogs.ask_save_file(self.w, title, os.path.join(self._export_folder(), name), kind)
        if not out:
            return
        try:
            path = write(out if out.lower().endswith(ext) else out + ext)
        except OSError as err:
            self.w.message("warning", f"{what}未能保存", str(err))
            return
        self.w.state.exported_to(str(path))
        self.w.last_message = export_done(self.w, "导出完成", f"{what}已保存到：\n{path}", str(path))

    def _on_exported(self, value: object) -> None:
        self.w.commands.export.setEnabled(True)
        if isinstance(value, Path):
            self.w.statusBar().showMessage(f"整改清单已保存：{value}", 15000)
            self.w.state.exported_to(str(value))
            from export.checklist import township_path
            self.w.last_message = export_done(self.w, "导出完成", f"整改清单已保存到：\n{value}\n\n发给报送单位的整改清单"
                                              f"（不含“已核实”等审核栏）：\n{township_path(value)}", str(value))
        elif isinstance(value, ImportError):
            log.warning("export unavailable: %s", value)
            self.w.message("warning", "导出整改清单", "导出功能暂不可用（缺少导出模块）。")
        elif isinstance(value, TaskCrash):
            self.w.on_crashed(value)
        else:
            self.w.statusBar().showMessage("整改清单未能保存", 8000)
            self.w.message("warning", "整改清单未能保存", str(value))
