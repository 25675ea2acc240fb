"""Importers: a file on disk → a Document (text blocks and raw tables with source locations).

The importer is chosen by the file's content, never by its extension alone: `sniff` names the
content kind, the registry (`formats`) names the reader for that kind.
"""
from __future__ import annotations

import logging
import struct
import zipfile
import zlib
from pathlib import Path

from model.document import Document, Layout, Location, RawTable, TableCell, TextBlock

from . import formats, ole2
from .cells import MAX_COLS
from .errors import ReadError, corrupt
from .formats import REPORT_EXTENSIONS, Format
from .limits import MAX_DOC_CELLS, MAX_DOC_CHARS, memory_error
from .options import ReadOptions
from .sniff import sniff

__all__ = ["REPORT_EXTENSIONS", "Document", "Format", "Layout", "Location", "RawTable", "ReadError", "TableCell", "TextBlock",
           "read_document"]

log = logging.getLogger(__name__)

_IO_DENIED = "没有权限读取该文件。请检查文件是否被其他程序占用或设置了访问限制。"
GONE = "文件不存在或已被移走。请确认文件仍在原处后重新检查。"
TOO_DEEP = "文件结构嵌套过深（可能是损坏或恶意构造的文件），已停止读取。请向报送单位索取正常保存的文件。"
_WHAT = {"pdf": "PDF", "ofd": "OFD", "docx": "Word 文档", "doc": "Word 文档", "wps": "WPS 文档", "xlsx": "Excel 工作簿",
         "xls": "Excel 工作簿", "et": "WPS 表格", "html": "网页", "txt": "文本文件", "rtf": "RTF 文档"}

# What a damaged file makes the libraries raise (a TypeError, AttributeError … stays a bug)
_FILE_FAULTS: tuple[type[BaseException], ...] = (
    ValueError, KeyError, IndexError, LookupError, EOFError, OverflowError, NotImplementedError, RuntimeError,
    AssertionError, struct.error, zlib.error, zipfile.BadZipFile, zipfile.LargeZipFile,
)


def _library_faults() -> tuple[type[BaseException], ...]:
    """pdfminer's and lxml's own exception roots, when they are installed."""
    found: list[type[BaseException]] = []
    try:
        from pdfminer.psexceptions import PSException  # PDFException's root
        found.append(PSException)
    except ImportError:
        pass
    try:
        from pdfplumber.utils.exceptions import PdfminerException
        found.append(PdfminerException)
    except ImportError:
        pass
    try:
        from lxml.etree import LxmlError
        found.append(LxmlError)
    except ImportError:
        pass
    return tuple(found)


def read_document(path: str | Path, time_budget: float | None = None, *, ocr: bool = True) -> Document:
    """Read one file. Raises ReadError (with a Chinese message) when it cannot be read, or when
    reading would take longer than `time_budget` CPU seconds (checked between PDF pages; the sandbox
    in pipeline holds every format to it). Whatever a damaged file makes a library raise, a
    panic of a native library (a BaseException) included, becomes a ReadError here. With `ocr`
    off a scan is refused instead of read by OCR."""
    return read_with(path, ReadOptions(time_budget, ocr))


def read_with(path: str | Path, options: ReadOptions) -> Document:
    """read_document with the reading settings as one value."""
    p = Path(path)
    fmt = _reader_for(p)
    try:
        doc = fmt.read(p, options)
    except ReadError as e:
        if not p.exists():  # deleted or moved while it was read: not "damaged"
            raise ReadError(GONE, kind="io") from e
        raise
    except BaseException as e:
        err = _as_read_error(e, p, fmt)
        if err is e:  # a bug, or Ctrl+C: passed on as it is
            raise
        raise err from e
    _bound_text(doc)
    _bound_tables(doc)
    claimed = formats.for_extension(p)
    if fmt.layout is Layout.LINES and claimed is not None and claimed.binary:
        doc.notes.append(f"文件扩展名为 {p.suffix.lower()}，但内容是纯文本，已按文本读取。")
    if not doc.has_text():
        raise ReadError("文件中没有可读的文字内容。请确认文件是否为空白或仅含图片。", kind="empty")
    return doc


def _bound_text(doc: Document) -> None:
    """Far more text than any report: refused, so that no reader sends the window a result it
    would take seconds to take in (a report is ~20,000 characters)."""
    chars = sum(len(b.text) for b in doc.blocks if isinstance(b, TextBlock))
    if chars > MAX_DOC_CHARS:
        raise ReadError(f"文件过大：文字约 {chars // 10_000} 万字，远超一份年度报告的篇幅，已停止读取。请确认是否选错了文件。",
                        kind="too_large")


def _bound_tables(doc: Document) -> None:
    """Every table of every format clipped to what a report (and the source view) can hold:
    MAX_COLS grid columns, MAX_DOC_CELLS cells in all; a note says what was left out."""
    left = MAX_DOC_CELLS
    clipped = False
    for block in doc.blocks:
        if not isinstance(block, RawTable):
            continue
        if block.n_cols > MAX_COLS:
            block.rows = [[c for c in row if c.col < MAX_COLS] for row in block.rows]
            block.n_cols = MAX_COLS
            clipped = True
        for i, row in enumerate(block.rows):
            if left - len(row) < 0:
                block.rows = block.rows[:i]
                clipped = True
                break
            left -= len(row)
    if clipped:
        doc.notes.append(f"文件中的表格范围过大（超过 {MAX_COLS} 列或共 {MAX_DOC_CELLS} 格），超出一份报告能容纳的篇幅，"
                         "多出的部分未读取。")


def _as_read_error(e: BaseException, p: Path, fmt: Format) -> BaseException:
    """The message for what reading raised; a bug (or Ctrl+C) is passed on as it is."""
    if isinstance(e, (KeyboardInterrupt, SystemExit, GeneratorExit)):
        return e
    if not p.exists():  # deleted or moved while it was read
        return ReadError(GONE, kind="io")
    if isinstance(e, MemoryError):
        return memory_error()
    if isinstance(e, RecursionError):
        return ReadError(TOO_DEEP, kind="corrupt")
    if isinstance(e, OSError):
        return _os_error(e)
    what = _WHAT.get(fmt.name, "报告文件")
    if not isinstance(e, Exception):  # a native library's panic (python-calamine's PanicException)
        log.warning("%s: library panic while reading %s", type(e).__name__, p, exc_info=e)
        return corrupt(what, "读取库无法解析其内部结构")
    if isinstance(e, _FILE_FAULTS + _library_faults()):
        log.info("damaged %s: %s", p, type(e).__name__, exc_info=e)
        return corrupt(what, type(e).__name__)
    return e


def _os_error(e: OSError) -> ReadError:
    if isinstance(e, PermissionError):
        return ReadError(_IO_DENIED, kind="io")
    if isinstance(e, (FileNotFoundError, NotADirectoryError)):
        return ReadError(GONE, kind="io")
    if isinstance(e, IsADirectoryError):
        return ReadError("这是一个文件夹，不是报告文件。", kind="io")
    if e.errno is None:  # a library's "cannot parse" (no system call failed)
        return corrupt("报告文件", type(e).__name__)
    return ReadError(f"读取文件时发生磁盘或网络读写错误（错误号 {e.errno}）。请把文件复制到本机后重新检查。", kind="io")


def _reader_for(p: Path) -> Format:
    """The registry row for the file's content; a ReadError for content no reader takes."""
    try:
        if not p.exists():
            raise ReadError(GONE, kind="io")
        if not p.is_file():
            raise ReadError("这不是一个普通文件（可能是文件夹或设备）。请选择报告文件本身。", kind="io")
        with open(p, "rb") as f:
            plugged = formats.detected(f.read(4096))
        if plugged is not None:
            return plugged
        kind = sniff(p)
    except OSError as e:
        raise _os_error(e) from e
    fmt = formats.for_kind(kind, p)
    if fmt is None:
        raise _refusal(p, kind)
    return fmt


def _refusal(p: Path, kind: str) -> ReadError:
    if kind == "empty":
        return ReadError("文件是空的（0 字节）。请向报送单位重新索取。", kind="empty")
    if kind in ("encrypted", "ole2", "ole2_damaged"):
        return ole2.read_error(kind)
    if kind == "zip":
        ext = p.suffix.lower()
        if ext in {".docx", ".xlsx", ".ofd"}:
            return corrupt({".docx": "Word 文档", ".xlsx": "Excel 工作簿", ".ofd": "OFD"}[ext], "压缩包内缺少文档内容")
        return ReadError("这是一个压缩包，不是报告文件。请解压后分别打开其中的报告。", kind="unsupported")
    return ReadError(
        "无法识别的文件格式（既不是 PDF、Word、Excel，也不是文本）。请确认文件是否损坏或选错。",
        kind="unsupported",
    )
