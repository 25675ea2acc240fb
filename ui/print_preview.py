"""打印预览 of one body's 整改通知, as in WPS / Word: the notice's content (export.notices.notice_content,
the same the .docx says) laid out as an A4 QTextDocument — 仿宋 text, a bordered findings table whose
header row comes again on every page, 第 n 页，共 m 页 under each page — in Qt's print preview with
its page navigation, zoom and print button."""
from __future__ import annotations

import itertools
from html import escape

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QTimer
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QTextDocument,
    QTextLength,
    QTextTable,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QWidget

from export.notices import NoticeContent

from .file_dialog import fit_to_screen

# the .docx's fonts first (Windows), then what a Chinese Linux or macOS has
BODY_FONTS = ("仿宋", "FangSong", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC",
              "宋体", "SimSun", "Noto Sans CJK SC", "WenQuanYi Micro Hei")
TITLE_FONTS = ("黑体", "SimHei", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", *BODY_FONTS)
MARGINS_MM = QMarginsF(20, 25, 20, 22)   # left, top, right, bottom: the .docx's page
NO_PRINTER = "（未找到可用的打印机：可预览，打印将另存为 PDF）"
FOOTER_MM = 8                            # under the text of each page: 第 n 页，共 m 页


def font_family(candidates: tuple[str, ...]) -> str:
    """The first of `candidates` this computer has (Qt's default family without any)."""
    have = set(QFontDatabase.families())
    return next((f for f in candidates if f in have), QFont().defaultFamily())


def _cell(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def notice_html(c: NoticeContent, body_font: str, title_font: str, breaks: frozenset[int] = frozenset()) -> str:
    """The notice as HTML; a findings row whose index is in `breaks` begins a new page (the table
    goes on there as a table of its own, its header row again)."""
    total = sum(c.widths) or 1.0
    head = "".join(f'<th width="{w / total * 100:.1f}%">{_cell(name)}</th>' for name, w in zip(c.header, c.widths))
    rows = ["<tr>" + "".join(f'<td{" align=center" if i == 0 else ""}>{_cell(v)}</td>' for i, v in enumerate(r)) + "</tr>"
            for r in c.rows]
    cuts = [0, *sorted(b for b in breaks if 0 < b < len(rows)), len(rows)]
    style = "border-collapse: collapse; border-color: #000; font-size: 9pt;"
    table = "".join(
        f'<table width="100%" border="1" cellspacing="0" cellpadding="3" style="{style}'
        f'{" page-break-before: always;" if a else ""}"><thead><tr>{head}</tr></thead>'
        f'<tbody>{"".join(rows[a:b])}</tbody></table>' for a, b in itertools.pairwise(cuts)) if c.rows else ""
    lead = "".join(f'<p style="text-indent: 28pt; margin-bottom: 6pt; line-height: 125%;">{_cell(t)}</p>' for t in c.lead)
    bases = "".join(f'<p style="font-size: 10.5pt; margin: 0;">{_cell(t)}</p>' for t in (["依据："] if c.bases else []) + c.bases)
    return (f'<html><body style="font-family: \'{body_font}\'; font-size: 14pt;">'
            f'<p align=center style="font-family: \'{title_font}\'; font-size: 18pt; font-weight: bold; '
            f'margin-bottom: 6pt;">{_cell(c.title)}</p>'
            f'<p align=center style="margin-bottom: 12pt;">{_cell(c.number)}</p>'
            f'<p style="margin-bottom: 6pt;">{_cell(c.salutation)}</p>{lead}{table}{bases}<p></p>'
            f'<p align=right>{_cell(c.office)}</p><p align=right>{_cell(c.date)}</p></body></html>')


def notice_document(c: NoticeContent, breaks: frozenset[int] = frozenset()) -> QTextDocument:
    """The notice as a rich-text document; its findings table repeats its header row on each page
    (and starts a new page before the rows in `breaks`: see paged_notice)."""
    doc = QTextDocument()
    body = font_family(BODY_FONTS)
    doc.setDefaultFont(QFont(body, 14))
    doc.setDocumentMargin(0)
    doc.setHtml(notice_html(c, body, font_family(TITLE_FONTS), breaks))
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, c.title)
    total = sum(c.widths) or 1.0
    for table in notice_tables(doc):
        fmt = table.format()
        fmt.setHeaderRowCount(1)
        fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, w / total * 100) for w in c.widths])
        table.setFormat(fmt)
    return doc


def notice_tables(doc: QTextDocument) -> list[QTextTable]:
    """The findings table of a notice document, in its parts (one a page where it was paged)."""
    return [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]


def notice_table(doc: QTextDocument) -> QTextTable | None:
    """The findings table of a notice document (None: a notice without findings)."""
    return next(iter(notice_tables(doc)), None)


def row_extent(doc: QTextDocument, table: QTextTable, row: int) -> tuple[float, float]:
    """The top and bottom, in the laid-out document, of the text of a table row's cells."""
    layout = doc.documentLayout()
    top, bottom = float("inf"), float("-inf")
    for col in range(table.columns()):
        cell = table.cellAt(row, col)
        block = cell.firstCursorPosition().block()
        end = cell.lastCursorPosition().block()
        while block.isValid():
            y, lines = layout.blockBoundingRect(block).top() + block.blockFormat().topMargin(), block.layout()
            if lines.lineCount():  # the lines' own places: a block's rect also spans the margin and a page's gap
                first, last = lines.lineAt(0), lines.lineAt(lines.lineCount() - 1)
                top, bottom = min(top, y + first.y()), max(bottom, y + last.y() + last.height())
            if block == end:
                break
            block = block.next()
    return top, bottom


def split_row(doc: QTextDocument, page_height: float) -> int | None:
    """The index (among all findings rows) of the first row whose text Qt lays over a page boundary
    (Qt breaks a row between its lines: “维持” alone on the next page); None when there is none."""
    n = 0
    for table in notice_tables(doc):
        for row in range(1, table.rows()):
            top, bottom = row_extent(doc, table, row)
            if int(top // page_height) != int((bottom - 1) // page_height) and bottom - top < page_height:
                return n + row - 1
        n += table.rows() - 1
    return None


def paged_notice(c: NoticeContent, page: QSizeF, device: QPagedPaintDevice | None = None) -> QTextDocument:
    """The notice laid out on pages of `page` (on `device`'s metrics), no findings row split: a row
    that would run over a page begins the next one, below the table's header row again."""
    breaks: frozenset[int] = frozenset()
    for _ in range(len(c.rows) + 1):
        doc = notice_document(c, breaks)
        if device is not None:
            doc.documentLayout().setPaintDevice(device)
        doc.setPageSize(page)
        row = split_row(doc, page.height())
        if row is None or row in breaks:
            return doc
        breaks |= {row}
    return doc


def a4_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, MARGINS_MM,
                       QPageLayout.Unit.Millimeter)


def text_size(printer: QPrinter) -> QSizeF:
    """A page's text in the printer's pixels: the page inside its margins, less the page number's line."""
    page = printer.pageLayout().paintRectPixels(printer.resolution())
    return QSizeF(page.width(), page.height() - FOOTER_MM / 25.4 * printer.resolution())


def print_notice(c: NoticeContent, printer: QPrinter) -> int:
    """The notice painted on the printer's pages, no findings row split across two (print_document)."""
    return print_document(paged_notice(c, text_size(printer), printer), printer)


def print_document(doc: QTextDocument, printer: QPrinter) -> int:
    """Lay `doc` out on the printer's pages and paint them, each with its page number; returns the pages
    (0 when the printer cannot be painted on, or there is no font to paint with: nothing is painted)."""
    laid = doc.clone()  # `doc` stays bound: a copy whose source is deleted meanwhile goes with it
    laid.documentLayout().setPaintDevice(printer)
    text = text_size(printer)
    height = text.height()
    page = printer.pageLayout().paintRectPixels(printer.resolution())
    footer = page.height() - height
    laid.setPageSize(text)
    pages = laid.pageCount()
    if not QFontDatabase.families():  # Qt's offscreen platform on Windows has no fonts: painting text crashes
        return 0
    painter = QPainter()
    if not painter.begin(printer):  # no printer could be opened (Windows with the spooler off, a PDF not writable)
        return 0
    try:
        number_font = QFont(laid.defaultFont().family())
        number_font.setPointSizeF(10)
        for i in range(pages):
            if i:
                printer.newPage()
            painter.save()
            painter.translate(0, -i * height)
            laid.drawContents(painter, QRectF(0, i * height, page.width(), height))
            painter.restore()
            painter.setFont(number_font)
            painter.drawText(QRectF(0, height, page.width(), footer), int(Qt.AlignmentFlag.AlignCenter),
                             f"第 {i + 1} 页，共 {pages} 页")
    finally:
        painter.end()
    return pages


class NoticePreviewDialog(QPrintPreviewDialog):
    """Qt's print preview of one notice, titled 打印预览 — <单位名>, A4 portrait."""

    def __init__(self, content: NoticeContent, parent: QWidget | None = None) -> None:
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # kept: the dialog does not own it
        self._printer.setPageLayout(a4_layout())
        self._printer.setDocName(f"整改通知_{content.body}")
        super().__init__(self._printer, parent)
        self.content = content
        self.document = notice_document(content)
        self.pages = 0
        self.as_pdf = False
        self.setWindowTitle(f"打印预览 — {content.body}")
        if not self._printer.isValid():
            self._without_printer()
        self.paintRequested.connect(self._paint)
        fit_to_screen(self)

    def _paint(self, printer: QPrinter) -> None:
        self.pages = print_notice(self.content, printer)
        if self.pages == 0 and not self.as_pdf:
            self.as_pdf = True  # once: a PDF that cannot be painted either leaves the preview empty
            QTimer.singleShot(0, self._without_printer)  # not while Qt is painting the preview

    def _without_printer(self) -> None:
        """No printer could be opened (none installed, the spooler off): the preview goes on as a PDF
        page, 打印 saves a PDF, and the title says so."""
        self.as_pdf = True
        self._printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.setWindowTitle(f"打印预览 — {self.content.body}{NO_PRINTER}")
        self.preview().updatePreview()

    def preview(self) -> QPrintPreviewWidget:
        w = self.findChild(QPrintPreviewWidget)
        assert w is not None
        return w
