"""The settings file split by what each part governs (issue 26): one flat file, three parts, each
checked by its own layer and handed only to that layer."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from checks.settings import RuleSettings, SettingsError
from export.notice_settings import NoticeSettings
from importers.options import ReadOptions
from review.settings import Settings


def test_a_flat_file_fills_each_part_and_is_written_back_the_same(tmp_path: Path) -> None:
    data = {"deadline_month": 2, "deadline_day": 28, "body_level": "county", "disabled_rules": ["VAGUE-NUMBER"],
            "file_time_budget_s": 45.0, "ocr": False, "notice_office": "某县政务公开办", "notice_deadline_days": 10,
            "a_key_of_a_newer_version": 1}
    p = tmp_path / "settings.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    s = Settings.load(p)
    assert s.reading == ReadOptions(45.0, ocr=False)
    assert (s.rules.deadline_month, s.rules.deadline_day, s.rules.body_level, s.rules.disabled_rules) == \
        (2, 28, "county", ["VAGUE-NUMBER"])
    assert (s.notices.notice_office, s.notices.notice_deadline_days) == ("某县政务公开办", 10)
    written = s.to_json()
    assert {k: written[k] for k in data if k != "a_key_of_a_newer_version"} == \
        {k: v for k, v in data.items() if k != "a_key_of_a_newer_version"}
    assert Settings.from_json(written) == s


def test_each_part_names_its_own_problems() -> None:
    assert RuleSettings(deadline_month=2, deadline_day=30).problems() == ["公布期限 2月30日 不是每年都有的日期。"]
    assert ReadOptions(1.0).problems() == ["单个文件读取时限必须在 5–3600 秒之间。"]
    assert NoticeSettings(notice_office=" ").problems() == ["整改通知的发文机关不能为空。"]
    bad = Settings(ReadOptions(1.0), RuleSettings(body_level="乡"), NoticeSettings(notice_deadline_days=0))
    assert len(bad.problems()) == 3
    with pytest.raises(SettingsError, match="读取时限"):
        bad.validate()


def test_a_file_that_is_not_an_object_is_refused_in_chinese(tmp_path: Path) -> None:
    p = tmp_path / "settings.json"
    p.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(SettingsError, match="JSON 对象"):
        Settings.load(p)


def test_the_defaults_read_and_check_as_before() -> None:
    s = Settings.load()
    assert s == Settings()
    assert s.reading == ReadOptions(120.0, ocr=True) and s.problems() == []
