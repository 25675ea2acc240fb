"""Checks: rules over a Report (and over a batch of Reports) → Findings. No file formats here."""
from __future__ import annotations

from dataclasses import replace

from model.report import Report

from . import arithmetic, body, cell_values, dates, ocr_cells, shape, statements, text_numbers, text_tables  # noqa: F401  (modules register their rules)
from .finding import SEVERITIES, SEVERITY_NAMES, Finding, Severity, sort_findings
from .registry import RULES
from .settings import RuleSettings

__all__ = ["RULES", "SEVERITIES", "SEVERITY_NAMES", "Finding", "RuleSettings", "Severity", "run_checks", "sort_findings"]


def run_checks(report: Report, settings: RuleSettings | None = None) -> list[Finding]:
    """Every registered rule over one report, errors first, then in reading order."""
    settings = settings or RuleSettings()
    findings: list[Finding] = []
    for fn in RULES.values():
        ids = getattr(fn, "rule_ids", ())
        if ids and all(i in settings.disabled_rules for i in ids):
            continue
        findings.extend(f for f in fn(report, settings) if f.rule not in settings.disabled_rules)
    if report.ocr:
        findings = [_as_read(f) for f in findings]
    elif report.format in COPY_FORMATS:
        findings = [_as_copied(f) for f in findings]
    return sort_findings(findings)


# On a scan, a row, column, table or heading that is not there may be one the OCR did not read: an
# uncertain reading must not accuse a body of a wrong shape, so these are warnings that say so.
SHAPE_RULES = {"TABLE-SHAPE", "TABLE-MISSING", "SECTION-MISSING", "LABEL-DEVIATION", "SECTION-TITLE"}
OCR_NOTE = "（扫描件识别结果，可能是识别遗漏，请核对原件）"


def _as_read(f: Finding) -> Finding:
    if f.rule not in SHAPE_RULES or f.severity != Severity.ERROR:
        return f
    return replace(f, severity=Severity.WARNING, message=f.message + OCR_NOTE)



# A converter's text (PDF/DOCX → TXT or Markdown, a crawler's copy) is not the original: a blank,
# short or missing row there may be the conversion's, and the reader cannot tell which. So what
# the shape of the copy shows is a warning that says so, never an accusation of the author.
COPY_FORMATS = {"txt", "md"}
COPY_RULES = SHAPE_RULES | {"CELL-VALUE"}
COPY_NOTE = "（转换或识别件中无法确定，请核对原件）"


def _as_copied(f: Finding) -> Finding:
    if f.rule not in COPY_RULES or f.severity != Severity.ERROR:
        return f
    return replace(f, severity=Severity.WARNING, message=f.message + COPY_NOTE)
