"""STUB for the export branch only: the findings branch brings the real catalogue (same API)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RuleInfo:
    id: str
    name: str
    requirement: str
    basis: str


_BASIS = "《中华人民共和国政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号)"


def rule_info(rule_id: str) -> RuleInfo:
    from export.requirements import requirement, rule_name
    return RuleInfo(rule_id, rule_name(rule_id) or rule_id, requirement(rule_id), _BASIS)
