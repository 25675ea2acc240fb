"""The PDF of a report's source text for its marked copy (TXT, web pages, old Word/WPS, RTF): the
lines of export.annotate.source_text laid out on A4 with their line numbers in a grey gutter, in a
CJK font Qt embeds, and the boxes of the stretches to mark given back in PDF points from each page's
top-left (the PDF annotator places the highlights there). Only this layout is Qt's."""
from __future__ import annotations

from typing import IO

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter

from export.annotate.source_text import Box, SourceText, Span

from .print_preview import font_family

# Windows' and Linux's CJK fonts whose glyphs Qt's PDF writer maps back to the right characters: with
# Noto CJK (glyphs shared with the Kangxi radicals) a copied 立 comes out as ⽴, so Noto comes last.
SOURCE_FONTS = ("宋体", "SimSun", "仿宋", "FangSong", "微软雅黑", "Microsoft YaHei", "AR PL UMing CN", "AR PL SungtiL GB",
                "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", "STSong", "Songti SC",
                "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC")
TITLE_FONTS = ("黑体", "SimHei", "微软雅黑", "Microsoft YaHei", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", *SOURCE_FONTS)
MARGIN_PT = 56.0        # about 20 mm
GUTTER_PT = 30.0        # the line numbers
BODY_PT = 10.5
TITLE_PT = 15.0
LEADING = 1.45          # line height / font size
_Piece = tuple[int, int, int, float]  # line, start, end, baseline top (page-relative) — with its page below


class _Layout:
    """Where each printed line's pieces fall: (page, start, end, top) per piece."""

    def __init__(self, text: SourceText, metrics: QFontMetricsF, width: float, height: float, first_top: float) -> None:
        self.metrics = metrics
        self.step = BODY_PT * LEADING
        self.pieces: list[list[tuple[int, int, int, float]]] = []
        page, top = 0, first_top
        for line in text.lines:
            out: list[tuple[int, int, int, float]] = []
            for start, end in self._wrap(line, width):
                if top + self.step > height:
                    page, top = page + 1, MARGIN_PT
                out.append((page, start, end, top))
                top += self.step
            self.pieces.append(out)
        self.pages = page + 1

    def _wrap(self, line: str, width: float) -> list[tuple[int, int]]:
        if not line:
            return [(0, 0)]
        out, start, x = [], 0, 0.0
        for i, ch in enumerate(line):
            w = self.metrics.horizontalAdvance(ch)
            if x + w > width and i > start:
                out.append((start, i))
                start, x = i, 0.0
            x += w
        out.append((start, len(line)))
        return out


def render_source_pdf(text: SourceText, spans: list[Span], out: IO[bytes]) -> list[list[tuple[int, Box]]]:
    """Write the source as a PDF into `out`; for each span, its boxes (page, box) on the pages."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(72)  # painter units are PDF points
    writer.setTitle(text.title)
    writer.setCreator("年报审校")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point))
    page_w, page_h = QPageSize(QPageSize.PageSizeId.A4).sizePoints().toTuple()
    body = QFont(font_family(SOURCE_FONTS))
    body.setPointSizeF(BODY_PT)
    title = QFont(font_family(TITLE_FONTS))
    title.setPointSizeF(TITLE_PT)
    title.setBold(True)
    painter = QPainter(writer)
    try:
        painter.setFont(body)
        metrics = QFontMetricsF(body, writer)
        left = MARGIN_PT + GUTTER_PT
        width = page_w - left - MARGIN_PT
        layout = _Layout(text, metrics, width, page_h - MARGIN_PT, MARGIN_PT + TITLE_PT * 2.2)
        _paint(painter, text, layout, body, title, left, page_w, page_h, writer)
    finally:
        painter.end()
    buffer.close()
    out.write(bytes(data.data()))
    return [_boxes(text, layout, s, left) for s in spans]


def _paint(painter: QPainter, text: SourceText, layout: _Layout, body: QFont, title: QFont, left: float,
           page_w: float, page_h: float, writer: QPdfWriter) -> None:
    painter.setFont(title)
    painter.drawText(QRectF(MARGIN_PT, MARGIN_PT, page_w - 2 * MARGIN_PT, TITLE_PT * 2), int(Qt.AlignmentFlag.AlignCenter),
                     text.title)
    page = 0
    ascent = layout.metrics.ascent()
    grey = QColor(150, 150, 150)
    for n, pieces in enumerate(layout.pieces):
        for k, (p, start, end, top) in enumerate(pieces):
            while page < p:
                _page_number(painter, page, layout.pages, page_w, page_h, body)
                writer.newPage()
                page += 1
            painter.setFont(body)
            if k == 0 and text.numbers[n]:
                painter.setPen(grey)
                painter.drawText(QRectF(MARGIN_PT - 4, top, GUTTER_PT - 4, layout.step), int(Qt.AlignmentFlag.AlignRight),
                                 text.numbers[n])
                painter.setPen(QColor(0, 0, 0))
            painter.drawText(QPointF(left, top + ascent), text.lines[n][start:end])
    _page_number(painter, page, layout.pages, page_w, page_h, body)


def _page_number(painter: QPainter, page: int, pages: int, page_w: float, page_h: float, body: QFont) -> None:
    painter.setFont(body)
    painter.setPen(QColor(0, 0, 0))
    painter.drawText(QRectF(0, page_h - MARGIN_PT * 0.7, page_w, BODY_PT * 2), int(Qt.AlignmentFlag.AlignCenter),
                     f"第 {page + 1} 页，共 {pages} 页")


def _boxes(text: SourceText, layout: _Layout, span: Span, left: float) -> list[tuple[int, Box]]:
    out: list[tuple[int, Box]] = []
    line = text.lines[span.line] if span.line < len(text.lines) else ""
    for page, start, end, top in layout.pieces[span.line] if span.line < len(layout.pieces) else []:
        lo, hi = max(start, span.start), min(end, span.end)
        if lo >= hi and not (start == end == 0 and span.start == 0):
            continue
        x0 = left + layout.metrics.horizontalAdvance(line[start:lo])
        x1 = left + layout.metrics.horizontalAdvance(line[start:hi]) if hi > lo else x0 + BODY_PT
        out.append((page, (x0, top, x1, top + layout.step)))
    return out
