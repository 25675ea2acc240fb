"""The opened files on disk: saved again (offer to check again), deleted, renamed or moved (the row
says 原文件已删除或移动), and F5 on the selected reports, which reads again those still there."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import QMenu, QMessageBox

from review.session import Entry

from . import body_name, marked_copies
from .file_watch import FileWatch
from .widgets import open_file, show_in_folder

if TYPE_CHECKING:
    from .main_window import MainWindow


def _names(entries: list[Entry]) -> str:
    return "、".join(e.name for e in entries[:3]) + ("等" if len(entries) > 3 else "")


class FilesOnDisk(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.watch = FileWatch(self)
        self.reload_offer: QMessageBox | None = None
        self.last_menu: QMenu | None = None
        self.watch.changed.connect(self._on_changed)
        self.watch.missing.connect(self.missing)

    def reload_selected(self) -> None:
        """F5: read the selected reports again (also those whose reading was cancelled); a file no
        longer there is said, not read."""
        chosen = self.w.selected_entries()
        gone = [e for e in chosen if not os.path.exists(e.path)]
        if gone:
            self.missing([e.path for e in gone])
            self.w.statusBar().showMessage(f"原文件已删除或移动，无法重新检查：{_names(gone)}", 10000)
        paths = [e.path for e in chosen if e not in gone]
        if paths:
            self.w.open_paths(paths)

    def check(self, e: Entry | None) -> None:
        """A report selected is looked for on disk (the watcher misses files on some network drives)."""
        if e is not None and e.finished and not e.missing and not os.path.exists(e.path):
            self.missing([e.path])

    def missing(self, paths: list[str]) -> None:
        """An opened file was deleted, renamed or moved: its row says so (its reading stays shown)."""
        reports = self.w.reports
        changed = [e for p in paths if (e := reports.entry(reports.row_of(p))) is not None and e.finished and not e.missing]
        for e in changed:
            e.missing = True
        if changed:
            reports.refresh_entries(changed)
            self.w.statusBar().showMessage(f"原文件已删除或移动：{_names(changed)}", 10000)

    def _on_changed(self, paths: list[str]) -> None:
        """An opened file was saved again: offer to check it again (a box that does not block)."""
        paths = [p for p in paths if self.w.reports.row_of(p) >= 0]
        if not paths:
            return
        names = "\n".join(os.path.basename(p) for p in paths[:8]) + ("\n…" if len(paths) > 8 else "")
        box = QMessageBox(QMessageBox.Icon.Question, "文件已更改", f"文件已更改，重新检查？\n\n{names}", parent=self.w)
        again = box.addButton("重新检查", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("暂不", QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(lambda b: self.w.open_paths(paths) if b is again else None)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self.reload_offer = box

    def reports_menu(self, pos: QPoint) -> None:
        """Right-click on a report: open the original with its program, show it in its folder, read it again."""
        idx = self.w.report_view.indexAt(pos)
        e = self.w.reports.entry(idx.row()) if idx.isValid() else None
        if e is None:
            return
        menu = QMenu(self.w)
        menu.addAction("打开原文件（用 WPS / Word 等）").triggered.connect(lambda: open_file(e.path))
        menu.addAction("在文件夹中显示").triggered.connect(lambda: show_in_folder(e.path))
        menu.addSeparator()
        menu.addAction("重新读取" if e.state == "cancelled" else "重新检查").triggered.connect(lambda: self.w.open_paths([e.path]))
        menu.addAction(self.w.commands.print_preview)
        rename = menu.addAction("更正单位名称…")
        rename.setEnabled(body_name.can_rename(self.w, e))
        rename.triggered.connect(lambda: body_name.ask_and_rename(self.w, e))
        menu.addAction("导出审核标注副本…").triggered.connect(lambda: marked_copies.export_one(self.w, e))
        menu.addAction(self.w.commands.close)
        self.last_menu = menu
        menu.popup(self.w.report_view.viewport().mapToGlobal(pos))
