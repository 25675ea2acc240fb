"""A line that holds a whole report (text copied from a page without its line breaks) cut back
into the lines it lost: section headings, paragraphs, and table rows of a label and its numbers.

Cuts are made only where the standard's own words stand: a section heading (its ordinal and
title), a table label (table 2's rows and groups, table 3's rows, groups and header words, table
4's header words), and the end of a run of numbers after a label. Numbers that ran together
(`801000081`) stay one token here; the table readers split them by the table's sums, or call them
unreadable. The original Document is left as it is (the source view shows the file); the
recogniser reads the cut copy.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache

from model.document import Block, Document, Location, TextBlock
from model.standard import SECTION_TITLES, t2_rows, t3_rows
from model.textnorm import fold_radicals, norm

from .content import TITLE
from .vocabulary import T2_LABELS, T4_HEADER_WORDS, section_of_text

LONG_LINE = 300          # shorter lines are left alone
_MIN_ANCHORS = 3         # a long line is cut when it holds this many headings and labels
_HEADING = re.compile(r"[一二三四五六]、")
# a run of numbers; it stops before an ordinal that opens the next label ('…0001.属于…' → '000' '1.属于')
_NUMBERS = re.compile(r"(?:\d+(?:\.\d+)?[\s,，]*)+?(?=\d{1,2}[.．、][^\d]|[^\d\s,，.]|$)")
_T3_HEADER_WORDS = ("申请人情况", "法人或其他组织", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
                    "其他", "总计")


@lru_cache(maxsize=1)
def _labels() -> tuple[str, ...]:
    """Every standard table word a cut may start at, longest first (so the longest match wins)."""
    words: set[str] = set(T2_LABELS) | set(_T3_HEADER_WORDS) | set(T4_HEADER_WORDS)
    words |= {norm(r.group) for r in t2_rows() if r.group} | {"信息内容", "本年制发件数", "本年废止件数", "现行有效件数",
                                                          "本年处理决定数量", "本年收费金额(单位:万元)"}
    words |= {norm(r.label) for r in t3_rows()} | {norm(r.group) for r in t3_rows() if r.group}
    return tuple(sorted((w for w in words if len(w) >= 2), key=len, reverse=True))


def split_long_lines(doc: Document) -> Document:
    """The document with each long line that holds a report cut into its lines (a copy when any
    line was cut, else the document itself)."""
    blocks: list[Block] = []
    changed = False
    for b in doc.blocks:
        if isinstance(b, TextBlock) and b.parts is None and len(b.text) >= LONG_LINE:
            pieces = cut_line(b.text, b.location)
            if pieces is not None:
                blocks.extend(pieces)
                changed = True
                continue
        blocks.append(b)
    return replace(doc, blocks=blocks) if changed else doc


def cut_line(text: str, loc: Location) -> list[TextBlock] | None:
    """The lines a long line holds, or None when it does not read as several lines of a report."""
    t = _compact(text)
    heads = _headings(t)
    parts: list[tuple[int, int, str]] = []   # (start, end, kind) kind: h heading, t table run, p prose
    bounds = [*heads, (len(t), len(t))]
    pos = 0
    for start, end in bounds:
        if start > pos:
            parts.extend(_body(t, pos, start))
        if start < len(t):
            parts.append((start, end, "h"))
        pos = end
    rows = sum(1 for _, _, k in parts if k == "r")
    if len(heads) + rows < _MIN_ANCHORS:
        return None
    out: list[TextBlock] = []
    for start, end, kind in parts:
        piece = t[start:end].strip()
        if not piece:
            continue
        if kind == "r":
            label, numbers = _label_numbers(piece)
            cells = [(label, loc), *((n, loc) for n in numbers.split())]
            out.append(TextBlock(piece, loc, cells))
        elif kind == "p":
            out.extend(TextBlock(x, loc) for x in _sentences(piece, first=not out))
        else:
            out.append(TextBlock(piece, loc))
    return out


def _sentences(prose: str, first: bool) -> list[str]:
    """Prose cut at its sentence ends; at the start of the line, the report's title on its own
    (and the signature — body and date — after the last sentence is a line of its own anyway)."""
    head: list[str] = []
    if first and (m := TITLE.search(prose[:80])):
        head, prose = [prose[:m.end()]], prose[m.end():]
    return [*head, *(x.strip() for x in re.split(r"(?<=[。；！？])", prose) if x.strip())]


def _compact(text: str) -> str:
    """NFKC, radicals folded, quotes unified, and white space kept only where it parts numbers
    (so '1. 属于国家秘密' reads as the label and '0 0 1' as three numbers)."""
    t = unicodedata.normalize("NFKC", fold_radicals(text))
    t = t.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    t = re.sub(r"(?<=\D)\s+(?=\D)", "", t)
    return re.sub(r"\s+", " ", t)


def _headings(t: str) -> list[tuple[int, int]]:
    """(start, end) of each of the six section headings inside the text."""
    found: list[tuple[int, int]] = []
    taken: set[int] = set()
    for m in _HEADING.finditer(t):
        start = m.start()
        best: tuple[float, int] | None = None
        for n in range(start + 4, min(len(t), start + 32) + 1):
            cand = norm(t[start:n])
            sec = section_of_text(cand)
            if sec is None or sec in taken:
                continue
            exact = cand == norm(SECTION_TITLES[sec - 1])
            score = (2.0 if exact else 1.0) - (n - start) / 1000  # the exact title, else the shortest
            if best is None or score > best[0]:
                best = (score, n)
            if exact:
                break
        if best is not None:
            sec = section_of_text(norm(t[start:best[1]]))
            if sec is not None:
                taken.add(sec)
                found.append((start, best[1]))
    return found


def _body(t: str, start: int, stop: int) -> list[tuple[int, int, str]]:
    """A stretch between headings: prose, table words standing alone ('w'), and table rows ('r':
    a label, then its numbers)."""
    out: list[tuple[int, int, str]] = []
    pos = start
    for a, b, kind in _table_runs(t, start, stop):
        if a > pos:
            out.append((pos, a, "p"))
        out.append((a, b, kind))
        pos = b
    if pos < stop:
        out.append((pos, stop, "p"))
    return out


def _table_runs(t: str, start: int, stop: int) -> list[tuple[int, int, str]]:
    """Each stretch of table words in t[start:stop]: a word alone, or the last word before a run
    of numbers together with it. A table word inside a sentence is left to the prose."""
    out: list[tuple[int, int, str]] = []
    i = start
    while i < stop:
        words = _words_at(t, i, stop)
        if not words:
            i += 1
            continue
        end = words[-1][1]
        m = _NUMBERS.match(t, end, stop)
        numbers = m is not None and m.end() > end and bool(m.group(0).strip()) and _row_ends(t, m.end(), stop)
        if not numbers and len(words) == 1 and not _header_word(t[words[0][0]:words[0][1]]):
            i = end  # one table word in running text: prose
            continue
        out.extend((a, b, "w") for a, b in words[:-1])
        if numbers and m is not None:
            out.append((words[-1][0], m.end(), "r"))
            i = m.end()
        else:
            out.append((*words[-1], "w"))
            i = end
    return out


def _row_ends(t: str, k: int, stop: int) -> bool:
    """Numbers end a table row when what follows is the end, a table word, a heading or an
    ordinal — not a measure word ('行政复议3件' is prose)."""
    while k < stop and t[k] == " ":
        k += 1
    return k >= stop or bool(_words_at(t, k, stop)) or bool(re.match(r"[一二三四五六]、|\d{1,2}[.．、]\D|[(（]", t[k:k + 3]))


def _words_at(t: str, i: int, stop: int) -> list[tuple[int, int]]:
    """The table words standing one after another from position i (spaces between allowed)."""
    found: list[tuple[int, int]] = []
    while i < stop:
        while i < stop and t[i] == " " and found:
            i += 1
        word = next((w for w in _labels() if t.startswith(w, i) and i + len(w) <= stop), None)
        if word is None:
            break
        found.append((i, i + len(word)))
        i += len(word)
    return found


def _header_word(w: str) -> bool:
    return w in _T3_HEADER_WORDS or w in T4_HEADER_WORDS or w.startswith("第二十条") or w in (
        "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量")


def _label_numbers(piece: str) -> tuple[str, str]:
    m = re.search(r"(?:\d+(?:\.\d+)?[\s,，]*)+$", piece)
    if m is None:
        return piece, ""
    label = piece[:m.start()].strip()
    return label, m.group(0)
