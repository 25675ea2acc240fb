"""The file dialogs sized to the screen: at 1366×768 Qt's own dialog fits the screen and shows its
名称, 大小, 类型 and 修改日期 columns uncut, the name column taking the room left."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, QSize, QStandardPaths
from PySide6.QtWidgets import QApplication, QFileDialog, QHeaderView, QTreeView
from shiboken6 import Shiboken

from ui.file_dialog import MAX_SIZE, file_dialog, fit_to_screen

SCREEN_1366 = QRect(0, 0, 1366, 728)  # 1366×768 less a 40-pixel task bar
FMT, SCOPE = QSettings.Format.NativeFormat, QSettings.Scope.UserScope


@pytest.fixture
def narrow_saved_columns(qtbot, tmp_path):
    """Qt's dialog restores the columns it had last time (QtProject.conf): a private file holding
    the narrow columns that cut 大小 and 类型 at 1366 (Qt's defaults), never the user's own file."""
    QSettings.setPath(FMT, SCOPE, str(tmp_path / "config"))
    plain = QFileDialog(None, "", str(tmp_path))
    header = plain.findChild(QTreeView, "treeView").header()
    header.setStretchLastSection(False)
    for col, width in enumerate((250, 60, 60, 110)):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(col, width)
    state = header.saveState()
    Shiboken.delete(plain)  # a dialog saves its columns when it goes
    QSettings(SCOPE, "QtProject").setValue("FileDialog/treeViewHeader", state)
    yield
    for w in QApplication.topLevelWidgets():  # the test's dialogs save into the private file too
        if isinstance(w, QFileDialog):
            Shiboken.delete(w)
    QSettings.setPath(FMT, SCOPE, QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation))


def test_the_dialog_at_1366_fits_the_screen_and_its_columns_fit_the_view(qtbot, tmp_path, narrow_saved_columns) -> None:
    files = tmp_path / "报告"
    files.mkdir()
    for i in range(12):
        (files / f"某某县某某镇人民政府2024年政府信息公开工作年度报告（修改稿第{i}版）.docx").write_bytes(b"x" * 50_000 * (i + 1))
    d = file_dialog(None, "打开报告文件", str(files), "报告文件 (*.docx)", avail=SCREEN_1366)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    tree = d.findChild(QTreeView, "treeView")
    assert tree is not None and d.fileMode() == QFileDialog.FileMode.ExistingFiles
    qtbot.waitUntil(lambda: tree.model().rowCount(tree.rootIndex()) == 12, timeout=10_000)
    header = tree.header()
    qtbot.waitUntil(lambda: all(header.sectionSize(c) >= tree.sizeHintForColumn(c) for c in (1, 2, 3)), timeout=5000)
    assert d.frameGeometry().width() <= 1366 and d.frameGeometry().height() <= 728
    assert d.width() >= 1000  # most of the screen, not Qt's default
    header = tree.header()
    widths = [header.sectionSize(c) for c in range(header.count())]
    assert header.count() == 4 and tree.viewport().width() - 2 <= sum(widths) <= tree.viewport().width() + 1
    for c in (1, 2, 3):  # 大小, 类型, 修改日期 as wide as their text: nothing elided
        assert widths[c] >= tree.sizeHintForColumn(c) and widths[c] >= header.sectionSizeHint(c)
    assert widths[0] > max(widths[1:])  # the name takes the rest
    d.close()


def test_sizes_on_other_screens_and_the_other_modes(qtbot, tmp_path, narrow_saved_columns) -> None:
    big = file_dialog(None, "t", str(tmp_path), avail=QRect(0, 0, 3840, 2100))
    qtbot.addWidget(big)
    assert big.size() == MAX_SIZE  # capped on a large screen
    small = QFileDialog()
    qtbot.addWidget(small)
    assert fit_to_screen(small, QRect(0, 0, 800, 560)) == QSize(640, 448) and small.pos().x() == 80
    folder = file_dialog(None, "导出整改通知到文件夹", str(tmp_path), mode=QFileDialog.FileMode.Directory, avail=SCREEN_1366)
    qtbot.addWidget(folder)
    assert folder.fileMode() == QFileDialog.FileMode.Directory and folder.testOption(QFileDialog.Option.ShowDirsOnly)
    save = file_dialog(None, "导出整改清单", str(tmp_path / "清单.xlsx"), "Excel 工作簿 (*.xlsx)", save=True, avail=SCREEN_1366)
    qtbot.addWidget(save)
    assert save.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    assert [Path(p) for p in save.selectedFiles()] == [tmp_path / "清单.xlsx"]  # Qt writes / on Windows too
    assert not save.testOption(QFileDialog.Option.DontUseNativeDialog)  # Windows keeps its own dialog
