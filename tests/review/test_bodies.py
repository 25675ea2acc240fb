"""One body identity (issue 26): the batch checks, the archive, the year-before lookup and the notices
agree on whether two reports are one body, however the name is written (全称, 简称, with spaces, with
the county before it)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from archive import Archive
from checks.batch import run_batch_checks
from model.bodies import body_key, same_body
from pipeline import CheckResult
from review.history import previous_year
from review.notices import notice_groups
from tests.support.reports import clean_report, set_cell

SPELLINGS = ["东山镇人民政府", "东山镇", "东山镇 人民政府", "青山县东山镇人民政府", "东山镇政府", "东 山 镇"]
OTHERS = ["西山镇人民政府", "青山县人民政府", "青山县东山村", "东山县人民政府"]


def _report(unit: str, year: int, carried: int = 0, carry_forward: int = 0):
    r = replace(clean_report(), unit=unit, year=year, path=f"/报告/{unit}{year}.txt")
    set_cell(r, "t3.carried.natural", carried)
    set_cell(r, "t3.carry_forward.natural", carry_forward)
    return r


@pytest.mark.parametrize("earlier", SPELLINGS)
@pytest.mark.parametrize("later", SPELLINGS)
def test_two_spellings_are_one_body_everywhere(tmp_path: Path, earlier: str, later: str) -> None:
    y23, y24 = _report(earlier, 2023, carry_forward=2), _report(later, 2024, carried=0)
    assert same_body(earlier, later) and body_key(earlier) == body_key(later) == "东山镇"
    carry = [f for f in run_batch_checks([y23, y24])[1] if f.rule == "PREV-YEAR-CARRY"]
    assert [(f.cells, f.expected) for f in carry] == [(["t3.carried.natural"], 2)]  # the batch pairs them
    with Archive(tmp_path / "台账.db") as arc:
        assert arc.resolve_body(earlier) == arc.resolve_body(later)  # the archive keeps one body
    found = previous_year(y24, [(y23, "上年.txt")], None)  # the window's 与上年对比
    assert found is not None and found[0] is y23
    notices = notice_groups([CheckResult(y23.path, report=y23), CheckResult(y24.path, report=_report(later, 2023))])
    assert len(notices) == 1  # one body, one year: one notice


@pytest.mark.parametrize("other", OTHERS)
def test_other_bodies_stay_apart_everywhere(tmp_path: Path, other: str) -> None:
    y23, y24 = _report(other, 2023, carry_forward=2), _report("东山镇人民政府", 2024, carried=0)
    assert not same_body(other, "东山镇人民政府")
    assert not [f for f in run_batch_checks([y23, y24])[1] if f.rule == "PREV-YEAR-CARRY"]
    with Archive(tmp_path / "台账.db") as arc:
        assert arc.resolve_body(other) != arc.resolve_body("东山镇人民政府")
    assert previous_year(y24, [(y23, "上年.txt")], None) is None


def test_a_department_keeps_its_county_but_not_its_city() -> None:
    assert body_key("淮安市洪泽区财政局") == body_key("洪泽区财政局") == "洪泽区财政局"
    assert not same_body("淮安市财政局", "财政局") and not same_body("清河县市场监督管理局", "市场监督管理局")
    assert not same_body(None, None) and not same_body("", "")
