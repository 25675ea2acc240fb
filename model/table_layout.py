"""The three tables' rows and columns as the printed form lays them out, derived from cells.json:
one description for every view of the tables (the window's table models, the checklist's sheet of
each report). The views add only their own presentation (indentation, merged label columns)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import standard

TABLES = ("t2", "t3", "t4")
_TOP_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")


@dataclass(frozen=True)
class LayoutRow:
    path: tuple[str, ...]                  # the row's labels, outermost first: 三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密
    keys: tuple[str | None, ...] = ()      # one cell key per data column (None: no cell there); empty: a group row
    headers: tuple[str, ...] = ()          # a group row's own column captions (表二's groups)

    @property
    def label(self) -> str:
        return self.path[-1]

    @property
    def is_group(self) -> bool:
        return not self.keys


@dataclass(frozen=True)
class TableLayout:
    table: str                     # 't2', 't3', 't4'
    title: str                     # '表二'
    label_header: str              # the caption over the row labels
    columns: tuple[str, ...]       # the data columns' own captions
    column_paths: tuple[str, ...]  # their full captions (申请人情况／法人或其他组织／商业企业)
    rows: tuple[LayoutRow, ...]    # group rows and data rows, in the form's order
    show_header: bool = True       # False: the captions are the group rows' (表二)

    @property
    def data_rows(self) -> tuple[LayoutRow, ...]:
        return tuple(r for r in self.rows if not r.is_group)


@cache
def layout(table: str) -> TableLayout:
    builders = {"t2": _t2, "t3": _t3, "t4": _t4}
    if table not in builders:
        raise KeyError(table)
    return builders[table]()


def _t2() -> TableLayout:
    groups = standard.t2_groups()
    width = max(len(g["columns"]) for g in groups)
    rows: list[LayoutRow] = []
    for g in groups:
        cols = list(g["columns"])
        rows.append(LayoutRow((g["label"],), headers=tuple(g["columns"][c] for c in cols)))
        for rid, label in g["rows"].items():
            keys = tuple(f"t2.{rid}.{c}" for c in cols) + (None,) * (width - len(cols))
            rows.append(LayoutRow((g["label"], label), keys))
    return TableLayout("t2", standard.TABLE_NAMES["t2"], "信息内容", ("",) * width, ("",) * width, tuple(rows), False)


def _t3_paths() -> list[tuple[str, tuple[str, ...]]]:
    """(row id, label path) with the block label (三、本年度办理结果) carried to the rows under it."""
    out: list[tuple[str, tuple[str, ...]]] = []
    block: str | None = None
    for rid, path in standard.cells_json()["tables"]["t3"]["rows"].items():
        parts = tuple(path.split("/"))
        if _TOP_ORDINAL.match(parts[0]):
            block = parts[0] if len(parts) > 1 else None
            out.append((rid, parts))
        else:
            out.append((rid, (block, *parts) if block else parts))
    return out


def _t3() -> TableLayout:
    labels = standard.t3_column_labels()
    cols = standard.T3_COLUMNS
    return TableLayout("t3", standard.TABLE_NAMES["t3"], "申请情况",
                       tuple(labels[c].split("/")[-1] for c in cols), tuple(labels[c].replace("/", "／") for c in cols),
                       _with_groups([(p, tuple(f"t3.{rid}.{c}" for c in cols)) for rid, p in _t3_paths()]))


def _t4() -> TableLayout:
    groups = standard.t4_group_labels()
    cols = standard.T4_COLUMNS
    captions = tuple(standard.t4_column_labels()[c] for c in cols)
    return TableLayout("t4", standard.TABLE_NAMES["t4"], "复议、诉讼", captions, captions,
                       _with_groups([(tuple(groups[g].split("/")), tuple(f"t4.{g}.{c}" for c in cols))
                                     for g in standard.T4_GROUPS]))


def _with_groups(data: list[tuple[tuple[str, ...], tuple[str | None, ...]]]) -> tuple[LayoutRow, ...]:
    """The data rows, each nested row preceded (once) by a group row of its immediate parent."""
    rows: list[LayoutRow] = []
    seen: set[tuple[str, ...]] = set()
    for path, keys in data:
        parent = path[:-1]
        if parent and parent not in seen:
            seen.add(parent)
            rows.append(LayoutRow(parent))
        rows.append(LayoutRow(path, keys))
    return tuple(rows)
