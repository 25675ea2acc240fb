"""Table 四 in a column-aligned text (w3m, pandoc's plain tables, pdftotext -layout): where its value
line holds fewer than 15 numbers — blank cells printed as spaces — each number is placed under the
header word above it. Positions are display columns (a CJK character is two wide), as the converter
aligned them. Only a placement where the header gives exactly 15 columns and each number stands
under exactly one of them, one number a column, is read."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from .items import Item

Span = tuple[int, int]
_GROUP_WORDS = ("复议", "诉讼", "起诉", "直接")   # the header's upper rows, over several columns
_TOKEN = re.compile(r"\S+")


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def word_spans(line: str) -> list[tuple[Span, str]]:
    """Each word of the line with its [start, end) display columns."""
    cols = [0]
    for ch in line:
        cols.append(cols[-1] + _width(ch))
    return [((cols[m.start()], cols[m.end()]), m.group()) for m in _TOKEN.finditer(line)]


def header_columns(lines: Sequence[str]) -> list[Span]:
    """The leaf columns the header lines draw: their words' spans merged where they overlap."""
    spans = sorted(sp for line in lines for sp, w in word_spans(line) if not any(g in w for g in _GROUP_WORDS))
    merged: list[list[int]] = []
    for a, b in spans:
        if merged and a < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def place(values: Item, header: Sequence[Item], n: int) -> list[str | None] | None:
    """The n cells of the value line `values` (None: blank), or None when the placement is not unique."""
    if values.line is None:
        return None
    lines = list(dict.fromkeys(h.line for h in header if h.line is not None and not h.is_value))
    columns = header_columns(lines)
    if len(columns) != n:
        return None
    out: list[str | None] = [None] * n
    for (a, b), word in word_spans(values.line):
        under = [k for k, (c, d) in enumerate(columns) if a < d and c < b]
        if len(under) != 1 or out[under[0]] is not None:
            return None
        out[under[0]] = word
    return out
