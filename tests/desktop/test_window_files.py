"""Files change under the window (issue 25): a report deleted or renamed after it was opened is shown as
such, not as a valid report; F5 (and 关闭) act on every selected report."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel

from tests.desktop.gui import WAIT_MS, copy_as, data, drop_and_wait, entry_named, select_report

pytestmark = pytest.mark.corpus
ROWS = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows


@pytest.mark.parametrize("how", ["deleted", "renamed"])
def test_a_report_deleted_or_renamed_after_it_was_read_says_so(qtbot, window, tmp_path, how) -> None:
    path = copy_as(tmp_path, "v10_baima_zhen.docx", "白马镇.docx")
    other = copy_as(tmp_path, "v04_anping_zrzyj.txt", "安平.txt")
    drop_and_wait(qtbot, window, [path, other])
    if how == "deleted":
        path.unlink()
    else:
        path.rename(path.with_name("白马镇（改）.docx"))
    e = entry_named(window, "白马镇.docx")
    qtbot.waitUntil(lambda: e.missing, timeout=5000)  # the file watcher tells, a moment later
    row = window.reports.row_of(e.path)
    assert e.status == "missing"
    assert "原文件已删除或移动" in data(window.reports.index(row, 0))
    assert entry_named(window, "安平.txt").status != "missing"

    select_report(window, "白马镇.docx")
    queued: list[str] = []
    window.runner.file_queued.connect(queued.append)
    window.commands.reload.trigger()  # F5 on a file that is gone: said, not read
    assert queued == [] and not window.runner.busy
    assert "原文件已删除或移动，无法重新检查：白马镇.docx" in window.statusBar().currentMessage()


def test_a_missing_file_is_noticed_when_selected_without_the_watcher(qtbot, window, tmp_path) -> None:
    path = copy_as(tmp_path, "v04_anping_zrzyj.txt", "安平.txt")
    other = copy_as(tmp_path, "v07_hexi_jd.txt", "河西.txt")
    drop_and_wait(qtbot, window, [path, other])
    window.watch.forget(str(path))  # a network drive: no event comes
    path.unlink()
    select_report(window, "河西.txt")
    select_report(window, "安平.txt")
    assert entry_named(window, "安平.txt").missing


def test_f5_and_close_act_on_every_selected_report(qtbot, window, tmp_path) -> None:
    paths = [copy_as(tmp_path, n, f"批/{i} {n}") for i, n in
             enumerate(["v04_anping_zrzyj.txt", "v07_hexi_jd.txt", "v10_baima_zhen.docx"])]
    drop_and_wait(qtbot, window, paths)
    view, model = window.report_view, window.reports
    rows = [model.row_of(str(paths[0])), model.row_of(str(paths[2]))]
    view.selectionModel().setCurrentIndex(model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                          | QItemSelectionModel.SelectionFlag.Rows)
    view.selectionModel().select(model.index(rows[1], 0), ROWS)
    queued: list[str] = []
    window.runner.file_queued.connect(queued.append)
    with qtbot.waitSignal(window.runner.idle, timeout=WAIT_MS):
        window.commands.reload.trigger()
    assert sorted(queued) == sorted([str(paths[0]), str(paths[2])])
    assert all(e.state == "done" for e in window.reports.entries())

    view.selectionModel().setCurrentIndex(model.index(model.row_of(str(paths[0])), 0),
                                          QItemSelectionModel.SelectionFlag.ClearAndSelect
                                          | QItemSelectionModel.SelectionFlag.Rows)
    view.selectionModel().select(model.index(model.row_of(str(paths[1])), 0), ROWS)
    window.commands.close.trigger()
    assert [e.path for e in window.reports.entries()] == [str(paths[2])]
    assert window.current_entry() is window.reports.entries()[0]
