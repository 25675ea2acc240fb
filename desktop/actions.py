"""The window's actions with their shortcuts and tips, its menus and its tool bar. The slots are
the window's own methods; nothing here decides anything."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QWidget

from ui.common import icon

from . import copied_text

if TYPE_CHECKING:
    from .main_window import MainWindow

SP = QStyle.StandardPixmap
DISMISS_REASONS = ("经核实数据无误", "本单位无此项工作", "系格式差异，不影响内容", "识别有误，原文正确", "上级已同意按此填报")


class WindowActions:
    def __init__(self, w: MainWindow) -> None:
        self._w = w
        st = w.style()
        key = QKeySequence.StandardKey
        self.open = self._make("打开文件…", w.choose_files, key.Open, "打开一个或多个报告文件")
        self.open_dir = self._make("打开文件夹…", w.choose_folder, "Ctrl+Shift+O", "打开文件夹中的全部报告")
        self.export = self._make("导出整改清单…", w.exports.export_checklist, "Ctrl+E", "把已打开报告的问题导出为 Excel 整改清单")
        self.notices = self._make("导出整改通知…", w.exports.export_notices, "Ctrl+Shift+E",
                                  "为每个单位写一份整改通知（Word），只含该单位的问题")
        self.print_preview = self._make("打印预览…", w.exports.print_preview, key.Print,
                                        "预览并打印所选报告所属单位的整改通知（问题清单）")
        self.print_preview.setEnabled(False)  # until a report that was read is selected
        self.overview = self._make("县域总览…", w.exports.show_overview, "Ctrl+Shift+V", "全县各单位的审校状态、问题数和图表（审校台账）")
        self.years = self._make("与上年对比…", w.exports.compare_years, "Ctrl+Y",
                                "本报告与本单位上一年度报告并排：变化的单元格、相同的段落")
        self.copied = self._make("内容雷同：并排对照正文…", lambda: copied_text.show(w), None,
                                 "所选“内容雷同”问题的两份报告正文并排，相同段落以黄色标出")
        self.reload = self._make("重新检查", w.files.reload_selected, key.Refresh, "重新读取并检查所选报告")
        self.close = self._make("关闭所选报告", w.close_current, key.Close)
        self.close_all = self._make("关闭全部报告", w.close_all)
        self.quit = self._make("退出", w.close, key.Quit)
        self.confirm = self._make("标为已核实", lambda: w.marking.mark_current("confirmed"), "Ctrl+1", "确认这是需要整改的问题")
        self.dismiss = self._make("忽略…", lambda: w.marking.mark_current("dismissed"), "Ctrl+2", "忽略这条问题（可填写理由）")
        self.unmark = self._make("取消标记", lambda: w.marking.mark_current(None), "Ctrl+0")
        self.settings = self._make("检查设置…", w.prefs.edit_settings, tip="公布期限、单位层级、启用的规则")
        self.log = self._make("查看日志", w.prefs.open_log, tip="打开程序的日志文件")
        self.about = self._make("关于年报审校", w.prefs.about)
        self.find = self._make("查找…", w.open_find, key.Find, "在原文中查找；焦点在问题列表时在问题中查找")
        self.cancel = self._make("取消读取", w.cancel_reading, "Esc")
        self.cancel.setEnabled(False)
        for a, pixmap in ((self.open, SP.SP_DialogOpenButton), (self.open_dir, SP.SP_DirOpenIcon),
                          (self.export, SP.SP_DialogSaveButton), (self.print_preview, SP.SP_FileIcon),
                          (self.reload, SP.SP_BrowserReload), (self.unmark, SP.SP_DialogResetButton)):
            a.setIcon(st.standardIcon(pixmap))
        self.confirm.setIcon(icon("clean"))
        self.dismiss.setIcon(icon("dismissed"))
        self.marking = [self.confirm, self.dismiss, self.unmark]
        self._menus()
        self.set_marking_enabled(False)

    def _make(self, text: str, slot: Callable[[], object], shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
              tip: str = "") -> QAction:
        a = QAction(text, self._w)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setStatusTip(tip)
            a.setToolTip(tip + (f"（{a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}）" if shortcut else ""))
        a.triggered.connect(lambda _checked=False: slot())
        return a

    def _menus(self) -> None:
        w = self._w
        bar = w.menuBar()
        m = bar.addMenu("文件(&F)")
        m.addActions([self.open, self.open_dir])
        self.recent_menu = m.addMenu("最近打开")
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        for group in ([self.reload, self.export, self.notices, self.print_preview, self.overview],
                      [self.close, self.close_all], [self.settings], [self.quit]):
            m.addSeparator()
            m.addActions(group)
        view = bar.addMenu("查看(&V)")
        view.addActions([self.find])
        view.addSeparator()
        view.addActions([self.years, self.copied, self.overview])
        marks = bar.addMenu("标记(&M)")
        marks.addActions(self.marking)
        self._reasons = marks.addMenu(self.reasons_menu(marks))
        bar.addMenu("帮助(&H)").addActions([self.log, self.about])
        tb = w.addToolBar("工具栏")
        tb.setObjectName("main_toolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.setMovable(False)
        tb.addActions([self.open, self.open_dir, self.export, self.notices, self.overview])
        tb.addSeparator()
        tb.addActions(self.marking)
        w.addAction(self.cancel)

    def reasons_menu(self, parent: QWidget) -> QMenu:
        """忽略 with a preset reason, no question asked (for the selected findings)."""
        menu = QMenu("按常用理由忽略", parent)
        for reason in DISMISS_REASONS:
            menu.addAction(reason).triggered.connect(self._dismiss_with(reason))
        return menu

    def _dismiss_with(self, reason: str) -> Callable[[], None]:
        return lambda *_a: self._w.marking.mark_current("dismissed", reason)

    def fill_recent(self) -> None:
        self._w.state.fill_recent_menu(self.recent_menu, self._w.open_paths)

    def set_marking_enabled(self, enabled: bool) -> None:
        for a in self.marking:
            a.setEnabled(enabled)
