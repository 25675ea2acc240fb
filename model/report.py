"""The Report: a document read into the standard format — sections, canonical cells, and what
the recogniser saw that departs from the standard shape. Checks read only this."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from model.document import Location


@dataclass(slots=True)
class CellValue:
    key: str
    value: int | float | None  # None: present but blank or unreadable
    raw: str                   # the text as printed ('' for a blank cell)
    location: Location
    note: str = ""             # e.g. how a run-together number was split


@dataclass
class Paragraph:
    text: str
    location: Location
    section: int | None = None  # 1..6, the section it belongs to


@dataclass
class Sentence:
    """A sentence of the narrative, joined across wrapped lines; `locations` lists every source
    line or paragraph it spans (the first is where it starts)."""

    text: str
    locations: list[Location]
    section: int | None = None

    @property
    def location(self) -> Location:
        """Where the sentence starts; on a PDF page, the box around all its lines on that page."""
        first = self.locations[0]
        boxes = [loc.bbox for loc in self.locations if loc.page == first.page and loc.bbox is not None]
        if first.page is None or len(boxes) < 2:
            return first
        return Location(page=first.page, bbox=(min(b[0] for b in boxes), min(b[1] for b in boxes),
                                               max(b[2] for b in boxes), max(b[3] for b in boxes)))


@dataclass
class Section:
    number: int        # 1..6 in the standard
    title: str         # as printed
    location: Location
    standard: bool     # title exactly the standard wording with its ordinal


ShapeKind = Literal["missing_column", "short_row", "extra_values", "duplicate_row", "missing_row", "unreadable_run"]


@dataclass
class ShapeIssue:
    """A fact about a table that departs from the standard shape: a column or row missing, a row
    with too few or too many values or printed twice, digits run together beyond telling. Facts
    only: the TABLE-SHAPE rule words them and decides their severity."""

    table: str
    kind: ShapeKind
    cells: list[str]                       # the cells affected, in table order
    location: Location
    row: str | None = None                 # row id; None for a whole-table fact (table 4's one row, a column)
    expected: int | None = None            # values the row should hold
    actual: int | None = None              # values found
    columns: tuple[str, ...] | None = None  # missing_column: the columns not in the header
    raw: str | None = None                 # unreadable_run: the digits as printed


@dataclass
class LabelDeviation:
    table: str
    row: str
    found: str
    standard: str
    location: Location


@dataclass
class OutdatedSign:
    table: str
    text: str
    location: Location


@dataclass
class Report:
    path: str
    format: str
    unit: str | None = None
    year: int | None = None
    date: dt.date | None = None
    date_text: str | None = None
    date_location: Location | None = None
    cells: dict[str, CellValue] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tables_found: set[str] = field(default_factory=set)
    shape_issues: list[ShapeIssue] = field(default_factory=list)
    label_deviations: list[LabelDeviation] = field(default_factory=list)
    outdated: list[OutdatedSign] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ocr: bool = False  # read from a scan by OCR: a missing row or heading may be the reading's, not the report's

    def value(self, key: str) -> int | float | None:
        c = self.cells.get(key)
        return None if c is None else c.value

    def cell_location(self, key: str) -> Location:
        """Where cell `key` is printed; the whole document when it is not in the report."""
        c = self.cells.get(key)
        return Location() if c is None else c.location

    def section(self, number: int) -> Section | None:
        for s in self.sections:
            if s.number == number:
                return s
        return None

    def section_sentences(self, number: int) -> list[Sentence]:
        return [s for s in self.sentences if s.section == number]

    def section_text(self, number: int) -> str:
        return "\n".join(s.text for s in self.sentences if s.section == number)
