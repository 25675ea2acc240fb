"""The PDF-of-the-source route (TXT, HTML, old Word/WPS, RTF): the document as printed lines, each
block or table row one line (a table's cells parted by ｜), and where each Location's text stands
in them, so a mark becomes stretches of lines to highlight. Laying the lines out on pages is the
renderer's (a Qt module of the window's layers, handed in as `Render`)."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO

from model.document import Document, Location, RawTable, TextBlock

from .marks import Mark

CELL_GAP = "  ｜  "
_SPACE = re.compile(r"\s+")
Box = tuple[float, float, float, float]  # x0, top, x1, bottom: points from the page's top-left


@dataclass(frozen=True)
class Span:
    """Characters start..end of printed line `line`."""
    line: int
    start: int
    end: int


@dataclass
class SourceText:
    title: str
    lines: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)   # the gutter: the source's line or paragraph number
    places: dict[tuple[object, ...], list[Span]] = field(default_factory=dict)

    def add(self, text: str, number: str, keys: Iterator[tuple[object, ...]] | list[tuple[object, ...]]) -> int:
        self.lines.append(text)
        self.numbers.append(number)
        n = len(self.lines) - 1
        for key in keys:
            self.places.setdefault(key, []).append(Span(n, 0, len(text)))
        return n


# A renderer lays the lines out (title first) into `out` as a PDF and gives back, for each span
# asked, its boxes (page, box) — one per wrapped piece.
Render = Callable[[SourceText, list[Span], IO[bytes]], list[list[tuple[int, Box]]]]


def keys_of(loc: Location) -> list[tuple[object, ...]]:
    """The keys a Location is found by, the most precise first."""
    keys: list[tuple[object, ...]] = []
    if loc.table is not None and loc.row is not None and loc.col is not None:
        keys.append(("cell", loc.table, loc.row, loc.col))
    if loc.table is not None and loc.row is not None:
        keys.append(("row", loc.table, loc.row))
    if loc.paragraph is not None and loc.table is None:
        keys.append(("para", loc.paragraph))
    if loc.line is not None and loc.table is None:
        keys.append(("line", loc.line))
    return keys


def _number(loc: Location) -> str:
    if loc.line is not None:
        return str(loc.line + 1)
    if loc.paragraph is not None:
        return str(loc.paragraph + 1)
    return ""


def source_text(doc: Document, title: str) -> SourceText:
    out = SourceText(title)
    for block in doc.blocks:
        if isinstance(block, TextBlock):
            text = block.raw.rstrip() if block.raw is not None else block.text
            if block.parts is not None:
                text = CELL_GAP.join(t for t, _ in block.parts)
            out.add(text, _number(block.location), keys_of(block.location))
        elif isinstance(block, RawTable):
            _table(out, block)
    return out


def _table(out: SourceText, table: RawTable) -> None:
    for r, row in enumerate(table.rows):
        if not row:
            continue
        pieces: list[tuple[str, Location]] = [(c.text.replace("\n", " "), c.location) for c in row]
        text = CELL_GAP.join(t for t, _ in pieces)
        first = row[0].location
        n = out.add(text, _number(first) if r == 0 else "", [k for k in keys_of(first) if k[0] == "row"])
        at = 0
        for t, loc in pieces:
            for key in keys_of(loc)[:1]:
                out.places.setdefault(key, []).append(Span(n, at, at + max(1, len(t))))
            at += len(t) + len(CELL_GAP)


def find(text: SourceText, loc: Location) -> list[Span]:
    for key in keys_of(loc):
        if key in text.places:
            return text.places[key]
    return []


def sentence(text: SourceText, start: Span, quote: str) -> list[Span]:
    """The quoted sentence from its line on, over as many lines as it runs (whitespace ignored);
    the line alone when the sentence is not found there."""
    line = text.lines[start.line]
    squeezed = _SPACE.sub("", quote)
    at = _find_start(line, squeezed)
    if at is None:
        return [start]
    spans: list[Span] = []
    left = len(squeezed)
    n, pos = start.line, at
    while left > 0 and n < len(text.lines) and len(spans) < 12:
        current = text.lines[n]
        end = pos
        while end < len(current) and left > 0:
            if not current[end].isspace():
                left -= 1
            end += 1
        if end > pos:
            spans.append(Span(n, pos, end))
        n, pos = n + 1, 0
    return spans or [start]


def _find_start(line: str, squeezed: str) -> int | None:
    index = [i for i, ch in enumerate(line) if not ch.isspace()]
    flat = "".join(line[i] for i in index)
    for probe in (squeezed[:16], squeezed[:6]):
        k = flat.find(probe) if probe else -1
        if k >= 0:
            return index[k]
    return None


def spans_of(text: SourceText, mark: Mark) -> tuple[list[Span], list[Span]]:
    """(the anchor's stretches, the wrong cells' stretches) of a mark; no anchor for a finding
    about the whole report."""
    anchor = find(text, mark.anchor) if not mark.anchor.is_document else []
    if anchor and mark.quote:
        anchor = sentence(text, anchor[0], mark.quote)
    cells = [s for loc in mark.cells for s in find(text, loc)[:1]]
    return anchor[:12], cells


def marked_source(text: SourceText, marks: list[Mark], render: Render, out: IO[bytes]) -> list[Mark]:
    """Render the source and give back the marks placed on the rendered pages (page + box), for
    the PDF annotator; a finding about the whole report keeps an empty anchor (a page-1 note)."""
    asked: list[Span] = []
    per_mark: list[tuple[int, int, int]] = []   # first asked index, anchors, cells
    for mark in marks:
        anchor, cells = spans_of(text, mark)
        per_mark.append((len(asked), len(anchor), len(cells)))
        asked.extend(anchor + cells)
    boxes = render(text, asked, out)
    placed: list[Mark] = []
    for mark, (first, n_anchor, n_cells) in zip(marks, per_mark):
        at = [Location(page=p, bbox=b) for pieces in boxes[first:first + n_anchor] for p, b in pieces]
        wrong = [Location(page=p, bbox=b) for pieces in boxes[first + n_anchor:first + n_anchor + n_cells] for p, b in pieces]
        if not at:
            at, wrong = wrong[:1], wrong[1:]
        placed.append(Mark(mark.finding, mark.text, at[0] if at else Location(), None, at[1:] + wrong, mark.cell_keys))
    return placed
