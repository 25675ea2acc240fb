"""Flatten a Document into one stream of items in reading order.

Each item is one cell of a table, one part of a split text line, or one whole text line or
paragraph. `row` identifies the physical row it sits in (a table row, a text line), so a value
can be tied to the label on its own row; `grid` says a blank item is a real empty cell.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from model.document import Document, Location, RawTable, TextBlock
from model.textnorm import fold_radicals, is_value_norm, is_value_text, norm


@dataclass
class Item:
    index: int
    text: str
    norm: str
    location: Location
    row: int              # physical row id, unique across the document
    grid: bool            # from a table grid: blanks are real cells
    whole_line: bool      # the item is the whole of its row (a paragraph or a one-cell line)
    is_value: bool
    line: str | None = None   # the text line it stands on, as printed (aligned columns' positions)

    @property
    def blank(self) -> bool:
        return not self.norm


def flatten(doc: Document) -> list[Item]:
    items: list[Item] = []
    row_id = 0

    def add(text: str, loc: Location, grid: bool, whole: bool, line: str | None = None) -> None:
        n = norm(text)
        value = isinstance(text, Unread) or (bool(n) and is_value_norm(n))
        items.append(Item(len(items), text.strip(), n, loc, row_id, grid, whole, value, line))

    for block in doc.blocks:
        if isinstance(block, TextBlock):
            if FURNITURE.match(block.text):
                continue   # not a row: an empty line stays the only gap between row ids
            if block.text.strip():
                for text, loc, grid, whole in _line_cells(block):
                    add(text, loc, grid, whole, block.raw)
            row_id += 1
        elif isinstance(block, RawTable):
            for grid_row in block.rows:
                filled = [c for c in grid_row if c.text.strip()]
                if not filled:
                    continue
                for c in grid_row:
                    for part in _numbers_in_cell(c.text):
                        add(part, c.location, True, len(filled) == 1 and c is filled[0])
                row_id += 1
    return items


def _line_cells(block: TextBlock) -> list[tuple[str, Location, bool, bool]]:
    """(text, location, grid, whole line) of each cell of a text line. A pipe-table line with empty
    cells keeps its blanks as cells, like a grid row's."""
    cells = _label_and_numbers(block)
    grid = block.parts is not None and any(not t.strip() for t, _ in block.parts)
    filled = sum(1 for t, _ in cells if t.strip())
    return [(part, loc, grid, filled == 1 and bool(part.strip()))
            for text, loc in cells for part in _numbers_in_cell(text) if part.strip() or grid]


def _numbers_in_cell(text: str) -> list[str]:
    """A cell holding several numbers parted by spaces holds that many cells: a converter put two
    adjacent columns into one ('| 12 2 |', '１５ ３'), never one number written with a space."""
    parts = text.split()
    if len(parts) > 1 and all(is_value_text(p) and not p.isalpha() for p in parts):
        return parts
    return [text]


# a converter's furniture: pandoc's dashed rules, Markdown rules, box-drawing lines of lynx/w3m
# (three characters at least: a lone "-" is a value cell's mark for none); box drawing is U+2500–U+257F
FURNITURE = re.compile(r"^\s*[\-=_+|:~*·\u2500-\u257f]{3,}[\s\-=_+|:~*·\u2500-\u257f]*$")


# a line of a label and its numbers, parted by spaces: '4.保护第三方合法权益 1 0 0 0 0 0 1'
_NUM = r"(?:[-+]?\d+(?:\.\d+)?|无|—|－|/)"   # a number, or a mark standing for none in a value cell
_NUMBER_TAIL = re.compile(rf"^(?P<label>.*?[^\d\s.,])\s+(?P<numbers>(?:{_NUM}\s+)*{_NUM})\s*$")
_ROW_OF_NUMBERS = 3      # this many numbers after a label piece ending in '，' are a table row
_LABEL_MAX = 60          # a longer text before the numbers is a sentence, not a label
_SENTENCE_END = re.compile(r"[。；;，,：:！？]$")
# a group label and its row's label on one line: '（三）不予公开 1.属于国家秘密', '三、本年度办理结果 （一）予以公开'
_LABEL_PARTS = re.compile(r"\s{2,}|\s+(?=[（(][一二三四五六七八九十][)）]|\d{1,2}[.．、]\D|[一二三四五六]、)")


def _label_and_numbers(block: TextBlock) -> list[tuple[str, Location]]:
    """The cells of a text line; a whole line that is a label followed by numbers (text without
    tabs: a converter's or a plain-text copy) gives the label and each number as cells."""
    cells = block.cells()
    if block.parts is not None or len(cells) != 1:
        return cells
    ocr = _ocr_row(block)
    if ocr is not None:
        return ocr
    m = _NUMBER_TAIL.match(block.text.strip())
    if m is None:
        return cells
    # the label's length without the spaces that line up columns (pandoc's wide simple tables)
    if m is None or len(re.sub(r"\s+", " ", m.group("label"))) > _LABEL_MAX:
        return cells
    numbers = m.group("numbers").split()
    if _SENTENCE_END.search(m.group("label")) and len(numbers) < _ROW_OF_NUMBERS:
        return cells  # a sentence that ends in a number; a wrapped label's piece ends a row of them
    if len(numbers) == 1 and len(m.group("label")) > 30:
        return cells
    loc = block.location
    labels = _split_label(m.group("label").strip())
    labels, values = _glyph_cut(labels, numbers)
    return [*((x.strip(), loc) for x in labels), *((n, loc) for n in values)]


class Unread(str):
    """A token standing in a value cell that is no number: an OCR misreading of one ('工' for １)."""


# a table-3 row as OCR reads it: its label, a column gap, then seven tokens, numbers and a few
# single misread glyphs
_GLYPH = r"[^\s\d]"
_OCR_ROW = re.compile(rf"^(?P<label>.*[^\d\s.,])\s{{2,}}(?P<numbers>(?:(?:{_NUM}|{_GLYPH})\s+){{6}}(?:{_NUM}|{_GLYPH}))\s*$")
_OCR_MIN_NUMBERS = 4      # of the seven, at least this many read as numbers


def _ocr_row(block: TextBlock) -> list[tuple[str, Location]] | None:
    """A label and seven value tokens of which a few are glyphs, not numbers: the glyphs are cells
    whose number was misread (left empty), never part of the label."""
    m = _OCR_ROW.match(block.text.strip())
    if m is None or len(re.sub(r"\s+", " ", m.group("label"))) > _LABEL_MAX:
        return None
    if re.fullmatch(rf"{_NUM}|{_GLYPH}", m.group("label").split()[-1]):
        return None  # more than seven tokens: which seven are the row's is not for the line to say
    tokens = m.group("numbers").split()
    numeric = [t for t in tokens if re.fullmatch(_NUM, t)]
    if len(numeric) < _OCR_MIN_NUMBERS or len(numeric) == len(tokens):
        return None
    loc = block.location
    return [*((x, loc) for x in _split_label(m.group("label").strip())),
            *((t if re.fullmatch(_NUM, t) else Unread(t), loc) for t in tokens)]


def _glyph_cut(labels: list[str], numbers: list[str]) -> tuple[list[str], list[str]]:
    """A misread glyph among the numbers ('16 3 0 工 2 0 21') cut the run: the numbers before it are
    values too, and the glyph an unread one — never a label, never a reason to shift the row."""
    k = len(labels)
    while k > 1 and (re.fullmatch(_NUM, labels[k - 1]) or re.fullmatch(_GLYPH, labels[k - 1])):
        k -= 1
    while k < len(labels) and not re.fullmatch(_NUM, labels[k]):
        k += 1
    if k == len(labels):
        return labels, numbers
    return labels[:k], [x if re.fullmatch(_NUM, x) else Unread(x) for x in labels[k:]] + numbers


def _split_label(label: str) -> list[str]:
    """A label's parts (a group label before its row's label), in the printed characters where
    folding kept their positions."""
    folded = unicodedata.normalize("NFKC", fold_radicals(label))  # '（⼀）' prints the ordinal with a radical
    text = label if len(folded) == len(label) else folded
    out, at = [], 0
    for gap in _LABEL_PARTS.finditer(folded):
        out.append(text[at:gap.start()])
        at = gap.end()
    out.append(text[at:])
    return [x.strip() for x in out if x.strip()]
