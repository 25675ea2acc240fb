"""Plain text (TXT copied from a web page or from Word): detect the encoding, keep every line."""
from __future__ import annotations

import re
from pathlib import Path

from model.document import Document, Location, TextBlock

from .errors import ReadError
from .formats import Format
from .textdecode import decode

MAX_TEXT_BYTES = 50 * 1024 * 1024
_CELL_SPLIT = re.compile(r"\s*\|\s*")
# Markdown that PDF/OCR→Markdown converters write: '## ' headings, '> ' quotes, **bold**, and the
# '|---|:---:|' rule under a pipe table's header row.
_MD_HEADING = re.compile(r"^\s{0,3}(?:#{1,6}|>)\s+")
_MD_EMPHASIS = re.compile(r"\*\*|__")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def split_cells(line: str) -> list[str] | None:
    """Cells of a table-like line: tab-separated, or pipe-table cells ('| a | b |', 'a | b |')."""
    if "\t" in line and line.strip():
        return [p.strip() for p in line.split("\t") if p.strip()]
    stripped = line.strip()
    if stripped.endswith("|") or (stripped.startswith("|") and stripped.count("|") >= 2):
        return [p for p in _CELL_SPLIT.split(stripped) if p]
    return None


def unmark(line: str) -> str:
    """A line without its Markdown markup; a table's '|---|' rule becomes an empty line."""
    if _MD_RULE.match(line):
        return ""
    return _MD_EMPHASIS.sub("", _MD_HEADING.sub("", line))


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
    doc.blocks.extend(lines_to_blocks(text))
    return doc
