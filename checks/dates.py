"""Years and dates: the report year used throughout, the statistics period, the publication date."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from model.document import Location
from model.report import Report
from model.textnorm import norm

from .finding import Finding, Severity
from .registry import rule
from .settings import RuleSettings

_PERIOD = re.compile(r"(?:统计期限|统计时限|统计期间|统计时间|统计周期)[^。]{0,8}?(?:为|是|自|从)?(\d{4})年(\d{1,2})月(\d{1,2})日"
                     r"(?:起)?(?:至|到|-|—|~)(\d{4})年(\d{1,2})月(\d{1,2})日")
_MALFORMED = re.compile(r"(?<![\d年])(20\d{2})(1[0-2]|0?[1-9])月|(?<!\d)(20\d{2})年(1[3-9]|[2-9]\d|0)月|(\d{1,2})月(3[2-9]|[4-9]\d)日")
_YEAR_OPENING = re.compile(r"^(\d{4})年(?:度)?(?:以来)?[，,]?(?:我|本|全|在|[\u4e00-\u9fa5]{2,12}(?:镇|乡|街道|局|政府|办事处))")


@rule("YEAR-MISMATCH")
def year_mismatch(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    year = report.year
    if not year:
        return
    for s in report.sentences:
        n = norm(s.text)
        m = _PERIOD.search(n)
        if m and (int(m.group(1)) != year or int(m.group(4)) != year):
            yield Finding(rule="YEAR-MISMATCH", severity=Severity.WARNING,
                          message=f"统计期限写为 {m.group(1)} 年至 {m.group(4)} 年，与报告年度 {year} 年不符：{s.text[:100]}",
                          cells=[], expected=year, actual=int(m.group(4)), location=s.location, quote=s.text)
            continue
        if s.section in (1, 2, 3, 4):
            m = _YEAR_OPENING.match(n)
            if m and int(m.group(1)) != year and not re.search(r"较|比|同比|相比|以来", n[:12]):
                yield Finding(rule="YEAR-MISMATCH", severity=Severity.WARNING,
                              message=f"该句以“{m.group(1)}年”开头，与报告年度 {year} 年不符，可能沿用了往年报告：{s.text[:100]}",
                              cells=[], expected=year, actual=int(m.group(1)), location=s.location, quote=s.text)


@rule("DATE-MALFORMED")
def date_malformed(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    for s in report.sentences:
        n = norm(s.text)
        bad = _MALFORMED.search(n)
        if bad:
            yield Finding(rule="DATE-MALFORMED", severity=Severity.WARNING, message=f"日期“{bad.group(0)}”写法有误：{s.text[:100]}",
                          location=s.location, quote=s.text)
            continue
        m = _PERIOD.search(n)
        if m and report.year and int(m.group(1)) == report.year == int(m.group(4)):
            start = (int(m.group(2)), int(m.group(3)))
            end = (int(m.group(5)), int(m.group(6)))
            if start != (1, 1) or end != (12, 31):
                yield Finding(rule="DATE-MALFORMED", severity=Severity.WARNING,
                              message=f"统计期限应为 {report.year} 年 1 月 1 日至 12 月 31 日，"
                                      f"文中为 {start[0]} 月 {start[1]} 日至 {end[0]} 月 {end[1]} 日",
                              location=s.location, quote=s.text)


# the 本级政府 of a 县级以上地方人民政府: '淮安市人民政府', '洪泽区人民政府', '某某自治县人民政府' — not a
# township's (镇/乡/街道) and not a department's ('…人民政府办公室' does not end in 人民政府)
_LOCAL_GOVERNMENT = re.compile(r"(?:省|自治区|市|自治州|州|盟|地区|县|自治县|旗|自治旗|区|特区|林区)人民政府$")
_TOWNSHIP = re.compile(r"(?:镇|乡|街道)人民政府$")


def is_local_government(unit: str | None) -> bool:
    """The report is a 县级以上地方人民政府's own (《条例》第四十九条: due by 3月31日)."""
    return bool(unit) and bool(_LOCAL_GOVERNMENT.search(unit or "")) and not _TOWNSHIP.search(unit or "")


def deadline(report_year: int, settings: RuleSettings, unit: str | None = None) -> dt.date:
    """The publication deadline of the report of `unit`: a 县级以上地方人民政府's own report by the
    government deadline (3月31日); its departments and the townships by the settings' deadline."""
    if is_local_government(unit):
        return dt.date(report_year + 1, settings.government_deadline_month, settings.government_deadline_day)
    return dt.date(report_year + 1, settings.deadline_month, settings.deadline_day)


@rule("PUBLISH-LATE")
def publish_late(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    if report.date is None or report.year is None:
        return
    due = deadline(report.year, settings, report.unit)
    if report.date > due:
        days = (report.date - due).days
        yield Finding(rule="PUBLISH-LATE", severity=Severity.ERROR,
                      message=f"报告落款日期为 {report.date.year} 年 {report.date.month} 月 {report.date.day} 日，"
                      f"晚于公布期限 {due.year} 年 {due.month} 月 {due.day} 日（逾期 {days} 天）",
                      location=report.date_location or (report.sentences[-1].location if report.sentences else Location()))
