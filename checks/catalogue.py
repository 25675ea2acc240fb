"""The rule catalogue as data (resources/format/catalogue.json): for every rule id of rules.md its
group, default severity, the short name the inspector sees, the 整改要求 and the 依据 it rests on.
Adding a rule = one entry there, one check function, one test."""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import resources

from .finding import Severity


@dataclass(frozen=True)
class RuleInfo:
    id: str
    group: str          # 表格数据 / 报告结构 / 正文内容 / 跨报告比对
    severity: Severity  # default severity (CELL-VALUE reports a blank cell as a warning)
    name: str           # short Chinese name, the same everywhere
    requirement: str    # 整改要求: what the body has to do
    basis: str          # 依据, as rules.md's basis table allows
    span: bool = False  # the cells stand for a row, column or pattern (all marked), not one cell to fix


def _load() -> dict[str, RuleInfo]:
    data = json.loads(resources.path("format/catalogue.json").read_text(encoding="utf-8"))
    out: dict[str, RuleInfo] = {}
    for entry in data["rules"]:
        info = RuleInfo(id=entry["id"], group=entry["group"], severity=Severity(entry["severity"]),
                        name=entry["name"], requirement=entry["requirement"], basis=entry["basis"],
                        span=bool(entry.get("span", False)))
        out[info.id] = info
    return out


_RULES = _load()
CATALOGUE: Mapping[str, RuleInfo] = MappingProxyType(_RULES)  # in rules.md order
GROUPS: tuple[str, ...] = tuple(dict.fromkeys(r.group for r in CATALOGUE.values()))


def register(info: RuleInfo) -> None:
    """Add a rule the standard's catalogue.json does not hold (a plug-in, or a test); its check
    registers with checks.registry.rule like any other."""
    if info.id in _RULES:
        raise ValueError(f"rule {info.id} is already in the catalogue")
    _RULES[info.id] = info


def rule_info(rule_id: str) -> RuleInfo:
    """The catalogue entry of a rule id; for an id this version does not know (a newer rule),
    an entry naming it by its id, with no requirement or basis of its own."""
    return CATALOGUE.get(rule_id) or RuleInfo(id=rule_id, group="其他", severity=Severity.INFO, name=rule_id,
                                              requirement="", basis="")


def rule_ids(group: str | None = None) -> tuple[str, ...]:
    return tuple(r.id for r in CATALOGUE.values() if group is None or r.group == group)



def markdown_table() -> str:
    """The README's rule table, made from the catalogue (tests/checks/test_catalogue.py keeps them equal)."""
    lines = ["| group | rule (as the inspector sees it) | id | default severity |", "|---|---|---|---|"]
    lines += [f"| {r.group} | {r.name} | `{r.id}` | {r.severity.label} |" for r in CATALOGUE.values()]
    return "\n".join(lines)
