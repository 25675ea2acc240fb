"""Importers: a file on disk → a Document (text blocks and raw tables with source locations).

The importer is chosen by the file's content, never by its extension alone.
"""
from __future__ import annotations

from pathlib import Path

from model.document import Document, Location, RawTable, TableCell, TextBlock

from .errors import ReadError
from .sniff import sniff

REPORT_EXTENSIONS = {".pdf", ".docx", ".xlsx", ".txt", ".text", ".doc", ".xls", ".wps", ".et", ".rtf", ".htm", ".html", ".mht", ".mhtml"}

__all__ = ["REPORT_EXTENSIONS", "Document", "Location", "RawTable", "ReadError", "TableCell", "TextBlock", "read_document"]


def read_document(path: str | Path, time_budget: float | None = None) -> Document:
    """Read one file. Raises ReadError (with a Chinese message) when it cannot be read, or when
    reading would take longer than `time_budget` seconds (checked between PDF pages)."""
    p = Path(path)
    try:
        if not p.is_file():
            raise ReadError("找不到该文件，或它不是一个普通文件（可能已被移动或删除）。", kind="io")
        kind = sniff(p)
    except PermissionError as e:
        raise ReadError("没有权限读取该文件。请检查文件是否被其他程序占用或设置了访问限制。", kind="io") from e
    except OSError as e:
        raise ReadError(f"无法读取该文件（{e.strerror or e}）。", kind="io") from e
    try:
        doc = _dispatch(p, kind, time_budget)
    except ReadError:
        raise
    except MemoryError as e:
        raise ReadError("文件过大，读取时内存不足。请确认是否选错了文件。", kind="too_large") from e
    except PermissionError as e:
        raise ReadError("没有权限读取该文件。请检查文件是否被其他程序占用或设置了访问限制。", kind="io") from e
    ext = p.suffix.lower().lstrip(".")
    if doc.format == "txt" and ext in {"docx", "xlsx", "pdf", "doc", "xls"}:
        doc.notes.append(f"文件扩展名为 .{ext}，但内容是纯文本，已按文本读取。")
    if not doc.has_text():
        raise ReadError("文件中没有可读的文字内容。请确认文件是否为空白或仅含图片。", kind="empty")
    return doc


def _dispatch(p: Path, kind: str, time_budget: float | None) -> Document:
    if kind == "empty":
        raise ReadError("文件是空的（0 字节）。请向报送单位重新索取。", kind="empty")
    if kind == "pdf":
        from .pdf_file import read_pdf
        return read_pdf(p, time_budget)
    if kind == "docx":
        from .docx_file import read_docx
        return read_docx(p)
    if kind == "xlsx":
        from .xlsx_file import read_xlsx
        return read_xlsx(p)
    if kind == "ole2":
        from .ole2 import read_ole2
        return read_ole2(p)
    if kind == "text":
        from .text_file import read_text
        return read_text(p)
    if kind == "html" or kind == "mhtml":
        from .html_file import read_html
        return read_html(p, kind)
    if kind == "rtf":
        from .rtf_file import read_rtf
        return read_rtf(p)
    if kind == "zip":
        ext = p.suffix.lower()
        if ext in {".docx", ".xlsx"}:
            from .errors import corrupt
            raise corrupt("Word 文档" if ext == ".docx" else "Excel 工作簿", "压缩包内缺少文档内容")
        raise ReadError("这是一个压缩包，不是报告文件。请解压后分别打开其中的报告。", kind="unsupported")
    raise ReadError(
        "无法识别的文件格式（既不是 PDF、Word、Excel，也不是文本）。请确认文件是否损坏或选错。",
        kind="unsupported",
    )
