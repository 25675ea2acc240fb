"""The notices' settings: who issues a 整改通知, its 文号 and its 整改时限. One part of the settings
file (review.settings.Settings holds the others); the field names are the file's keys."""
from __future__ import annotations

from dataclasses import dataclass

NOTICE_START_RANGE = (1, 9999)
NOTICE_DAYS_RANGE = (1, 365)


@dataclass
class NoticeSettings:
    notice_office: str = "县人民政府办公室（政务公开办）"
    notice_number: str = "政务公开〔{year}〕{n}号"  # {year}, {n}: the notice's number in the year
    notice_start_number: int = 1                     # the year's first notice is {n} = this
    notice_deadline_days: int = 15                   # 整改时限: days from the day the notice is issued
    notice_pass_letters: bool = False                # a body with nothing to correct gets a short 审核通过 letter

    def problems(self) -> list[str]:
        """What is wrong with these settings, in Chinese (a settings file may hold anything)."""
        out: list[str] = []
        if not isinstance(self.notice_office, str) or not self.notice_office.strip():
            out.append("整改通知的发文机关不能为空。")
        if not isinstance(self.notice_number, str) or "{n}" not in self.notice_number:
            out.append("整改通知的文号格式须含“{n}”（序号），可含“{year}”（年度），如“政务公开〔{year}〕{n}号”。")
        else:
            try:
                self.notice_number.format(year=2024, n=1)
            except (KeyError, IndexError, ValueError):
                out.append(f"整改通知的文号格式“{self.notice_number}”中只能用“{{year}}”和“{{n}}”两个占位符。")
        for value, (lo, hi), what in ((self.notice_start_number, NOTICE_START_RANGE, "整改通知的起始序号"),
                                      (self.notice_deadline_days, NOTICE_DAYS_RANGE, "整改时限（天）")):
            if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
                out.append(f"{what}必须是 {lo}–{hi} 之间的整数。")
        if not isinstance(self.notice_pass_letters, bool):
            out.append("“为无需整改的单位写审核通过函”必须是 true 或 false。")  # type: ignore[unreachable]
        return out
