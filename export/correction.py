"""What a finding asks the body to change, in the words of the checklist: 应为 only where the tables
determine one correction (`fix`); otherwise the cells of which one is wrong (`suspects`)."""
from __future__ import annotations

import re

from checks.arithmetic import ARITHMETIC_RULES
from checks.finding import SUSPECTS_LEAD, Finding
from model.standard import TABLE_NAMES, column_label, row_label, split_key


def fmt(v: object) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def short_key(key: str) -> str:
    """A cell named briefly for a narrow column: 表三“四、结转下年度继续办理”“商业企业”."""
    table, row, col = split_key(key)
    row_name = re.sub(r"（[^）]*）$", "", row_label(table, row).split("/")[-1]) or row_label(table, row)
    return f"{TABLE_NAMES.get(table, table)}“{row_name}”“{column_label(table, row, col).split('/')[-1]}”"


def fix_of(f: Finding) -> dict[str, int | float]:
    return dict(f.fix or {})


def suspects_of(f: Finding) -> list[str]:
    return list(f.suspects or [])


def should_be(f: Finding) -> object:
    """The 应为 column: a value, several “cell 应为 value”, the suspects, or nothing."""
    fix = fix_of(f)
    if len(fix) == 1:
        return next(iter(fix.values()))
    if fix:
        return "；".join(f"{short_key(k)}应为 {fmt(v)}" for k, v in fix.items())
    suspects = suspects_of(f)
    if suspects:
        return SUSPECTS_LEAD + "、".join(short_key(k) for k in suspects)
    if f.rule in ARITHMETIC_RULES:  # without a fix, a relation's `expected` is its sum, not a cell's value
        return None
    return f.expected


def cells_to_mark(f: Finding, span: bool) -> list[str]:
    """The cells a finding colours in a table: those to change, else the suspects, else (for a row
    or column finding) all its cells, else the first one. An innocent total is never coloured."""
    return f.cells_to_change or (list(f.cells) if span else list(f.cells[:1]))


def cell_note(f: Finding, key: str) -> str:
    """The comment on one marked cell."""
    fix = fix_of(f)
    if key in fix:
        return f"应改为 {fmt(fix[key])}"
    if key in suspects_of(f):
        return "此格可能有误，与其他标记的单元格一并核实（见该问题的说明）"
    return ""
