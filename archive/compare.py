"""A body's two years side by side (Qt-free): the cells that changed, and the passages of the
narrative the two years share word for word — what the inspector reads to judge a copy
(COPIED-TEXT) or a carry-over (PREV-YEAR-CARRY) instead of a message alone."""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from model.report import Report
from model.standard import all_keys, describe_key

MIN_PASSAGE = 12  # characters: shorter common runs are set phrases of every report


@dataclass(frozen=True)
class CellChange:
    key: str
    label: str
    before: int | float | None
    now: int | float | None

    @property
    def changed(self) -> bool:
        return self.before != self.now


@dataclass(frozen=True)
class YearPair:
    before: str                      # the narrative of the year before
    now: str                         # this year's
    cells: list[CellChange]          # every standard cell either year has, in table order
    shared_before: list[tuple[int, int]]  # (start, end) spans of `before` found in `now`
    shared_now: list[tuple[int, int]]     # the same passages in `now`
    carry: list[CellChange]          # 上年“结转下年度” against this year's “上年结转”, per column

    @property
    def shared_ratio(self) -> float:
        """Share of this year's narrative that is last year's word for word."""
        return sum(b - a for a, b in self.shared_now) / len(self.now) if self.now else 0.0


def narrative(report: Report) -> str:
    return "\n".join(s.text for s in report.sentences if s.section is not None) or \
        "\n".join(s.text for s in report.sentences)


def compare_years(before: Report, now: Report) -> YearPair:
    a, b = narrative(before), narrative(now)
    sm = SequenceMatcher(None, a, b, autojunk=False)
    blocks = [m for m in sm.get_matching_blocks() if m.size >= MIN_PASSAGE]
    keys = [k for k in all_keys() if k in before.cells or k in now.cells]
    cells = [CellChange(k, describe_key(k), before.value(k), now.value(k)) for k in keys]
    carry = [CellChange(f"t3.carried.{k.rsplit('.', 1)[1]}", describe_key(f"t3.carried.{k.rsplit('.', 1)[1]}"),
                        before.value(k), now.value(f"t3.carried.{k.rsplit('.', 1)[1]}"))
             for k in all_keys() if k.startswith("t3.carry_forward.")]
    return YearPair(a, b, cells, [(m.a, m.a + m.size) for m in blocks], [(m.b, m.b + m.size) for m in blocks], carry)
