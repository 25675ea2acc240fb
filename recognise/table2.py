"""Table 2 (主动公开): rows found by their labels under each '第二十条' group header."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from model.report import OutdatedSign, ShapeIssue
from model.standard import RowDef, t2_rows

from .items import Item
from .locate import Span
from .numbers import no_sum
from .rows import RowSpec, assign_row, row_values
from .settings import DEFAULTS, MatchSettings
from .tableread import TableRead
from .vocabulary import OUTDATED_HEADERS, T2_2019_ROWS, T2_GROUP_MARK, T2_LABELS


@dataclass(frozen=True)
class _Label:
    index: int
    row: str                  # row id; '' for a 2019 row that has no 2021 cells
    headers: tuple[Item, ...]  # the header items of its group


def _labels(items: Sequence[Item], span: Span, read: TableRead) -> list[_Label]:
    labels: list[_Label] = []
    headers: list[Item] = []
    for i in range(span.first, span.stop):
        it = items[i]
        n = it.norm.rstrip(":：")
        if it.is_value or it.blank:
            continue
        if n in T2_LABELS:
            labels.append(_Label(i, T2_LABELS[n], tuple(headers)))
        elif n in T2_2019_ROWS:
            labels.append(_Label(i, "", ()))
            read.outdated.append(OutdatedSign("t2", it.text, it.location))
        elif n.startswith(T2_GROUP_MARK):
            headers = []
        else:
            headers.append(it)
    return labels


def _old_headers(label: _Label, read: TableRead) -> bool:
    """Note the 2019 column headers above the row; True when there are any."""
    old = [h for h in label.headers if any(sig in h.norm for sig in OUTDATED_HEADERS)]
    for h in old:
        if not any(o.location == h.location for o in read.outdated):
            read.outdated.append(OutdatedSign("t2", h.text, h.location))
    return bool(old)


def read_t2(items: Sequence[Item], span: Span, s: MatchSettings = DEFAULTS) -> TableRead:
    read = TableRead("t2", range(span.start, span.stop))
    rows = {r.row: r for r in t2_rows()}
    labels = _labels(items, span, read)
    seen: set[str] = set()
    for k, label in enumerate(labels):
        if not label.row or _old_headers(label, read):
            continue  # 2019 rows or columns: no 2021 cell can be read from this row
        rd = rows[label.row]
        spec = RowSpec("t2", rd.row, tuple(_keys(rd)), items[label.index].location, no_sum, runs=True)
        if rd.row in seen:
            read.shape.append(ShapeIssue("t2", "duplicate_row", list(spec.keys), spec.location, row=rd.row))
            continue
        seen.add(rd.row)
        nxt = labels[k + 1].index if k + 1 < len(labels) else span.stop
        read.add(assign_row(spec, row_values(items, label.index, nxt), s))
    if not read.outdated:
        read.shape.extend(ShapeIssue("t2", "missing_row", _keys(rd), items[span.first].location, row=rd.row)
                          for rd in t2_rows() if rd.row not in seen)
    return read


def _keys(rd: RowDef) -> list[str]:
    return [f"t2.{rd.row}.{c}" for c in rd.columns]
