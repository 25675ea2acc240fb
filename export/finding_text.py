"""A finding's text as it leaves the office, in one place: what the checklist's 问题说明 and the
整改通知 say about a finding. `for_body` is the text for the body that reported (a township): no
file names, no words of the inspector's own tools (审校台账, when it was checked), no other body's
report named. The finding's short first sentence (`summary`) comes first, its detail after."""
from __future__ import annotations

import re

from checks.batch import copies_own_report
from checks.finding import Finding

QUOTE_MAX = 150
QUOTE_SEEN = 40  # a message holding this much of the quote already quotes it

# a parenthesis naming a file (…report.docx) or the archive (审校台账 2026-01-05 14:30 检查)
_EXTENSIONS = r"docx?|wps|pdf|txt|xlsx?|et|rtf|html?|mht(?:ml)?|md|ofd"
_INTERNAL = re.compile(rf"[（(][^（）()]*(?:审校台账|台账|\.(?:{_EXTENSIONS})\b)[^（）()]*[）)]", re.IGNORECASE)
_FILE_NAME = re.compile(rf"[《“]?[^\s《》“”（）()，。：；、]+\.(?:{_EXTENSIONS})\b[》”]?", re.IGNORECASE)


def lead_sentence(f: Finding) -> str:
    """The finding's first, short sentence for a clerk (the checks' `summary`)."""
    return f.summary or f.message


def detail_text(f: Finding) -> str:
    """What the message says after the short sentence (empty when nothing)."""
    return f.detail


def office_text(f: Finding) -> str:
    """问题说明 for the office: the whole message, with the sentence a text finding is about (once)."""
    return _with_quote(_joined(f), f.quote)


def body_text(f: Finding) -> str:
    """问题说明 for the body that reported: the same, without file names or internal words, and
    a copied text without naming the other body's report."""
    if f.rule == "COPIED-TEXT" and not copies_own_report(f):
        how = f" {f.actual:.0%}" if isinstance(f.actual, float) else "高"
        return f"正文与本地区其他单位报送的年度报告相似度{how}，可能套用了其他单位的报告，请按本单位实际情况重新撰写。"
    return _with_quote(scrub(_joined(f)), f.quote)


def scrub(text: str) -> str:
    """`text` without a parenthesis that names a file or the archive, and without bare file names."""
    text = _INTERNAL.sub("", text)
    text = _FILE_NAME.sub("所报送的报告", text)
    return re.sub(r"\s+([，。；])", r"\1", text).strip()


def _joined(f: Finding) -> str:
    lead, detail = lead_sentence(f), detail_text(f)
    return f"{lead}\n{detail}" if detail else lead


def _with_quote(text: str, quote: str | None) -> str:
    quote = (quote or "").strip()
    if not quote or quote[:QUOTE_SEEN] in text:  # the message quotes it already (perhaps cut short)
        return text
    quote = quote if len(quote) <= QUOTE_MAX else quote[: QUOTE_MAX - 1] + "…"
    return f"{text}\n原文：“{quote}”"
