"""The DOCX original pane: a table's number columns are as wide as their numbers, so a number is
never wrapped digit by digit in a narrow pane (the table scrolls sideways instead)."""
from __future__ import annotations

import re

from model.document import Document, Location, RawTable, TableCell
from ui.text_views import RichDocView

LABELS = ("三、本年度办理结果（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")


def _table() -> RawTable:
    rows = [[TableCell("申请情况", 0, 0, Location()), *(TableCell(h, 0, c, Location()) for c, h in
             enumerate(("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"), start=1))]]
    for r, label in enumerate(LABELS, start=1):
        rows.append([TableCell(label, r, 0, Location()),
                     *(TableCell(str(345 + c), r, c, Location()) for c in range(1, 8))])
    return RawTable(rows, Location(table=0), n_cols=8)


def test_numbers_in_a_narrow_pane_stay_on_one_line(qtbot) -> None:
    view = RichDocView()
    qtbot.addWidget(view)
    view.resize(380, 500)  # the original pane beside the tables on a 1366 screen, a little narrower
    view.show()
    view.set_document(Document("a.docx", "docx", [_table()]))
    qtbot.waitUntil(lambda: view.document().documentLayout().documentSize().width() > 0)
    numbers, labels = [], []
    block = view.document().begin()
    while block.isValid():
        if re.fullmatch(r"\d+", block.text().strip()):
            numbers.append(block.layout().lineCount())
        elif block.text() in LABELS:
            labels.append(block.layout().lineCount())
        block = block.next()
    assert len(numbers) == 14 and numbers == [1] * 14
    assert len(labels) == 2 and max(labels) <= 5  # the labels keep room to be read
