"""Adding a rule and adding an importer (issue 26): a rule and an importer defined only here, each
registered the way the README's worked examples register theirs, are used by the checks, the
recognition and the export like the built-in ones — nothing else of the program is touched."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import resources
from checks import catalogue
from checks.catalogue import RuleInfo, rule_info
from checks.finding import Finding, Severity
from checks.registry import RULES, rule
from export.checklist import write_checklist
from importers import formats
from importers.formats import Format
from model.document import Document, Layout, Location, TextBlock
from model.report import Report
from pipeline import check_file

MAGIC = b"NIANBAO-LINES 1\n"


# -- an importer of a made-up format: a magic line, then the report's text -------------------------
def read_lines_file(path: Path, fmt: Format, _budget: float | None) -> Document:
    text = path.read_bytes()[len(MAGIC):].decode("utf-8")
    doc = fmt.document(path)
    doc.blocks = [TextBlock(line, Location(line=i)) for i, line in enumerate(text.split("\n"))]
    return doc


LINES = Format("nblines", "nblines", (".nbl",), f"{__name__}:read_lines_file", Layout.LINES, binary=False,
               detect=lambda head: head.startswith(MAGIC))


# -- a rule: how many applications were received, told as a hint -------------------------------
RULE = RuleInfo(id="TEST-NEW-COUNT", group="表格数据", severity=Severity.INFO, name="新收申请数", requirement="核对申请数。",
                basis="国办公开办函〔2021〕30号")


def many_new(report: Report, _settings) -> Iterator[Finding]:
    total = report.value("t3.new.total")
    if isinstance(total, int):
        yield Finding(rule=RULE.id, message=f"本年新收申请 {total} 件",
                      cells=["t3.new.total"], location=report.cell_location("t3.new.total"))


@pytest.fixture
def plugged(monkeypatch) -> None:
    """Both registered for this test only (the registries as they were afterwards)."""
    monkeypatch.setattr(formats, "FORMATS", list(formats.FORMATS))
    monkeypatch.setattr(formats, "REPORT_EXTENSIONS", formats.REPORT_EXTENSIONS)
    saved_ext = set(formats.REPORT_EXTENSIONS)
    monkeypatch.setattr(catalogue, "_RULES", catalogue._RULES)
    formats.register(LINES)
    catalogue.register(RULE)
    rule(RULE.id)(many_new)
    yield
    formats.REPORT_EXTENSIONS.clear()
    formats.REPORT_EXTENSIONS.update(saved_ext)
    del catalogue._RULES[RULE.id]
    del RULES[RULE.id]


def test_a_rule_and_an_importer_defined_only_here_are_used(plugged, tmp_path) -> None:
    sample = resources.path("samples/sample.txt")
    ours = tmp_path / "管头镇.nbl"
    ours.write_bytes(MAGIC + sample.read_bytes())
    assert ".nbl" in formats.REPORT_EXTENSIONS and formats.is_report_file(ours.name)

    mine, plain = check_file(ours), check_file(sample)
    assert mine.error is None and mine.report is not None and plain.report is not None
    assert mine.report.format == "nblines"
    assert {k: c.value for k, c in mine.report.cells.items()} == {k: c.value for k, c in plain.report.cells.items()}
    [found] = [f for f in mine.findings if f.rule == RULE.id]
    assert found.cells == ["t3.new.total"] and found.location.line is not None
    assert found.severity == Severity.INFO  # the catalogue's, not given by the rule
    assert rule_info(RULE.id).name == "新收申请数"

    out = write_checklist([mine], tmp_path / "清单.xlsx")
    from openpyxl import load_workbook
    rows = [[c.value for c in r] for r in load_workbook(out)["整改清单"].iter_rows()]
    assert any("新收申请数" in [str(v) for v in r] for r in rows)  # the catalogue's name in the checklist


def test_without_registration_the_format_is_not_read(tmp_path) -> None:
    path = tmp_path / "x.nbl"
    path.write_bytes(MAGIC + b"\xff\xfe\x00binary")
    assert check_file(path).error is not None and ".nbl" not in formats.REPORT_EXTENSIONS
    assert RULE.id not in RULES and RULE.id not in catalogue.CATALOGUE
