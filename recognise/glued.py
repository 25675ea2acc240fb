"""Section titles a converter glued to a paragraph (pymupdf4llm joins a page's lines): a standard
title after a paragraph's last sentence ('…及时准确。 六、其他需要报告的事项'), or before the
paragraph it heads ('六、其他需要报告的事项 本年度没有…'), stands on a line of its own again."""
from __future__ import annotations

import re
from dataclasses import replace

from model.document import Block, Document, TextBlock
from model.standard import SECTION_TITLES

_TITLES = "|".join(re.escape(t) for t in SECTION_TITLES)
_AT_END = re.compile(rf"^(?P<before>.*[。；！？])\s*(?P<title>{_TITLES})\s*$")
_AT_START = re.compile(rf"^\s*(?P<title>{_TITLES})\s+(?P<after>\S.*)$")


def split_glued_titles(doc: Document) -> Document:
    blocks: list[Block] = []
    changed = False
    for b in doc.blocks:
        pieces = _pieces(b) if isinstance(b, TextBlock) and b.parts is None else None
        if pieces is None:
            blocks.append(b)
            continue
        blocks.extend(TextBlock(p, b.location) for p in pieces)
        changed = True
    return replace(doc, blocks=blocks) if changed else doc


def _pieces(b: TextBlock) -> list[str] | None:
    if not any(t in b.text for t in SECTION_TITLES):
        return None
    m = _AT_END.match(b.text)
    if m is not None:
        return [m.group("before").strip(), m.group("title")]
    m = _AT_START.match(b.text)
    if m is not None:
        return [m.group("title"), m.group("after").strip()]
    return None
