"""The recogniser: a Document (any format) → a Report in the standard format."""
from __future__ import annotations

from model.document import Document
from model.report import Report

from .content import Title, find_title, is_chrome, is_metadata, report_bounds
from .glued import split_glued_titles
from .items import Item, flatten
from .meta import read_meta
from .sections import read_sections
from .sentences import build_sentences
from .split_lines import split_long_lines
from .tables import read_tables


def recognise(doc: Document) -> Report:
    report = Report(path=doc.path, format=doc.format, notes=list(doc.notes), ocr=doc.ocr)
    items, title, aside = _report_items(flatten(split_glued_titles(split_long_lines(doc))))
    table_items = read_tables(items, report)
    read_sections(items, table_items, report, aside)
    build_sentences(report)
    # the signature is the report's last text outside its tables (a workbook's tables may come last)
    read_meta(report, [(it.text, it.location) for it in items
                       if not it.is_value and it.norm and it.index not in aside | table_items], title,
              file_title=doc.title, sheets=doc.sheets)
    return report


def _report_items(items: list[Item]) -> tuple[list[Item], Title | None, set[int]]:
    """The items without site chrome (renumbered: a browser's page header or address printed
    inside a table would end it), the report's title, and the items that are not report text
    (the lines around the report, metadata lines inside it)."""
    texts = [it for it in items if not it.is_value and it.norm]
    title = find_title([it.norm for it in texts])
    outside = _outside_report(texts, title)
    kept = [it for it in items if not _is_site_chrome(it)]
    aside = {k for k, it in enumerate(kept) if it.index in outside}
    for k, it in enumerate(kept):  # the items are this call's own (flatten made them): renumber in place
        it.index = k
    return kept, title, aside


def _outside_report(texts: list[Item], title: Title | None) -> set[int]:
    """The indices of the text lines before and after the report and of the metadata lines inside it."""
    start, stop = report_bounds([it.norm for it in texts], title)
    return {it.index for it in texts[:start] + texts[stop:]} | {it.index for it in texts if is_metadata(it.norm)}


def _is_site_chrome(it: Item) -> bool:
    """A text line of the website around the report (a browser's page header, an address…)."""
    return not it.is_value and bool(it.norm) and is_chrome(it.norm)
