"""The words of the standard tables and how printed labels are matched against them.

Pure functions of one item (plus the thresholds in MatchSettings): a section heading, a table-3
row or group label, table 4's anchor, table-3 header words, narrative text.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from model.standard import SECTION_TITLES, T3_COLUMNS, RowDef, t3_rows
from model.textnorm import norm, similarity, split_ordinal

from .items import Item
from .settings import DEFAULTS, MatchSettings

Ordinal = tuple[str, int] | None

# --- table 2 ---------------------------------------------------------------------------------

T2_LABELS = {"规章": "regulations", "行政规范性文件": "normative", "规范性文件": "normative",
             "行政许可": "licensing", "行政处罚": "penalty", "行政强制": "coercion", "行政事业性收费": "fees"}
T2_HEADERS = ("信息内容", "本年制发件数")  # table 2 starts here when the 第二十条 rows are left out
T2_GROUP_MARK = "第二十条"
T2_2019_ROWS = ("其他对外管理服务事项", "政府集中采购")
OUTDATED_HEADERS = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增减",
                    "采购项目数量", "采购总金额")

# --- table 3 ---------------------------------------------------------------------------------

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
T3_HEADER_WORD = "申请人情况"     # a header cell of table 3
T3_NOTE_WORD = "勾稽关系"        # the note above table 3 (its rows' sums)
T3_FIRST_ROWS = ("new", "carried")     # table 3 is found by one of these
T3_LAST_ROW = "carry_forward"          # the table ends after this row's values
T3_OLD_GROUP = "(六)其他处理"           # in the 2019 format one row of values, in 2021 a group


@dataclass(frozen=True)
class Match:
    row: RowDef
    item: Item
    exact: bool  # printed in the standard wording (or cut by a line wrap)


def _split(label: str) -> tuple[Ordinal, str]:
    return split_ordinal(norm(label))


_T3_DEFS = tuple((rd, *_split(rd.label)) for rd in t3_rows())
# the group labels above the rows, in table order: '三、本年度办理结果', '(三)不予公开', …
T3_GROUPS = tuple(dict.fromkeys(norm(rd.group) for rd in t3_rows() if rd.group))
_T3_GROUP_DEFS = tuple((_split(g), g) for g in T3_GROUPS)
_SECTION_BODIES = tuple(_split(t)[1] for t in SECTION_TITLES)


def label_score(ordn: Ordinal, body: str, rord: Ordinal, rbody: str, s: MatchSettings = DEFAULTS) -> tuple[float, bool]:
    """Score of a printed label against a standard one, and whether it counts as the same wording
    (a label cut by a line wrap is the same wording)."""
    if ordn is not None and rord is not None and ordn != rord:
        return 0.0, False
    sim = similarity(body, rbody, s.row_score_floor)
    same = body == rbody
    if len(body) >= s.wrapped_min_len and rbody.startswith(body):
        sim, same = max(sim, s.wrapped_score), True  # wrapped: the rest is on the next line
    elif len(rbody) >= s.wrapped_min_len and body.startswith(rbody) and len(body) - len(rbody) <= s.extended_max_extra:
        sim = max(sim, s.extended_score)
    if rord is not None and ordn is None:
        if len(rbody) <= s.bare_header_len:
            return 0.0, False
        sim -= s.no_ordinal_penalty
    return sim, same


def match_t3_row(item: Item, s: MatchSettings = DEFAULTS) -> Match | None:
    """The table-3 row the item labels, if any."""
    if item.is_value or not item.norm or len(item.norm) > s.narrative_len:
        return None
    best = _best_t3_row(item.norm, s)
    return None if best is None else Match(best[0], item, best[1])


@lru_cache(maxsize=4096)
def _best_t3_row(text: str, s: MatchSettings) -> tuple[RowDef, bool] | None:
    ordn, body = split_ordinal(text)
    if not body:
        return None
    scored = [(label_score(ordn, body, rord, rbody, s), rd) for rd, rord, rbody in _T3_DEFS]
    (sim, same), rd = max(scored, key=lambda x: x[0][0])  # the first of equal scores
    return (rd, same) if sim >= s.row_score else None


def continues_label(head: str, tail: str, rd: RowDef, s: MatchSettings = DEFAULTS) -> bool | None:
    """Whether `tail` (the next line) continues the wrapped label `head` of row `rd`: None when it
    does not; True when head + tail is the standard wording, False when it is only closer to it."""
    ordn, body = split_ordinal(head + tail)
    rord, rbody = split_ordinal(norm(rd.label))
    if ordn is not None and rord is not None and ordn != rord:
        return None
    if body == rbody:
        return True
    head_body = split_ordinal(head)[1]
    if tail and rbody.startswith(body) and len(head_body) < len(body):
        return False  # still a prefix of the standard wording: wrapped further
    if tail and similarity(body, rbody) > similarity(head_body, rbody) + 0.05:
        return False
    return None


def t3_group(item: Item, s: MatchSettings = DEFAULTS) -> str | None:
    """The table-3 group label (normalised, from T3_GROUPS) the item prints, if any."""
    if item.is_value or not item.norm or len(item.norm) > s.short_label_len:
        return None
    ordn, body = split_ordinal(item.norm)
    for (gord, gbody), label in _T3_GROUP_DEFS:
        if ordn == gord and (similarity(body, gbody) >= s.group_score
                             or (len(body) >= s.group_prefix_len and gbody.startswith(body))):
            return label
    return None


def t3_columns(header: Sequence[Item], s: MatchSettings = DEFAULTS) -> tuple[str, ...]:
    """The table-3 columns the header names, in the standard order."""
    # a header line whose words stand apart by spaces ('自然人 法人或其他组织 总计') names each one
    words = [w for h in header if not h.is_value for w in (h.norm, *(norm(x) for x in h.text.split()))]
    present = {col for col, (contains, exact) in T3_COLUMN_WORDS.items()
               if any(w in exact or any(v in w for v in contains) for w in words)}
    if len(present) < s.min_t3_columns:
        return T3_COLUMNS  # header not readable: assume the standard columns
    return tuple(c for c in T3_COLUMNS if c in present)


# --- sections, table 4, narrative ------------------------------------------------------------


def section_number(item: Item, s: MatchSettings = DEFAULTS) -> int | None:
    """1..6 when the item reads as one of the six section headings."""
    if not item.norm or item.is_value:
        return None
    return section_of_text(item.norm, s)


def section_of_text(n: str, s: MatchSettings = DEFAULTS) -> int | None:
    """1..6 when the normalised text reads as one of the six section headings."""
    if len(n) > s.short_label_len:
        return None
    return _section_of_text(n, s)


# words only section i's heading holds: a heading with its own ordinal and one of them is that
# section under a non-standard title ('五、存在的主要问题及整改措施')
SECTION_KEYWORDS = (("总体情况", "基本情况", "概述", "总体"), ("主动公开",), ("收到和处理", "依申请", "申请情况"),
                    ("行政复议", "行政诉讼"), ("问题", "改进", "整改"), ("其他需要报告", "其他事项", "其他需要"))


_PART_ORDINAL = re.compile(r"^第([一二三四五六七八九十]{1,2})(?:部分|章|节|项)[、.:：]?")


@lru_cache(maxsize=8192)
def _section_of_text(n: str, s: MatchSettings) -> int | None:
    part = _PART_ORDINAL.match(n)  # '第一部分 总体情况' numbers a section as '一、' does
    if part:
        n = f"{part.group(1)}、{n[part.end():]}"
    ordn, body = split_ordinal(n)
    body = body.rstrip(":：")
    if ordn is not None and ordn[0] != "cn":
        return None  # '（一）主动公开…' is a part of section 一, not section 二
    scored = []
    for i, sb in enumerate(_SECTION_BODIES, start=1):
        if len(body) > len(sb) + s.section_max_extra:
            continue
        sim = similarity(body, sb)
        if sim >= s.section_score or (body.startswith(sb) and len(body) - len(sb) <= s.section_suffix_len):
            return i
        if ordn is not None and any(w in body for w in SECTION_KEYWORDS[i - 1]):
            scored.append((ordn[1] == i, sim, i))
    if scored:
        own, sim, i = max(scored)
        if own or sim >= s.section_variant_score:
            return i
    return None


# header words of table 4; a line of nothing else (converters put the header on one line) is its anchor
T4_HEADER_WORDS = ("未经复议直接起诉", "复议后起诉", "行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结",
                   "维持", "纠正", "其他", "结果", "尚未", "审结", "总计", "情况")


def is_t4_anchor(item: Item, s: MatchSettings = DEFAULTS) -> bool:
    n = item.norm
    if n in ("行政复议", "行政复议情况") or (n.startswith("行政复议") and len(n) <= s.t4_anchor_len):
        return True
    return n.startswith("行政复议") and t4_header_only(n, s)


def t4_header_only(n: str, s: MatchSettings = DEFAULTS) -> bool:
    """The normalised line holds only header words of table 4 (and separators)."""
    if len(n) > s.narrative_len * 3:
        return False
    for w in T4_HEADER_WORDS:
        n = n.replace(w, "")
    return len(n.strip("|/、,，:：()（）")) <= 2


def is_narrative(item: Item, s: MatchSettings = DEFAULTS) -> bool:
    return item.whole_line and len(item.norm) > s.narrative_len and not item.is_value


def ends_table(item: Item, s: MatchSettings = DEFAULTS) -> bool:
    """A section heading or a narrative paragraph: no table runs past it."""
    return bool(section_number(item, s)) or is_narrative(item, s)
