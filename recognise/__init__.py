"""The recogniser: a Document (any format) → a Report in the standard format."""
from __future__ import annotations

from model.document import Document
from model.report import Report

from .items import flatten
from .meta import read_meta
from .sections import read_sections
from .sentences import build_sentences
from .tables import read_tables


def recognise(doc: Document) -> Report:
    report = Report(path=doc.path, format=doc.format, notes=list(doc.notes))
    items = flatten(doc)
    table_items = read_tables(items, report)
    read_sections(items, table_items, report)
    build_sentences(report)
    read_meta(report, [(it.text, it.location) for it in items if not it.is_value and it.norm])
    return report
