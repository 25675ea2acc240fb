"""The window's session without Qt: entries and their states, results applied as new values, the
checks across the opened reports, marks kept across a re-read, settings.json round trip."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from checks import run_checks
from checks.finding import Finding
from checks.settings import RuleSettings
from model.report import Report
from pipeline import CheckResult
from review.session import EntryState, Session, load_settings, save_settings
from review.settings import Settings
from tests.support.reports import clean_report, set_cell

ROOT = Path(__file__).resolve().parents[2]


def _year(year: int, forward: int = 0, carried: int = 0) -> Report:
    r = clean_report()
    r.unit, r.year, r.path = "白马镇人民政府", year, f"/报告/白马镇{year}.docx"
    for col in ("natural", "total"):
        set_cell(r, f"t3.carry_forward.{col}", forward)
        set_cell(r, f"t3.carried.{col}", carried)
    return r


def _result(report: Report) -> CheckResult:
    return CheckResult(report.path, report, run_checks(report))


def _finding(message: str) -> Finding:
    return Finding(rule="VAGUE-NUMBER", severity="warning", message=message, cells=["t3.new.total"])


def test_the_session_imports_no_qt() -> None:
    code = ("import sys, review.session, review.marks, review.notices, review.history; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')))")
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "[]"


def test_entry_states_from_queued_to_done_failed_and_cancelled(tmp_path) -> None:
    s = Session(tmp_path)
    good, bad, dropped = "/报告/甲.docx", "/报告/乙.pdf", "/报告/丙.pdf"
    for p in (good, bad, dropped):
        assert s.entries.queue(p)[1] is True
    assert [e.state for e in s.entries] == [EntryState.QUEUED] * 3
    assert [e.status for e in s.entries] == ["pending"] * 3
    read = _result(_year(2024))
    read.findings = [f for f in read.findings if f.severity != "error"]
    s.entries.set_result(0, read, "a" * 64, {})
    s.entries.set_result(1, CheckResult(bad, error="该文件是扫描件"), None, {})
    assert s.entries[0].state == EntryState.DONE
    assert s.entries[0].status == ("warning" if read.count("warning") else "info" if read.count("info") else "clean")
    assert s.entries[1].state == EntryState.FAILED and s.entries[1].status == "unreadable"
    assert s.entries.cancel_queued() == [2] and s.entries[2].state == EntryState.CANCELLED
    assert not s.entries[2].finished and s.entries[2].status == "pending"
    assert [e.path for e in s.entries.finished()] == [good, bad]
    # a file opened again keeps its row, is queued again and keeps its marks' content key
    row, new = s.entries.queue(good)
    assert (row, new) == (0, False) and s.entries[0].state == EntryState.QUEUED
    assert s.entries[0].sha256 == "a" * 64 and len(s.entries) == 3


def test_cross_findings_are_own_plus_cross_and_never_change_the_result_read(tmp_path) -> None:
    s = Session(tmp_path)
    before, after = _result(_year(2023, forward=2)), _result(_year(2024, carried=1))
    own = list(after.findings)
    for r in (before, after):
        row, _ = s.entries.queue(r.path)
        s.entries.set_result(row, r, None, {})
    changed = s.check_across()
    e = s.entries[1]
    assert changed == [e]
    carry = [f for f in e.findings if f.rule == "PREV-YEAR-CARRY"]
    assert sorted(f.cells[0] for f in carry) == ["t3.carried.natural", "t3.carried.total"]
    assert e.own_findings == own and after.findings == own  # the CheckResult read is untouched
    assert e.result is not after and e.result.report is after.report
    assert s.check_across() == []  # nothing new the second time
    # the earlier year closed: the later one has only its own findings again
    s.entries.remove(0)
    assert s.check_across() == [e] and e.findings == own


def test_a_cross_result_for_an_entry_read_again_meanwhile_is_dropped(tmp_path) -> None:
    s = Session(tmp_path)
    a, b = _result(_year(2023, forward=2)), _result(_year(2024, carried=1))
    for r in (a, b):
        s.entries.set_result(s.entries.queue(r.path)[0], r, None, {})
    entries, _ = s.cross_inputs()
    assert len(entries) == 2
    s.entries.queue(b.path)  # read again before the cross check came back
    assert s.apply_cross(None, [[], [_finding("迟到的跨报告问题")]]) == []
    assert s.entries[1].findings == []


def test_marks_are_saved_kept_for_the_same_content_and_given_to_the_export(tmp_path) -> None:
    s = Session(tmp_path)
    report = _year(2024)
    f = _finding("约 3 件")
    result = CheckResult(report.path, report, [f])
    sha = "c" * 64
    for path in ("/一/白马镇.docx", "/二/白马镇 副本.docx"):
        row, _ = s.entries.queue(path)
        s.entries.set_result(row, result, sha, s.marks_of(sha))
    changed = s.mark(s.entries[0], f.fingerprint, "dismissed", "已核实为准确数字")
    assert changed == list(s.entries)  # both copies show the mark
    assert all(e.marks[f.fingerprint].reason == "已核实为准确数字" for e in s.entries)
    assert s.entries[1].count("warning") == 0 and s.entries[1].marks_summary() == "已忽略 1"
    assert s.dismissed() == {"/一/白马镇.docx": {f.fingerprint: "已核实为准确数字"},
                             "/二/白马镇 副本.docx": {f.fingerprint: "已核实为准确数字"}}
    # a new session (the program started again) reads them back for that content
    again = Session(tmp_path)
    assert again.marks_of(sha)[f.fingerprint].dismissed
    s.mark(s.entries[1], f.fingerprint, None)
    assert Session(tmp_path).marks_of(sha) == {} and s.dismissed() == {}


def test_settings_round_trip_and_a_bad_file_gives_the_defaults(tmp_path) -> None:
    s = Session(tmp_path)
    assert s.settings == Settings()
    chosen = Settings(rules=RuleSettings(deadline_month=3, deadline_day=15, body_level="county", disabled_rules=["VAGUE-NUMBER"]))
    path = s.save_settings(chosen)
    assert json.loads(path.read_text(encoding="utf-8"))["deadline_month"] == 3
    assert Session(tmp_path).settings == chosen == load_settings(tmp_path)
    for bad in ("{不是 JSON", "[1, 2]"):
        path.write_text(bad, encoding="utf-8")
        assert load_settings(tmp_path) == Settings()
    save_settings(tmp_path, Settings(rules=RuleSettings(deadline_day=20)))
    assert load_settings(tmp_path).rules.deadline_day == 20
