"""Rule id → short Chinese name and 整改要求 (what the body has to do), from the rule catalogue."""
from __future__ import annotations

from collections.abc import Sequence

from checks.catalogue import CATALOGUE

FALLBACK = {
    "error": "对照问题说明核实并更正。",
    "warning": "对照问题说明核实，确有问题的予以更正。",
    "info": "请核实；如无问题可不作修改。",
}


def rule_name(rule: str) -> str:
    """Short Chinese name, '' for a rule this version does not know."""
    info = CATALOGUE.get(rule)
    return info.name if info else ""


def requirement(rule: str, severity: str = "error", cells: Sequence[str] = ()) -> str:
    """整改要求 for a finding; a generic one for rules added after the catalogue."""
    if rule == "CELL-VALUE" and "t2.fees.amount" in cells:
        return "填写阿拉伯数字，以万元为单位（可保留小数），没有收费的填 0。"
    info = CATALOGUE.get(rule)
    return info.requirement if info else FALLBACK.get(severity, FALLBACK["error"])
