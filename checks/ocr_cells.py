"""OCR-UNCERTAIN: a cell of a scanned report whose number the OCR was not sure of. The importer
left it blank (so no table relation uses it) with the engine's confidence on its Location; this
rule asks the inspector to check it against the original. One finding per table."""
from __future__ import annotations

from collections.abc import Iterable

from model.report import CellValue, Report
from model.standard import describe_key

from .finding import Finding, Severity
from .registry import rule
from .settings import RuleSettings

MESSAGE = "识别存疑，请核对原件"
MAX_NAMED = 6


def is_uncertain(cell: CellValue) -> bool:
    """Blank because the OCR doubted what it read (not blank on the page)."""
    return cell.value is None and not cell.raw.strip() and cell.location.confidence is not None


@rule("OCR-UNCERTAIN")
def uncertain_cells(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    by_table: dict[str, list[str]] = {}
    for key, cell in report.cells.items():
        if is_uncertain(cell):
            by_table.setdefault(key.split(".", 1)[0], []).append(key)
    for keys in by_table.values():
        names = "、".join(describe_key(k) for k in keys[:MAX_NAMED]) + ("等" if len(keys) > MAX_NAMED else "")
        count = f"（共 {len(keys)} 格）" if len(keys) > 1 else ""
        yield Finding(rule="OCR-UNCERTAIN", severity=Severity.WARNING, message=f"{names}{count}：{MESSAGE}",
                      cells=keys, location=report.cells[keys[0]].location, subject="ocr")
