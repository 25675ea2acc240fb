"""The county's roster: imported once, 未报送 measured against it, names in reports matched to it
through the one body identity (全称, 简称, spaces, the county in front); the received time kept."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from archive import Archive
from archive.overview import MISSING, NEEDS_FIX, overview
from archive.roster import expected_bodies, import_roster
from archive.store import RosterEntry, migrate
from model.bodies import body_key

ROSTER = [
    RosterEntry("青山县城关镇人民政府", "", "乡镇"),
    RosterEntry("青山县石桥乡人民政府", "", "乡镇"),
    RosterEntry("东山街道办事处", "", "街道"),
    RosterEntry("青山县财政局", "县财政局", "部门"),
    RosterEntry("青山县市场监督管理局", "县市场监管局", "部门"),
    RosterEntry("青山县教育局", "县教育局", "部门"),
    RosterEntry("青山县人民政府", "", "县政府"),
]


def _rec(a: Archive, sha: str, unit: str | None, year: int = 2024, findings: tuple[str, ...] = (), file: str = "",
         error: str | None = None):
    return a.record(sha256=sha, file=file or f"{sha}.pdf", unit=unit, year=year, format="pdf", cells={}, sentences=[],
                    findings=[(f"{r}||", {"rule": r, "severity": "error"}) for r in findings], error=error)


def _reports(a: Archive) -> None:
    """Names written as reports write them: without the county, with spaces, by 简称, with the county in front."""
    _rec(a, "a", "城关镇人民政府", findings=("T3-BALANCE",))     # the roster's name has the county in front
    _rec(a, "b", "县财政局")                                     # 简称
    _rec(a, "c", "青山县 市场监督管理局")                         # a space
    _rec(a, "d", "青山县石桥乡")                                  # county + short form of a township


def _missing(a: Archive) -> list[str]:
    return sorted(r.body for r in overview(a, 2024).rows if r.status == MISSING)


def test_the_missing_are_exactly_the_roster_bodies_without_a_report(tmp_path: Path) -> None:
    with Archive(tmp_path / "r.db") as a:
        done = import_roster(a, ROSTER, "名单.xlsx")
        _reports(a)
        ov = overview(a, 2024)
    assert done.notes == [] and ov.against_roster
    assert sorted(r.body for r in ov.rows if r.status == MISSING) == ["东山街道办事处", "青山县人民政府", "青山县教育局"]
    # every report is one roster body's, shown by the roster's full name: no body outside the roster
    assert sorted(r.body for r in ov.rows if r.status != MISSING) == sorted(
        ["青山县城关镇人民政府", "青山县财政局", "青山县市场监督管理局", "青山县石桥乡人民政府"])
    assert {r.body: r.status for r in ov.rows}["青山县城关镇人民政府"] == NEEDS_FIX
    assert len(ov.rows) == len(ROSTER)


def test_reports_recorded_before_the_roster_are_matched_too(tmp_path: Path) -> None:
    """A body the archive first knew by its 简称 is merged into the roster's body on import."""
    with Archive(tmp_path / "r.db") as a:
        _reports(a)
        done = import_roster(a, ROSTER, "名单.csv")
        assert done.merged == 1  # 县财政局, known only by its 简称 until now
        assert _missing(a) == ["东山街道办事处", "青山县人民政府", "青山县教育局"]
        assert a.find_body("县财政局") == a.find_body("青山县财政局")
        assert [e.name for e in a.roster()] == [e.name for e in ROSTER] and a.roster_source() is not None


def test_a_report_by_the_short_name_after_import_is_the_body(tmp_path: Path) -> None:
    with Archive(tmp_path / "r.db") as a:
        import_roster(a, ROSTER, "名单.xlsx")
        v = _rec(a, "e", "县教育局")
        assert v.body == "青山县教育局"
        assert "青山县教育局" not in _missing(a)


def test_without_a_roster_the_bodies_of_the_year_before_are_expected(tmp_path: Path) -> None:
    with Archive(tmp_path / "r.db") as a:
        _rec(a, "x23", "甲镇人民政府", 2023)
        _rec(a, "y23", "乙镇人民政府", 2023)
        _rec(a, "y24", "乙镇人民政府", 2024)
        ov = overview(a, 2024)
        assert not ov.against_roster and _missing(a) == ["甲镇人民政府"]
        import_roster(a, [RosterEntry("乙镇人民政府"), RosterEntry("丙镇人民政府")], "名单.xlsx")
        ids, from_roster = expected_bodies(a, 2024)
        assert from_roster and len(ids) == 2
        assert _missing(a) == ["丙镇人民政府"]  # 甲镇 is not on the roster: not expected any more


def test_duplicates_and_a_short_name_of_another_entry_are_said(tmp_path: Path) -> None:
    with Archive(tmp_path / "r.db") as a:
        done = import_roster(a, [RosterEntry("城关镇人民政府"), RosterEntry("青山县城关镇"), RosterEntry("石桥乡人民政府", "城关镇")],
                             "名单.xlsx")
        assert [e.name for e in done.entries] == ["城关镇人民政府", "石桥乡人民政府"]
        assert len(done.notes) == 2 and "同一单位" in done.notes[0] and "另一单位" in done.notes[1]
        assert a.find_body("城关镇") != a.find_body("石桥乡")


def test_merging_two_bodies_moves_the_roster_entry(tmp_path: Path) -> None:
    with Archive(tmp_path / "r.db") as a:
        import_roster(a, [RosterEntry("高良涧街道办事处")], "名单.xlsx")
        keep = a.find_body("高良涧街道")
        other = _rec(a, "q", "高良涧办事处").body_id
        assert keep is not None and other is not None and keep != other
        a.merge_bodies(other, keep)
        assert [e.body_id for e in a.roster()] == [other]


def test_the_received_time_is_the_first_time_the_content_was_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from archive import store
    with Archive(tmp_path / "t.db") as a:
        monkeypatch.setattr(store, "now", lambda: "2025-01-20T09:00:00")
        v1 = a.record(sha256="s", file="x.pdf", unit="甲镇", year=2024, format="pdf", cells={}, sentences=[], findings=[],
                      signed="2025-01-18")
        monkeypatch.setattr(store, "now", lambda: "2025-02-10T15:30:00")
        v2 = a.record(sha256="s", file="x.pdf", unit="甲镇", year=2024, format="pdf", cells={}, sentences=[], findings=[],
                      signed="2025-01-18")
        v3 = a.record(sha256="s", file="x.pdf", unit="乙镇", year=2024, format="pdf", cells={}, sentences=[], findings=[])
    assert v1.id == v2.id and v2.checked_at == "2025-02-10T15:30:00"
    assert v1.received_at == v2.received_at == v3.received_at == "2025-01-20T09:00:00"  # read again as another body: kept
    assert v2.signed == "2025-01-18" and v3.signed is None


def test_received_and_signed_against_the_deadline_in_the_overview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from archive import store
    from checks.settings import RuleSettings
    with Archive(tmp_path / "t.db") as a:
        monkeypatch.setattr(store, "now", lambda: "2025-02-03T10:00:00")
        a.record(sha256="a", file="a.pdf", unit="甲镇人民政府", year=2024, format="pdf", cells={}, sentences=[], findings=[],
                 signed="2025-02-02")
        a.record(sha256="g", file="g.pdf", unit="青山县人民政府", year=2024, format="pdf", cells={}, sentences=[], findings=[],
                 signed="2025-03-20")
        by = {r.body: r.timing for r in overview(a, 2024, rules=RuleSettings()).rows}
        late = {r.body: r.timing for r in overview(a, 2024, rules=RuleSettings(deadline_month=2, deadline_day=28)).rows}
    town, county = by["甲镇人民政府"], by["青山县人民政府"]
    assert town is not None and county is not None
    assert (town.deadline.isoformat(), town.received_late, town.signed_late) == ("2025-01-31", 3, 2)
    assert town.verdict == "逾期报送 3 天；落款晚于期限 2 天" and town.signed_text == "2025年2月2日"
    assert (county.deadline.isoformat(), county.received_late, county.signed_late, county.verdict) == ("2025-03-31", 0, 0, "按期")
    t = late["甲镇人民政府"]
    assert t is not None and t.verdict == "按期"


def test_an_archive_of_version_four_gets_received_times_and_a_roster(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    with sqlite3.connect(path) as db:
        db.isolation_level = None
        db.create_function("body_key", 1, body_key)
        migrate(db, target=4)
        db.execute("INSERT INTO versions(sha256, file, year, checked_at) VALUES('s', 'x.pdf', 2024, '2025-01-05T08:00:00')")
    with Archive(path) as a:
        v = a.versions(2024)[0]
        assert v.received_at == "2025-01-05T08:00:00" and v.signed is None and a.roster() == []


def test_the_overview_workbook_shows_the_times(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook

    from archive import store
    from export.overview import write_overview_workbook
    with Archive(tmp_path / "w.db") as a:
        import_roster(a, [RosterEntry("甲镇人民政府"), RosterEntry("乙镇人民政府")], "名单.xlsx")
        monkeypatch.setattr(store, "now", lambda: "2025-02-03T10:00:00")
        _rec(a, "a", "甲镇人民政府")
        out = write_overview_workbook(overview(a, 2024), tmp_path / "总览.xlsx")
    ws = load_workbook(out)["县域总览"]
    head = [c.value for c in ws[3]]
    at = head.index("收到时间")
    assert head[at:at + 3] == ["收到时间", "落款日期", "时限"]
    rows = {ws.cell(r, 2).value: [ws.cell(r, at + 1 + i).value for i in range(3)] for r in range(4, 6)}
    assert rows == {"甲镇人民政府": ["2025-02-03 10:00", None, "逾期报送 3 天"], "乙镇人民政府": [None, None, None]}
