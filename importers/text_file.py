"""Plain text (TXT copied from a web page or from Word): detect the encoding, keep every line."""
from __future__ import annotations

import re
from pathlib import Path

from model.document import Document, Location, TextBlock

from .errors import ReadError
from .formats import Format
from .markup import BR, html_tables, unmark
from .textdecode import decode

MAX_TEXT_BYTES = 50 * 1024 * 1024
_CELL_SPLIT = re.compile(r"\s*\|\s*")


def split_cells(line: str) -> list[str] | None:
    """Cells of a table-like line: tab-separated, or pipe-table cells ('| a | b |', 'a | b |');
    a converter's '<br>' inside a cell parts it too (a group label above its row's label)."""
    if "\t" in line and line.strip():
        return [p.strip() for p in line.split("\t") if p.strip()]
    stripped = line.strip()
    if stripped.endswith("|") or (stripped.startswith("|") and stripped.count("|") >= 2):
        return [q.strip() for p in _CELL_SPLIT.split(stripped) if p for q in BR.split(p) if q.strip()]
    return None


def lines_to_blocks(text: str) -> list[TextBlock]:
    blocks: list[TextBlock] = []
    for i, raw_line in enumerate(text.splitlines()):
        loc = Location(line=i)
        raw = unmark(raw_line)
        cells = split_cells(raw)
        line = raw.strip()
        if cells is not None:
            blocks.append(TextBlock(" ".join(cells), loc, [(c, loc) for c in cells]))
        else:
            blocks.append(TextBlock(line, loc))
    return blocks


def read_text(path: Path, fmt: Format, time_budget: float | None = None) -> Document:
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise ReadError(
            f"文本文件过大（{size // (1024 * 1024)} MB），不像是一份年度报告。请确认是否选错了文件。",
            kind="too_large",
        )
    text, encoding = decode(path.read_bytes())
    doc = fmt.document(path, encoding=encoding)
    if _HTML_TABLE.search(text):
        _with_html_tables(text, doc)
    else:
        doc.blocks.extend(lines_to_blocks(text))
    return doc


_HTML_TABLE = re.compile(r"<table[\s>].*?</table\s*>", re.I | re.S)


def _with_html_tables(text: str, doc: Document) -> None:
    """Markdown with HTML tables (what OCR→Markdown converters write for merged cells): the
    tables read as grids, the lines around them as lines, each at its line of the file."""
    pos = 0
    for m in _HTML_TABLE.finditer(text):
        first = text.count("\n", 0, pos)
        for b in lines_to_blocks(text[pos:m.start()]):
            doc.blocks.append(_moved(b, first))
        html_tables(m.group(0), doc, text.count("\n", 0, m.start()))
        pos = m.end()
    first = text.count("\n", 0, pos)
    doc.blocks.extend(_moved(b, first) for b in lines_to_blocks(text[pos:]))


def _moved(b: TextBlock, first: int) -> TextBlock:
    loc = Location(line=(b.location.line or 0) + first)
    return TextBlock(b.text, loc, None if b.parts is None else [(t, loc) for t, _ in b.parts])
