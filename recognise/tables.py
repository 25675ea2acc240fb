"""Find the three standard tables in the item stream by their labels and read their cells.

Rows are found by their labels, never by position: a label item opens a row, and the row's values
are the items after it on the same physical row (grid sources keep blank cells), or, when its own
row holds none (one cell per line, labels wrapped over several PDF lines), the value items that
follow it up to the next label. Columns are those the header names, in the standard order.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from model.document import Location
from model.report import CellValue, LabelDeviation, OutdatedSign, Report, ShapeIssue
from model.standard import T3_COLUMNS, T4_COLUMNS, T4_GROUPS, RowDef, describe_key, t2_rows, t3_column_name, t3_rows
from model.textnorm import norm, parse_number, similarity, split_ordinal

from .items import Item

NARRATIVE_LEN = 50

# --- table 2 ---------------------------------------------------------------------------------

T2_LABELS = {"规章": "regulations", "行政规范性文件": "normative", "规范性文件": "normative",
             "行政许可": "licensing", "行政处罚": "penalty", "行政强制": "coercion", "行政事业性收费": "fees"}
T2_2019_ROWS = ("其他对外管理服务事项", "政府集中采购")
OUTDATED_HEADERS = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增减",
                    "采购项目数量", "采购总金额")

# --- table 3 ---------------------------------------------------------------------------------

T3_GROUP_LABELS = ("三、本年度办理结果", "(三)不予公开", "(四)无法提供", "(五)不予处理", "(六)其他处理")
# column -> (words a header cell may contain, words it may only be): '其他' alone is the column,
# inside '法人或其他组织' it is the group; headers wrapped in a PDF arrive as '法律' / '服务' / '机构'
T3_COLUMN_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "natural": (("自然",), ()),
    "commercial": (("商业",), ()),
    "research": (("科研",), ()),
    "nonprofit": (("公益",), ()),
    "legal": (("法律服务",), ("法律",)),
    "other": ((), ("其他", "其它")),
    "total": ((), ("总计", "合计")),
}


@dataclass
class Match:
    row: RowDef
    item: Item
    exact: bool


def _t3_label_defs() -> list[tuple[RowDef, tuple[str, int] | None, str]]:
    out = []
    for rd in t3_rows():
        ordn, body = split_ordinal(norm(rd.label))
        out.append((rd, ordn, body))
    return out


_T3_DEFS = _t3_label_defs()
_T3_GROUPS = [split_ordinal(norm(g)) for g in T3_GROUP_LABELS]


def _label_score(ordn, body, rord, rbody) -> tuple[float, bool]:
    """Score of a printed label against a standard one, and whether it counts as the same wording
    (a label cut by a line wrap is the same wording)."""
    if ordn is not None and rord is not None and ordn != rord:
        return 0.0, False
    sim = similarity(body, rbody, 0.5)
    same = body == rbody
    if len(body) >= 4 and rbody.startswith(body):
        sim, same = max(sim, 0.92), True  # wrapped: the rest is on the next line
    elif len(rbody) >= 4 and body.startswith(rbody) and len(body) - len(rbody) <= 6:
        sim = max(sim, 0.9)
    if rord is not None and ordn is None:
        if len(rbody) <= 3:
            return 0.0, False  # '总计', '其他' alone are column headers, not rows
        sim -= 0.1
    return sim, same


def match_t3_row(item: Item) -> Match | None:
    if item.is_value or not item.norm or len(item.norm) > NARRATIVE_LEN:
        return None
    best = _best_t3_row(item.norm)
    return None if best is None else Match(best[0], item, best[1])


@lru_cache(maxsize=4096)
def _best_t3_row(text: str) -> tuple[RowDef, bool] | None:
    ordn, body = split_ordinal(text)
    if not body:
        return None
    best: tuple[float, RowDef, bool] | None = None
    for rd, rord, rbody in _T3_DEFS:
        sim, same = _label_score(ordn, body, rord, rbody)
        if best is None or sim > best[0]:
            best = (sim, rd, same)
    if best is None or best[0] < 0.6:
        return None
    return best[1], best[2]


def is_t3_group(item: Item) -> str | None:
    if item.is_value or not item.norm or len(item.norm) > 30:
        return None
    ordn, body = split_ordinal(item.norm)
    for (gord, gbody), label in zip(_T3_GROUPS, T3_GROUP_LABELS):
        if ordn == gord and (similarity(body, gbody) >= 0.7 or (len(body) >= 2 and gbody.startswith(body))):
            return label
    return None


# --- section / table boundaries --------------------------------------------------------------

_SECTION_BODIES = [split_ordinal(norm(t))[1] for t in (
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")]


def section_number(item: Item) -> int | None:
    """1..6 when the item reads as one of the six section headings."""
    if not item.norm or item.is_value or len(item.norm) > 30:
        return None
    ordn, body = split_ordinal(item.norm)
    body = body.rstrip(":：")
    for i, sb in enumerate(_SECTION_BODIES, start=1):
        if len(body) > len(sb) + 6:
            continue
        if similarity(body, sb) >= 0.8 or (body.startswith(sb) and len(body) - len(sb) <= 4):
            if ordn is not None and ordn[0] != "cn":
                continue  # '（一）主动公开…' is a part of section 一, not section 二
            return i
    return None


def is_t4_anchor(item: Item) -> bool:
    return item.norm in ("行政复议", "行政复议情况") or (item.norm.startswith("行政复议") and len(item.norm) <= 6)


def is_narrative(item: Item) -> bool:
    return item.whole_line and len(item.norm) > NARRATIVE_LEN and not item.is_value


# --- value collection ------------------------------------------------------------------------


def _row_values(items: list[Item], start: int, stop: int) -> list[Item]:
    """Values for the label at items[start]: on its own row if any, else the following ones."""
    label = items[start]
    same = [it for it in items[start + 1:stop] if it.row == label.row]
    if any(it.is_value for it in same) or any(it.grid and not it.blank for it in same):
        return [it for it in same if it.grid or it.is_value]
    return [it for it in items[start + 1:stop] if it.is_value]


def _trim(values: list[Item], n: int) -> list[Item]:
    values = list(values)
    while len(values) > n and values[-1].blank:
        values.pop()
    while len(values) > n and values[0].blank:
        values.pop(0)
    return values


def split_run_together(texts: list[str], n: int, valid) -> list[int] | None:
    """Split digit strings that ran together ('801000081') into n numbers, keeping the given
    token boundaries, when exactly one split satisfies `valid` (the table's own sums)."""
    if not texts or not all(t.isdigit() for t in texts) or len(texts) >= n:
        return None
    extra = n - len(texts)
    slots: list[tuple[int, int]] = []  # (token index, cut position)
    for ti, t in enumerate(texts):
        slots.extend((ti, k) for k in range(1, len(t)))
    if len(slots) > 40 or extra > len(slots):
        return None
    found: list[list[int]] = []
    for cuts in combinations(slots, extra):
        parts: list[str] = []
        for ti, t in enumerate(texts):
            ks = [k for (tj, k) in cuts if tj == ti]
            prev = 0
            for k in ks + [len(t)]:
                parts.append(t[prev:k])
                prev = k
        if any(len(p) > 1 and p.startswith("0") for p in parts):
            continue
        nums = [int(p) for p in parts]
        if valid(nums):
            found.append(nums)
            if len(found) > 1:
                return None
    return found[0] if found else None


# --- the parser ------------------------------------------------------------------------------


class TableReader:
    def __init__(self, items: list[Item], report: Report) -> None:
        self.items = items
        self.report = report
        self.consumed: set[int] = set()  # items that belong to a table (not narrative)
        self._t3_end = 0                 # index just past table 3

    # shared helpers

    def _set(self, key: str, it: Item, note: str = "", value: int | float | None = None, parsed: bool = False) -> None:
        v = value if parsed else (parse_number(it.text) if it.norm else None)
        self.report.cells[key] = CellValue(key, v, it.text, it.location, note)

    def _shape(self, table: str, kind: str, cells: list[str], message: str, loc: Location, severity: str = "error") -> None:
        self.report.shape_issues.append(ShapeIssue(table, kind, cells, message, loc, severity))

    def read(self) -> None:
        t3_start = self._find_t3()
        t2_end = t3_start[0] if t3_start else len(self.items)
        self._read_t2(0, t2_end)
        if t3_start:
            self._read_t3(*t3_start)
        self._read_t4(self._t3_end)

    # table 2

    def _read_t2(self, start: int, stop: int) -> None:
        items = self.items
        first = None
        for i in range(start, stop):
            if items[i].norm.startswith("第二十条") and len(items[i].norm) <= 14:
                first = i
                break
        if first is None:  # some reports leave out the 第二十条 rows: start at the first header
            first = next((i for i in range(start, stop) if items[i].norm in ("信息内容", "本年制发件数")), None)
        if first is None:
            return
        self.report.tables_found.add("t2")
        labels: list[tuple[int, str]] = []
        headers: list[Item] = []
        group_header: dict[int, list[Item]] = {}
        for i in range(first, stop):
            it = items[i]
            if section_number(it) or is_narrative(it):
                stop = i
                break
            self.consumed.add(i)
            if it.is_value or it.blank:
                continue
            n = it.norm.rstrip(":：")
            if n in T2_LABELS:
                labels.append((i, T2_LABELS[n]))
                group_header[i] = list(headers)
            elif n in T2_2019_ROWS:
                labels.append((i, ""))
                self.report.outdated.append(OutdatedSign("t2", it.text, it.location))
            elif n.startswith("第二十条"):
                headers = []
            else:
                headers.append(it)
        seen: set[str] = set()
        rows = {r.row: r for r in t2_rows()}
        for k, (i, rid) in enumerate(labels):
            nxt = labels[k + 1][0] if k + 1 < len(labels) else stop
            if not rid:
                continue
            rd = rows[rid]
            old = [h for h in group_header[i] if any(sig in h.norm for sig in OUTDATED_HEADERS)]
            if old:
                for h in old:
                    if not any(o.location == h.location for o in self.report.outdated):
                        self.report.outdated.append(OutdatedSign("t2", h.text, h.location))
                continue  # 2019 columns: no 2021 cell can be read from this row
            if rid in seen:
                self._shape("t2", "duplicate_row", [f"t2.{rid}.{c}" for c in rd.columns],
                            f"表二“{rd.label}”行重复出现", items[i].location)
                continue
            seen.add(rid)
            vals = _trim(_row_values(items, i, nxt), len(rd.columns))
            keys = [f"t2.{rid}.{c}" for c in rd.columns]
            if len(vals) == len(keys):
                for key, v in zip(keys, vals):
                    self._set(key, v)
            elif len(vals) < len(keys) and not vals:
                self._shape("t2", "short_row", keys, f"表二“{rd.label}”行没有数值", items[i].location)
            else:
                self._shape("t2", "short_row" if len(vals) < len(keys) else "extra_values", keys,
                            f"表二“{rd.label}”行应有 {len(keys)} 个数值，实有 {len(vals)} 个", items[i].location)
        for rd in t2_rows():
            if rd.row not in seen and not any(o.table == "t2" for o in self.report.outdated):
                self._shape("t2", "missing_row", [f"t2.{rd.row}.{c}" for c in rd.columns],
                            f"表二缺少“{rd.label}”行", items[first].location)

    # table 3

    def _find_t3(self) -> tuple[int, int] | None:
        """(header start, first row label) of table 3."""
        items = self.items
        for i, it in enumerate(items):
            m = match_t3_row(it)
            if m is not None and m.row.row in ("new", "carried"):
                head = i
                for j in range(i - 1, max(-1, i - 80), -1):
                    n = items[j].norm
                    if "勾稽关系" in n or n == "申请人情况" or section_number(items[j]) == 3:
                        head = j
                        if section_number(items[j]) == 3 or "勾稽关系" in n:
                            break
                return head, i
        return None

    def _t3_columns(self, header: list[Item]) -> tuple[str, ...]:
        present = []
        words = [h.norm for h in header if not h.is_value]
        for col, (contains, exact) in T3_COLUMN_WORDS.items():
            if any(w in exact or any(v in w for v in contains) for w in words):
                present.append(col)
        if len(present) < 3:
            return T3_COLUMNS  # header not readable: assume the standard columns
        return tuple(c for c in T3_COLUMNS if c in present)

    def _read_t3(self, head: int, first: int) -> None:
        items = self.items
        self.report.tables_found.add("t3")
        header = items[head:first]
        self.consumed.update(range(head, first))
        columns = self._t3_columns(header)
        loc = items[first].location
        missing = [c for c in T3_COLUMNS if c not in columns]
        if missing:
            names = "、".join(f"“{t3_column_name(c)}”" for c in missing)
            self._shape("t3", "missing_column", [f"t3.{r.row}.{c}" for c in missing for r in t3_rows()],
                        f"表三缺少{names}列", items[head].location)
        # collect row labels and group labels until the table ends
        marks: list[tuple[int, Match | str]] = []
        end = len(items)
        for i in range(first, len(items)):
            it = items[i]
            if is_t4_anchor(it) or section_number(it) in (4, 5, 6) or is_narrative(it):
                end = i
                break
            m = match_t3_row(it)
            g = is_t3_group(it) if m is None else None
            if m is not None:
                marks.append((i, m))
            elif g is not None:
                marks.append((i, g))
            if m is not None and m.row.row == "carry_forward":
                # the table ends after this row's values
                end = self._after_row(i)
                break
        self._t3_end = end
        self.consumed.update(range(first, end))
        n = len(columns)
        seen: dict[str, Match] = {}
        for k, (i, mark) in enumerate(marks):
            nxt = marks[k + 1][0] if k + 1 < len(marks) else end
            if isinstance(mark, str):
                vals = [v for v in _row_values(items, i, nxt) if not v.blank]
                if vals and mark == "(六)其他处理":
                    self.report.outdated.append(OutdatedSign("t3", "（六）其他处理（一行）", items[i].location))
                continue
            rd = mark.row
            if rd.row in seen:
                self._shape("t3", "duplicate_row", [f"t3.{rd.row}.{c}" for c in columns],
                            f"表三“{rd.label}”行重复出现", items[i].location)
                continue
            seen[rd.row] = mark
            if not mark.exact:
                self.report.label_deviations.append(
                    LabelDeviation("t3", rd.row, items[i].text, rd.label, items[i].location))
            self._assign_t3_row(rd, items[i], _trim(_row_values(items, i, nxt), n), columns)
        for rd in t3_rows():
            if rd.row not in seen and not (rd.row.startswith("other.") and any(o.table == "t3" for o in self.report.outdated)):
                self._shape("t3", "missing_row", [f"t3.{rd.row}.{c}" for c in columns],
                            f"表三缺少“{rd.label}”行", loc)

    def _after_row(self, i: int) -> int:
        """Index just past the values of the row labelled at i (the last row of table 3)."""
        items = self.items
        j = i + 1
        same_row = False
        while j < len(items) and items[j].row == items[i].row:
            same_row = same_row or items[j].is_value
            j += 1
        if same_row:
            return j
        count = 0
        while j < len(items) and (items[j].is_value or items[j].blank) and count < 8:
            count += 1
            j += 1
        return j

    def _assign_t3_row(self, rd: RowDef, label: Item, vals: list[Item], columns: tuple[str, ...]) -> None:
        keys = [f"t3.{rd.row}.{c}" for c in columns]
        if len(vals) == len(keys):
            for key, v in zip(keys, vals):
                self._set(key, v)
            return
        if len(vals) < len(keys):
            nums = split_run_together([v.norm for v in vals], len(keys), _row_sum_check(columns))
            if nums is not None:
                for key, num in zip(keys, nums):
                    src = vals[0]
                    self._set(key, src, f"由连写数字“{''.join(v.text for v in vals)}”按合计关系拆分", num, True)
                return
            if len(vals) == 1 and vals[0].norm.isdigit() and len(vals[0].norm) >= len(keys) - 1:
                for key in keys:
                    self._set(key, vals[0], "数字连写，无法唯一拆分", None, True)
                self._shape("t3", "unreadable_run", keys,
                            f"表三“{rd.label}”行的数字连在一起（“{vals[0].text}”），无法唯一拆分", label.location)
                return
            self._shape("t3", "short_row", [f"t3.{rd.row}.{c}" for c in T3_COLUMNS],
                        f"表三“{rd.label}”行应有 {len(keys)} 个数值，实有 {len(vals)} 个", label.location)
            return
        self._shape("t3", "extra_values", [f"t3.{rd.row}.{c}" for c in T3_COLUMNS],
                    f"表三“{rd.label}”行应有 {len(keys)} 个数值，实有 {len(vals)} 个", label.location)

    # table 4

    def _read_t4(self, start: int) -> None:
        items = self.items
        anchor = None
        for i in range(start, len(items)):
            if is_t4_anchor(items[i]):
                window = " ".join(x.norm for x in items[i:i + 12])
                if "行政诉讼" in window or "维持" in window:
                    anchor = i
                    break
        if anchor is None:
            return
        self.report.tables_found.add("t4")
        keys = [f"t4.{g}.{c}" for g in T4_GROUPS for c in T4_COLUMNS]
        first = None
        for j in range(anchor, min(len(items), anchor + 80)):
            if items[j].is_value:
                first = j
                break
            if section_number(items[j]) or is_narrative(items[j]):
                break
        if first is None:
            self._shape("t4", "short_row", keys, "表四没有数值", items[anchor].location)
            self.consumed.update(range(anchor, anchor + 1))
            return
        fv = items[first]
        if fv.grid or any(x.row == fv.row for x in items[first + 1:first + 2]):
            k = first
            while k < len(items) and items[k].row == fv.row:
                k += 1
            vals = [x for x in items[first:k] if x.grid or x.is_value]
            end = k
        else:
            vals = []
            k = first
            while k < len(items) and len(vals) < len(keys):
                if section_number(items[k]) or is_narrative(items[k]):
                    break
                if items[k].is_value:
                    vals.append(items[k])
                k += 1
            end = k
        self.consumed.update(range(anchor, end))
        vals = _trim(vals, len(keys))
        if len(vals) == len(keys):
            for key, v in zip(keys, vals):
                self._set(key, v)
            return
        if len(vals) < len(keys):
            nums = split_run_together([v.norm for v in vals], len(keys), _t4_check)
            if nums is not None:
                for key, num in zip(keys, nums):
                    self._set(key, vals[0], "由连写数字按合计关系拆分", num, True)
                return
        self._shape("t4", "short_row" if len(vals) < len(keys) else "extra_values", keys,
                    f"表四应有 {len(keys)} 个数值，实有 {len(vals)} 个", fv.location)


def _row_sum_check(columns: tuple[str, ...]):
    if "total" not in columns or len(columns) < 3:
        return lambda nums: False  # no sum to make a split unique

    def ok(nums: list[int]) -> bool:
        return sum(nums[:-1]) == nums[-1]
    return ok


def _t4_check(nums: list[int]) -> bool:
    return all(sum(nums[g * 5:g * 5 + 4]) == nums[g * 5 + 4] for g in range(3))


def read_tables(items: list[Item], report: Report) -> set[int]:
    """Fill report.cells and the shape notes; return the indices of items that are table content."""
    reader = TableReader(items, report)
    reader.read()
    return reader.consumed


__all__ = ["describe_key", "read_tables", "section_number", "split_run_together"]
