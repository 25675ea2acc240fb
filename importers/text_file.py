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


def split_cells(line: str) -> list[str] | None:
    """Cells of a table-like line: tab-separated, or web-copied cells ending in ' |'."""
    if "\t" in line and line.strip():
        return [p.strip() for p in line.split("\t") if p.strip()]
    stripped = line.rstrip()
    if stripped.endswith("|"):
        return [p for p in _CELL_SPLIT.split(stripped) if p]
    return None


def lines_to_blocks(text: str) -> list[TextBlock]:
    blocks: list[TextBlock] = []
    for i, raw in enumerate(text.splitlines()):
        loc = Location(line=i)
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
