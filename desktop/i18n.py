"""Chinese everywhere: Qt's own zh_CN translations for the standard dialogs (the file dialog's
查找范围 / 文件类型, the buttons), found in PySide6's translations folder (also in the bundle), and an
argparse whose help, usage and errors are Chinese."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

QT_CATALOGUES = ("qtbase_zh_CN",)


def translation_folders() -> list[Path]:
    """Where qtbase_zh_CN.qm may be: Qt's own path, PySide6's package folder, a PyInstaller bundle."""
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    try:
        import PySide6
        folders.append(Path(PySide6.__file__).parent / "Qt" / "translations")
        folders.append(Path(PySide6.__file__).parent / "translations")
    except (ImportError, TypeError):
        pass
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        folders += [Path(bundle) / "PySide6" / "Qt" / "translations", Path(bundle) / "PySide6" / "translations"]
    return folders


# What Qt's own catalogue leaves in English: the file dialog's labels with their mnemonics, and
# three labels of the print dialogs.
SUPPLEMENT = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    # 打印预览's 页面设置 and 打印 dialogs (Qt's own on Linux; Windows shows its native ones)
    ("QPageSetupWidget", "Page &order:"): "页序(&O)：",
    ("QPageSetupWidget", "Pages &per sheet:"): "每张页数(&P)：",
    ("QPrintSettingsOutput", "Page &Set:"): "打印页面(&S)：",
}


class _Supplement(QTranslator):
    """The few strings qtbase_zh_CN.qm does not have (asked before it: installed last)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        return SUPPLEMENT.get((context, source))  # None: not ours, the next catalogue answers

    def isEmpty(self) -> bool:
        return False


def install_qt_translations(app: QCoreApplication) -> list[str]:
    """Load Qt's zh_CN catalogues into the application; returns the files loaded."""
    loaded: list[str] = []
    for name in QT_CATALOGUES:
        for folder in translation_folders():
            tr = QTranslator(app)
            if (folder / f"{name}.qm").is_file() and tr.load(name, str(folder)):
                app.installTranslator(tr)
                loaded.append(str(folder / f"{name}.qm"))
                break
    app.installTranslator(_Supplement(app))
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return loaded


# ---------------------------------------------------------------------------- argparse
class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Chinese: 用法, 位置参数, 选项, 显示帮助, and its errors."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("title", "命令")
        kwargs.setdefault("parser_class", ChineseArgumentParser)
        return super().add_subparsers(**kwargs)

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{_chinese_error(message)}\n")


_ERRORS = (
    ("the following arguments are required: ", "缺少必需的参数："),
    ("unrecognized arguments: ", "无法识别的参数："),
    ("expected one argument", "需要一个参数值"),
    ("expected 2 arguments", "需要两个参数值"),
    ("invalid int value: ", "不是整数："),
    ("invalid choice: ", "无效的选择："),
    ("argument ", "参数 "),
    (" (choose from ", "（可选："),
    ("ambiguous option: ", "选项不明确："),
    ("not allowed with argument ", "不能与此参数同用："),
)


def _chinese_error(message: str) -> str:
    for en, zh in _ERRORS:
        message = message.replace(en, zh)
    return message
