"""The rule catalogue agrees with rules.md; the other places that name rules derive from it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from checks import RULES
from checks.arithmetic import ARITHMETIC_RULES, RULE_PRIORITY
from checks.batch import BATCH_RULES
from checks.catalogue import CATALOGUE, GROUPS, RuleInfo, rule_info
from checks.finding import Severity
from export.names import SPAN_RULES
from export.requirements import requirement, rule_name

ROOT = Path(__file__).resolve().parents[2]


def _rules_md() -> list[tuple[str, str]]:
    """(id, severity) in the order of rules.md: a row's own '(severity)' note, else its section's."""
    out, default = [], "error"
    for line in (ROOT / "resources" / "format" / "rules.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            m = re.search(r"\((error|warning|info)", line)
            default = m.group(1) if m else ("warning" if "Content" in line else "error")
            if "basis" in line.lower():
                break
            continue
        m = re.match(r"^\| ([A-Z0-9]+(?:-[A-Z0-9]+)*) \| (.*) \|$", line)
        if m:
            own = re.search(r"\((error|warning|info)\)", m.group(2))
            out.append((m.group(1), own.group(1) if own else default))
    return out


def test_catalogue_has_the_ids_and_severities_of_rules_md_in_its_order() -> None:
    md = _rules_md()
    assert len(md) == 31
    assert [(r.id, r.severity.value) for r in CATALOGUE.values()] == md


def test_every_entry_is_complete() -> None:
    for r in CATALOGUE.values():
        assert isinstance(r, RuleInfo) and r.group in GROUPS
        assert r.name and r.requirement.endswith("。") and r.basis.startswith(("《", "国办")), r.id
    assert GROUPS == ("表格数据", "报告结构", "正文内容", "跨报告比对")
    assert len({r.name for r in CATALOGUE.values()}) == len(CATALOGUE)  # one name per rule
    with pytest.raises(AttributeError):
        CATALOGUE["T3-BALANCE"].name = "x"  # type: ignore[misc]


def test_every_registered_rule_id_is_catalogued() -> None:
    registered = {i for fn in RULES.values() for i in getattr(fn, "rule_ids", ())}
    assert registered | set(BATCH_RULES) == set(CATALOGUE)


def test_derived_rule_knowledge() -> None:
    assert set(RULE_PRIORITY) == ARITHMETIC_RULES == {"T3-BALANCE", "T3-RESULT-TOTAL", "T3-ROW-TOTAL", "T4-TOTAL"}
    assert rule_info("T3-BALANCE").name == rule_name("T3-BALANCE") == "表三收支平衡"
    assert requirement("TEXT-SUM") == rule_info("TEXT-SUM").requirement
    assert set(BATCH_RULES) == {"PREV-YEAR-CARRY", "PREV-YEAR-IN-FORCE", "COPIED-TEXT"}
    assert {"TABLE-SHAPE", "CELL-VALUE"} <= SPAN_RULES and "T3-BALANCE" not in SPAN_RULES
    assert rule_info("REGULATIONS-LEVEL").basis.startswith("《中华人民共和国立法法》第八十条、第八十二条")
    assert rule_info("GOV-EVALUATION-MISSING").severity is Severity.WARNING


def test_an_unknown_rule_is_named_by_its_id() -> None:
    info = rule_info("FUTURE-RULE")
    assert (info.name, info.requirement) == ("FUTURE-RULE", "")
    assert rule_name("FUTURE-RULE") == "" and requirement("FUTURE-RULE", "info") == "请核实；如无问题可不作修改。"


def test_the_readme_rule_table_is_the_catalogue() -> None:
    from pathlib import Path

    from checks.catalogue import markdown_table

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- rules:begin -->\n", 1)[1].split("\n<!-- rules:end -->", 1)[0]
    assert block == markdown_table()
    assert "`T3-BALANCE`" in block and "表三收支平衡" in block
