"""A fixed-layout page's characters and drawn lines → its blocks: the ruled tables pdfplumber's
table finder finds in the lines (as RawTables), every other word grouped into lines (wide gaps split
a line into cells, for borderless tables), top to bottom. Shared by the PDF and the OFD readers: both
give their pages as characters and edges in pdfplumber's shapes (`top` measured down from the page's
top edge, in points)."""
from __future__ import annotations

import bisect
import re
from typing import Any, Protocol

from pdfplumber.table import TableFinder, TableSettings
from pdfplumber.utils.text import WordExtractor, extract_text

from model.document import Block, Location, RawTable, TableCell, TextBlock

_Word = dict[str, Any]  # a word of pdfplumber's extract_words: text, x0, x1, top, bottom, size
_Box = tuple[float, float, float, float]
_PAGE_NUMBER = re.compile(r"^[-—–－_\s]*(第\s*)?[0-9]+\s*(页)?\s*([/／共]\s*[0-9]+\s*页?)?[-—–－_\s]*$")

WORDS: dict[str, Any] = {"x_tolerance": 1.5, "y_tolerance": 2, "keep_blank_chars": False, "extra_attrs": ["size"]}
_TABLES = TableSettings.resolve(None)


class Layer(Protocol):
    """What the table finder and the word grouping need of a page (pdfplumber's Page duck type)."""

    width: float
    height: float
    chars: list[dict[str, Any]]
    edges: list[dict[str, Any]]

    @property
    def bbox(self) -> tuple[float, float, float, float]: ...


def layer_blocks(layer: Layer, pi: int, table_offset: int) -> list[Block]:
    tables = TableFinder(layer, _TABLES).tables  # type: ignore[arg-type]  # it takes what has a Page's edges and chars
    words = WordExtractor(**WORDS).extract_words(layer.chars)
    return page_blocks(tables, layer.chars, words, pi, layer.height, table_offset)


def page_blocks(found: list[Any], page_chars: list[dict[str, Any]], words: list[_Word], pi: int, page_height: float,
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
