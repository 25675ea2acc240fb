"""Chinese everywhere: Qt's own zh_CN translations for the standard dialogs (the file dialog's
查找范围 / 文件类型, the buttons), found in PySide6's translations folder (also in the bundle). The
command line's Chinese argparse is in `chinese_argparse` (no Qt there: the command line starts
without loading Qt)."""
from __future__ import annotations

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
