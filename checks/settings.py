"""Settings the checks read. Defaults live in resources/settings.json; a file given with
--config (or saved by the window's settings dialog) overrides them key by key."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import resources

BODY_LEVELS = ("auto", "township", "county", "municipal", "provincial")
BUDGET_RANGE = (5.0, 3600.0)


class SettingsError(ValueError):
    """Settings that cannot be used; the message (Chinese) names every problem."""


@dataclass
class Settings:
    deadline_month: int = 1         # publication deadline: this month/day of the following year
    deadline_day: int = 31
    # 《条例》第四十九条: the 本级政府 report of a 县级以上地方人民政府 is due by this month/day instead
    government_deadline_month: int = 3
    government_deadline_day: int = 31
    body_level: str = "auto"        # auto, township, county, municipal, provincial
    disabled_rules: list[str] = field(default_factory=list)
    file_time_budget_s: float = 120.0
    # 整改通知 (the correction notice per body): who issues it, its 文号 ({year}, {n}: the
    # notice's number in the year, from notice_start_number on) and the 整改时限 in days from the
    # day it is issued; notice_pass_letters: a body with nothing to correct gets a short 审核通过 letter
    notice_office: str = "县人民政府办公室（政务公开办）"
    notice_number: str = "政务公开〔{year}〕{n}号"
    notice_start_number: int = 1
    notice_deadline_days: int = 15
    notice_pass_letters: bool = False
    ocr: bool = True                # read scanned reports by OCR (off: a scan is refused, as before)

    @classmethod
    def load(cls, path: str | Path | None = None) -> Settings:
        data: dict[str, Any] = {}
        default = resources.path("settings.json")
        if default.is_file():
            data.update(json.loads(default.read_text(encoding="utf-8")))
        if path is not None:
            data.update(json.loads(Path(path).read_text(encoding="utf-8")))
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in data.items() if k in known})
        settings.validate()
        return settings

    def problems(self) -> list[str]:
        """What is wrong with these settings, in Chinese; empty when they can be used."""
        out: list[str] = []
        out += _deadline_problems("公布期限", self.deadline_month, self.deadline_day)
        out += _deadline_problems("县级以上人民政府本级报告的公布期限", self.government_deadline_month,
                                  self.government_deadline_day)
        if self.body_level not in BODY_LEVELS:
            out.append(f"报送单位层级“{self.body_level}”无法识别（可用：{'、'.join(BODY_LEVELS)}）。")
        budget = self.file_time_budget_s
        if isinstance(budget, bool) or not isinstance(budget, (int, float)) \
                or not BUDGET_RANGE[0] <= budget <= BUDGET_RANGE[1]:
            out.append(f"单个文件读取时限必须在 {BUDGET_RANGE[0]:.0f}–{BUDGET_RANGE[1]:.0f} 秒之间。")
        if not isinstance(self.ocr, bool):  # a settings file may hold anything
            out.append("“识别扫描件”必须是 true 或 false。")  # type: ignore[unreachable]
        out += _notice_problems(self)
        rules = self.disabled_rules
        if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
            out.append("停用的规则必须是规则编号的列表。")
        else:
            from .catalogue import CATALOGUE
            unknown = [r for r in rules if r not in CATALOGUE]
            if unknown:
                out.append(f"停用的规则中有未知的规则编号：{'、'.join(unknown)}。")
        return out

    def validate(self) -> None:
        """Raise SettingsError when the settings cannot be used (an impossible deadline would make
        every dated report fail; an unknown rule id is a typo that disables nothing)."""
        problems = self.problems()
        if problems:
            raise SettingsError("设置无效：" + "".join(problems))

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


NOTICE_START_RANGE = (1, 9999)
NOTICE_DAYS_RANGE = (1, 365)


def _notice_problems(s: Settings) -> list[str]:
    """What is wrong with the 整改通知 settings (a settings file may hold anything)."""
    out: list[str] = []
    if not isinstance(s.notice_office, str) or not s.notice_office.strip():
        out.append("整改通知的发文机关不能为空。")
    if not isinstance(s.notice_number, str) or "{n}" not in s.notice_number:
        out.append("整改通知的文号格式须含“{n}”（序号），可含“{year}”（年度），如“政务公开〔{year}〕{n}号”。")
    else:
        try:
            s.notice_number.format(year=2024, n=1)
        except (KeyError, IndexError, ValueError):
            out.append(f"整改通知的文号格式“{s.notice_number}”中只能用“{{year}}”和“{{n}}”两个占位符。")
    for value, (lo, hi), what in ((s.notice_start_number, NOTICE_START_RANGE, "整改通知的起始序号"),
                                  (s.notice_deadline_days, NOTICE_DAYS_RANGE, "整改时限（天）")):
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            out.append(f"{what}必须是 {lo}–{hi} 之间的整数。")
    if not isinstance(s.notice_pass_letters, bool):
        out.append("“为无需整改的单位写审核通过函”必须是 true 或 false。")  # type: ignore[unreachable]
    return out


def _deadline_problems(name: str, m: Any, d: Any) -> list[str]:
    if not (isinstance(m, int) and isinstance(d, int)) or isinstance(m, bool) or isinstance(d, bool):
        return [f"{name}的月、日必须是整数。"]
    try:
        dt.date(2001, m, d)  # a year without 29 February: the deadline must exist every year
    except ValueError:
        return [f"{name} {m}月{d}日 不是每年都有的日期。"]
    return []
