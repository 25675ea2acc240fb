"""Rules that depend on who wrote the report: its level, its name, its own tables' continuity."""
from __future__ import annotations

import re
from collections.abc import Iterable

from model.bodies import body_key
from model.report import Report, Sentence
from model.textnorm import norm

from .finding import Finding, Severity
from .registry import rule
from .settings import RuleSettings

LEVEL_NAMES = {"township": "乡镇、街道", "county": "县（区）人民政府及其部门", "municipal": "设区的市", "provincial": "省级"}


def body_level(report: Report, settings: RuleSettings) -> str | None:
    """township, county, municipal, provincial — from the settings, else from the body's name."""
    if settings.body_level and settings.body_level != "auto":
        return settings.body_level
    unit = report.unit or ""
    if not unit:
        return None
    if re.search(r"(乡|镇)(人民政府)?$|街道(办事处)?$|办事处$", unit):
        return "township"
    if re.search(r"[县区旗]", unit):
        return "county"  # a county or district government, or one of its departments
    if re.search(r"省|自治区", unit):
        return "provincial"
    if "市" in unit:
        return "municipal"
    return None


@rule("REGULATIONS-LEVEL")
def regulations_level(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    keys: list[str] = [k for k in ("t2.regulations.issued", "t2.regulations.repealed", "t2.regulations.in_force") if k in report.cells]
    nonzero = [k for k in keys if report.value(k)]
    level = body_level(report, settings)
    if nonzero and level in ("township", "county"):
        names = {"t2.regulations.issued": "本年制发", "t2.regulations.repealed": "本年废止", "t2.regulations.in_force": "现行有效"}
        vals = "、".join(f"{names[k]} {report.value(k)} 件" for k in keys)
        yield Finding(rule="REGULATIONS-LEVEL", severity=Severity.ERROR,
                      message=f"{report.unit or '本单位'}属于{LEVEL_NAMES[level]}，无权制定规章，表二“规章”行应全部填 0（现填{vals}）",
                      cells=nonzero + [k for k in keys if k not in nonzero], expected=0, actual=report.value(nonzero[0]),
                      location=report.cells[nonzero[0]].location)


@rule("IN-FORCE-LOW")
def in_force_low(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    for row, name in (("regulations", "规章"), ("normative", "行政规范性文件")):
        issued, repealed, in_force = (report.value(f"t2.{row}.{c}") for c in ("issued", "repealed", "in_force"))
        if None in (issued, repealed, in_force):
            continue
        if in_force < issued - repealed:  # type: ignore[operator]
            yield Finding(rule="IN-FORCE-LOW", severity=Severity.WARNING,
                          message=f"表二“{name}”：现行有效件数（{in_force}）少于本年制发（{issued}）减本年废止（{repealed}），请核实",
                          cells=[f"t2.{row}.in_force", f"t2.{row}.issued", f"t2.{row}.repealed"],
                          expected=None, actual=in_force, location=report.cells[f"t2.{row}.in_force"].location)


_EVALUATION = re.compile(r"考核|社会评议|评议|责任追究|问责")


@rule("GOV-EVALUATION-MISSING")
def gov_evaluation_missing(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    unit = report.unit or ""
    if not unit.endswith("人民政府") or report.section(1) is None:
        return  # not a government, or a file with the tables only
    if any(_EVALUATION.search(s.text) for s in report.sentences):
        return
    where = report.section(1) or report.section(6)
    yield Finding(rule="GOV-EVALUATION-MISSING", severity=Severity.WARNING,
                  message="报告未说明政府信息公开工作考核、社会评议和责任追究结果情况（条例第五十条第（四）项要求人民政府报告此项）",
                  location=where.location if where else report.sentences[0].location)


_AUTHOR = re.compile(r"由([\u4e00-\u9fa5]{2,24}?)(?:负责)?编制")
_SELF = {"镇": ("我镇", "全镇", "本镇"), "乡": ("我乡", "全乡", "本乡"), "街道": ("我街道", "本街道", "全街道", "我办", "本办")}
_SAME_KIND = re.compile(r"([\u4e00-\u9fa5]{2,6}?(?:镇|乡)人民政府|[\u4e00-\u9fa5]{2,6}?街道办事处)")


def _kind(unit: str) -> str | None:
    """街道, 镇 or 乡: the kind of body a township-level unit is, whatever its name ends with."""
    if "街道" in unit or unit.endswith("办事处"):
        return "街道"
    key = body_key(unit)
    return key[-1] if key.endswith(("镇", "乡")) else None


@rule("UNIT-MISMATCH")
def unit_mismatch(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    unit = report.unit
    if not unit:
        return
    core = body_key(unit)  # the one body identity: 淮安市洪泽区白马镇人民政府, 白马镇政府, 白马镇 are one body
    kind = _kind(unit)
    reported: set[str] = set()  # what was already reported, shared by the three kinds of finding
    for s in report.sentences:
        n = norm(s.text)
        yield from _other_author(unit, core, s, n, reported)
        if kind:
            yield from _other_units(unit, core, s, n, reported)
            yield from _other_self_names(unit, kind, s, n, reported)


def _mismatch(s: Sentence, what: str, subject: str) -> Finding:
    """A UNIT-MISMATCH warning on a sentence: what is wrong, then the sentence's start."""
    return Finding(rule="UNIT-MISMATCH", severity=Severity.WARNING, message=f"{what}：{s.text[:100]}",
                   location=s.location, quote=s.text, subject=subject)


def _other_author(unit: str, core: str, s: Sentence, n: str, reported: set[str]) -> Iterable[Finding]:
    """An author, named by "由……编制", that is not the reporting unit."""
    m = _AUTHOR.search(n)
    if not m:
        return
    author = m.group(1)
    if core in author or author in unit or author in reported:
        return
    reported.add(author)
    yield _mismatch(s, f"报告由“{unit}”报送，文中却写“由{author}编制”", f"author:{author}")


def _other_units(unit: str, core: str, s: Sentence, n: str, reported: set[str]) -> Iterable[Finding]:
    """Another township or street office named in the text of a township's or street office's report."""
    if not core:
        return
    for other in _SAME_KIND.findall(n):
        other_core = body_key(other)
        if core in other_core or other_core in core or other in reported:
            continue
        reported.add(other)
        yield _mismatch(s, f"报告单位是“{unit}”，文中出现另一单位“{other}”，请核实是否套用了其他单位的报告", f"other:{other}")


def _other_self_names(unit: str, kind: str, s: Sentence, n: str, reported: set[str]) -> Iterable[Finding]:
    """The text calling itself "我镇", "本街道"… of another kind of body than the reporting unit."""
    for k, words in _SELF.items():
        if k == kind:
            continue
        w = next((w for w in words if w in n), None)
        if w and f"self:{w}" not in reported:
            reported.add(f"self:{w}")
            yield Finding(rule="UNIT-MISMATCH", severity=Severity.WARNING,
                          message=f"报告单位是“{unit}”，文中却自称“{w}”，可能套用了其他单位的报告：{s.text[:100]}",
                          location=s.location, quote=s.text, subject=f"self:{w}")
