"""What reading one table gives: a value, written into the Report by the caller."""
from __future__ import annotations

from dataclasses import dataclass, field

from model.report import CellValue, LabelDeviation, OutdatedSign, Report, ShapeIssue

from .rows import RowRead


@dataclass
class TableRead:
    table: str
    consumed: range                 # the items that are table content (not narrative)
    cells: list[CellValue] = field(default_factory=list)
    shape: list[ShapeIssue] = field(default_factory=list)
    deviations: list[LabelDeviation] = field(default_factory=list)
    outdated: list[OutdatedSign] = field(default_factory=list)
    detached: set[str] = field(default_factory=set)  # rows whose values stood on other lines than their label

    def add(self, row: RowRead) -> None:
        self.cells.extend(row.cells)
        self.shape.extend(row.shape)

    def write(self, report: Report) -> None:
        report.tables_found.add(self.table)
        report.cells.update((c.key, c) for c in self.cells)
        report.shape_issues.extend(self.shape)
        report.label_deviations.extend(self.deviations)
        report.outdated.extend(self.outdated)
