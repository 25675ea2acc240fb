"""Plain text (TXT copied from a web page or from Word): detect the encoding, keep every line."""
from __future__ import annotations

import re
from pathlib import Path

from model.document import Document, Location, TextBlock

from .errors import ReadError
from .formats import Format
from .markup import BR, html_tables, is_md_rule, unmark
from .options import DEFAULT_OPTIONS, ReadOptions
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
        inner = stripped[1:] if stripped.startswith("|") else stripped
        inner = inner[:-1] if inner.endswith("|") else inner
        cells = [q.strip() for p in _CELL_SPLIT.split(inner) for q in BR.split(p) if q.strip() or not p.strip()]
        # an empty cell between two filled ones is a blank cell ('| 0 |  | 0 |'); a row of
        # nothing but empty cells is no row
        return cells if any(cells) else []
    return None


def lines_to_blocks(text: str) -> list[TextBlock]:
    blocks: list[TextBlock] = []
    lines = text.splitlines()
    unmarked = [unmark(raw_line) for raw_line in lines]
    split = [split_cells(line) for line in unmarked]
    _drop_spacing_columns(lines, split)
    for i, raw_line in enumerate(lines):
        loc = Location(line=i)
        cells = split[i]
        if cells is not None:
            blocks.append(TextBlock(" ".join(c for c in cells if c), loc, [(c, loc) for c in cells]))
        else:
            # '<br>' outside a pipe table parts lines a converter joined (a table as a picture's text)
            parts = BR.split(unmarked[i])
            raw = raw_line.expandtabs(8) if len(parts) == 1 else None
            blocks.extend(TextBlock(part.strip(), loc, raw=raw) for part in parts)
    return blocks


def _drop_spacing_columns(lines: list[str], split: list[list[str] | None]) -> None:
    """A pipe table a PDF converter drew on the page's layout has columns empty in every row between
    the printed columns (the gaps): they are no cells. A column with a word in any row of the table
    (its '|---|' rule included) stays, and so do empty columns at its end: their empty cells are
    blank cells (a DOCX table's blank last cells)."""
    i = 0
    while i < len(lines):
        if split[i] is None:
            i += 1
            continue
        j = i
        while j < len(lines) and (split[j] is not None or is_md_rule(lines[j])):
            j += 1
        gaps = _gap_columns([r for r in split[i:j] if r])
        if gaps:
            for k in range(i, j):
                row = split[k]
                if row:
                    split[k] = [x for c, x in enumerate(row) if c not in gaps]
        i = j


def _gap_columns(rows: list[list[str]]) -> set[int]:
    """Columns empty in every row that stand between filled ones."""
    width = max((len(r) for r in rows), default=0)
    used = [c for c in range(width) if any(c < len(r) and r[c] for r in rows)]
    return {c for c in range(width) if used and used[0] < c < used[-1] and c not in used}


def read_text(path: Path, fmt: Format, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
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
