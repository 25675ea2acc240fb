"""PUBLISH-LATE by who reports (《条例》第四十九条): a 县级以上地方人民政府's own report is due by
3月31日, its departments and the townships by the settings' deadline (default 1月31日)."""
from __future__ import annotations

import datetime as dt

import pytest

from checks.dates import deadline, is_local_government, publish_late
from checks.settings import RuleSettings, SettingsError
from review.settings import Settings
from tests.support.reports import clean_report

S = RuleSettings()


@pytest.mark.parametrize("unit", ["淮安市人民政府", "洪泽区人民政府", "青山县人民政府", "江苏省人民政府",
                                  "延边朝鲜族自治州人民政府", "长阳土家族自治县人民政府"])
def test_a_local_government_s_own_report_is_due_by_31_march(unit: str) -> None:
    assert is_local_government(unit)
    assert deadline(2024, S, unit) == dt.date(2025, 3, 31)
    r = clean_report()
    r.unit, r.date = unit, dt.date(2025, 3, 20)
    assert list(publish_late(r, S)) == []
    r.date = dt.date(2025, 4, 2)
    [f] = publish_late(r, S)
    assert f.severity == "error" and "2025 年 3 月 31 日" in f.message and "逾期 2 天" in f.message


@pytest.mark.parametrize("unit", ["青山镇人民政府", "白马乡人民政府", "城关街道办事处", "淮安市人民政府办公室",
                                  "平山县住房和城乡建设局", "平潭综合实验区", None])
def test_departments_and_townships_follow_the_settings_deadline(unit: str | None) -> None:
    assert not is_local_government(unit)
    r = clean_report()
    r.unit, r.date = unit, dt.date(2025, 3, 20)
    [f] = publish_late(r, S)
    assert "2025 年 1 月 31 日" in f.message
    assert list(publish_late(r, RuleSettings(deadline_month=3, deadline_day=31))) == []


def test_the_government_deadline_is_a_setting_refused_when_impossible() -> None:
    r = clean_report()
    r.unit, r.date = "淮安市人民政府", dt.date(2025, 3, 20)
    [f] = publish_late(r, RuleSettings(government_deadline_month=2, government_deadline_day=28))
    assert "2025 年 2 月 28 日" in f.message
    with pytest.raises(SettingsError, match="县级以上人民政府本级报告的公布期限 2月30日"):
        RuleSettings(government_deadline_month=2, government_deadline_day=30).validate()
    assert Settings.load().rules.government_deadline_month == 3  # resources/settings.json carries it
