"""The window with the formats reports really arrive in: an old Word .doc and an old Excel .xls
dropped onto it show their source in the rich and the sheet view, with the finding's place."""
from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QModelIndex

from desktop import detail
from tests.desktop.gui import click_finding, drop_and_wait

SAMPLES = Path(__file__).resolve().parents[1] / "importers" / "samples"


def _copy(tmp_path: Path, name: str, new_name: str) -> Path:
    target = tmp_path / new_name
    shutil.copyfile(SAMPLES / name, target)
    return target


def test_doc_and_xls_dropped_show_their_source_and_the_finding(qtbot, window, tmp_path) -> None:
    doc = _copy(tmp_path, "v10_baima_zhen.doc", "白马镇 2024年报.doc")
    xls = _copy(tmp_path, "v03_liulin_zhen.xls", "柳林镇 年报.xls")
    drop_and_wait(qtbot, window, [doc])
    e = window.current_entry()
    assert e is not None and e.name == doc.name and e.status == "error"
    window.findings_view.setCurrentIndex(QModelIndex())
    window.source.rich.verticalScrollBar().setValue(0)
    f = click_finding(qtbot, window, "T3-RESULT-TOTAL")
    assert "t3.total.total" in f.cells and f.actual == 32
    assert window.source.kind == "rich"
    assert window.source.location == f.location and f.location.table == 1
    box = window.source.rich.box_rect()
    assert box is not None and window.source.rich.viewport().rect().intersects(box.toRect())
    assert window.source.place.text().startswith(f.location.describe())
    assert len(window.source.rich.box_rects()) == len(detail.finding_places(f, window.current_entry().result.report))

    drop_and_wait(qtbot, window, [xls])
    assert window.current_entry().name == xls.name
    f = click_finding(qtbot, window, "T3-RESULT-TOTAL")  # one finding for both columns' cause
    sheet = window.source.sheet
    assert window.source.kind == "sheet" and sheet.current_sheet() == f.location.sheet
    assert sheet.currentWidget().model().highlight == (f.location.row, f.location.col)
    assert window.source.place.text().startswith(f.location.describe())


def test_saved_web_page_shows_its_tables_and_the_finding(qtbot, window, tmp_path) -> None:
    import resources
    page = tmp_path / "清河县 市场监管局 年报.htm"
    shutil.copyfile(resources.path("samples", "sample.html"), page)
    drop_and_wait(qtbot, window, [page])
    assert window.current_entry().name == page.name
    f = click_finding(qtbot, window, "T3-BALANCE")
    assert window.source.kind == "rich" and window.source.location == f.location
    assert f.location.table is not None and window.source.rich.box_rect() is not None
