"""Where the three tables lie in the item stream: pure functions returning index spans.

Table 3 is found first (its row labels are the most distinctive), table 2 is searched before it
and table 4 after it.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from model.standard import T4_COLUMNS, T4_GROUPS

from .items import Item
from .settings import DEFAULTS, MatchSettings
from .vocabulary import (
    T2_GROUP_MARK,
    T2_HEADERS,
    T3_FIRST_ROWS,
    T3_HEADER_WORD,
    T3_LAST_ROW,
    T3_NOTE_WORD,
    ends_table,
    is_narrative,
    is_t4_anchor,
    match_t3_row,
    section_number,
    t4_header_only,
)


@dataclass(frozen=True)
class Span:
    """items[start:stop] belong to the table; its rows begin at `first`."""

    start: int
    first: int
    stop: int


def locate_t3(items: Sequence[Item], s: MatchSettings = DEFAULTS) -> Span | None:
    """From table 3's header to just past its last row ('结转下年度继续办理')."""
    first = next((i for i, it in enumerate(items) if _t3_row(it, s) in T3_FIRST_ROWS), None)
    if first is None:
        return None
    return Span(_t3_head(items, first, s), first, _t3_stop(items, first, s))


def _t3_row(item: Item, s: MatchSettings) -> str | None:
    m = match_t3_row(item, s)
    return None if m is None else m.row.row


def _t3_head(items: Sequence[Item], first: int, s: MatchSettings) -> int:
    """The earliest header item above the first row: '申请人情况', the note on its sums, or the
    section heading; the note and the heading end the search."""
    head = first
    for j in range(first - 1, max(-1, first - s.t3_header_lookback), -1):
        closing = T3_NOTE_WORD in items[j].norm or section_number(items[j], s) == 3
        if closing or items[j].norm == T3_HEADER_WORD:
            head = j
            if closing:
                break
    return head


def _t3_stop(items: Sequence[Item], first: int, s: MatchSettings) -> int:
    for i in range(first, len(items)):
        it = items[i]
        if is_t4_anchor(it, s) or section_number(it, s) in (4, 5, 6) or is_narrative(it, s):
            return i
        if _t3_row(it, s) == T3_LAST_ROW:
            return _after_row(items, i, s)
    return len(items)


def _after_row(items: Sequence[Item], i: int, s: MatchSettings) -> int:
    """Index just past the values of the row labelled at i: those on its own row, else the value
    items that follow it (one cell per line)."""
    j = i + 1
    same_row = False
    while j < len(items) and items[j].row == items[i].row:
        same_row = same_row or items[j].is_value
        j += 1
    if same_row:
        return j
    count = 0
    while j < len(items) and (items[j].is_value or items[j].blank) and count < s.last_row_values:
        count += 1
        j += 1
    return j


def locate_t2(items: Sequence[Item], stop: int, s: MatchSettings = DEFAULTS) -> Span | None:
    """Table 2 before index `stop`: from its first '第二十条' row (or its header when those rows are
    left out) to the next section heading or narrative paragraph."""
    first = next((i for i in range(stop) if items[i].norm.startswith(T2_GROUP_MARK)
                  and (len(items[i].norm) <= s.t2_start_len or _t2_head_line(items[i].norm, s))), None)
    if first is None:
        first = next((i for i in range(stop) if items[i].norm in T2_HEADERS), None)
    if first is None:
        return None
    end = next((i for i in range(first, stop) if ends_table(items[i], s)), stop)
    return Span(first, first, end)


def _t2_head_line(n: str, s: MatchSettings) -> bool:
    """The first group's mark and its header words on one line ('第二十条第（一）项信息内容本年制发件数…')."""
    return len(n) <= s.narrative_len and any(h in n for h in T2_HEADERS if len(h) > 2)


def locate_t4(items: Sequence[Item], start: int, s: MatchSettings = DEFAULTS) -> Span | None:
    """Table 4 from index `start`: its anchor '行政复议' (followed by words of 诉讼 or 维持), its first
    value and the end of its values. No value: first == stop == anchor + 1."""
    anchor = next((i for i in range(start, len(items)) if _t4_anchor_at(items, i, s) and _t4_words(items, i, s)), None)
    if anchor is None:
        return None
    first = _t4_first_value(items, anchor, s)
    if first is None:
        return Span(anchor, anchor + 1, anchor + 1)
    return Span(anchor, first, _t4_stop(items, first, s))


def _t4_anchor_at(items: Sequence[Item], i: int, s: MatchSettings) -> bool:
    """'行政复议' at i, also cut over two lines or cells ('行政' / '复议', a narrow column's wrap), or
    the header's first line holding 行政复议 or 行政诉讼 among a few words."""
    if is_t4_anchor(items[i], s):
        return True
    n = items[i].norm
    if not items[i].is_value and len(n) <= 3 * s.t4_anchor_len and ("行政复议" in n or "行政诉讼" in n) \
            and not re.search(r"[，。；,;]|\d", n):
        return True  # the header's words on one line with others ('行政 行政诉讼' of a rendered page)
    nxt = items[i + 1] if i + 1 < len(items) else None
    return (nxt is not None and 0 < len(items[i].norm) < 4 and not items[i].is_value and not nxt.is_value
            and (items[i].norm + nxt.norm).startswith("行政复议") and len(items[i].norm + nxt.norm) <= s.t4_anchor_len)


def _t4_words(items: Sequence[Item], i: int, s: MatchSettings) -> bool:
    window = "".join(x.norm for x in items[i:i + s.t4_window])  # header words cut into cells join
    return "行政诉讼" in window or "维持" in window


def _t4_first_value(items: Sequence[Item], anchor: int, s: MatchSettings) -> int | None:
    for j in range(anchor, min(len(items), anchor + s.t4_lookahead)):
        if items[j].is_value:
            return j
        if ends_table(items[j], s) and not t4_header_only(items[j].norm, s):
            return None
    return None


def t4_on_one_row(items: Sequence[Item], first: int) -> bool:
    """Table 4's values stand on one physical row (a grid row or a tab-separated line)."""
    fv = items[first]
    return fv.grid or any(x.row == fv.row for x in items[first + 1:first + 2])


def _t4_stop(items: Sequence[Item], first: int, s: MatchSettings) -> int:
    k = first
    if t4_on_one_row(items, first):
        while k < len(items) and items[k].row == items[first].row:
            k += 1
        return k
    n, found = len(T4_GROUPS) * len(T4_COLUMNS), 0
    while k < len(items) and found < n and not ends_table(items[k], s):
        found += items[k].is_value
        k += 1
    return k
