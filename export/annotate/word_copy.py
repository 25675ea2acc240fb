"""An old Word/WPS (.doc/.wps) or RTF report marked as Word: the file converted to .docx by a local
LibreOffice — cut off from the network and given a copy, as importers.doc_file does — and each mark
moved to its place in the converted document by content: a cell by its standard key (the converted
report recognised again), a sentence by its words, a heading or label by its text. Without such a
LibreOffice (Windows, or none installed) there is no Word copy and the PDF of the source is made."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from model.document import Document, Location, RawTable, TextBlock
from model.report import Report

from .marks import Mark

CONVERT_TIMEOUT_S = 90
_SPACE = re.compile(r"\s+")


def to_docx(path: str | Path, folder: Path) -> Path | None:
    """`path` converted into `folder` as in.docx; None when no isolated LibreOffice can do it."""
    from importers.doc_file import no_network_prefix, soffice_command

    exe = shutil.which("soffice") or shutil.which("libreoffice")
    prefix = no_network_prefix() if exe else None
    if exe is None or prefix is None:
        return None
    src = folder / f"in{Path(path).suffix.lower() or '.doc'}"
    shutil.copyfile(path, src)  # LibreOffice is handed a copy, never the input
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "LANG", "LC_ALL"}}
    env.update(HOME=str(folder), TMPDIR=str(folder), CUPS_SERVER=f"{folder}/no-cups.sock", SAL_USE_VCLPLUGIN="svp")
    try:
        subprocess.run(soffice_command(exe, prefix, str(folder), src), capture_output=True, timeout=CONVERT_TIMEOUT_S,
                       check=False, env=env, cwd=folder)
    except (OSError, subprocess.TimeoutExpired):
        return None
    out = folder / "in.docx"
    return out if out.is_file() and out.stat().st_size > 0 else None


def _squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def _block_text(doc: Document, loc: Location) -> str | None:
    """The text the old document shows at a paragraph or table-cell location."""
    for b in doc.blocks:
        if isinstance(b, TextBlock) and loc.table is None and b.location.paragraph == loc.paragraph:
            return b.text
        if isinstance(b, RawTable) and loc.table is not None and b.location.table == loc.table:
            return next((c.text for row in b.rows for c in row if (c.row, c.col) == (loc.row, loc.col)), None)
    return None


def _find_text(doc: Document, text: str, in_table: bool) -> Location | None:
    """The first paragraph (or table cell) of the new document with this text, whitespace ignored."""
    want = _squeeze(text)
    if not want:
        return None
    for b in doc.blocks:
        if isinstance(b, TextBlock) and not in_table and _squeeze(b.text) == want:
            return b.location
        if isinstance(b, RawTable) and in_table:
            cell = next((c for row in b.rows for c in row if _squeeze(c.text) == want), None)
            if cell is not None:
                return cell.location
    return None


def _find_sentence(doc: Document, quote: str) -> Location | None:
    probe = _squeeze(quote)[:16]
    return next((b.location for b in doc.text_blocks() if probe and probe in _squeeze(b.text)), None)


def _moved_anchor(mark: Mark, old: Document, new: Document, cells: list[Location]) -> Location:
    loc = mark.anchor
    if loc.is_document:
        return loc
    if mark.quote:
        return _find_sentence(new, mark.quote) or Location()
    if mark.cells and loc == mark.cells[0] and cells:
        return cells[0]
    text = _block_text(old, loc)
    found = _find_text(new, text, loc.table is not None) if text is not None else None
    return found or Location()


def relocate(marks: Sequence[Mark], old: Document, new: Document, report: Report) -> list[Mark]:
    """The marks placed in the converted document (a place not found there goes to the title)."""
    out = []
    for mark in marks:
        keys = [k for k in mark.cell_keys if k in report.cells and not report.cells[k].location.is_document]
        cells = [report.cells[k].location for k in keys]
        anchor = _moved_anchor(mark, old, new, cells)
        out.append(replace(mark, anchor=anchor, cells=cells, cell_keys=keys, quote=mark.quote if anchor.paragraph is not None
                           else None))
    return out


def converted(path: str) -> tuple[Path, Document, Report] | None:
    """The report converted to .docx in a private temporary folder (the caller removes
    `result[0].parent`), with the converted document as read and recognised."""
    from importers import ReadError, read_document
    from pipeline.clean import clean_document
    from recognise import recognise

    folder = Path(tempfile.mkdtemp(prefix="nianbao-mark-"))
    docx = to_docx(path, folder)
    if docx is None:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    try:
        doc = read_document(docx)
    except ReadError:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    return docx, doc, recognise(clean_document(doc))
