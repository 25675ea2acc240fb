"""RTF documents (often saved with a .doc extension): paragraphs and table cells.

Control words and destination groups (font table, styles, pictures, field codes ...) are
dropped; \\par ends a paragraph, \\cell and \\row end table cells and rows; \\'hh bytes are
decoded with the font's charset or the document's \\ansicpg (936 = GBK), \\uN are Unicode.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from model.document import Block, Document

from .cells import FlowBlocks
from .errors import ReadError, corrupt
from .formats import Format
from .options import DEFAULT_OPTIONS, ReadOptions

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


def read_rtf(path: Path, fmt: Format, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise ReadError("RTF 文件异常庞大，已拒绝打开。请确认是否选错了文件。", kind="too_large")
    try:
        paragraphs = _parse(data)
    except (ValueError, IndexError, LookupError, RecursionError) as e:
        raise corrupt("RTF 文档", type(e).__name__) from e
    doc = fmt.document(path)
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


# --- tokens ---------------------------------------------------------------------------------

# A token: ("word", name, argument), ("hex", byte, None), ("sym", character, None),
# ("{" or "}", b"", None), ("text", bytes, None). Bare newlines mean nothing in RTF and are dropped.
Token = tuple[str, bytes, int | None]


def _tokens(data: bytes) -> Iterator[Token]:
    for m in _TOKEN.finditer(data):
        word, arg, hexb, sym, brace, plain = m.groups()
        if word is not None:
            yield "word", word, int(arg) if arg is not None else None
        elif hexb is not None:
            yield "hex", hexb, None
        elif sym is not None:
            yield "sym", sym, None
        elif brace is not None:
            yield brace.decode(), b"", None
        elif plain is not None:
            yield "text", plain, None


# --- the parse ------------------------------------------------------------------------------

# A paragraph event: ("p", text) outside tables; ("c", text) a finished cell; ("r", "") a row end;
# a cell's own paragraphs are joined with "\n".
Event = tuple[str, str]

_LITERALS = {
    b"line": "\n", b"tab": "\t", b"emdash": "—", b"endash": "–",
    b"lquote": "‘", b"rquote": "’", b"ldblquote": "“", b"rdblquote": "”",
}
_SYMBOLS = {b"~": " ", b"\\": "\\", b"{": "{", b"}": "}"}


class _Parser:
    """The state of one parse; a method per kind of token."""

    def __init__(self, fonts: dict[int, str]) -> None:
        self.fonts = fonts
        self.ansi = "cp1252"
        self.events: list[Event] = []
        self.stack: list[tuple[bool, int, str | None]] = []  # per open group: skip, \uc, codec
        self.skip = False  # inside a destination that is dropped
        self.uc = 1  # fallback characters after \\uN
        self.codec: str | None = None  # of the current font
        self.text: list[str] = []
        self.cell_paras: list[str] = []
        self.pending = bytearray()  # \'hh bytes not yet decoded
        self.to_skip = 0  # fallback characters still to drop after \uN
        self.intbl = False
        self.first_in_group = False
        self.words: dict[bytes, Callable[[int | None], None]] = {
            b"ansicpg": self._ansicpg, b"f": self._font, b"uc": self._uc, b"u": self._unicode,
            b"par": self._par, b"sect": self._par, b"page": self._par,
            b"intbl": self._intbl, b"pard": self._pard,
            b"cell": self._cell, b"nestcell": self._cell, b"row": self._row, b"nestrow": self._row,
        }

    def feed(self, kind: str, value: bytes, n: int | None) -> None:
        if kind == "{":
            self._open()
            return
        if kind == "}":
            self._close()
            return
        starts_group, self.first_in_group = self.first_in_group, False
        if kind == "sym":
            self._symbol(value, starts_group)
        elif self.skip:
            return
        elif kind == "hex":
            self._hex(value)
        elif kind == "text":
            self._plain(value)
        else:
            self._word(value, n)

    def finish(self) -> list[Event]:
        self._flush_bytes()
        rest = "".join(self.text)
        if rest.strip():
            self.events.append(("p", rest))
        return self.events

    def _flush_bytes(self) -> None:
        if self.pending:
            self.text.append(self.pending.decode(self.codec or self.ansi, errors="replace"))
            self.pending.clear()

    def _open(self) -> None:
        self._flush_bytes()
        if len(self.stack) > MAX_DEPTH:
            raise ValueError("nesting")
        self.stack.append((self.skip, self.uc, self.codec))
        self.first_in_group = True

    def _close(self) -> None:
        self._flush_bytes()
        if self.stack:
            self.skip, self.uc, self.codec = self.stack.pop()
        self.first_in_group = False

    def _symbol(self, sym: bytes, starts_group: bool) -> None:
        if sym == b"*" and starts_group:
            self.skip = True  # an ignorable destination
        elif self.skip:
            return
        elif sym in _SYMBOLS:
            self._flush_bytes()
            self.text.append(_SYMBOLS[sym])
        elif sym == b"_":
            self.text.append("-")

    def _hex(self, digits: bytes) -> None:
        if self.to_skip:
            self.to_skip -= 1
        else:
            self.pending.append(int(digits, 16))

    def _plain(self, raw: bytes) -> None:
        self._flush_bytes()
        s = raw.decode("latin-1")
        if self.to_skip:
            drop = min(self.to_skip, len(s))
            s, self.to_skip = s[drop:], self.to_skip - drop
        self.text.append(s)

    def _word(self, name: bytes, n: int | None) -> None:
        if name in _SKIP:
            self.skip = True
            return
        self._flush_bytes()
        self.to_skip = 0
        if name in _LITERALS:
            self.text.append(_LITERALS[name])
        elif name in self.words:
            self.words[name](n)

    def _ansicpg(self, n: int | None) -> None:
        if not n:
            return
        ansi = f"cp{n}" if n != 936 else "gbk"
        try:
            "".encode(ansi)
        except LookupError:
            ansi = "cp1252"
        self.ansi = ansi

    def _font(self, n: int | None) -> None:
        if n is not None:
            self.codec = self.fonts.get(n)

    def _uc(self, n: int | None) -> None:
        if n is not None:
            self.uc = max(0, min(n, 10))

    def _unicode(self, n: int | None) -> None:
        if n is None:
            return
        code = n + 65536 if n < 0 else n
        self.text.append(chr(code) if 0 <= code < 0x110000 else "\ufffd")
        self.to_skip = self.uc

    def _par(self, n: int | None) -> None:
        para = "".join(self.text)
        self.text.clear()
        if self.intbl:
            self.cell_paras.append(para)
        else:
            self.events.append(("p", para))

    def _intbl(self, n: int | None) -> None:
        self.intbl = True

    def _pard(self, n: int | None) -> None:
        self.intbl = False

    def _cell(self, n: int | None) -> None:
        self.cell_paras.append("".join(self.text))
        self.text.clear()
        self.events.append(("c", "\n".join(p.strip() for p in self.cell_paras if p.strip())))
        self.cell_paras = []

    def _row(self, n: int | None) -> None:
        self.text.clear()
        self.cell_paras = []
        self.events.append(("r", ""))


def _parse(data: bytes) -> list[Event]:
    parser = _Parser(_fonts(data))
    for kind, value, n in _tokens(data):
        parser.feed(kind, value, n)
    return parser.finish()


def _blocks(events: list[Event]) -> list[Block]:
    out = FlowBlocks()
    for kind, text in events:
        if kind == "c":
            out.row.append(text)
        elif kind == "r":
            out.end_row()
        else:
            out.paragraph(text.strip())
    out.flush_table()
    return out.blocks
