"""右键 → 更正单位名称: the inspector corrects a body's name read wrongly from a report
(“请与淮安市人民政府办公室”). The archive keeps the corrected name for the body and the name read as
its alias (review.session.Session.rename_body), so the list, the checks across reports and every
later export (checklist, overview, notices) read the corrected name."""
from __future__ import annotations

import logging
import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog

from archive import ArchiveError

if TYPE_CHECKING:
    from review.session import Entry

    from .main_window import MainWindow

log = logging.getLogger(__name__)
TITLE = "更正单位名称"


def can_rename(window: MainWindow, e: Entry) -> bool:
    return window.session.archive is not None and e.result is not None and e.result.report is not None \
        and bool(e.result.report.unit)


def ask_and_rename(window: MainWindow, e: Entry) -> None:
    """Ask for the body's right name (the one read, prefilled) and apply it."""
    unit = e.result.report.unit if e.result is not None and e.result.report is not None else ""
    text, ok = QInputDialog.getText(window, TITLE, f"从报告中读到的单位名称：{unit}\n\n正确的单位名称（以后导出的清单、"
                                    "总览和整改通知都使用这一名称）：", text=unit or "")
    if ok:
        rename(window, e, text)


def rename(window: MainWindow, e: Entry, name: str) -> bool:
    """Keep `name` as the body's name of `e`; the opened reports of the body show it at once and
    are archived again under it (the checks across reports run again)."""
    name = name.strip()
    if not name:
        window.message("warning", TITLE, "单位名称不能为空。")
        return False
    try:
        changed = window.session.rename_body(e, name)
    except ValueError:
        window.message("warning", TITLE, "这份报告未识别出单位，或审校台账不可用，无法更正单位名称。")
        return False
    except (ArchiveError, OSError, sqlite3.Error) as err:
        log.exception("body name not saved")
        window.message("warning", TITLE, f"单位名称未能保存到审校台账：{err}")
        return False
    window.reports.refresh_entries(changed)
    if window.sync.entry is not None and any(x is window.sync.entry for x in changed):
        window.sync.show_entry(window.sync.entry, keep_finding=True)
    window.statusBar().showMessage(f"单位名称已更正为“{name}”，审校台账已记住（以后的导出都使用这一名称）。", 10000)
    window.recheck_across()
    return True
