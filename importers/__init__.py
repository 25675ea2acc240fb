"""Importers: a file on disk → a Document (text blocks and raw tables with source locations).

The importer is chosen by the file's content, never by its extension alone: `sniff` names the
content kind, the registry (`formats`) names the reader for that kind.
"""
from __future__ import annotations

from pathlib import Path

from model.document import Document, Layout, Location, RawTable, TableCell, TextBlock

from . import formats, ole2
from .errors import ReadError, corrupt
from .formats import REPORT_EXTENSIONS, Format
from .sniff import sniff

__all__ = ["REPORT_EXTENSIONS", "Document", "Format", "Layout", "Location", "RawTable", "ReadError", "TableCell", "TextBlock",
           "read_document"]

_IO_DENIED = "没有权限读取该文件。请检查文件是否被其他程序占用或设置了访问限制。"


def read_document(path: str | Path, time_budget: float | None = None, *, ocr: bool = True) -> Document:
    """Read one file. Raises ReadError (with a Chinese message) when it cannot be read, or when
    reading would take longer than `time_budget` seconds (checked between PDF pages). With
    `ocr` off a scan is refused instead of read by OCR (the setting Settings.ocr)."""
    p = Path(path)
    fmt = _reader_for(p)
    from .scan_state import OCR_ENABLED

    token = OCR_ENABLED.set(ocr)
    try:
        doc = fmt.read(p, time_budget)
    except ReadError:
        raise
    except MemoryError as e:
        raise ReadError("文件过大，读取时内存不足。请确认是否选错了文件。", kind="too_large") from e
    except PermissionError as e:
        raise ReadError(_IO_DENIED, kind="io") from e
    finally:
        OCR_ENABLED.reset(token)
    claimed = formats.for_extension(p)
    if fmt.layout is Layout.LINES and claimed is not None and claimed.binary:
        doc.notes.append(f"文件扩展名为 {p.suffix.lower()}，但内容是纯文本，已按文本读取。")
    if not doc.has_text():
        raise ReadError("文件中没有可读的文字内容。请确认文件是否为空白或仅含图片。", kind="empty")
    return doc


def _reader_for(p: Path) -> Format:
    """The registry row for the file's content; a ReadError for content no reader takes."""
    try:
        if not p.is_file():
            raise ReadError("找不到该文件，或它不是一个普通文件（可能已被移动或删除）。", kind="io")
        kind = sniff(p)
    except PermissionError as e:
        raise ReadError(_IO_DENIED, kind="io") from e
    except OSError as e:
        raise ReadError(f"无法读取该文件（{e.strerror or e}）。", kind="io") from e
    fmt = formats.for_kind(kind, p)
    if fmt is None:
        raise _refusal(p, kind)
    return fmt


def _refusal(p: Path, kind: str) -> ReadError:
    if kind == "empty":
        return ReadError("文件是空的（0 字节）。请向报送单位重新索取。", kind="empty")
    if kind in ("encrypted", "ole2"):
        return ole2.read_error(kind)
    if kind == "zip":
        ext = p.suffix.lower()
        if ext in {".docx", ".xlsx"}:
            return corrupt("Word 文档" if ext == ".docx" else "Excel 工作簿", "压缩包内缺少文档内容")
        return ReadError("这是一个压缩包，不是报告文件。请解压后分别打开其中的报告。", kind="unsupported")
    return ReadError(
        "无法识别的文件格式（既不是 PDF、Word、Excel，也不是文本）。请确认文件是否损坏或选错。",
        kind="unsupported",
    )
