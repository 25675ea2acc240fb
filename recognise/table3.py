"""Table 3 (依申请公开): columns from its header, rows found by their labels (or near wordings)."""
from __future__ import annotations

from collections.abc import Sequence

from model.report import CellValue, LabelDeviation, OutdatedSign, ShapeIssue
from model.standard import T3_COLUMNS, t3_rows
from model.textnorm import parse_number

from .align import ALIGNED, align, units
from .items import Item
from .locate import Span
from .numbers import row_sum_check
from .rows import RowSpec, assign_row, row_values
from .runs import resolve_runs
from .settings import DEFAULTS, MatchSettings
from .tableread import TableRead
from .vocabulary import T3_LAST_ROW, T3_OLD_GROUP, Match, continues_label, match_t3_row, t3_columns, t3_group

Mark = tuple[int, Match | str]  # (item index, row matched or group label)


def _marks(items: Sequence[Item], span: Span, s: MatchSettings) -> list[Mark]:
    marks: list[Mark] = []
    continued: set[int] = set()  # lines that continue a wrapped label printed with its values
    i = span.first
    while i < span.stop:
        if i in continued:
            i += 1
            continue
        m = match_t3_row(items[i], s)
        g = t3_group(items[i], s) if m is None else None
        if m is not None:
            i, m = _wrapped(items, i, m, span.stop, s)
            m = _continued_below(items, i, m, span.stop, continued, s)
            marks.append((m.item.index, m))
            if m.row.row == T3_LAST_ROW:
                break
        elif g is not None:
            marks.append((i, g))
        i += 1
    return marks


def _wrapped(items: Sequence[Item], i: int, m: Match, stop: int, s: MatchSettings) -> tuple[int, Match]:
    """A label wrapped over several lines ('1.申请人无正当理由逾期' / '不补正、行政机关…' / its values):
    the lines that continue it are part of it, not labels of their own. Returns the last index
    the label covers and the match, exact when the joined lines give the standard wording."""
    joined = items[i].norm
    while i + 1 < stop and not _has_values(items, i) and (nxt := items[i + 1]).norm and not nxt.is_value:
        if continues_label(joined, nxt.norm, m.row, s) is None:
            break
        joined += nxt.norm
        m = Match(m.row, m.item, m.exact or continues_label(joined, "", m.row, s) is True)
        i += 1
    return i, m


def _continued_below(items: Sequence[Item], i: int, m: Match, stop: int, continued: set[int],
                     s: MatchSettings) -> Match:
    """A label wrapped in its cell with its values on its first line ('二、上年结转政府  2 0 0…' /
    '信息公开申请数量'): the next lines, with no values of their own, continue it."""
    if not _has_values(items, i):
        return m
    joined, row = items[i].norm, items[i].row
    j = next((k for k in range(i + 1, min(stop, i + 12)) if items[k].row != row), None)
    while j is not None and j < stop and not items[j].is_value and items[j].norm and not _has_values(items, j) \
            and not (j + 1 < stop and items[j + 1].row == items[j].row):  # a line of one cell
        said = continues_label(joined, items[j].norm, m.row, s)
        if said is None:
            break
        continued.add(j)
        joined += items[j].norm
        m = Match(m.row, m.item, m.exact or said)
        j += 1
    return m


def _has_values(items: Sequence[Item], i: int) -> bool:
    return any(it.is_value for it in items[i + 1:i + 12] if it.row == items[i].row)


def read_t3(items: Sequence[Item], span: Span, s: MatchSettings = DEFAULTS) -> TableRead:
    read = TableRead("t3", range(span.start, span.stop))
    columns = _columns(items, span, s, read)
    marks = _marks(items, span, s)
    seen = _read_marks(items, marks, span.stop, columns, read, s)
    if read.shape and columns == T3_COLUMNS:
        _realign_between_labels(items, marks, span.stop, read)
    resolve_runs(read)
    old_other = bool(read.outdated)  # the 2019 '(六)其他处理' row stands for the 2021 group's rows
    read.shape.extend(ShapeIssue("t3", "missing_row", [f"t3.{rd.row}.{c}" for c in columns], items[span.first].location,
                                 row=rd.row)
                      for rd in t3_rows() if rd.row not in seen and not (old_other and rd.row.startswith("other.")))
    return read


def _columns(items: Sequence[Item], span: Span, s: MatchSettings, read: TableRead) -> tuple[str, ...]:
    """The table's columns from its header (all seven when its numbers come seven to a row); the
    standard columns it lacks are noted on read."""
    columns = t3_columns(items[span.start:span.first], s)
    if len(columns) < len(T3_COLUMNS) and _rows_of_seven(items, span):
        columns = T3_COLUMNS  # numbers decide, headers advise: a header cut into pieces drops no column
    missing = tuple(c for c in T3_COLUMNS if c not in columns)
    if missing:
        read.shape.append(ShapeIssue("t3", "missing_column", [f"t3.{r.row}.{c}" for c in missing for r in t3_rows()],
                                     items[span.start].location, columns=missing))
    return columns


def _read_marks(items: Sequence[Item], marks: list[Mark], stop: int, columns: tuple[str, ...], read: TableRead,
                s: MatchSettings) -> set[str]:
    """Each label's values, up to the next label; returns the rows read."""
    seen: set[str] = set()
    for k, (i, mark) in enumerate(marks):
        nxt = marks[k + 1][0] if k + 1 < len(marks) else stop
        if isinstance(mark, str):
            _group_values(items, i, nxt, mark, read)
        else:
            _row(items, i, nxt, mark, columns, seen, read, s)
    return seen


_ROW_INDEX = {rd.row: k for k, rd in enumerate(t3_rows())}


def _realign_between_labels(items: Sequence[Item], marks: list[Mark], stop: int, read: TableRead) -> None:
    """Between two labels that read (rows a and b of the standard), the numbers are rows a … b-1 in
    order when they come in runs of whole rows and there are exactly b - a rows of them: a label
    garbled or lost between (OCR, a wrap) no longer throws its row's values onto its neighbour."""
    rows = [(i, m) for i, m in marks if not isinstance(m, str)]
    for k, (i, m) in enumerate(rows):
        nxt_i, nxt_row = (rows[k + 1][0], _ROW_INDEX[rows[k + 1][1].row.row]) if k + 1 < len(rows) else (stop, len(_ROW_INDEX))
        first = _ROW_INDEX[m.row.row]
        if nxt_row - first < 2:
            continue  # one row between: the labels' reading stands
        _realign_rows(items[i + 1:nxt_i], first, nxt_row, read)


def _realign_rows(between: Sequence[Item], first: int, stop_row: int, read: TableRead) -> None:
    """Rows first … stop_row-1 of the standard read afresh from the items between their labels, when
    those hold exactly that many whole rows of numbers (else the labels' reading stands)."""
    widths = [len(T3_COLUMNS)] * (stop_row - first)
    aligned = align(units(between), widths)
    if aligned is None:
        return
    names = [rd.row for rd in t3_rows()][first:stop_row]
    keys = {f"t3.{r}.{c}" for r in names for c in T3_COLUMNS}
    read.cells = [c for c in read.cells if c.key not in keys]
    read.cells.extend(CellValue(f"t3.{r}.{c}", parse_number(t.text) if t.text else None, t.text, t.item.location, ALIGNED)
                      for r, row in zip(names, aligned) for c, t in zip(T3_COLUMNS, row))
    read.shape = [x for x in read.shape if x.row not in names]


def _rows_of_seven(items: Sequence[Item], span: Span) -> bool:
    """Most of the table's value lines hold one number per standard column (seven)."""
    per_row: dict[int, int] = {}
    for it in items[span.first:span.stop]:
        if it.is_value:
            per_row[it.row] = per_row.get(it.row, 0) + len(it.text.split())
    counts = list(per_row.values())
    return sum(c == len(T3_COLUMNS) for c in counts) * 2 > len(counts) > 0


def _group_values(items: Sequence[Item], i: int, nxt: int, group: str, read: TableRead) -> None:
    """A group label holds no values in the 2021 format; '(六)其他处理' with values is the 2019 one."""
    if group == T3_OLD_GROUP and any(not v.blank for v in row_values(items, i, nxt)):
        read.outdated.append(OutdatedSign("t3", "（六）其他处理（一行）", items[i].location))


def _row(items: Sequence[Item], i: int, nxt: int, mark: Match, columns: tuple[str, ...], seen: set[str],
         read: TableRead, s: MatchSettings) -> None:
    rd, loc = mark.row, items[i].location
    spec = RowSpec("t3", rd.row, tuple(f"t3.{rd.row}.{c}" for c in columns), loc, row_sum_check(columns),
                   tuple(f"t3.{rd.row}.{c}" for c in T3_COLUMNS), runs=True)
    if rd.row in seen:
        read.shape.append(ShapeIssue("t3", "duplicate_row", list(spec.keys), loc, row=rd.row))
        return
    seen.add(rd.row)
    if not mark.exact:
        read.deviations.append(LabelDeviation("t3", rd.row, items[i].text, rd.label, loc))
    values = row_values(items, i, nxt)
    if any(v.row != items[i].row for v in values):
        read.detached.add(rd.row)
    read.add(assign_row(spec, values, s))
