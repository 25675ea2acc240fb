"""An OFD report in the window: read, its finding clicked, its page drawn and the place boxed on it,
as for a PDF."""
from __future__ import annotations

import pytest

from tests.desktop.gui import WAIT_MS, click_finding, drop_and_wait
from tests.support.corpus import corpus_file
from tests.support.ofd_writer import from_pdf


@pytest.mark.corpus
def test_an_ofd_shows_its_page_and_boxes_the_cells(qtbot, window, tmp_path) -> None:
    path = tmp_path / "城关街道 2024 年报.ofd"
    path.write_bytes(from_pdf(corpus_file("v02_chengguan_jd.pdf")))
    drop_and_wait(qtbot, window, [path])
    e = window.current_entry()
    assert e is not None and e.result.report is not None and e.result.error is None
    pdf = window.source.pdf
    assert window.source.kind == "pdf"
    qtbot.waitUntil(lambda: bool(pdf.sizes), timeout=WAIT_MS)
    assert pdf.error is None and len(pdf.sizes) == 3
    f = click_finding(qtbot, window, "T3-ROW-TOTAL")
    assert f.location.page == 1 and f.location.bbox is not None and pdf.highlight == f.location
    assert pdf.page_in_view() == 1
    box = pdf.box_rect()
    top = pdf.verticalScrollBar().value()
    assert box is not None and top <= box.top() and box.bottom() <= top + pdf.viewport().height()
    qtbot.waitUntil(lambda: 1 in pdf.images and not pdf.images[1][1].isNull(), timeout=WAIT_MS)
    n = len(f.cells_to_change)  # every suspect is boxed, and the header says how many places
    assert n > 1 and window.source.place.text() == f"第 2 页 等 {n} 处"
