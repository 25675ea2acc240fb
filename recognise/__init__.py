"""The recogniser: a Document (any format) → a Report in the standard format."""
from __future__ import annotations

from model.document import Document
from model.report import Report

from .content import find_title, is_metadata, report_bounds
from .items import flatten
from .meta import read_meta
from .sections import read_sections
from .sentences import build_sentences
from .split_lines import split_long_lines
from .tables import read_tables


def recognise(doc: Document) -> Report:
    report = Report(path=doc.path, format=doc.format, notes=list(doc.notes))
    items = flatten(split_long_lines(doc))
    table_items = read_tables(items, report)
    texts = [it for it in items if not it.is_value and it.norm]
    title = find_title([it.norm for it in texts])
    start, stop = report_bounds([it.norm for it in texts], title)
    report_text = texts[start:stop]
    # chrome around the report and metadata lines inside it are not report text
    aside = {it.index for it in texts[:start] + texts[stop:]} | {it.index for it in report_text if is_metadata(it.norm)}
    read_sections(items, table_items, report, aside)
    build_sentences(report)
    read_meta(report, [(it.text, it.location) for it in report_text if it.index not in aside], title,
              file_title=doc.title, sheets=doc.sheets)
    return report
