"""The body's own report, marked: a copy of the file it filed with every finding placed where it is
— Word comments (DOCX), highlights with notes (PDF, scans included), cell comments and fills
(workbooks, .xls/.et as .xlsx), a scanned image as a PDF of its pages with the same highlights, old
Word/WPS and RTF files as Word where a local LibreOffice converts them, and for text and web pages
(and those old files otherwise) a PDF of the source with the same highlights. The input file is only
read; the copy is `<报告标题>（审核标注）.<ext>`."""
from __future__ import annotations

import io
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from checks.finding import Finding
from model.document import Document
from model.report import Report
from pipeline import CheckResult

from ..atomic import ExportError, save_atomic
from .marks import SUFFIX, Mark, comment_text, copy_name, marks_of, report_title
from .source_text import Render, marked_source, source_text

__all__ = ["SUFFIX", "Marked", "Render", "comment_text", "copy_name", "report_title", "write_marked_copies",
           "write_marked_copy"]

WORKBOOK_FORMATS = frozenset({"xls", "et"})
TEXT_FORMATS = frozenset({"txt", "html", "doc", "wps", "rtf"})   # a PDF of the source, marked
WORD_FORMATS = frozenset({"doc", "wps", "rtf"})                  # a Word copy where LibreOffice converts them
Converted = tuple[Path, Document, Report]   # the .docx made of an old Word/WPS/RTF file, read and recognised


@dataclass(frozen=True)
class Marked:
    """One report's marked copy: where it went and how many marks it holds, or why it was not made."""
    source: str
    copy: Path | None = None
    marks: int = 0
    error: str | None = None   # Chinese, for the inspector
    unsupported: bool = False  # no copy of this kind of file can be made (not a failure to write)


def copy_extension(fmt: str) -> str | None:
    """The copy's format for a report read as `fmt`; None when no copy can be made."""
    if fmt in ("docx", "pdf", "xlsx"):
        return fmt
    if fmt == "image":
        return "pdf"
    if fmt in WORKBOOK_FORMATS:
        return "xlsx"
    if fmt in TEXT_FORMATS:
        return "pdf"
    return None


def write_marked_copy(result: CheckResult, folder: str | os.PathLike[str], used: set[str] | None = None,
                      render: Render | None = None, findings: Sequence[Finding] | None = None) -> Marked:
    """The marked copy of one checked report in `folder`; never raises for a file it cannot mark."""
    report = result.report
    word = None
    if report is not None and report.format in WORD_FORMATS:
        from .word_copy import converted
        word = converted(result.path)
    why = None if word is not None else _refusal(result, render)
    if report is None or why is not None:
        return Marked(result.path, error=why, unsupported=True)
    marks = marks_of(report, list(result.findings if findings is None else findings))
    ext = "docx" if word is not None else copy_extension(report.format) or ""
    used = used if used is not None else set()
    target = Path(folder) / copy_name(report, ext, used)
    if _same_file(target, result.path):
        target = Path(folder) / copy_name(report, ext, used)
    try:
        save_atomic(lambda out: _write(result, marks, out, render, word), target)
    except ExportError as e:
        return Marked(result.path, error=e.message)
    finally:
        if word is not None:
            shutil.rmtree(word[0].parent, ignore_errors=True)
    return Marked(result.path, target, len(marks))


def _refusal(result: CheckResult, render: Render | None) -> str | None:
    """Why no copy of this report can be made (Chinese), or None."""
    report = result.report
    if report is None:
        return "该文件未能读取，无法生成审核标注副本。"
    ext = copy_extension(report.format)
    if ext is None or (ext == "pdf" and report.format in TEXT_FORMATS and render is None):
        return f"{report.format.upper()} 格式暂不能生成审核标注副本。"
    if report.format == "pdf":
        from .pdf_marks import refusal
        return refusal(result.path)
    return None


def write_marked_copies(items: Sequence[tuple[CheckResult, Sequence[Finding] | None]], folder: str | os.PathLike[str],
                        render: Render | None = None) -> list[Marked]:
    """A marked copy of each readable report with findings to mark (its own, or those given) into
    `folder` (made); a report without any gets none."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    return [write_marked_copy(r, folder, used, render, f) for r, f in items
            if r.report is not None and (r.findings if f is None else f)]


def _same_file(target: Path, source: str) -> bool:
    try:
        return target.exists() and os.path.samefile(target, source)
    except OSError:
        return False


def _write(result: CheckResult, marks: list[Mark], out: IO[bytes], render: Render | None, word: Converted | None) -> None:
    report = result.report
    assert report is not None
    fmt = report.format
    if word is not None:
        from .docx_marks import mark_docx
        from .word_copy import relocate
        mark_docx(word[0], relocate(marks, _document(result), word[1], word[2]), out)
    elif fmt == "docx":
        from .docx_marks import mark_docx
        mark_docx(result.path, marks, out)
    elif fmt == "pdf":
        from .pdf_marks import mark_pdf
        mark_pdf(result.path, marks, out)
    elif fmt == "xlsx":
        from .xlsx_marks import mark_xlsx
        mark_xlsx(result.path, marks, out)
    elif fmt in WORKBOOK_FORMATS:
        from .xlsx_marks import mark_sheets
        mark_sheets(_document(result), marks, out)
    elif fmt == "image":
        from .image_copy import image_pdf
        from .pdf_marks import mark_pdf
        pages = io.BytesIO()
        image_pdf(result.path, pages)
        pages.seek(0)
        mark_pdf(pages, marks, out)
    else:
        assert render is not None
        from .pdf_marks import mark_pdf
        page = io.BytesIO()
        placed = marked_source(source_text(_document(result), report_title(report)), marks, render, page)
        page.seek(0)
        mark_pdf(page, placed, out)


def _document(result: CheckResult) -> Document:
    """The document as read (kept by the window; read again, cheaply, for a command-line batch)."""
    if result.document is not None:
        return result.document
    from importers import read_document
    return read_document(result.path)
