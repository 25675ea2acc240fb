"""Reading the list sheets of a checklist back in tests."""
from __future__ import annotations

from typing import Any

from export.checklist import HEADER_ROW


def list_rows(ws: Any, n_cols: int) -> list[list[object]]:
    """Data rows under the header, up to the first row without a 序号."""
    out = []
    for row in ws.iter_rows(min_row=HEADER_ROW + 1, max_col=n_cols, values_only=True):
        if not isinstance(row[0], int):
            break
        out.append(list(row))
    return out
