"""A Word copy of the body's report with a comment on each finding's place (the cell, the sentence,
the heading; the title for a finding about the whole report) and the wrong cells shaded. The body's
blocks are counted as importers.docx_file counts them (paragraphs and tables in reading order,
content controls opened; a table's cells by grid column, a vertical merge once), so a finding's
Location names the same element here. Comments are python-docx's (Word, WPS and LibreOffice show them)."""
from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from docx import Document as open_docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from importers.docx_file import row_cells
from model.document import Location

from .marks import AUTHOR, Mark

W_P, W_TBL, W_TR, W_TC, W_R, W_T = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r"), qn("w:t")
W_SDT, W_SDTCONTENT, W_TCPR, W_TRPR = qn("w:sdt"), qn("w:sdtContent"), qn("w:tcPr"), qn("w:trPr")
W_GRIDSPAN, W_GRIDBEFORE, W_VMERGE, W_VAL = qn("w:gridSpan"), qn("w:gridBefore"), qn("w:vMerge"), qn("w:val")
SHADE = "FFC7CE"   # the checklist's error fill: a light red the text stays readable on
_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers",
              "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")
_SPACE = re.compile(r"\s+")


class Body:
    """The document's blocks and table cells, as the importer numbered them."""

    def __init__(self, wd: Any) -> None:
        self.wd = wd
        self.blocks: list[Any] = []
        self.tables: list[Any] = []
        for child in _children(wd.element.body):
            if child.tag in (W_P, W_TBL):
                self.blocks.append(child)
                if child.tag == W_TBL:
                    self.tables.append(child)

    def element(self, loc: Location) -> Any:
        """The w:tc of a table location (a row's or a table's first cell when no column or row is
        named), the w:p of a paragraph; None when not there."""
        if loc.table is not None and loc.table < len(self.tables):
            return _cell(self.tables[loc.table], loc.row or 0, loc.col or 0)
        if loc.paragraph is not None and loc.paragraph < len(self.blocks):
            block = self.blocks[loc.paragraph]
            return _cell(block, 0, 0) if block.tag == W_TBL else block
        return None

    def title(self) -> Any:
        """Where a comment on the whole report goes: the first paragraph with text."""
        return next((b for b in self.blocks if b.tag == W_P and Paragraph(b, self.wd).text.strip()),
                    self.blocks[0] if self.blocks else None)


def _children(body: Any, depth: int = 0) -> Iterator[Any]:
    for child in body.iterchildren():
        if child.tag == W_SDT:
            content = child.find(W_SDTCONTENT)
            if content is not None and depth < 20:
                yield from _children(content, depth + 1)
        else:
            yield child


def _int(v: str | None, default: int) -> int:
    try:
        return max(0, int(v)) if v else default
    except ValueError:
        return default


def _cell(tbl: Any, row: int, col: int) -> Any:
    rows = list(tbl.iterchildren(W_TR))
    if row >= len(rows):
        return None
    tr = rows[row]
    trpr = tr.find(W_TRPR)
    before = trpr.find(W_GRIDBEFORE) if trpr is not None else None
    at = _int(before.get(W_VAL) if before is not None else None, 0)
    for tc in row_cells(tr):
        tcpr = tc.find(W_TCPR)
        gs = tcpr.find(W_GRIDSPAN) if tcpr is not None else None
        span = max(1, _int(gs.get(W_VAL) if gs is not None else None, 1))
        if at <= col < at + span:
            return tc
        at += span
    return None



# ---- anchoring --------------------------------------------------------------------------------
def _runs(el: Any, wd: Any) -> list[Run]:
    """The runs of a paragraph or a cell (every paragraph of it); a run is added where there is none."""
    paras = [el] if el.tag == W_P else list(el.iter(W_P))
    if not paras:
        return []
    runs = [Run(r, Paragraph(p, wd)) for p in paras for r in p.iterchildren(W_R)]
    if not runs:
        runs = [Paragraph(paras[0], wd).add_run("")]
    return runs


def _plain(r: Run) -> str | None:
    """The run's text when it is one w:t (a run that can be cut in two); None otherwise."""
    kids = [k for k in r._r.iterchildren() if k.tag != qn("w:rPr")]
    return kids[0].text or "" if len(kids) == 1 and kids[0].tag == W_T else None


def _split(r: Run, at: int) -> Run:
    """Cut a one-text run at character `at`; returns the second half (the first stays in place)."""
    text = _plain(r) or ""
    second = copy.deepcopy(r._r)
    r._r.addnext(second)
    _set_text(r._r, text[:at])
    _set_text(second, text[at:])
    return Run(second, r._parent)


def _set_text(r: Any, text: str) -> None:
    t = r.find(W_T)
    t.text = text
    t.set(qn("xml:space"), "preserve")


def _span(text: str, quote: str) -> tuple[int, int] | None:
    """The characters of `text` the quote covers, whitespace ignored; its start when it runs on
    past the paragraph (a sentence wrapped over paragraphs)."""
    index = [i for i, ch in enumerate(text) if not ch.isspace()]
    squeezed = "".join(text[i] for i in index)
    q = _SPACE.sub("", quote)
    for probe in (q, q[:24], q[:12]):
        at = squeezed.find(probe) if probe else -1
        if at >= 0:
            end = at + len(q) if probe == q else len(squeezed)
            return index[at], index[min(end, len(index)) - 1] + 1
    return None


def _sentence_runs(runs: list[Run], quote: str) -> list[Run]:
    """The runs covering the quoted sentence, runs cut at its ends where they are plain text;
    the whole paragraph when the sentence is not found in it."""
    texts = [_plain(r) for r in runs]
    span = None if any(t is None for t in texts) else _span("".join(t or "" for t in texts), quote)
    return runs if span is None else _cut(runs, *span)


def _cut(runs: list[Run], start: int, end: int) -> list[Run]:
    """The runs holding characters start..end of the paragraph, the end runs cut there."""
    out: list[Run] = []
    pos = 0
    for run in runs:
        text = _plain(run) or ""
        lo, hi = pos, pos + len(text)
        pos = hi
        if hi <= start or lo >= end or not text:
            continue
        piece = run
        if lo < start:
            piece = _split(run, start - lo)
            lo = start
        if hi > end:
            _split(piece, end - lo)
        out.append(piece)
    return out or runs


def _shade(tc: Any) -> None:
    tcpr = tc.find(W_TCPR)
    if tcpr is None:
        tcpr = OxmlElement("w:tcPr")
        tc.insert(0, tcpr)
    for old in tcpr.findall(qn("w:shd")):
        tcpr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), SHADE)
    tcpr.insert_element_before(shd, *_AFTER_SHD)


def _comment(wd: Any, runs: list[Run], text: str) -> None:
    first, *rest = text.split("\n")
    comment = wd.add_comment(runs, text=first, author=AUTHOR, initials="审")
    for line in rest:
        comment.add_paragraph(line)


def anchor_runs(body: Body, mark: Mark) -> list[Run]:
    el = body.element(mark.anchor) if not mark.anchor.is_document else None
    el = el if el is not None and el.tag in (W_P, W_TC) else body.title()
    if el is None:
        return []
    runs = _runs(el, body.wd)
    if mark.quote and el.tag == W_P and runs:
        runs = _sentence_runs(runs, mark.quote)
    return runs


def mark_docx(source: str | Path, marks: Sequence[Mark], out: IO[bytes]) -> int:
    """Write the marked copy of `source` to `out`; returns the comments placed (one per mark that
    has any place: a document with no paragraph at all takes none)."""
    wd = open_docx(str(source))
    body = Body(wd)
    placed = 0
    for mark in marks:
        for loc in mark.cells:
            tc = body.element(loc)
            if tc is not None and tc.tag == W_TC:
                _shade(tc)
        runs = anchor_runs(body, mark)
        if runs:
            _comment(wd, runs, mark.text)
            placed += 1
    wd.save(out)
    return placed
