"""RTF documents (often saved with a .doc extension): paragraphs and table cells.

Control words and destination groups (font table, styles, pictures, field codes ...) are
dropped; \\par ends a paragraph, \\cell and \\row end table cells and rows; \\'hh bytes are
decoded with the font's charset or the document's \\ansicpg (936 = GBK), \\uN are Unicode.
"""
from __future__ import annotations

import re
from pathlib import Path

from model.document import Document, Location, RawTable, TableCell, TextBlock

from .errors import ReadError, corrupt

MAX_BYTES = 200 * 1024 * 1024
MAX_DEPTH = 2000
_TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+", re.S)
_SKIP = {
    b"fonttbl", b"colortbl", b"stylesheet", b"info", b"pict", b"header", b"headerl", b"headerr", b"headerf",
    b"footer", b"footerl", b"footerr", b"footerf", b"listtable", b"listoverridetable", b"rsidtbl", b"generator",
    b"xmlnstbl", b"themedata", b"colorschememapping", b"latentstyles", b"datastore", b"object", b"fldinst",
    b"pgdsctbl", b"revtbl", b"filetbl", b"footnote", b"annotation", b"nonshppict", b"bkmkstart", b"bkmkend",
}
_CHARSETS = {134: "gbk", 136: "big5", 128: "cp932", 129: "cp949", 0: None, 1: None}


def read_rtf(path: Path) -> Document:
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise ReadError("RTF 文件异常庞大，已拒绝打开。请确认是否选错了文件。", kind="too_large")
    try:
        paragraphs = _parse(data)
    except (ValueError, IndexError, LookupError, RecursionError) as e:
        raise corrupt("RTF 文档", type(e).__name__) from e
    doc = Document(path=str(path), format="rtf")
    doc.blocks = _blocks(paragraphs)
    return doc


def _fonts(data: bytes) -> dict[int, str]:
    """Font number → codec, from the font table's \\fcharset."""
    out: dict[int, str] = {}
    m = re.search(rb"\{\\fonttbl", data[:200_000])
    if not m:
        return out
    for f, cs in re.findall(rb"\\f(\d+)[^;{}]*?\\fcharset(\d+)", data[m.end():m.end() + 100_000]):
        codec = _CHARSETS.get(int(cs))
        if codec:
            out[int(f)] = codec
    return out


# A paragraph event: ("p", text) outside tables; ("c", text) a finished cell; ("r", "") a row end;
# a cell's own paragraphs are joined with "\n".
def _parse(data: bytes) -> list[tuple[str, str]]:
    ansi = "cp1252"
    fonts = _fonts(data)
    events: list[tuple[str, str]] = []
    # group state: skip, unicode skip count, codec
    stack: list[tuple[bool, int, str | None]] = []
    skip, uc, codec = False, 1, None
    text: list[str] = []
    cell_paras: list[str] = []
    pending: bytearray = bytearray()
    to_skip = 0  # fallback characters still to drop after \uN
    intbl = False
    first_in_group = False

    def flush_bytes() -> None:
        if pending:
            text.append(pending.decode(codec or ansi, errors="replace"))
            pending.clear()

    for m in _TOKEN.finditer(data):
        word, arg, hexb, sym, brace, plain = m.groups()
        if brace is None and word is None and hexb is None and sym is None and plain is None:
            continue  # bare newlines mean nothing in RTF
        if brace == b"{":
            flush_bytes()
            if len(stack) > MAX_DEPTH:
                raise ValueError("nesting")
            stack.append((skip, uc, codec))
            first_in_group = True
            continue
        if brace == b"}":
            flush_bytes()
            if stack:
                skip, uc, codec = stack.pop()
            first_in_group = False
            continue
        starts_group, first_in_group = first_in_group, False
        if sym is not None:
            if sym == b"*" and starts_group:
                skip = True  # an ignorable destination
            elif skip:
                pass
            elif sym == b"~":
                flush_bytes()
                text.append(" ")
            elif sym in (b"\\", b"{", b"}"):
                flush_bytes()
                text.append(sym.decode())
            elif sym == b"_":
                text.append("-")
            continue
        if skip:
            continue
        if hexb is not None:
            if to_skip:
                to_skip -= 1
            else:
                pending.append(int(hexb, 16))
            continue
        if plain is not None:
            flush_bytes()
            s = plain.decode("latin-1")
            if to_skip:
                drop = min(to_skip, len(s))
                s, to_skip = s[drop:], to_skip - drop
            text.append(s)
            continue
        # a control word
        name = word
        n = int(arg) if arg is not None else None
        if name in _SKIP:
            skip = True
            continue
        flush_bytes()
        to_skip = 0
        if name == b"ansicpg" and n:
            ansi = f"cp{n}" if n != 936 else "gbk"
            try:
                "".encode(ansi)
            except LookupError:
                ansi = "cp1252"
        elif name == b"f" and n is not None:
            codec = fonts.get(n)
        elif name == b"uc" and n is not None:
            uc = max(0, min(n, 10))
        elif name == b"u" and n is not None:
            text.append(chr(n + 65536 if n < 0 else n) if 0 <= (n + 65536 if n < 0 else n) < 0x110000 else "\ufffd")
            to_skip = uc
        elif name in (b"par", b"sect", b"page"):
            para = "".join(text)
            text.clear()
            if intbl:
                cell_paras.append(para)
            else:
                events.append(("p", para))
        elif name in (b"line",):
            text.append("\n")
        elif name == b"tab":
            text.append("\t")
        elif name == b"intbl":
            intbl = True
        elif name == b"pard":
            intbl = False
        elif name in (b"cell", b"nestcell"):
            cell_paras.append("".join(text))
            text.clear()
            events.append(("c", "\n".join(p.strip() for p in cell_paras if p.strip())))
            cell_paras = []
        elif name in (b"row", b"nestrow"):
            text.clear()
            cell_paras = []
            events.append(("r", ""))
        elif name in (b"emdash", b"endash"):
            text.append("—" if name == b"emdash" else "–")
        elif name in (b"lquote", b"rquote"):
            text.append("‘" if name == b"lquote" else "’")
        elif name in (b"ldblquote", b"rdblquote"):
            text.append("“" if name == b"ldblquote" else "”")
    flush_bytes()
    if "".join(text).strip():
        events.append(("p", "".join(text)))
    return events


def _blocks(events: list[tuple[str, str]]) -> list:
    blocks: list = []
    block_index = table_index = 0
    rows: list[list[str]] = []
    row: list[str] = []

    def flush_table() -> None:
        nonlocal rows, row, block_index, table_index
        if row:
            rows.append(row)
            row = []
        if rows:
            cells = [[TableCell(t, r, c, Location(table=table_index, row=r, col=c, paragraph=block_index))
                      for c, t in enumerate(texts)] for r, texts in enumerate(rows)]
            blocks.append(RawTable(cells, Location(table=table_index, paragraph=block_index),
                                   max(len(x) for x in rows)))
            table_index += 1
            block_index += 1
            rows = []

    for kind, text in events:
        if kind == "c":
            row.append(text)
        elif kind == "r":
            if row:
                rows.append(row)
            row = []
        else:
            flush_table()
            blocks.append(TextBlock(text.strip(), Location(paragraph=block_index)))
            block_index += 1
    flush_table()
    return blocks
