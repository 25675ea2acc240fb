"""Plain text (TXT copied from a web page or from Word): detect the encoding, keep every line."""
from __future__ import annotations

import re
from pathlib import Path

from charset_normalizer import from_bytes

from model.document import Document, Location, TextBlock

from .errors import ReadError

MAX_TEXT_BYTES = 50 * 1024 * 1024
_CELL_SPLIT = re.compile(r"\s*\|\s*")


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with: BOMs first, then strict UTF-8, then GB18030
    (a superset of GBK/GB2312), then charset-normalizer's best guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _mostly_printable(text):
                return text, enc
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace"), best.encoding
    return data.decode("utf-8", errors="replace"), "utf-8"


def _mostly_printable(text: str) -> bool:
    sample = text[:2000]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    return bad <= len(sample) // 50


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


def read_text(path: Path, data: bytes | None = None, fmt: str = "txt") -> Document:
    if data is None:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise ReadError(
                f"文本文件过大（{size // (1024 * 1024)} MB），不像是一份年度报告。请确认是否选错了文件。",
                kind="too_large",
            )
        data = path.read_bytes()
    text, encoding = decode(data)
    doc = Document(path=str(path), format=fmt, encoding=encoding)
    doc.blocks.extend(lines_to_blocks(text))
    return doc
