"""When a version came and what date it bears, against its deadline: the time the archive first
received it, the report's signature date as read, and the publication deadline of its body
(checks.dates: a 县级以上地方人民政府's own report by the government deadline, the others by the
settings' deadline). The overview shows them per body and the 通报 counts them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from checks.dates import deadline
from checks.settings import RuleSettings

from .store import Version

__all__ = ["TIMING_COLUMNS", "Timing", "timing", "timing_cells"]

TIMING_COLUMNS = ("收到时间", "落款日期", "时限")  # the overview's columns (window and workbook)


@dataclass(frozen=True)
class Timing:
    """A body's report of the year: when it first came (its first round) and the date it bears,
    against the deadline; a corrected version's later arrival is `latest` and is not lateness."""

    received: dt.datetime | None   # the first round, first received by the archive
    signed: dt.date | None         # the first round's signature date, None when none was read
    deadline: dt.date
    latest: dt.datetime | None = None  # the latest round's receipt, when it is a later round

    @property
    def received_late(self) -> int:
        """Days the report came after the deadline (0: in time, or the time is not known)."""
        return max(0, (self.received.date() - self.deadline).days) if self.received is not None else 0

    @property
    def signed_late(self) -> int:
        """Days the signature date is after the deadline (0: in time, or no date was read)."""
        return max(0, (self.signed - self.deadline).days) if self.signed is not None else 0

    @property
    def received_text(self) -> str:
        first = "" if self.received is None else f"{self.received:%Y-%m-%d %H:%M}"
        return first if self.latest is None else f"{first}（整改稿 {self.latest:%Y-%m-%d %H:%M}）"

    @property
    def signed_text(self) -> str:
        return "" if self.signed is None else f"{self.signed.year}年{self.signed.month}月{self.signed.day}日"

    @property
    def verdict(self) -> str:
        """按期 / 逾期报送 n 天 / 落款晚于期限 n 天, as one short text for a table's cell."""
        parts = []
        if self.received_late:
            parts.append(f"逾期报送 {self.received_late} 天")
        if self.signed_late:
            parts.append(f"落款晚于期限 {self.signed_late} 天")
        return "；".join(parts) or ("按期" if self.received is not None else "")


def _parse_time(text: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _parse_date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def timing(first: Version, year: int, rules: RuleSettings | None = None, latest: Version | None = None) -> Timing:
    """The times of a body's `first` round of the year (and its `latest`, a later round) against the
    deadline of its body (named by the report, else the archive)."""
    due = deadline(year, rules or RuleSettings(), first.unit or first.body)
    later = _parse_time(latest.received_at) if latest is not None and latest.id != first.id else None
    return Timing(_parse_time(first.received_at), _parse_date(first.signed), due, later)


def timing_cells(t: Timing | None) -> list[str]:
    """The overview's TIMING_COLUMNS of a body (empty for one that sent nothing)."""
    return ["", "", ""] if t is None else [t.received_text, t.signed_text, t.verdict]
