"""打印预览 of one body's 整改通知, as in WPS / Word: the notice's content (export.notices.notice_content,
the same the .docx says) laid out as an A4 QTextDocument — 仿宋 text, a bordered findings table whose
header row comes again on every page, 第 n 页，共 m 页 under each page — in Qt's print preview with
its page navigation, zoom and print button."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QTimer
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
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


def notice_html(c: NoticeContent, body_font: str, title_font: str) -> str:
    total = sum(c.widths) or 1.0
    head = "".join(f'<th width="{w / total * 100:.1f}%">{_cell(name)}</th>' for name, w in zip(c.header, c.widths))
    rows = "".join("<tr>" + "".join(f'<td{" align=center" if i == 0 else ""}>{_cell(v)}</td>' for i, v in enumerate(r))
                   + "</tr>" for r in c.rows)
    table = (f'<table width="100%" border="1" cellspacing="0" cellpadding="3" style="border-collapse: collapse; '
             f'border-color: #000; font-size: 9pt;"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
             if c.rows else "")
    lead = "".join(f'<p style="text-indent: 28pt; margin-bottom: 6pt; line-height: 125%;">{_cell(t)}</p>' for t in c.lead)
    bases = "".join(f'<p style="font-size: 10.5pt; margin: 0;">{_cell(t)}</p>' for t in (["依据："] if c.bases else []) + c.bases)
    return (f'<html><body style="font-family: \'{body_font}\'; font-size: 14pt;">'
            f'<p align=center style="font-family: \'{title_font}\'; font-size: 18pt; font-weight: bold; '
            f'margin-bottom: 6pt;">{_cell(c.title)}</p>'
            f'<p align=center style="margin-bottom: 12pt;">{_cell(c.number)}</p>'
            f'<p style="margin-bottom: 6pt;">{_cell(c.salutation)}</p>{lead}{table}{bases}<p></p>'
            f'<p align=right>{_cell(c.office)}</p><p align=right>{_cell(c.date)}</p></body></html>')


def notice_document(c: NoticeContent) -> QTextDocument:
    """The notice as a rich-text document; its findings table repeats its header row on each page."""
    doc = QTextDocument()
    body = font_family(BODY_FONTS)
    doc.setDefaultFont(QFont(body, 14))
    doc.setDocumentMargin(0)
    doc.setHtml(notice_html(c, body, font_family(TITLE_FONTS)))
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, c.title)
    table = notice_table(doc)
    if table is not None:
        fmt = table.format()
        fmt.setHeaderRowCount(1)
        total = sum(c.widths) or 1.0
        fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, w / total * 100) for w in c.widths])
        table.setFormat(fmt)
    return doc


def notice_table(doc: QTextDocument) -> QTextTable | None:
    """The findings table of a notice document (None: a notice without findings)."""
    return next((f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)), None)


def a4_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, MARGINS_MM,
                       QPageLayout.Unit.Millimeter)


def print_document(doc: QTextDocument, printer: QPrinter) -> int:
    """Lay `doc` out on the printer's pages and paint them, each with its page number; returns the pages
    (0 when the printer cannot be painted on, or there is no font to paint with: nothing is painted)."""
    doc = doc.clone()
    doc.documentLayout().setPaintDevice(printer)
    page = printer.pageLayout().paintRectPixels(printer.resolution())
    footer = FOOTER_MM / 25.4 * printer.resolution()
    height = page.height() - footer
    doc.setPageSize(QSizeF(page.width(), height))
    pages = doc.pageCount()
    if not QFontDatabase.families():  # Qt's offscreen platform on Windows has no fonts: painting text crashes
        return 0
    painter = QPainter()
    if not painter.begin(printer):  # no printer could be opened (Windows with the spooler off, a PDF not writable)
        return 0
    try:
        number_font = QFont(doc.defaultFont().family())
        number_font.setPointSizeF(10)
        for i in range(pages):
            if i:
                printer.newPage()
            painter.save()
            painter.translate(0, -i * height)
            doc.drawContents(painter, QRectF(0, i * height, page.width(), height))
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
        self.pages = print_document(self.document, printer)
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
