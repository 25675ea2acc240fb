"""Markup the text readers share: the Markdown that converters write, and HTML parsed into text
runs and tables (a saved page, or a converter's <table> inside a Markdown file)."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

from model.document import Document, Location, RawTable, TableCell, TextBlock

from .limits import MAX_SPAN, MAX_TABLE_CELLS

# Markdown that PDF/OCR→Markdown converters write: '## ' headings, '> ' quotes, **bold**, and the
# '|---|:---:|' rule under a pipe table's header row.
_MD_HEADING = re.compile(r"^\s{0,3}(?:#{1,6}|>)\s+")
_MD_EMPHASIS = re.compile(r"\*\*|__")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


BR = re.compile(r"<br\s*/?>", re.I)


# inline HTML that Markdown converters leave in a line: comments, underline/bold/span tags
_INLINE_TAGS = re.compile(r"<!--.*?-->|</?(?:u|b|i|em|strong|span|font|sup|sub|mark|s)(?:\s[^<>]*)?>", re.I)


def is_md_rule(line: str) -> bool:
    return bool(_MD_RULE.match(line))


def unmark(line: str) -> str:
    """A line without its Markdown markup; a table's '|---|' rule becomes an empty line."""
    if _MD_RULE.match(line):
        return ""
    if "&" in line and ";" in line:
        line = html.unescape(line)  # &nbsp; &lt; … that converters leave in
    if "#" in line or ">" in line:
        line = _MD_HEADING.sub("", line)
    if "*" in line or "__" in line:
        line = _MD_EMPHASIS.sub("", line)
    return _INLINE_TAGS.sub("", line) if "<" in line else line



_MAX_NESTING = 50   # tables inside tables deeper than this are read as text of the outer cell
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "section", "article", "title"}


def parse_html(text: str) -> tuple[list[str | _Table], str]:
    """Text runs and tables of an HTML text, in order, and its <title>."""
    parser = _Parser()
    parser.feed(text)
    parser.close()
    return parser.blocks, re.sub(r"\s+", " ", "".join(parser.title)).strip()


def html_tables(fragment: str, doc: Document, line: int) -> None:
    """The tables of an HTML fragment (a converter's <table> inside Markdown) appended to `doc`
    as grids located at `line`; text between them as lines there too."""
    blocks, _ = parse_html(fragment)
    start = len(doc.blocks)
    emit(blocks, doc, [line])
    for b in doc.blocks[start:]:  # every block of the fragment stands on its line of the file
        b.location = replace(b.location, line=line)
        if isinstance(b, RawTable):
            for row in b.rows:
                for c in row:
                    c.location = replace(c.location, line=line)


def emit(payloads: list[str | _Table], doc: Document, line: list[int]) -> None:
    """Text runs as lines, data tables as grids; a layout table (one that holds tables: old portal
    pages lay the whole article out in one) gives its cells' content in reading order."""
    for payload in payloads:
        if isinstance(payload, str):
            for raw in payload.splitlines():
                ln = unmark(raw)  # Markdown around a converter's HTML tables ('# 一、总体情况')
                if ln.strip():
                    doc.blocks.append(TextBlock(ln.strip(), Location(line=line[0])))
                    line[0] += 1
        elif payload.is_layout():
            for row in payload.rows:
                for cell in row:
                    emit(cell.parts, doc, line)
        else:
            doc.blocks.append(_grid(payload.grid(), len(doc.tables()), line[0]))
            line[0] += 1


_Rows = list[list[tuple[str, int, int]]]  # a <table>: rows of (text, rowspan, colspan)


def _grid(rows: _Rows, table_index: int, line: int) -> RawTable:
    taken: set[tuple[int, int]] = set()
    out: list[list[TableCell]] = []
    n_cols = 0
    for r, row in enumerate(rows):
        cells: list[TableCell] = []
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in taken:
                c += 1
            fits = len(taken) + rowspan * colspan <= MAX_TABLE_CELLS  # else spans far beyond a report's table
            for dr in range(min(rowspan if fits else 1, len(rows) - r)):
                for dc in range(colspan if fits else 1):
                    taken.add((r + dr, c + dc))
            cells.append(TableCell(text, r, c, Location(table=table_index, row=r, col=c, line=line)))
            c += colspan
        n_cols = max(n_cols, c)
        out.append(cells)
    return RawTable(out, Location(table=table_index, line=line), n_cols)


@dataclass
class _Cell:
    parts: list[str | _Table] = field(default_factory=list)  # text runs and the tables inside it
    rowspan: int = 1
    colspan: int = 1

    def text(self) -> str:
        raw = "".join(p if isinstance(p, str) else " ".join(c.text() for r in p.rows for c in r) for p in self.parts)
        return re.sub(r"\s+", " ", raw).strip()


@dataclass
class _Table:
    rows: list[list[_Cell]] = field(default_factory=list)
    cell: _Cell | None = None   # the cell being read

    def is_layout(self) -> bool:
        return any(isinstance(p, _Table) for row in self.rows for c in row for p in c.parts)

    def grid(self) -> _Rows:
        return [[(c.text(), c.rowspan, c.colspan) for c in row] for row in self.rows]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str | _Table] = []  # text runs and tables, in order
        self._text: list[str] = []
        self._tables: list[_Table] = []  # the open tables, innermost last
        self._too_deep = 0               # tables opened beyond _MAX_NESTING, not kept
        self._skip = 0
        self.title: list[str] = []   # the page's <title>: the report's title, with the site's name
        self._in_title = False

    @property
    def _cell(self) -> _Cell | None:
        return self._tables[-1].cell if self._tables else None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "title":
            self._in_title = True
        if tag in {"script", "style", "head"}:
            self._skip += 1
        elif tag == "table":
            self._flush_text()
            if len(self._tables) < _MAX_NESTING:
                self._tables.append(_Table())
            else:
                self._too_deep += 1
        elif tag == "tr" and self._tables:
            self._tables[-1].rows.append([])
            self._tables[-1].cell = None
        elif tag in {"td", "th"} and self._tables:
            t = self._tables[-1]
            if not t.rows:
                t.rows.append([])
            t.cell = _Cell(rowspan=_int(a.get("rowspan")), colspan=_int(a.get("colspan")))
            t.rows[-1].append(t.cell)
        elif tag in BLOCK_TAGS:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in {"script", "style", "head"}:
            self._skip = max(0, self._skip - 1)
        elif tag in {"td", "th"} and self._tables:
            self._tables[-1].cell = None
        elif tag == "table" and self._too_deep:
            self._too_deep -= 1
        elif tag == "table" and self._tables:
            table = self._tables.pop()
            if not self._tables:
                self.blocks.append(table)
            elif (outer := self._cell) is not None:
                outer.parts.append(table)
        elif tag in BLOCK_TAGS:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        if self._skip:
            return
        cell = self._cell
        if cell is not None:
            if cell.parts and isinstance(cell.parts[-1], str):
                cell.parts[-1] += data
            else:
                cell.parts.append(data)
        elif not self._tables:
            self._text.append(data)

    def _newline(self) -> None:
        cell = self._cell
        if cell is not None:
            self.handle_data("\n")
        elif not self._tables:
            self._text.append("\n")

    def _flush_text(self) -> None:
        text = "".join(self._text)
        self._text = []
        if text.strip():
            self.blocks.append(text)

    def close(self) -> None:
        super().close()
        while self._tables:  # tables left open by a cut page
            self.handle_endtag("table")
        self._flush_text()


def _int(v: str | None) -> int:
    try:
        return max(1, min(int(v or 1), MAX_SPAN))
    except ValueError:
        return 1
