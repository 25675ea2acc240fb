"""The year before: a body's report of the previous year, from the reports opened with it or from the
archive, found through the one body identity (model.bodies)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from archive.store import Archive
from checks.batch import ArchivedReport
from model.bodies import same_body
from model.report import Report
from pipeline import CheckResult


def previous_reports(archive: Archive, results: Sequence[CheckResult]) -> list[ArchivedReport | None]:
    """Per result, its body's last archived round of the year before, as the batch checks take it."""
    out: list[ArchivedReport | None] = []
    for r in results:
        rep = r.report
        prev = archive.previous_year(rep.unit, rep.year) if rep is not None else None
        report = archive.report(prev.id) if prev is not None else None
        out.append(ArchivedReport(report, prev.checked_at) if report is not None and prev is not None else None)
    return out


def previous_year(report: Report | None, opened: Iterable[tuple[Report, str]],
                  archive: Archive | None) -> tuple[Report, str] | None:
    """(report, label) of the body's report of the year before `report`: one of the `opened`
    (report, label) pairs first, else the archive's; None without one."""
    if report is None or not report.year:
        return None
    for other, label in opened:
        if other.year == report.year - 1 and same_body(other.unit, report.unit):
            return other, f"{other.year}年度：{label}"
    v = archive.previous_year(report.unit, report.year) if archive is not None else None
    prev = archive.report(v.id) if archive is not None and v is not None else None
    if prev is None or v is None:
        return None
    return prev, f"{prev.year}年度：{v.file}（审校台账 {v.checked_at.replace('T', ' ')[:16]}）"
