"""Checks: rules over a Report (and over a batch of Reports) → Findings. No file formats here."""
from __future__ import annotations

from model.report import Report

from . import arithmetic, body, cell_values, dates, ocr_cells, shape, statements, text_numbers, text_tables  # noqa: F401  (modules register their rules)
from .finding import SEVERITIES, SEVERITY_NAMES, Finding, Severity, sort_findings
from .registry import RULES
from .settings import Settings

__all__ = ["RULES", "SEVERITIES", "SEVERITY_NAMES", "Finding", "Settings", "Severity", "run_checks", "sort_findings"]


def run_checks(report: Report, settings: Settings | None = None) -> list[Finding]:
    """Every registered rule over one report, errors first, then in reading order."""
    settings = settings or Settings()
    findings: list[Finding] = []
    for fn in RULES.values():
        ids = getattr(fn, "rule_ids", ())
        if ids and all(i in settings.disabled_rules for i in ids):
            continue
        findings.extend(f for f in fn(report, settings) if f.rule not in settings.disabled_rules)
    return sort_findings(arithmetic.absorbed_by_fixes(findings))

