"""The notices' settings: who issues a 整改通知, its 文号 and its 整改时限. One part of the settings
file (review.settings.Settings holds the others); the field names are the file's keys."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class NoticeSettings:
    notice_office: str = "县人民政府办公室（政务公开办）"
    notice_number: str = "政务公开〔{year}〕{n}号"  # {year}, {n}: the notice's number in the year
    notice_deadline_days: int = 15                   # 整改时限: days from the day the notice is issued

    def problems(self) -> list[str]:
        """What is wrong with these settings, in Chinese; empty when they can be used."""
        out: list[str] = []
        if not isinstance(self.notice_office, str) or not self.notice_office.strip():
            out.append("整改通知的发文单位不能为空。")
        if not isinstance(self.notice_number, str):
            out.append("整改通知的文号格式必须是文字。")  # type: ignore[unreachable]
        days = self.notice_deadline_days
        if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 365:
            out.append("整改时限必须是 0–365 之间的天数。")
        return out
