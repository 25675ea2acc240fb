"""An OFD page drawn for the source view: the size the reader measures, its rules and text where
the reader places them (so the boxes of findings land on them), a damaged file told as such."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from importers import read_document
from model.document import RawTable, TextBlock
from tests.support.corpus import corpus_file
from tests.support.ofd_writer import from_pdf
from ui import ofd_page


def _dark_in(image: QImage, box: tuple[float, float, float, float], k: float) -> int:
    x0, y0, x1, y1 = (round(v * k) for v in box)
    return sum(1 for x in range(x0, x1) for y in range(y0, y1) if QColor(image.pixel(x, y)).lightness() < 128)


@pytest.mark.corpus
def test_a_page_is_drawn_with_its_text_and_rules_where_the_reader_places_them(qapp, tmp_path: Path) -> None:
    path = tmp_path / "报告.ofd"
    path.write_bytes(from_pdf(corpus_file("v02_chengguan_jd.pdf")))
    doc = read_document(path)
    assert ofd_page.is_ofd(str(path)) and not ofd_page.is_ofd(str(corpus_file("v02_chengguan_jd.pdf")))
    sizes = ofd_page.page_sizes(str(path))
    assert len(sizes) == doc.page_count and sizes[0] == pytest.approx((595.3, 841.9), abs=1)
    k = 2.0
    image = ofd_page.render_page(str(path), 1, k)
    assert (image.width(), image.height()) == (round(sizes[1][0] * k), round(sizes[1][1] * k))
    table = next(b for b in doc.blocks if isinstance(b, RawTable) and b.location.page == 1)
    x0, top = (table.location.bbox or (0, 0, 0, 0))[:2]
    assert _dark_in(image, (x0 + 20, top - 1, x0 + 60, top + 1), k) > 40  # the table's top rule
    line = next(b for b in doc.blocks if isinstance(b, TextBlock) and b.location.page == 1)
    box = line.location.bbox or (0, 0, 0, 0)
    assert _dark_in(image, box, k) > 20                                     # ink where the text is
    assert _dark_in(image, (box[0], box[3] + 3, box[2], box[3] + 6), k) == 0  # and none in the line gap below it


def test_a_damaged_file_raises_for_the_view_to_say_so(qapp, tmp_path: Path) -> None:
    path = tmp_path / "坏.ofd"
    path.write_bytes(b"PK\x03\x04 not a zip")
    assert ofd_page.is_ofd(str(path))
    from importers.errors import ReadError
    with pytest.raises(ReadError):
        ofd_page.page_sizes(str(path))
