"""The six sections: headings found by their wording, narrative paragraphs assigned to them."""
from __future__ import annotations

from model.report import Paragraph, Report, Section
from model.standard import SECTION_TITLES
from model.textnorm import norm

from .items import Item
from .vocabulary import section_number


def read_sections(items: list[Item], table_items: set[int], report: Report, aside: set[int] | None = None) -> None:
    """`aside`: items that are not report text (site chrome, metadata lines)."""
    found: dict[int, Section] = {}
    current: int | None = None
    aside = aside or set()
    for it in items:
        if it.index in aside:
            continue
        n = section_number(it) if (it.whole_line or it.index not in table_items) else None
        if n is not None and n not in found and (it.whole_line or len(it.norm) <= 30):
            standard = it.norm == norm(SECTION_TITLES[n - 1])
            found[n] = Section(n, it.text, it.location, standard)
            current = n
            continue
        if it.index in table_items or not it.norm or it.is_value:
            continue
        if it.whole_line or len(it.norm) > 20:
            report.paragraphs.append(Paragraph(it.text, it.location, current))
    report.sections = list(found.values())  # in reading order, as found
