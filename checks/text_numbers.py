"""Numbers stated in the text: sums, percentages, vague counts, and counts against the tables."""
from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from model.report import Report, Sentence
from model.textnorm import norm

from .bounds import DIGITS
from .finding import Finding, Severity
from .registry import rule
from .settings import RuleSettings

UNITS = "条|件|个|项|次|篇|份|起|人次|期|场"
_WHOLE = re.compile(rf"(?:(?<![公])共|总计|合计|累计|总数)[^，,。；;\d]{{0,14}}?{DIGITS}({UNITS})")
_PART = re.compile(rf"([^，,、；;。\d（）()]{{1,16}}?){DIGITS}({UNITS})(?![\d%])")
_PERCENT = re.compile(rf"{DIGITS}({UNITS})[，,（(]?(?:占比|占|比例为|比重为)?(?:比)?(?:为)?(\d+(?:\.\d+)?)%")
_VAGUE = re.compile(rf"{DIGITS}(余|多)({UNITS})|若干(?:{UNITS})")


def _quote(s: Sentence, limit: int = 120) -> str:
    return s.text if len(s.text) <= limit else s.text[:limit] + "…"


def _narrative(report: Report) -> list[Sentence]:
    return [s for s in report.sentences if s.section is not None or s is not report.sentences[0]]


@rule("VAGUE-NUMBER")
def vague_number(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    for s in _narrative(report):
        m = _VAGUE.search(norm(s.text))
        if m:
            yield Finding(rule="VAGUE-NUMBER", severity=Severity.INFO,
                          message=f"文中“{m.group(0)}”是约数，年度报告应写确切数字：{_quote(s)}",
                          location=s.location, quote=s.text)


def _stated_whole(sentences: list[Sentence], k: int, before: str) -> tuple[int, str | None, list[int]] | None:
    """The whole a '其中' refers to: the number just before it, or (for '共 51 条。其中…') the last
    number of the previous sentence; with every number stated before it."""
    numbers = [int(x) for x in re.findall(r"\d+", before) if len(x) < 6]
    nearest = re.search(rf"{DIGITS}({UNITS})?[，,：:；;]?$", before)
    if nearest is not None:
        return int(nearest.group(1)), nearest.group(2), numbers
    if before.strip("，,。 ") or k == 0:
        return None
    prev = norm(sentences[k - 1].text).rstrip("。")
    last = re.search(rf"{DIGITS}({UNITS})?$", prev)
    if last is None or not _WHOLE.search(prev):
        return None
    return int(last.group(1)), last.group(2), [int(x) for x in re.findall(r"\d+", prev) if len(x) < 6]


def _part_sums(tail: str) -> tuple[list[int], list[tuple[str, int, str]]]:
    """Running sums of the parts at every '；' (another clause may begin there), and the parts."""
    tail = re.sub(r"[（(][^）)]*[）)]", "", tail)
    tail = re.split(r"[。]", tail)[0]
    sums: list[int] = []
    parts: list[tuple[str, int, str]] = []
    running = 0
    for clause in re.split(r"[；;]", tail):
        found = [(label, int(v), unit) for label, v, unit in _PART.findall(clause)]
        parts.extend(found)
        running += sum(v for _, v, _ in found)
        sums.append(running)
    return sums, parts


@rule("TEXT-SUM")
def text_sum(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    """'共 N 条，其中 A a 条、B b 条…': the parts must add up to the whole stated just before 其中."""
    sentences = _narrative(report)
    for k, s in enumerate(sentences):
        n = norm(s.text)
        at = n.find("其中")
        whole = _stated_whole(sentences, k, n[:at]) if at >= 0 else None
        if whole is None:
            continue
        value, unit, stated = whole
        sums, parts = _part_sums(n[at + 2:])
        if len(parts) < 2 or unit is None or any(u != unit for _, _, u in parts):
            continue
        if value in sums or any(x in stated for x in sums):
            continue
        yield Finding(rule="TEXT-SUM", severity=Severity.ERROR,
                      message=f"正文所述总数 {value} {unit}与“其中”所列各项之和 {sums[-1]} {unit}不符，请核实：{_quote(s)}",
                      expected=sums[-1], actual=value, location=s.location, quote=s.text)


@rule("TEXT-PERCENT")
def text_percent(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    """'其中 A 30 条，占比 58.8%': the share must match part/whole at its printed precision."""
    sentences = _narrative(report)
    whole = None
    for s in sentences:
        n = norm(s.text)
        for m in _WHOLE.finditer(n):
            whole = (int(m.group(1)), m.group(2))
        if whole is None or "%" not in n:
            continue
        for m in _PERCENT.finditer(n):
            part, unit, printed = int(m.group(1)), m.group(2), m.group(3)
            if unit != whole[1] or whole[0] == 0 or part > whole[0]:
                continue
            digits = len(printed.split(".")[1]) if "." in printed else 0
            true = Decimal(part) * 100 / Decimal(whole[0])
            if abs(true - Decimal(printed)) > Decimal(5) / (Decimal(10) ** (digits + 1)) + Decimal("1e-9"):
                right = true.quantize(Decimal(1) / (Decimal(10) ** digits)) if digits else true.quantize(Decimal(1))
                yield Finding(rule="TEXT-PERCENT", severity=Severity.WARNING,
                              message=f"正文所列比例 {printed}% 有误：{part} {unit}占 {whole[0]} {whole[1]}，应为 {right}%：{_quote(s)}",
                              expected=float(right), actual=float(printed), location=s.location, quote=s.text,
                              subject=f"{part}/{whole[0]}={printed}%")
