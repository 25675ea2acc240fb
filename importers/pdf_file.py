"""PDF with a text layer: ruled tables through pdfplumber's table finder, every other word
grouped into lines (wide gaps split a line into cells, for borderless tables; `page_blocks`).

The characters and drawn lines come from PDFium (`pdf_layer`), several times faster than
pdfminer's layout pass; pdfplumber's word grouping and table finder then run on them unchanged.
A file PDFium cannot open, or a page it would place differently (rotated), is read by pdfplumber
whole, which also words the messages for damaged files."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium

from model.document import Document

from . import progress
from .errors import ReadError, corrupt
from .formats import Format
from .limits import check_page_time
from .options import DEFAULT_OPTIONS, ReadOptions
from .page_blocks import WORDS, layer_blocks, page_blocks
from .pdf_layer import Unsupported, read_layer
from .pdfium_lock import PDFIUM

MAX_PAGES = 2000
PAGES_SHOWN = 10  # a file this long tells its pages as they are read (a report has 3 to 6)


class _ReadWithPdfplumber(Exception):
    """PDFium could not open the file or place a page as pdfminer does."""


def read_pdf(path: Path, fmt: Format, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    started = time.process_time()  # CPU time: a loaded machine does not shorten the budget
    try:
        return _read_pdfium(path, fmt, options, started)
    except _ReadWithPdfplumber:
        return read_pdfplumber(path, fmt, options, started)


def read_pdfplumber(path: Path, fmt: Format, options: ReadOptions = DEFAULT_OPTIONS, started: float | None = None) -> Document:
    """The whole file through pdfminer's layout pass (the reader for what PDFium cannot place)."""
    started = time.process_time() if started is None else started
    try:
        pdf = pdfplumber.open(str(path))
    except MemoryError:
        raise
    except Exception as e:  # pdfminer raises many types for damaged or encrypted files
        raise _open_error(e) from e
    try:
        return _read_pages(pdf, path, fmt, options, started)
    finally:
        _close(pdf)


def _close(pdf: Any) -> None:
    """pdfplumber's close() walks the page tree again: on a damaged (or cyclic) tree it would
    raise over the message, or hang. Without pages made, closing the file is enough."""
    try:
        if getattr(pdf, "_pages", None) is not None:
            pdf.close()
        else:
            pdf.stream.close()
    except Exception:  # closing a damaged file must not mask the message about it
        pass


def _read_pdfium(path: Path, fmt: Format, options: ReadOptions, started: float) -> Document:
    with PDFIUM:
        return _read_pdfium_pages(path, fmt, options, started)


def _read_pdfium_pages(path: Path, fmt: Format, options: ReadOptions, started: float) -> Document:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        # pdfplumber says why (encrypted, truncated...): PDFium's error code is global and is not
        # always set by a failed load, so it may be an earlier file's
        raise _ReadWithPdfplumber from e
    try:
        n = len(pdf)
        if n == 0:
            raise _ReadWithPdfplumber
        _check_count(n)
        doc = fmt.document(path, page_count=n)
        any_chars = any_images = False
        for pi in range(n):
            check_page_time(options.time_budget, started, pi, n)
            if n >= PAGES_SHOWN:
                progress.page_read(pi, n)
            try:
                page = pdf[pi]
            except pdfium.PdfiumError as e:  # a damaged page: pdfplumber words what is wrong
                raise _ReadWithPdfplumber from e
            try:
                layer = read_layer(page)
            except (Unsupported, pdfium.PdfiumError) as e:
                raise _ReadWithPdfplumber from e
            finally:
                page.close()
            any_chars |= bool(layer.chars)
            any_images |= layer.images > 0
            doc.blocks.extend(layer_blocks(layer, pi, len(doc.tables())))
    finally:
        pdf.close()
    if not any_chars:
        if not any_images:  # pages with nothing on them (contents that refer to themselves, missing):
            raise _ReadWithPdfplumber  # a damaged file, which pdfplumber words
        return _read_scanned(path, fmt, started, options)
    return doc


def _check_count(n: int) -> None:
    if n > MAX_PAGES:
        raise ReadError(f"PDF 共 {n} 页，远超一份年度报告的篇幅，已停止读取。请确认是否选错了文件。", kind="too_large")



def _read_pages(pdf: Any, path: Path, fmt: Format, options: ReadOptions, started: float) -> Document:
    try:
        _check_page_tree(pdf.doc)
        pages = pdf.pages
    except (ReadError, MemoryError):
        raise
    except Exception as e:
        raise _open_error(e) from e
    if not pages:  # a page tree that leads nowhere: not a scan, a damaged file
        raise corrupt("PDF", "页面结构损坏，找不到任何页面")
    _check_count(len(pages))
    doc = fmt.document(path, page_count=len(pages))
    any_chars = False
    for pi, page in enumerate(pages):
        check_page_time(options.time_budget, started, pi, len(pages))
        try:
            any_chars |= bool(page.chars)
            words = page.extract_words(**WORDS)
            doc.blocks.extend(page_blocks(page.find_tables(), page.chars, words, pi, page.height, len(doc.tables())))
        except MemoryError:
            raise
        except Exception as e:
            raise corrupt("PDF", f"第 {pi + 1} 页无法解析：{type(e).__name__}") from e
        finally:
            page.close()  # frees the page's cached layout objects
    if not any_chars:
        return _read_scanned(path, fmt, started, options)
    return doc


_MAX_HOPS = 32
_CYCLE = "PDF 的页面结构异常（对象循环引用自身），无法读取。请向报送单位索取重新导出的 PDF。"


def _resolve(doc: Any, x: Any) -> Any:
    """x with its references followed, at most _MAX_HOPS of them (pdfminer follows a reference to
    itself forever)."""
    from pdfminer.pdftypes import PDFObjRef
    for _ in range(_MAX_HOPS):
        if not isinstance(x, PDFObjRef):
            return x
        x = doc.getobj(x.objid)
    if isinstance(x, PDFObjRef):
        raise ReadError(_CYCLE, kind="corrupt")
    return x


def _check_page_tree(doc: Any) -> None:
    """Walk the page tree before pdfminer does: a /Kids, /Contents or /Resources (or a resource)
    that refers to itself, directly or through others, is refused here."""
    root = _resolve(doc, doc.catalog.get("Pages"))
    stack, seen = [root], 0
    while stack:
        node = stack.pop()
        seen += 1
        if seen > 4 * MAX_PAGES or not isinstance(node, dict):
            continue
        for key in ("Contents", "Resources"):
            value = _resolve(doc, node.get(key))
            for item in value if isinstance(value, list) else value.values() if isinstance(value, dict) else ():
                _resolve(doc, item)
        kids = _resolve(doc, node.get("Kids"))
        if isinstance(kids, list):
            stack.extend(_resolve(doc, k) for k in kids[: 4 * MAX_PAGES])


def _read_scanned(path: Path, fmt: Format, started: float, options: ReadOptions) -> Document:
    """No text layer: the pages are images. Read them by OCR at the images' own resolution."""
    from . import scan_pdf

    return scan_pdf.read_scanned_pdf(path, fmt, started, options)


def _open_error(e: Exception) -> ReadError:
    text = f"{type(e).__name__}: {e!r} {e.__cause__!r}".lower()
    if "password" in text or "encrypt" in text:
        return ReadError("PDF 已加密（设置了打开密码），无法读取。请报送单位提供未加密的文件。", kind="encrypted")
    return corrupt("PDF", "文件结构不完整，可能下载或复制时被截断")
