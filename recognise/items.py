"""Flatten a Document into one stream of items in reading order.

Each item is one cell of a table, one part of a split text line, or one whole text line or
paragraph. `row` identifies the physical row it sits in (a table row, a text line), so a value
can be tied to the label on its own row; `grid` says a blank item is a real empty cell.
"""
from __future__ import annotations

from dataclasses import dataclass

from model.document import Document, Location, RawTable, TextBlock
from model.textnorm import is_value_text, norm


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

    @property
    def blank(self) -> bool:
        return not self.norm


def flatten(doc: Document) -> list[Item]:
    items: list[Item] = []
    row_id = 0

    def add(text: str, loc: Location, grid: bool, whole: bool) -> None:
        n = norm(text)
        items.append(Item(len(items), text.strip(), n, loc, row_id, grid, whole, bool(n) and is_value_text(text)))

    for block in doc.blocks:
        if isinstance(block, TextBlock):
            cells = block.cells()
            if not block.text.strip():
                row_id += 1
                continue
            for text, loc in cells:
                if text.strip():
                    add(text, loc, False, len(cells) == 1)
            row_id += 1
        elif isinstance(block, RawTable):
            for row in block.rows:
                filled = [c for c in row if c.text.strip()]
                if not filled:
                    continue
                for c in row:
                    add(c.text, c.location, True, len(filled) == 1 and c is filled[0])
                row_id += 1
    return items
