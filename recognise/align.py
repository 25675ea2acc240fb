"""Tables read by their fixed shape: the stream of numbers in reading order aligned to the
standard's template, whatever the layout did to the labels and headers.

Table 3 always holds 25 rows of 7 numbers in a fixed order, table 4 always 15. A converter moves
header words, wraps labels, puts numbers before their label or two columns into one cell, but it
keeps the numbers in reading order. So the numbers decide:

- the values of a table are cut into *units*: the numbers of one physical row (a line, a grid row,
  with its blank cells), or a block of one-number lines between two labels (one cell per line);
- when every unit holds a whole number of rows (k × width) and together they make the table, the
  units are the table's rows in the standard order — there is no other reading;
- when they do not (column blocks, a lost number), the only reading that needs no choice is a
  table whose numbers are all 0; otherwise nothing is read here and the caller keeps what the
  labels gave.

The arithmetic is the evidence against a wrong reading: a full reading of table 3 whose rows mostly
fail their own sums (numbers printed by column) is refused.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from model.report import CellValue
from model.standard import T3_COLUMNS, T4_COLUMNS, T4_GROUPS, t2_rows, t3_rows
from model.textnorm import is_value_text, parse_number

from .columns import place
from .items import Item

T3_KEYS = tuple(tuple(f"t3.{r.row}.{c}" for c in T3_COLUMNS) for r in t3_rows())
T4_KEYS = tuple(f"t4.{g}.{c}" for g in T4_GROUPS for c in T4_COLUMNS)
ALIGNED = "按表格固定行列顺序读取"   # the note of a cell read by alignment

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Token:
    """One number (or one blank cell: text '') with the item it was read from."""

    text: str
    item: Item

    @property
    def blank(self) -> bool:
        return not self.text


def tokens_of(item: Item) -> list[Token]:
    """The numbers an item holds: a cell or line with several numbers parted by spaces
    ('0    0    0', '12 2') holds each of them; a blank grid cell is one blank token."""
    if item.blank:
        return [Token("", item)] if item.grid else []
    if not item.is_value:
        return []
    parts = _SPACES.split(item.text.strip())
    if len(parts) > 1 and all(is_value_text(p) for p in parts):
        return [Token(p, item) for p in parts]
    return [Token(item.text.strip(), item)]


def units(items: Sequence[Item], next_row: int | None = None) -> list[list[Token]]:
    """The value units of a table's items, in reading order (see the module's doc). `next_row` is
    the physical row after the items (where a block of one-cell lines ends)."""
    dense = _dense(items)
    out: list[list[Token]] = []
    block: list[Token] = []          # one-cell lines since the last label
    row: list[Token] = []
    row_id: int | None = None
    last_line: int | None = None     # the row of the block's last line (or of the label before it)

    def close_row() -> None:
        nonlocal row, last_line
        vals = _trim_row(row)
        if len(vals) == 1 and not vals[0].item.grid:
            if dense and last_line is not None:  # empty lines between one-cell lines are empty cells
                block.extend(Token("", vals[0].item) for _ in range(vals[0].item.row - last_line - 1))
            block.extend(vals)
            last_line = vals[0].item.row
        elif vals:
            close_block(None)
            out.append(vals)
        row = []

    def close_block(upto: int | None) -> None:
        nonlocal block, last_line
        if block and dense and upto is not None and last_line is not None:
            block.extend(Token("", block[-1].item) for _ in range(upto - last_line - 1))
        if block:
            out.append(block)
        block = []
        last_line = None

    for it in items:
        if it.row != row_id:
            close_row()
            row_id = it.row
        if not it.blank and not it.is_value:
            close_row()            # a label ends the values before it
            close_block(it.row)
            last_line = it.row
            continue
        row.extend(tokens_of(it))
    close_row()
    close_block(next_row)
    return out


def _dense(items: Sequence[Item]) -> bool:
    """One cell per line, the cells mostly on adjacent lines (LibreOffice's text): there, an empty
    line is an empty cell. Where cells are mostly parted by an empty line (lynx, a PDF's text), not."""
    lines = [it.row for it in items if it.whole_line and it.is_value and not it.grid]
    gaps = [b - a for a, b in pairwise(lines)]
    return sum(g == 1 for g in gaps) > sum(g == 2 for g in gaps)


def _trim_row(row: list[Token]) -> list[Token]:
    """A row's tokens, its blank cells kept (align trims a unit's blank edges where that makes it
    whole rows); none when it holds no number at all (a row of blank cells is no row of values)."""
    if not any(not t.blank for t in row):
        return []
    return row


def align(us: list[list[Token]], widths: Sequence[int]) -> list[list[Token]] | None:
    """The table's rows in order (row k holds widths[k] cells) when the units leave one reading:
    each unit, its blank edges trimmed where needed, is a run of whole rows; or the table's count of
    numbers, every one 0 (an empty line there is no cell)."""
    rows = _whole_rows(us, widths)
    if rows is not None:
        return rows
    flat = [t for u in us for t in u if not t.blank]
    if len(flat) == sum(widths) and all(_zero(t.text) for t in flat):
        return _cut(flat, widths)  # all 0: every reading gives the same cells
    return None


def _whole_rows(us: list[list[Token]], widths: Sequence[int]) -> list[list[Token]] | None:
    rows: list[list[Token]] = []
    k = 0
    for unit in us:
        u = list(unit)
        while True:
            n = _rows_filled(len(u), widths, k)
            if n is not None or not (u[0].blank or u[-1].blank) or len(u) == 1:
                break
            if u[-1].blank:
                u.pop()
            else:
                u.pop(0)
        if n is None:
            return None
        rows.extend(_cut(u, widths[k:k + n]))
        k += n
    return rows if k == len(widths) else None


def _rows_filled(length: int, widths: Sequence[int], k: int) -> int | None:
    """How many template rows from row k a unit of `length` cells fills exactly, or None."""
    n = filled = 0
    while filled < length and k + n < len(widths):
        filled += widths[k + n]
        n += 1
    return n if filled == length and n else None


def _cut(flat: list[Token], widths: Sequence[int]) -> list[list[Token]]:
    out, at = [], 0
    for w in widths:
        out.append(flat[at:at + w])
        at += w
    return out


def _zero(text: str) -> bool:
    return parse_number(text) == 0


def _cell(key: str, t: Token) -> CellValue:
    return CellValue(key, parse_number(t.text) if t.text else None, t.text, t.item.location, ALIGNED)


def align_t3(items: Sequence[Item], next_row: int | None = None) -> list[CellValue] | None:
    """Table 3's 175 cells from the items of its rows, or None when the numbers do not decide."""
    rows = align(units(items, next_row), [len(T3_COLUMNS)] * len(T3_KEYS))
    if rows is None or not _sums_agree(rows):
        return None
    return [_cell(k, t) for keys, row in zip(T3_KEYS, rows) for k, t in zip(keys, row)]


def _sums_agree(rows: list[list[Token]]) -> bool:
    """Most rows with numbers add up to their 总计: the numbers were read by row. A report's own
    errors break a few rows; a reading by column breaks nearly all."""
    checked = agreed = 0
    for row in rows:
        nums = [parse_number(t.text) if t.text else 0 for t in row]
        if any(not isinstance(v, (int, float)) for v in nums) or not any(nums):
            continue
        checked += 1
        agreed += sum(nums[:-1]) == nums[-1]  # type: ignore[arg-type]
    return checked == 0 or agreed * 2 > checked


def align_t4(items: Sequence[Item], next_row: int | None = None, header: Sequence[Item] = ()) -> list[CellValue] | None:
    """Table 4's 15 cells in standard order, wherever its header words fell; on a column-aligned
    line with blanks printed as spaces, each number under its header word (columns.py)."""
    us = units(items, next_row)
    if sum(len(u) for u in us) < len(T4_KEYS):
        placed = _t4_by_columns(items, header)
        if placed is not None:
            return placed
    rows = align(us, [len(T4_COLUMNS)] * len(T4_GROUPS))
    if rows is None:
        # one line holds the whole row of 15 and the rest are stray marks (an OCR'd header's specks)
        whole = [u for u in us if len(u) == len(T4_KEYS)]
        if len(whole) != 1:
            return None
        rows = [whole[0]]
    return [_cell(k, t) for k, t in zip(T4_KEYS, (t for r in rows for t in r))]


def _t4_by_columns(items: Sequence[Item], header: Sequence[Item]) -> list[CellValue] | None:
    """Table 四's one value line with fewer than 15 numbers, each placed under its header word."""
    lines = [it for it in items if it.is_value]
    if not lines or any(it.row != lines[0].row for it in lines):
        return None
    placed = place(lines[0], header, len(T4_KEYS))
    if placed is None or not all(p is None or is_value_text(p) for p in placed):
        return None
    return [_cell(k, Token(p or "", lines[0])) for k, p in zip(T4_KEYS, placed)]


def align_t2(items: Sequence[Item], next_row: int | None = None) -> list[CellValue] | None:
    """Table 2's 10 cells in standard order when the numbers fill its rows one way only."""
    keys = [[f"t2.{r.row}.{c}" for c in r.columns] for r in t2_rows()]
    rows = align(units(items, next_row), [len(k) for k in keys])
    if rows is None:
        return None
    return [_cell(k, t) for ks, row in zip(keys, rows) for k, t in zip(ks, row)]


# Table 二 as a PDF's text prints it: every row label first, then each header followed by the numbers
# under it ('本年制发件数 本年废止件数 0 0 0 0 第二十条第（五）项 本年处理决定数量 0 … 现行有效件数 0 0').
# Under one header the numbers are its column top to bottom; where a header stands over two columns
# (制发, 废止) the four numbers read the same by row and by column only when they are all equal.
_T2_BLOCKS: dict[str, tuple[str, ...]] = {
    "issued_repealed": ("t2.regulations.issued", "t2.regulations.repealed", "t2.normative.issued", "t2.normative.repealed"),
    "in_force": ("t2.regulations.in_force", "t2.normative.in_force"),
    "五": ("t2.licensing.decisions",),
    "六": ("t2.penalty.decisions", "t2.coercion.decisions"),
    "八": ("t2.fees.amount",),
}
_T2_ROW_LABELS = ("规章", "规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费")


def _t2_context(n: str, current: str | None) -> str | None:
    if n.startswith("第二十条"):
        for mark in ("五", "六", "八"):
            if f"（{mark}）" in n or f"({mark})" in n:
                return mark
        return "issued_repealed" if "（一）" in n or "(一)" in n else current
    if "现行有效" in n:
        return "in_force"
    if "制发" in n or "废止" in n:
        return "issued_repealed"
    return current


def align_t2_by_headers(items: Sequence[Item]) -> list[CellValue] | None:
    """Table 二's cells where its numbers stand right under their headers, not after a row label
    (those are left to the labels, or left empty); None when nothing is read this way."""
    cells: list[CellValue] = []
    for name, tokens in _t2_header_blocks(items).items():
        cells.extend(_t2_block_cells(name, tokens))
    return cells or None


def _t2_header_blocks(items: Sequence[Item]) -> dict[str, list[Token]]:
    """Table 二's numbers gathered under the header block they stand beneath (by its name)."""
    blocks: dict[str, list[Token]] = {}
    context: str | None = None
    for it in items:
        if it.blank:
            continue
        if not it.is_value:
            # a row label: the numbers after it are its row's, or stand under a header it hides
            row_label = any(it.norm.endswith(x) for x in _T2_ROW_LABELS)
            context = None if row_label else _t2_context(it.norm, context)
            continue
        if context is not None:
            blocks.setdefault(context, []).extend(t for t in tokens_of(it) if not t.blank)
    return blocks


def _t2_block_cells(name: str, tokens: list[Token]) -> list[CellValue]:
    """A header block's cells, or none when its numbers do not fill it exactly or could be read two ways."""
    keys = _T2_BLOCKS[name]
    if len(tokens) != len(keys):
        return []
    if name == "issued_repealed" and len({parse_number(t.text) for t in tokens}) > 1:
        return []  # a 2×2 block read by row or by column gives different cells
    return [_cell(k, t) for k, t in zip(keys, tokens)]
