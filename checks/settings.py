"""The rules' settings: the publication deadlines, the body's level, the rules switched off. One
part of the settings file (review.settings.Settings holds the others); the checks read only this."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

BODY_LEVELS = ("auto", "township", "county", "municipal", "provincial")


class SettingsError(ValueError):
    """Settings that cannot be used; the message (Chinese) names every problem."""


@dataclass
class RuleSettings:
    deadline_month: int = 1         # publication deadline: this month/day of the following year
    deadline_day: int = 31
    # 《条例》第四十九条: the 本级政府 report of a 县级以上地方人民政府 is due by this month/day instead
    government_deadline_month: int = 3
    government_deadline_day: int = 31
    body_level: str = "auto"        # auto, township, county, municipal, provincial
    disabled_rules: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """What is wrong with these settings, in Chinese; empty when they can be used (an
        impossible deadline would make every dated report fail; an unknown rule id is a typo that
        disables nothing)."""
        out: list[str] = []
        out += _deadline_problems("公布期限", self.deadline_month, self.deadline_day)
        out += _deadline_problems("县级以上人民政府本级报告的公布期限", self.government_deadline_month,
                                  self.government_deadline_day)
        if self.body_level not in BODY_LEVELS:
            out.append(f"报送单位层级“{self.body_level}”无法识别（可用：{'、'.join(BODY_LEVELS)}）。")
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
        """Raise SettingsError when the settings cannot be used."""
        problems = self.problems()
        if problems:
            raise SettingsError("设置无效：" + "".join(problems))


def _deadline_problems(name: str, m: Any, d: Any) -> list[str]:
    if not (isinstance(m, int) and isinstance(d, int)) or isinstance(m, bool) or isinstance(d, bool):
        return [f"{name}的月、日必须是整数。"]
    try:
        dt.date(2001, m, d)  # a year without 29 February: the deadline must exist every year
    except ValueError:
        return [f"{name} {m}月{d}日 不是每年都有的日期。"]
    return []
