"""打印预览 of a notice: the A4 document (body, every finding's row in order, a bordered table whose
header row repeats) and Qt's preview dialog around it, in Chinese."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QAction, QTextFrameFormat
from PySide6.QtPrintSupport import QPrinter

from checks.finding import Finding, sort_findings
from export.correction import fmt, should_be
from export.names import position
from export.notice_settings import NoticeSettings
from export.notices import NoticeEntry, notice_content
from export.requirements import rule_name
from tests.support.platform import NO_FONTS, qt_has_fonts
from ui.print_preview import NoticePreviewDialog, a4_layout, notice_document, notice_table, print_document

FIX = Finding(rule="T3-RESULT-TOTAL", severity="error", message="表三总计有误", cells=["t3.total.total"],
              fix={"t3.total.total": 3})
CELL = Finding(rule="CELL-VALUE", severity="error", message="表二“本年新收”应为 12", cells=["t2.new.total"],
               fix={"t2.new.total": 12})
VAGUE = [Finding(rule="VAGUE-NUMBER", severity="info", message=f"约数 {i}", quote=f"约 {i} 件", subject=f"s{i}")
         for i in range(30)]


def _content(findings: list[Finding], confirmed: set[str] | None = None, only: bool = False):
    entry = NoticeEntry("东山镇人民政府", 2024, ["东山镇.pdf"], findings, confirmed=confirmed or set())
    return notice_content(entry, NoticeSettings(), "公开〔2024〕3号", only_confirmed=only, issued=dt.date(2025, 3, 1))


def test_the_document_holds_the_body_and_every_finding_in_order(qtbot) -> None:
    findings = [CELL, FIX, *VAGUE[:3]]
    doc = notice_document(_content(findings))
    text = doc.toPlainText()
    assert "东山镇人民政府：" in text and "公开〔2024〕3号" in text and "2025年3月1日" in text
    at = 0
    for f in sort_findings(findings):  # the notice's order: 位置, rule name, 应改为 of each row in turn
        for part in (position(f), rule_name(f.rule), *([fmt(t)] if (t := should_be(f)) is not None else [])):
            found = text.find(part, at)
            assert found >= 0, f"{part!r} of {f.rule} missing after position {at}"
            at = found
    table = notice_table(doc)
    assert table is not None and table.rows() == 1 + len(findings) and table.columns() == 7
    tf = table.format()
    assert tf.headerRowCount() == 1 and tf.border() > 0 and tf.borderCollapse()
    assert table.cellAt(0, 0).firstCursorPosition().block().text() == "序号"
    assert table.cellAt(2, 4).firstCursorPosition().block().text() == "3"  # FIX: 应改为 3 (CELL first: 表二)
    from checks.catalogue import rule_info
    for f in findings:  # each 依据 printed once, under the table, as the .docx prints it
        assert text.count(rule_info(f.rule).basis) == 1
    assert table.cellAt(1, 6).firstCursorPosition().block().text() == "[1]"


def test_only_confirmed_rows_and_a_notice_without_findings(qtbot) -> None:
    doc = notice_document(_content([CELL, FIX], {FIX.fingerprint}, only=True))
    table = notice_table(doc)
    assert table is not None and table.rows() == 2
    assert "表三总计有误" in doc.toPlainText() and "表二“本年新收”应为 12" not in doc.toPlainText()
    empty = notice_document(_content([]))
    assert notice_table(empty) is None and "未发现需要整改的问题" in empty.toPlainText()


def needs_fonts() -> None:
    if not qt_has_fonts():  # print_document paints nothing then (test_without_any_font_nothing_is_painted)
        pytest.skip(NO_FONTS)


def test_a_long_notice_is_printed_on_numbered_a4_pages(qtbot, tmp_path) -> None:
    needs_fonts()
    doc = notice_document(_content([CELL, FIX, *VAGUE]))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "通知.pdf"))
    printer.setPageLayout(a4_layout())
    pages = print_document(doc, printer)
    assert pages >= 3
    data = (tmp_path / "通知.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) == pages
    size = printer.pageLayout().fullRect(printer.pageLayout().Unit.Millimeter)
    assert (round(size.width()), round(size.height())) == (210, 297)
    assert doc.rootFrame().frameFormat().position() == QTextFrameFormat.Position.InFlow


def test_the_preview_dialog_shows_pages_titled_in_chinese(qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    needs_fonts()

    from desktop.i18n import install_qt_translations
    install_qt_translations(QApplication.instance())
    dialog = NoticePreviewDialog(_content([CELL, FIX, *VAGUE]))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "打印预览 — 东山镇人民政府"
    assert dialog.preview().pageCount() == dialog.pages >= 2
    texts = [a.text() for a in dialog.findChildren(QAction) if a.text()]
    assert {"下一页", "上一页", "放大", "缩小", "打印"} <= set(texts)
    assert not [t for t in texts if re.search("[A-Za-z]{3,}", t)], texts  # every button and tip in Chinese
    dialog.close()


def test_a_printer_that_cannot_be_opened_is_not_painted_on(qtbot, tmp_path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "没有这个文件夹" / "通知.pdf"))  # QPainter.begin fails
    printer.setPageLayout(a4_layout())
    assert print_document(notice_document(_content([CELL, FIX])), printer) == 0
    assert not (tmp_path / "没有这个文件夹").exists()


def test_without_a_printer_the_preview_goes_on_as_a_pdf_and_says_so(qtbot, monkeypatch) -> None:
    import ui.print_preview as pp

    needs_fonts()
    real = pp.print_document
    calls: list[int] = []

    def first_fails(doc, printer):  # as on a Windows PC whose printer cannot be opened
        calls.append(1)
        return 0 if len(calls) == 1 else real(doc, printer)

    monkeypatch.setattr(pp, "print_document", first_fails)
    dialog = NoticePreviewDialog(_content([CELL, FIX]))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.windowTitle().endswith(pp.NO_PRINTER) and dialog.pages >= 1, timeout=10_000)
    assert dialog.windowTitle() == "打印预览 — 东山镇人民政府" + pp.NO_PRINTER
    assert dialog._printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    assert dialog.preview().pageCount() == dialog.pages


def test_a_printer_qt_calls_invalid_is_replaced_by_a_pdf_at_once(qtbot, monkeypatch) -> None:
    import ui.print_preview as pp

    monkeypatch.setattr(QPrinter, "isValid", lambda self: False)
    dialog = NoticePreviewDialog(_content([CELL]))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "打印预览 — 东山镇人民政府" + pp.NO_PRINTER
    assert dialog._printer.outputFormat() == QPrinter.OutputFormat.PdfFormat


def test_without_any_font_nothing_is_painted(qtbot, tmp_path, monkeypatch) -> None:
    import ui.print_preview as pp

    monkeypatch.setattr(pp.QFontDatabase, "families", staticmethod(lambda *_a: []))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "通知.pdf"))
    assert print_document(notice_document(_content([CELL])), printer) == 0
    assert not (tmp_path / "通知.pdf").exists()


def _rows_split(doc, height: float) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """(table part, row) of the findings rows whose text runs over a page boundary."""
    from ui.print_preview import notice_tables, row_extent

    out = []
    for k, table in enumerate(notice_tables(doc)):
        for r in range(1, table.rows()):
            top, bottom = row_extent(doc, table, r)
            if int(top // height) != int((bottom - 1) // height):
                out.append((k, r))
    return out


def test_no_table_row_is_split_across_pages(qtbot) -> None:
    """A row starts on the page it ends on (“维持” was alone on page 2): a row that would straddle a
    page begins the next one, the table's header row above it again, and no row is lost."""
    from ui.print_preview import notice_tables, paged_notice

    needs_fonts()
    content = _content([CELL, FIX, *VAGUE, *VAGUE])
    page = QSizeF(480, 700.0)
    plain = notice_document(content)
    plain.setPageSize(page)
    assert _rows_split(plain, page.height()) != []  # the case: Qt lays some rows over a page boundary
    doc = paged_notice(content, page)
    assert _rows_split(doc, page.height()) == []
    tables = notice_tables(doc)
    assert len(tables) > 1 and sum(t.rows() - 1 for t in tables) == len(content.rows)
    assert all(t.cellAt(0, 3).firstCursorPosition().block().text() == content.header[3] for t in tables)


def test_the_printed_notice_keeps_its_rows_whole_on_a4(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.print_preview import paged_notice, print_notice, text_size

    needs_fonts()
    content = _content([CELL, FIX, *VAGUE, *VAGUE])
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "通知.pdf"))
    printer.setPageLayout(a4_layout())
    doc = paged_notice(content, text_size(printer), printer)
    assert _rows_split(doc, text_size(printer).height()) == []
    assert print_notice(content, printer) == doc.pageCount() >= 2
