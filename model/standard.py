"""The national format (国办公开办函〔2021〕30号) as the code uses it, read from resources/format.

Cell keys are '<table>.<row>.<column>' exactly as in cells.json.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import resources

T3_COLUMNS = ("natural", "commercial", "research", "nonprofit", "legal", "other", "total")
T3_APPLICANT_COLUMNS = T3_COLUMNS[:-1]
T4_GROUPS = ("review", "suit_direct", "suit_after_review")
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
T4_PARTS = T4_COLUMNS[:-1]

SECTION_TITLES = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
OVERVIEW_PARTS = ("主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障")

# Result rows of table 3 whose sum is (七)总计.
T3_RESULT_ROWS = (
    "granted", "partial",
    "denied.secret", "denied.prohibited", "denied.security", "denied.third_party",
    "denied.internal", "denied.process", "denied.enforcement_file", "denied.inquiry",
    "unable.not_held", "unable.needs_creation", "unable.unclear",
    "rejected.petition", "rejected.duplicate", "rejected.publication", "rejected.excessive",
    "rejected.confirmation",
    "other.no_correction", "other.no_fee", "other.other",
)


@dataclass(frozen=True)
class RowDef:
    table: str
    row: str           # row id, e.g. 'denied.secret'
    label: str         # the row's own (leaf) label, e.g. '1.属于国家秘密'
    group: str | None  # the group label above it, e.g. '（三）不予公开'
    columns: tuple[str, ...]


@lru_cache(maxsize=1)
def cells_json() -> dict[str, Any]:
    with open(resources.path("format", "cells.json"), encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


@lru_cache(maxsize=1)
def t2_rows() -> tuple[RowDef, ...]:
    out = []
    for g in cells_json()["tables"]["t2"]["groups"]:
        for rid, label in g["rows"].items():
            out.append(RowDef("t2", rid, label, g["label"], tuple(g["columns"])))
    return tuple(out)


@lru_cache(maxsize=1)
def t2_groups() -> tuple[dict[str, Any], ...]:
    return tuple(cells_json()["tables"]["t2"]["groups"])


@lru_cache(maxsize=1)
def t3_rows() -> tuple[RowDef, ...]:
    out = []
    for rid, path in cells_json()["tables"]["t3"]["rows"].items():
        parts = path.split("/")
        group = parts[-2] if len(parts) > 1 else None
        out.append(RowDef("t3", rid, parts[-1], group, T3_COLUMNS))
    return tuple(out)


def t3_column_labels() -> dict[str, str]:
    return dict(cells_json()["tables"]["t3"]["columns"])


def t3_column_name(col: str) -> str:
    """The column's own header, without its group: 'commercial' -> '商业企业'."""
    return t3_column_labels()[col].split("/")[-1]


def t4_group_labels() -> dict[str, str]:
    return dict(cells_json()["tables"]["t4"]["groups"])


def t4_column_labels() -> dict[str, str]:
    return dict(cells_json()["tables"]["t4"]["columns"])


@lru_cache(maxsize=1)
def all_keys() -> tuple[str, ...]:
    """All 200 cell keys in table order."""
    keys = [f"t2.{r.row}.{c}" for r in t2_rows() for c in r.columns]
    keys += [f"t3.{r.row}.{c}" for r in t3_rows() for c in T3_COLUMNS]
    keys += [f"t4.{g}.{c}" for g in T4_GROUPS for c in T4_COLUMNS]
    return tuple(keys)


def split_key(key: str) -> tuple[str, str, str]:
    """'t3.denied.secret.total' -> ('t3', 'denied.secret', 'total')."""
    table, rest = key.split(".", 1)
    row, col = rest.rsplit(".", 1)
    return table, row, col


TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}


@cache
def row_label(table: str, row: str) -> str:
    if table == "t2":
        for r in t2_rows():
            if r.row == row:
                return r.label
    if table == "t3":
        return str(cells_json()["tables"]["t3"]["rows"].get(row, row))
    if table == "t4":
        return t4_group_labels().get(row, row)
    return row


@cache
def column_label(table: str, row: str, col: str) -> str:
    if table == "t2":
        for r in t2_rows():
            if r.row == row:
                for g in t2_groups():
                    if r.row in g["rows"]:
                        return str(g["columns"][col])
    if table == "t3":
        return t3_column_labels().get(col, col)
    if table == "t4":
        return t4_column_labels().get(col, col)
    return col


def describe_key(key: str) -> str:
    """Human name of a cell: 表三·“（三）不予公开/1.属于国家秘密”行·“自然人”列."""
    table, row, col = split_key(key)
    return f"{TABLE_NAMES.get(table, table)}·“{row_label(table, row)}”行·“{column_label(table, row, col)}”列"
