"""The crash of issue 25: the window died (a segmentation fault in Qt's text layout) when a report
was shown after a DOCX/web report whose place was boxed and a report with nothing to box in
between. The rich source view replaced its document but kept the box's cursor into the old one; once
Qt deleted the old document, the next box read it through that cursor."""
from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QApplication

from model.document import Document, Location, RawTable, TableCell, TextBlock
from tests.desktop.gui import copy_as, drop_and_wait, select_report
from ui.text_views import RichDocView


def _doc(tag: str) -> Document:
    blocks: list[TextBlock | RawTable] = [TextBlock(f"{tag} 第{i}段", Location(paragraph=i)) for i in range(5)]
    rows = [[TableCell(f"{tag}{r}-{c}", r, c, Location(table=0, row=r, col=c)) for c in range(3)] for r in range(5)]
    blocks.append(RawTable(rows, Location(table=0), 3))
    return Document(path=f"/报告/{tag}.docx", format="docx", blocks=blocks)


def _deleted(qtbot, obj) -> None:
    """Wait until Qt has deleted `obj` (its deleteLater ran in the event loop)."""
    qtbot.waitUntil(lambda: not shiboken6.isValid(obj), timeout=5000)


def test_boxing_a_place_after_the_document_was_replaced_and_deleted(qtbot) -> None:
    view = RichDocView()
    qtbot.addWidget(view)
    view.show()
    view.set_document(_doc("甲"))
    assert view.show_location(Location(table=0, row=2, col=1))
    old = view.document()
    view.set_document(_doc("乙"))
    assert view.extraSelections() == [] and view.box_rect() is None  # nothing of the old document kept
    _deleted(qtbot, old)
    assert view.show_location(Location(table=0, row=3, col=1))  # crashed here
    sel = view.extraSelections()
    assert len(sel) == 1 and sel[0].cursor.document() is view.document()
    assert sel[0].cursor.selectedText() == "乙3-1"


def test_window_shows_a_report_after_one_with_nothing_to_box(qtbot, window, tmp_path) -> None:
    """The window's path to the crash: 白马镇 (a DOCX with a table error, boxed), then 阿戛镇 (a DOCX whose
    only finding the inspector dismissed: nothing is boxed), its old document deleted, then 白马镇 again."""
    baima = copy_as(tmp_path, "v10_baima_zhen.docx", "白马镇.docx")
    aga = copy_as(tmp_path, "seed1_aga.docx", "阿戛镇.docx")
    drop_and_wait(qtbot, window, [baima, aga])
    select_report(window, "阿戛镇.docx")
    window.findings_view.selectAll()
    window.marking.mark_current("dismissed", "不适用")
    select_report(window, "白马镇.docx")
    rich = window.source.rich
    assert window.current_finding().rule == "T3-RESULT-TOTAL" and rich.box_rect() is not None
    boxed_document = rich.document()

    select_report(window, "阿戛镇.docx")
    assert window.current_finding() is None and window.source.kind == "rich"
    _deleted(qtbot, boxed_document)
    select_report(window, "白马镇.docx")  # crashed here
    QApplication.processEvents()
    assert window.current_finding().rule == "T3-RESULT-TOTAL"
    assert window.source.location == window.current_finding().location and rich.box_rect() is not None
