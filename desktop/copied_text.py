"""COPIED-TEXT side by side: the report a COPIED-TEXT finding names (another body's, or the body's
year before, opened or in the archive) is found and both texts are shown with the passages they
share marked (ui.text_compare). Reached from the finding's right-click menu and the 查看 menu."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from checks.finding import Finding
from model.bodies import body_key
from model.report import Report

if TYPE_CHECKING:
    from review.session import Entry

    from .main_window import MainWindow

RULE = "COPIED-TEXT"
TITLE = "正文对照"


def other_report(window: MainWindow, e: Entry, f: Finding) -> tuple[Report, str] | None:
    """(report, label) of the report the finding compares `e` with: the opened report of the body
    and year its subject names, else an opened report whose body the message names, else (the
    body's own year before) the archive's."""
    if e.result is None or e.result.report is None:
        return None
    opened = [(o.result.report, o.name) for o in window.session.entries.finished()
              if o is not e and o.result is not None and o.result.report is not None]
    named = [(r, name) for r, name in opened if _named_by_subject(r, f)]
    named += [(r, name) for r, name in opened if _named_in_message(r, name, f)]
    if named:
        r, name = named[0]
        return r, f"{r.unit or '（单位未识别）'}：{name}"
    before: tuple[Report, str] | None = window.exports.year_before(e)
    return before


def _named_by_subject(r: Report, f: Finding) -> bool:
    """The finding's subject is the other report's body and year (checks.batch: “key|year”)."""
    return bool(f.subject) and f"{body_key(r.unit or '')}|{r.year}" == f.subject


def _named_in_message(r: Report, name: str, f: Finding) -> bool:
    return bool(r.unit) and (f"“{r.unit}”" in f.message or name in f.message)


def show(window: MainWindow, f: Finding | None = None) -> bool:
    """The current report's text beside the one its COPIED-TEXT finding names; False (and a
    message) when that report is neither opened nor archived."""
    e = window.sync.entry
    f = f or window.current_finding()
    if e is None or f is None or f.rule != RULE or e.result is None or e.result.report is None:
        window.message("information", TITLE, "请先选择一条“内容雷同”问题。")
        return False
    found = other_report(window, e, f)
    if found is None:
        window.message("information", TITLE, "与之相似的报告没有打开，审校台账中也没有。请把它一起打开后再对照。")
        return False
    from archive.compare import compare_years
    from ui.text_compare import TextCompareDialog
    other, label = found
    now = e.result.report
    dlg = TextCompareDialog(compare_years(other, now), f"本报告：{now.unit or ''}：{e.name}", label, window)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.show()
    window.marking.compare_dialog = dlg
    return True
