"""Texts the sheets share: where a finding is, what a report is called, safe sheet names."""
from __future__ import annotations

import re
from pathlib import Path

from checks.catalogue import CATALOGUE
from checks.finding import Finding
from model.standard import TABLE_NAMES, column_label, describe_key, row_label, split_key

from .cell_text import safe

# Rules whose cells stand for a whole row or column (a missing column, a row's label), not one cell.
SPAN_RULES = frozenset(r.id for r in CATALOGUE.values() if r.span)

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\']")
SHEET_MAX = 31


def describe_cells(rule: str, cells: list[str]) -> str | None:
    """The standard-table position of a finding's cells: the cell to fix, or the row/column."""
    if not cells:
        return None
    if len(cells) > 1 and rule in SPAN_RULES:
        parts = [split_key(k) for k in cells]
        tables = {p[0] for p in parts}
        if len(tables) == 1:
            table, row, col = parts[0]
            tname = TABLE_NAMES.get(table, table)
            if len({p[1] for p in parts}) == 1:
                return f"{tname}·“{row_label(table, row)}”行"
            if len({p[2] for p in parts}) == 1:
                return f"{tname}·“{column_label(table, row, col)}”列"
    return describe_key(cells[0])


def position(f: Finding) -> str:
    """位置: the standard cell (row, column) and where the source file shows it; or the place in the text."""
    where = f.location.describe()
    cell = describe_cells(f.rule, f.cells)
    if cell is None:
        return where
    if f.location.is_document:
        return cell
    return f"{cell}\n（原文件{where}）"


def report_label(unit: str | None, path: str) -> str:
    """Unit name, or the file name when the unit was not recognised."""
    return unit or Path(path).name


def unique_sheet_name(base: str, used: set[str]) -> str:
    """A legal sheet name (≤31 chars, none of []:*?/\\ nor quotes, which would need escaping in
    links), unique case-insensitively within `used` (Excel compares names that way)."""
    clean = _BAD_SHEET_CHARS.sub("_", str(safe(base))).replace("\ufffd", "_").strip() or "报告"
    name = clean[:SHEET_MAX]
    n = 1
    while name.casefold() in used:
        n += 1
        suffix = f"({n})"
        name = clean[: SHEET_MAX - len(suffix)] + suffix
    used.add(name.casefold())
    return name
