"""Statements the format requires, citations of the superseded format, broken enumerations."""
from __future__ import annotations

import re
from collections.abc import Iterable

from model.report import Report
from model.textnorm import cn_to_int, norm

from .finding import Finding, Severity
from .registry import rule
from .settings import RuleSettings

_FEE = re.compile(r"信息处理费|处理费|收费|收取[^。]{0,10}费")
_REVIEW = re.compile(r"上一?年度?|去年|上年|前一年")
_FIXED = re.compile(r"整改|改进|落实|解决|完成|纠正")
_OLD_BASIS = re.compile(r"〔2019〕60号|\[2019\]60号|\(2019\)60号|2019年.{0,6}60号")


@rule("FEE-STATEMENT-MISSING")
def fee_statement_missing(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    s6 = report.section(6)
    if s6 is None:
        return
    if not _FEE.search(norm(report.section_text(6))):
        yield Finding(rule="FEE-STATEMENT-MISSING", severity=Severity.WARNING, message="“六、其他需要报告的事项”未说明是否收取信息处理费",
                      location=s6.location)


@rule("PRIOR-YEAR-REVIEW-MISSING")
def prior_year_review_missing(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    s5 = report.section(5)
    if s5 is None:
        return
    prev = str(report.year - 1) + "年" if report.year else None
    for s in report.section_sentences(5):
        n = norm(s.text)
        if (_REVIEW.search(n) or (prev and prev in n)) and _FIXED.search(n):
            return
    yield Finding(rule="PRIOR-YEAR-REVIEW-MISSING", severity=Severity.WARNING,
                  message="“五、存在的主要问题及改进情况”未说明上一年度报告所提问题的整改情况", location=s5.location)


@rule("BASIS-OUTDATED")
def basis_outdated(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    if report.year is not None and report.year < 2021:
        return
    for s in report.sentences:
        if _OLD_BASIS.search(norm(s.text)):
            yield Finding(rule="BASIS-OUTDATED", severity=Severity.WARNING,
                          message=("文中以已废止的 2019 年试行格式（国办公开办函〔2019〕60号）为依据，"
                                   "2021 年起应依据国办公开办函〔2021〕30号"),
                          location=s.location, quote=s.text)
            return


_SHI = re.compile(r"([一二三四五六七八九十]{1,2})是")
_HEAD = re.compile(r"^[（(]([一二三四五六七八九十]{1,2})[)）]")


@rule("ENUMERATION")
def enumeration(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    # 一是…二是… inside a sentence group (a paragraph)
    for s in report.sentences:
        nums = [cn_to_int(m) for m in _SHI.findall(norm(s.text))]
        if len(nums) >= 2 and nums != list(range(nums[0], nums[0] + len(nums))):
            yield Finding(rule="ENUMERATION", severity=Severity.INFO,
                          message=f"“一是、二是……”序号不连续（{'、'.join(m + '是' for m in _SHI.findall(norm(s.text)))}）：{s.text[:80]}",
                          location=s.location, quote=s.text, subject="一是")
    # （一）（二）… headings within a section; a new list may restart at （一）
    last: dict[int | None, int] = {}
    for s in report.sentences:
        m = _HEAD.match(norm(s.text))
        if not m:
            continue
        k = cn_to_int(m.group(1))
        prev = last.get(s.section)
        if prev is not None and k != 1 and k != prev + 1:
            yield Finding(rule="ENUMERATION", severity=Severity.INFO,
                          message=f"小标题序号不连续：（{_cn(prev)}）之后是（{m.group(1)}）：{s.text[:60]}",
                          location=s.location, quote=s.text, subject=f"heading:{k}")
        last[s.section] = k


def _cn(k: int) -> str:
    return "一二三四五六七八九十"[k - 1] if 1 <= k <= 10 else str(k)
