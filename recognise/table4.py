"""Table 4 (行政复议、行政诉讼): one row of 15 values after its anchor."""
from __future__ import annotations

from collections.abc import Sequence

from model.report import ShapeIssue
from model.standard import T4_COLUMNS, T4_GROUPS

from .items import Item
from .locate import Span, t4_on_one_row
from .numbers import t4_check
from .rows import RowSpec, assign_row
from .settings import DEFAULTS, MatchSettings
from .tableread import TableRead

T4_KEYS = tuple(f"t4.{g}.{c}" for g in T4_GROUPS for c in T4_COLUMNS)


def read_t4(items: Sequence[Item], span: Span, s: MatchSettings = DEFAULTS) -> TableRead:
    read = TableRead("t4", range(span.start, span.stop))
    if span.first >= span.stop:  # no value after the anchor
        read.shape.append(ShapeIssue("t4", "short_row", list(T4_KEYS), items[span.start].location,
                                     expected=len(T4_KEYS), actual=0))
        return read
    part = items[span.first:span.stop]
    one_row = t4_on_one_row(items, span.first)
    values = [x for x in part if x.is_value or (one_row and x.grid)]
    read.add(assign_row(RowSpec("t4", None, T4_KEYS, items[span.first].location, t4_check), values, s))
    return read
