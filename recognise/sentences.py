"""Split the narrative into sentences. Wrapped lines are joined first (a PDF's lines, a converter's
hard-wrapped text): a paragraph wrapped over several lines is one text, so a sentence that crosses a
line break is read whole; Chinese text joins without a space."""
from __future__ import annotations

import re

from model.report import Paragraph, Report, Sentence

_END = re.compile(r"(?<=[。！？!?])")
_STARTS_NEW = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.．、](?!\d)|附件|注[:：])")


_WRAPPED_MIN = 20   # a text line this long that ends mid-sentence was wrapped (a heading is shorter)


def _joins(prev: Paragraph, cur: Paragraph) -> bool:
    """A wrapped line continues the previous one unless it starts a heading or a new item: a PDF's
    lines, and a converter's hard-wrapped text lines (lynx, w3m, pandoc) on the next line."""
    if prev.section != cur.section:
        return False
    if prev.text.rstrip().endswith(("。", "：", ":", "！", "？")) or _STARTS_NEW.match(cur.text.strip()):
        return False
    if prev.location.page is not None and cur.location.page is not None:
        return cur.location.page - prev.location.page in (0, 1)
    if prev.location.line is not None and cur.location.line is not None:
        return cur.location.line - prev.location.line == 1 and len(prev.text.strip()) >= _WRAPPED_MIN
    return False


def build_sentences(report: Report) -> None:
    groups: list[list[Paragraph]] = []
    for p in report.paragraphs:
        if groups and _joins(groups[-1][-1], p):
            groups[-1].append(p)
        else:
            groups.append([p])
    for group in groups:
        # remember which source line each character came from
        text, owners = "", []
        for k, p in enumerate(group):
            piece = p.text.strip()
            if text and text[-1].isascii() and text[-1].isalnum() and piece[:1].isascii() and piece[:1].isalnum():
                piece = " " + piece
            text += piece
            owners.extend([k] * len(piece))
        start = 0
        for chunk in _END.split(text):
            if chunk.strip():
                idx = sorted(set(owners[start:start + len(chunk)]))
                report.sentences.append(Sentence(chunk.strip(), [group[i].location for i in idx], group[0].section))
            start += len(chunk)
