"""CELL-VALUE: every cell holds a non-negative whole number (the fee may be a decimal, in 万元).

One finding per cause: cells left blank (or filled with the same word, such as “无”) are reported
together — whole columns first, then whole rows, then the remaining cells of that pattern.
"""
from __future__ import annotations

from collections.abc import Iterable

from model.report import CellValue, Report
from model.standard import T3_APPLICANT_COLUMNS, describe_key, t3_column_name
from model.textnorm import NULL_MARKS, norm

from .bounds import clipped, within_bound
from .finding import Finding, Severity
from .ocr_cells import is_uncertain
from .registry import rule
from .settings import RuleSettings

DECIMAL_CELLS = {"t2.fees.amount"}
LEGAL_COLUMNS = T3_APPLICANT_COLUMNS[1:]  # the five 法人或其他组织 columns
MIN_GROUP = 2   # cells that make a whole row or column
MIN_SCATTERED = 3  # scattered cells of one pattern and table reported together


def _row(key: str) -> str:
    return key.rsplit(".", 1)[0]


def _column(key: str) -> tuple[str, str]:
    return key.split(".", 1)[0], key.rsplit(".", 1)[1]


def _parts(key: str) -> list[str]:
    return describe_key(key).split("·")  # table, row, column


@rule("CELL-VALUE")
def cell_values(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    patterns: dict[str, list[str]] = {}
    unreadable: dict[tuple[str, str, str], list[str]] = {}  # one finding per run of digits that cannot be split
    for key, cell in report.cells.items():
        if is_uncertain(cell):
            continue  # OCR-UNCERTAIN says it: blank because the scan was not read with confidence
        if cell.value is None and not cell.note:
            patterns.setdefault(cell.raw.strip(), []).append(key)
        elif cell.value is None:
            unreadable.setdefault((_row(key), cell.note or "", cell.raw), []).append(key)
        else:
            yield from _bad_number(key, cell)
    for (_, note, raw), keys in unreadable.items():
        cell = report.cells[keys[0]]
        name = "·".join(_parts(keys[0])[:2]) if len(keys) > 1 else describe_key(keys[0])
        yield Finding(rule="CELL-VALUE", severity=Severity.ERROR, message=f"{name}：{note}（“{clipped(raw)}”），请核对原表后重填",
                      cells=keys, location=cell.location)
    for raw, keys in patterns.items():
        yield from _pattern(report, raw, keys)


def _bad_number(key: str, cell: CellValue) -> Iterable[Finding]:
    name, v = describe_key(key), cell.value
    if v is None:
        return
    if not within_bound(v):
        yield Finding(rule="CELL-VALUE", severity=Severity.ERROR,
                      message=f"{name}填写为“{clipped(cell.raw)}”，超过9位数字，不是有效的件数，请核对原表后重填",
                      cells=[key], location=cell.location)
    elif v < 0:
        yield Finding(rule="CELL-VALUE", severity=Severity.ERROR, message=f"{name}填写为负数 {v}，件数不能为负数",
                      cells=[key], actual=v, location=cell.location)
    elif key not in DECIMAL_CELLS and not float(v).is_integer():
        yield Finding(rule="CELL-VALUE", severity=Severity.ERROR, message=f"{name}填写为小数 {v}，件数应为整数",
                      cells=[key], actual=v, location=cell.location)


def _pattern(report: Report, raw: str, keys: list[str]) -> Iterable[Finding]:
    """Cells that all read `raw` ('' = blank): columns wholly so, rows wholly so, then the rest."""
    left = set(keys)
    columns = _whole_columns(report, left)
    for cells in columns.values():
        left -= set(cells)
    rows = _whole_rows(report, left)
    for cells in rows.values():
        left -= set(cells)
    if columns:
        yield _finding(report, raw, [c for cells in columns.values() for c in cells], "、".join(columns), "columns")
    if rows:
        yield _finding(report, raw, [c for cells in rows.values() for c in cells], "、".join(rows), "rows")
    by_table: dict[str, list[str]] = {}
    for k in keys:
        if k in left:
            by_table.setdefault(k.split(".", 1)[0], []).append(k)
    for rest in by_table.values():
        groups = [rest] if len(rest) >= MIN_SCATTERED else [[k] for k in rest]
        for cells in groups:
            yield _finding(report, raw, cells, "", "cells")


def _whole_columns(report: Report, cells: set[str]) -> dict[str, list[str]]:
    """'表三“法人或其他组织”五列' / '表三“自然人”列' → its cells, when every cell of it is in `cells`."""
    out: dict[str, list[str]] = {}
    by_column: dict[tuple[str, str], list[str]] = {}
    for k in report.cells:
        by_column.setdefault(_column(k), []).append(k)
    full = {col for col, ks in by_column.items() if len(ks) >= MIN_GROUP and all(k in cells for k in ks)}
    legal = [("t3", c) for c in LEGAL_COLUMNS]
    if all(col in full for col in legal):
        out["表三“法人或其他组织”五列"] = [k for col in legal for k in by_column[col]]
        full -= set(legal)
    for table, col in sorted(full, key=lambda tc: list(by_column).index(tc)):
        name = f"表三“{t3_column_name(col)}”列" if table == "t3" else "·".join(_parts(by_column[table, col][0])[::2])
        out[name] = by_column[table, col]
    return out


def _whole_rows(report: Report, cells: set[str]) -> dict[str, list[str]]:
    by_row: dict[str, list[str]] = {}
    for k in report.cells:
        by_row.setdefault(_row(k), []).append(k)
    return {"·".join(_parts(ks[0])[:2]): ks for ks in by_row.values()
            if len(ks) >= MIN_GROUP and all(k in cells for k in ks)}


def _finding(report: Report, raw: str, cells: list[str], where: str, kind: str) -> Finding:
    n = len(cells)
    said = "为空白" if not raw else f"填写为“{clipped(raw)}”"
    if kind == "cells":
        names = "、".join(describe_key(k) for k in cells[:6]) + ("等" if n > 6 else "")
        where = names if n == 1 else f"{names}（共 {n} 格）"
    else:
        where = f"{where}全部" if kind == "columns" else f"{where}整行"
        where = f"{where}{said}（{n} 格）" if n > 1 else where
        said = ""
    fill = "没有数据的应填 0" if _says_none(raw) else "应填写阿拉伯数字，没有的填 0"
    return Finding(rule="CELL-VALUE", severity=Severity.WARNING if not raw else Severity.ERROR, message=f"{where}{said}，{fill}",
                   cells=cells, expected=0 if _says_none(raw) else None,
                   location=report.cells[cells[0]].location, subject=f"{kind}:{raw}")


def _says_none(raw: str) -> bool:
    """Blank, or a mark the recogniser reads as “none” (无, -, 暂无, ×, …): the cell should hold 0."""
    return not raw or norm(raw).lower() in NULL_MARKS
