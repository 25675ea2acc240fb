"""CELL-VALUE: every cell holds a non-negative whole number (the fee may be a decimal, in 万元)."""
from __future__ import annotations

from collections.abc import Iterable

from model.report import Report
from model.standard import describe_key

from .finding import Finding
from .registry import rule
from .settings import Settings

DECIMAL_CELLS = {"t2.fees.amount"}


@rule("CELL-VALUE")
def cell_values(report: Report, settings: Settings) -> Iterable[Finding]:
    for key, cell in report.cells.items():
        name = describe_key(key)
        v = cell.value
        if v is None:
            if not cell.raw.strip():
                yield Finding("CELL-VALUE", "warning", f"{name}为空白，没有数据也应填 0", [key], 0, None, cell.location)
            elif cell.note:
                yield Finding("CELL-VALUE", "error", f"{name}：{cell.note}（“{cell.raw}”），请核对原表后重填", [key],
                              None, None, cell.location)
            else:
                yield Finding("CELL-VALUE", "error", f"{name}填写为“{cell.raw}”，应填写数字（没有则填 0）", [key],
                              0 if cell.raw.strip() in {"无", "-", "—", "/", "——"} else None, None, cell.location)
        elif v < 0:
            yield Finding("CELL-VALUE", "error", f"{name}为负数（{v}），应为非负数", [key], None, v, cell.location)
        elif key not in DECIMAL_CELLS and not float(v).is_integer():
            yield Finding("CELL-VALUE", "error", f"{name}为小数（{v}），件数应为整数", [key], None, v, cell.location)
