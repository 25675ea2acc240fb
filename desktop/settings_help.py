"""检查设置 (saved, then every opened report checked again) and the 帮助 menu: the log, 关于."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog

from review.settings import Settings

from . import __version__

if TYPE_CHECKING:
    from .main_window import MainWindow


class SettingsAndHelp:
    def __init__(self, window: MainWindow) -> None:
        self.w = window

    def edit_settings(self) -> None:
        """The settings dialog; on OK the settings are saved and every opened report re-checked."""
        from ui.settings_dialog import SettingsDialog
        dialog = SettingsDialog(self.w.session.settings, self.w)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_settings(dialog.value())

    def apply_settings(self, settings: Settings) -> None:
        w = self.w
        try:
            w.session.save_settings(settings)
        except OSError as e:
            w.message("warning", "设置未保存", f"设置无法写入 {w.appdata / 'settings.json'}：{e}")
        w.runner.settings = settings
        paths = [e.path for e in w.session.entries.finished()]
        if paths:
            w.open_paths(paths)

    def open_log(self) -> None:
        log_file = self.w.log_file
        if not log_file.exists():
            log_file.touch()
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file))):
            self.w.message("information", "日志文件", f"日志文件位于：\n{log_file}")

    def about(self) -> None:
        s = self.w.session
        self.w.message("information", "关于年报审校",
                       f"年报审校 {__version__}\n政府信息公开工作年度报告离线审校工具。\n\n"
                       f"标记与日志保存在：\n{self.w.appdata}\n\n审校台账："
                       + (str(s.archive.path) if s.archive is not None else f"无法使用（{s.archive_error}）"))
