"""PDF with a text layer: ruled tables through pdfplumber's table finder, every other word
grouped into lines (wide gaps split a line into cells, for borderless tables).

The characters and drawn lines come from PDFium (`pdf_layer`), several times faster than
pdfminer's layout pass; pdfplumber's word grouping and table finder then run on them unchanged.
A file PDFium cannot open, or a page it would place differently (rotated), is read by pdfplumber
whole, which also words the messages for damaged files."""
from __future__ import annotations

import bisect
import re
import time
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
from pdfplumber.table import TableFinder, TableSettings
from pdfplumber.utils.text import WordExtractor, extract_text

from model.document import Block, Document, Location, RawTable, TableCell, TextBlock

from . import progress
from .errors import ReadError, corrupt
from .formats import Format
from .options import DEFAULT_OPTIONS, ReadOptions
from .pdf_layer import PageLayer, Unsupported, read_layer
from .pdfium_lock import PDFIUM

MAX_PAGES = 2000
PAGES_SHOWN = 10  # a file this long tells its pages as they are read (a report has 3 to 6)
_Word = dict[str, Any]  # a word of pdfplumber's extract_words: text, x0, x1, top, bottom, size
_Box = tuple[float, float, float, float]
_PAGE_NUMBER = re.compile(r"^[-—–－_\s]*(第\s*)?[0-9]+\s*(页)?\s*([/／共]\s*[0-9]+\s*页?)?[-—–－_\s]*$")


_WORDS: dict[str, Any] = {"x_tolerance": 1.5, "y_tolerance": 2, "keep_blank_chars": False, "extra_attrs": ["size"]}
_TABLES = TableSettings.resolve(None)


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
            _check_time(options.time_budget, started, pi, n)
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
            doc.blocks.extend(_layer_blocks(layer, pi, len(doc.tables())))
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


def _check_time(time_budget: float | None, started: float, pi: int, n: int) -> None:
    if time_budget is not None and time.process_time() - started > time_budget:
        raise ReadError(
            f"文件过大：读到第 {pi} 页（共 {n} 页）已超过单个文件 {time_budget:.0f} 秒的读取时限，已停止。"
            "请确认是否选错了文件，或在设置中放宽“单个文件读取时限”。",
            kind="too_large",
        )


def _layer_blocks(layer: PageLayer, pi: int, table_offset: int) -> list[Block]:
    tables = TableFinder(layer, _TABLES).tables  # type: ignore[arg-type]  # it takes what has a Page's edges and chars
    words = WordExtractor(**_WORDS).extract_words(layer.chars)
    return _page_blocks(tables, layer.chars, words, pi, layer.height, table_offset)


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
        _check_time(options.time_budget, started, pi, len(pages))
        try:
            any_chars |= bool(page.chars)
            words = page.extract_words(**_WORDS)
            doc.blocks.extend(_page_blocks(page.find_tables(), page.chars, words, pi, page.height, len(doc.tables())))
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


def _page_blocks(found: list[Any], page_chars: list[dict[str, Any]], words: list[_Word], pi: int, page_height: float,
                 table_offset: int) -> list[Block]:
    """A page's tables (pdfplumber Table objects) and the lines of the words outside them, top to bottom."""
    placed: list[tuple[float, Block]] = []
    boxes: list[_Box] = []
    if found:
        chars = _Chars(page_chars)
        for k, t in enumerate(found):
            raw = _table(t, pi, table_offset + k, chars)
            if raw is not None:
                placed.append((t.bbox[1], raw))
                boxes.append(t.bbox)
    words = [w for w in words if not any(_inside(w, b) for b in boxes)]
    for line in _lines(words):
        block = _line_block(line, pi, page_height)
        if block is not None:
            placed.append((line[0]["top"], block))
    placed.sort(key=lambda p: p[0])
    return [b for _, b in placed]


def _inside(w: _Word, box: _Box) -> bool:
    cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    return bool(box[0] <= cx <= box[2] and box[1] <= cy <= box[3])


class _Chars:
    """A page's characters by the middle of their height: pdfplumber's Table.extract tests every
    character of the page against every row; this finds a row's characters by bisection."""

    def __init__(self, chars: list[dict[str, Any]]) -> None:
        mids = sorted(((c["top"] + c["bottom"]) / 2, k) for k, c in enumerate(chars))
        self.chars = chars
        self.v = [m for m, _ in mids]
        self.order = [k for _, k in mids]

    def in_box(self, box: _Box) -> list[dict[str, Any]]:
        """The characters whose middle is inside box (left and top edges in, right and bottom
        out, as pdfplumber counts them), in page order."""
        x0, top, x1, bottom = box
        lo, hi = bisect.bisect_left(self.v, top), bisect.bisect_left(self.v, bottom)
        found = sorted(k for k in self.order[lo:hi] if x0 <= (self.chars[k]["x0"] + self.chars[k]["x1"]) / 2 < x1)
        return [self.chars[k] for k in found]


def _cell_texts(rows: list[Any], chars: _Chars) -> list[list[str | None]]:
    """pdfplumber's Table.extract(), found faster: each cell's characters as its text."""
    out: list[list[str | None]] = []
    for row in rows:
        texts: list[str | None] = []
        for cell in row.cells:
            found = chars.in_box(cell) if cell is not None else None
            texts.append(None if found is None else extract_text(found) if found else "")
        out.append(texts)
    return out


def _table(t: Any, pi: int, table_index: int, chars: _Chars) -> RawTable | None:
    table_rows = t.rows
    texts = _cell_texts(table_rows, chars)
    rows: list[list[TableCell]] = []
    n_cols = 0
    for r, (row, cells) in enumerate(zip(table_rows, texts)):
        out: list[TableCell] = []
        for c, (bbox, text) in enumerate(zip(row.cells, cells)):
            if bbox is None:
                continue  # covered by a merged cell
            loc = Location(page=pi, bbox=tuple(bbox), table=table_index, row=r, col=c)
            out.append(TableCell((text or "").replace("\n", "").strip(), r, c, loc))
        n_cols = max(n_cols, len(row.cells))
        rows.append(out)
    if not any(rows):
        return None
    return RawTable(rows, Location(page=pi, bbox=tuple(t.bbox), table=table_index), n_cols)


def _lines(words: list[_Word]) -> list[list[_Word]]:
    """Group words whose vertical middles are within a few points into lines, left to right."""
    words = sorted(words, key=lambda w: (round((w["top"] + w["bottom"]) / 2), w["x0"]))
    lines: list[list[_Word]] = []
    for w in words:
        mid = (w["top"] + w["bottom"]) / 2
        if lines:
            last = lines[-1]
            lmid = sum((x["top"] + x["bottom"]) / 2 for x in last) / len(last)
            if abs(mid - lmid) <= max(2.0, 0.3 * (w["bottom"] - w["top"])):
                last.append(w)
                continue
        lines.append([w])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
    return lines


def _line_block(line: list[_Word], pi: int, page_height: float) -> TextBlock | None:
    top = min(w["top"] for w in line)
    bottom = max(w["bottom"] for w in line)
    text_all = " ".join(w["text"] for w in line)
    if (top < page_height * 0.07 or bottom > page_height * 0.93) and _PAGE_NUMBER.match(text_all):
        return None  # page number
    parts: list[tuple[str, Location]] = []
    cur: list[_Word] = []
    for w in line:
        if cur:
            size = float(w.get("size") or 10)
            gap = w["x0"] - cur[-1]["x1"]
            if gap > max(6.0, 0.9 * size):
                parts.append(_part(cur, pi))
                cur = []
        cur.append(w)
    parts.append(_part(cur, pi))
    text = " ".join(p[0] for p in parts)
    bbox = (min(w["x0"] for w in line), top, max(w["x1"] for w in line), bottom)
    return TextBlock(text, Location(page=pi, bbox=bbox), parts if len(parts) > 1 else None)


def _part(words: list[_Word], pi: int) -> tuple[str, Location]:
    text = ""
    prev = None
    for w in words:
        if prev is not None and w["x0"] - prev["x1"] > 1.0 and (_ascii_end(prev["text"]) or _ascii_end(w["text"][:1])):
            text += " "
        text += w["text"]
        prev = w
    bbox = (words[0]["x0"], min(w["top"] for w in words), words[-1]["x1"], max(w["bottom"] for w in words))
    return text, Location(page=pi, bbox=bbox)


def _ascii_end(s: str) -> bool:
    return bool(s) and s[-1].isascii() and s[-1].isalnum()
