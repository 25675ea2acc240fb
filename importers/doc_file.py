"""Word 97-2003 (.doc) and WPS (.wps) documents, read in pure Python from the OLE2 container.

The FIB of the WordDocument stream locates the piece table (CLX) in the 0Table/1Table stream;
the pieces give the main text (8-bit cp1252 or UTF-16LE). Paragraphs end with \\r, table cells
with \\x07; which \\x07 ends a table row is told by the paragraph properties (sprmPFTtp) in the
FKPs of PlcfBtePapx, with "two cell marks in a row" as the fallback. Fields keep their result.
When the binary cannot be parsed (Word 6/95 files) a local LibreOffice, if any, converts it —
only where it can be cut off from the network (`unshare -n`, Linux), with a throw-away profile
and home in a temporary folder that is removed afterwards (or, after a kill, on the next run).
"""
from __future__ import annotations

import functools
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from bisect import bisect_right
from pathlib import Path

import olefile

from model.document import Block, Document

from . import formats
from .cells import FlowBlocks
from .errors import ReadError, corrupt
from .formats import Format
from .options import DEFAULT_OPTIONS, ReadOptions

MAX_CHARS = 2_000_000   # a report is ~20,000 characters
MAX_PIECES = 50_000
SOFFICE_TIMEOUT = 90
_TTP_SPRMS = {0x2417, 0x244C}  # sprmPFTtp, sprmPFInnerTtp
_INTABLE_SPRMS = {0x2416, 0x244B}  # sprmPFInTable, sprmPFInnerTableCell
_UNSUPPORTED = "这是旧版 Word 97-2003 文档（.doc/.wps），暂不能直接读取。请用 Word 或 WPS 打开后“另存为”.docx 再检查。"


_Piece = tuple[int, int, int, bool]  # cp_start, cp_end, byte offset, compressed (8-bit)


class _Unsupported(Exception):
    """A valid file this reader does not understand (e.g. Word 6/95)."""


def read_doc(path: Path, fmt: Format, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    try:
        text, row_ends = _main_text(path)
    except ReadError:
        raise
    except _Unsupported as e:
        doc = _via_soffice(path, fmt)
        if doc is None:
            raise ReadError(_UNSUPPORTED, kind="unsupported") from e
        return doc
    except (struct.error, IndexError, ValueError, OverflowError, OSError, UnicodeError) as e:
        raise corrupt("Word 文档", type(e).__name__) from e
    doc = fmt.document(path)
    doc.blocks = _blocks(text, row_ends)
    return doc


# --- the binary -----------------------------------------------------------------------------

def _main_text(path: Path) -> tuple[str, set[int]]:
    """The main document text and the CPs of its row-end marks (None-able: empty set = guess)."""
    with olefile.OleFileIO(str(path)) as ole:
        wd = ole.openstream("WordDocument").read()
        if len(wd) < 0x22 or struct.unpack_from("<H", wd, 0)[0] != 0xA5EC:
            raise ValueError("FIB")
        n_fib = struct.unpack_from("<H", wd, 2)[0]
        flags = struct.unpack_from("<H", wd, 0x0A)[0]
        if flags & 0x0100:
            raise ReadError("文件设置了打开密码（已加密），无法读取。请报送单位去掉密码后重新提供。", kind="encrypted")
        if n_fib < 101:
            raise _Unsupported("Word 6/95")
        table_name = "1Table" if flags & 0x0200 else "0Table"
        if not ole.exists(table_name):
            raise ValueError("table stream")
        table = ole.openstream(table_name).read()
        data = ole.openstream("Data").read() if ole.exists("Data") else b""
    pos = 32
    csw = struct.unpack_from("<H", wd, pos)[0]
    pos += 2 + csw * 2
    cslw = struct.unpack_from("<H", wd, pos)[0]
    lw = pos + 2
    if cslw < 4:
        raise ValueError("FibRgLw")
    ccp_text = struct.unpack_from("<i", wd, lw + 12)[0]
    pos = lw + cslw * 4
    cb_fclcb = struct.unpack_from("<H", wd, pos)[0]
    fclcb = pos + 2
    if cb_fclcb < 34:
        raise ValueError("FibRgFcLcb")
    fc_clx, lcb_clx = struct.unpack_from("<II", wd, fclcb + 33 * 8)
    fc_bte, lcb_bte = struct.unpack_from("<II", wd, fclcb + 13 * 8)
    if not 0 <= ccp_text <= len(wd):  # more characters than the stream holds bytes: damaged
        raise ValueError("ccpText")
    if ccp_text > MAX_CHARS:
        raise _too_large(f"正文 {ccp_text} 字")
    pieces = _pieces(table, fc_clx, lcb_clx)
    text, fcs = _text(wd, pieces, ccp_text)
    try:
        row_ends = _row_ends(wd, table, data, fc_bte, lcb_bte, text, fcs)
    except (struct.error, IndexError, ValueError):
        row_ends = set()  # properties unreadable: fall back to the double cell mark
    return text, row_ends


def _pieces(table: bytes, fc: int, lcb: int) -> list[_Piece]:
    """(cp_start, cp_end, byte offset, compressed) for each piece of the piece table."""
    if fc + lcb > len(table) or lcb == 0:
        raise ValueError("CLX")
    pos, end = fc, fc + lcb
    while pos < end and table[pos] == 0x01:  # Prc: skip property modifiers
        cb = struct.unpack_from("<h", table, pos + 1)[0]
        if cb < 0:
            raise ValueError("Prc")
        pos += 3 + cb
    if pos >= end or table[pos] != 0x02:
        raise ValueError("Pcdt")
    lcb_plc = struct.unpack_from("<I", table, pos + 1)[0]
    pos += 5
    if lcb_plc < 16 or pos + lcb_plc > end or (lcb_plc - 4) % 12:
        raise ValueError("PlcPcd")
    n = (lcb_plc - 4) // 12
    if n > MAX_PIECES:
        raise _too_large(f"{n} 个文本片段")
    cps = struct.unpack_from(f"<{n + 1}I", table, pos)
    out: list[_Piece] = []
    for i in range(n):
        raw_fc = struct.unpack_from("<I", table, pos + (n + 1) * 4 + i * 8 + 2)[0]
        compressed = bool(raw_fc & 0x40000000)
        off = (raw_fc & 0x3FFFFFFF) // 2 if compressed else raw_fc & 0x3FFFFFFF
        if cps[i + 1] < cps[i]:
            raise ValueError("piece order")
        out.append((cps[i], cps[i + 1], off, compressed))
    return out


def _too_large(what: str) -> ReadError:
    return ReadError(f"文件过大或结构异常（{what}，远超一份年度报告），已停止读取。请确认是否选错了文件，"
                     "或请报送单位另存为 .docx 后重新提供。", kind="too_large")


def _text(wd: bytes, pieces: list[_Piece], ccp: int) -> tuple[str, list[_Piece]]:
    parts: list[str] = []
    for cp0, cp1, off, compressed in pieces:
        if cp0 >= ccp:
            break
        n = min(cp1, ccp) - cp0
        size = n if compressed else 2 * n
        if off + size > len(wd):
            raise ValueError("piece beyond stream")
        raw = wd[off:off + size]
        parts.append(raw.decode("cp1252", errors="replace") if compressed else raw.decode("utf-16-le", errors="replace"))
    return "".join(parts), pieces


def _row_ends(wd: bytes, table: bytes, data: bytes, fc: int, lcb: int, text: str, pieces: list[_Piece]) -> set[int]:
    """CPs of the \\x07 marks whose paragraph properties say "table row end"."""
    marks = [i for i, ch in enumerate(text) if ch == "\x07"]
    if not marks or lcb < 12 or fc + lcb > len(table):
        return set()
    fkps = _papx_fkps(wd, table, fc, lcb)
    firsts = [k[0] for k in fkps]
    starts = [p[0] for p in pieces]
    out: set[int] = set()
    for cp in marks:
        papx = _papx_at(fkps, firsts, _mark_fc(pieces, starts, cp))
        if papx is not None and _is_ttp(*papx, data):
            out.add(cp)
    return out


_Fkp = tuple[int, tuple[int, ...], bytes]  # (first fc, rgfc, page)


def _papx_fkps(wd: bytes, table: bytes, fc: int, lcb: int) -> list[_Fkp]:
    """The paragraph-property FKP pages the PlcBtePapx (at `fc`, `lcb` bytes) names, by first fc."""
    n = (lcb - 4) // 8
    pns = struct.unpack_from(f"<{n}I", table, fc + (n + 1) * 4)
    fkps: list[_Fkp] = []
    for pn in sorted({p & 0x3FFFFF for p in pns}):
        page = wd[pn * 512:(pn + 1) * 512]
        if len(page) < 512:
            raise ValueError("FKP")
        rgfc = struct.unpack_from(f"<{page[511] + 1}I", page, 0)
        fkps.append((rgfc[0], rgfc, page))
    fkps.sort(key=lambda k: k[0])
    return fkps


def _mark_fc(pieces: list[_Piece], starts: list[int], cp: int) -> int:
    """The stream offset of the character at `cp` (`starts`: each piece's first CP)."""
    cp0, _cp1, off, compressed = pieces[bisect_right(starts, cp) - 1]
    return off + (cp - cp0) * (1 if compressed else 2)


def _papx_at(fkps: list[_Fkp], firsts: list[int], mark_fc: int) -> tuple[bytes, int] | None:
    """The FKP page and the offset in it of the paragraph properties at `mark_fc`, or None when
    no page covers it or the paragraph has none."""
    k = bisect_right(firsts, mark_fc) - 1
    if k < 0:
        return None
    _first, rgfc, page = fkps[k]
    if not rgfc[0] <= mark_fc < rgfc[-1]:
        return None
    j = bisect_right(rgfc, mark_fc) - 1
    b_off = page[len(rgfc) * 4 + j * 13] * 2
    return (page, b_off) if b_off else None


def _is_ttp(page: bytes, b: int, data: bytes) -> bool:
    cb = page[b]
    if cb == 0:
        size, start = page[b + 1] * 2, b + 2
    else:
        size, start = cb * 2 - 1, b + 1
    return _grpprl_has_ttp(page[start + 2:start + size], data)  # skip istd


def _grpprl_has_ttp(grp: bytes, data: bytes, huge: bool = True) -> bool:
    pos = 0
    while pos + 2 <= len(grp):
        sprm = struct.unpack_from("<H", grp, pos)[0]
        pos += 2
        if sprm in _TTP_SPRMS and pos < len(grp) and grp[pos]:
            return True
        if sprm == 0x6646 and huge and _huge_papx_has_ttp(grp, pos, data):
            return True
        size = _operand_size(sprm, grp, pos)
        if size is None:
            break
        pos += size
    return False


def _huge_papx_has_ttp(grp: bytes, pos: int, data: bytes) -> bool:
    """sprmPHugePapx (operand at `pos`): its grpprl lies in the Data stream."""
    if pos + 4 > len(grp):
        return False
    at = struct.unpack_from("<I", grp, pos)[0]
    if at + 2 > len(data):
        return False
    n = struct.unpack_from("<H", data, at)[0]
    return _grpprl_has_ttp(data[at + 2:at + 2 + n], data, huge=False)


_FIXED_OPERAND = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # spra (a sprm's top 3 bits) → operand bytes


def _operand_size(sprm: int, grp: bytes, pos: int) -> int | None:
    """Bytes of the operand at `pos` of `sprm`, or None when a variable one runs off the grpprl."""
    fixed = _FIXED_OPERAND.get(sprm >> 13)
    if fixed is not None:
        return fixed
    if pos >= len(grp):
        return None
    if sprm == 0xD608 and pos + 2 <= len(grp):  # sprmTDefTable: 2-byte size
        return 1 + int(struct.unpack_from("<H", grp, pos)[0])
    return 1 + grp[pos]  # variable length with a 1-byte size


# --- text → blocks --------------------------------------------------------------------------

def _clean(s: str) -> str:
    """Keep field results, drop field codes and Word's special characters."""
    out: list[str] = []
    depth_code: list[bool] = []  # per open field: are we in its code part?
    for ch in s:
        if ch == "\x13":
            depth_code.append(True)
        elif ch == "\x14":
            if depth_code:
                depth_code[-1] = False
        elif ch == "\x15":
            if depth_code:
                depth_code.pop()
        elif any(depth_code):
            continue
        elif ch in "\x0b\x0c\x0e":
            out.append("\n" if ch == "\x0b" else "")
        elif ch == "\x1e":
            out.append("-")
        elif ch == "\xa0":
            out.append(" ")
        elif ord(ch) < 32 and ch not in "\t\n":
            continue
        else:
            out.append(ch)
    return "".join(out).strip()


def _blocks(text: str, row_ends: set[int]) -> list[Block]:
    """Paragraphs end with \\r; inside a table \\x07 ends a cell, or the row when the properties
    say so (else: a second mark right after a cell's, with nothing between)."""
    out = FlowBlocks()
    cell: list[str] = []  # paragraphs of the cell being read
    buf: list[str] = []
    last_was_cell = False
    for cp, ch in enumerate(text):
        if ch not in "\r\x07":
            buf.append(ch)
            continue
        para = "".join(buf)
        buf = []
        if ch == "\r":
            if out.row or cell:  # a paragraph inside a cell
                cell.append(para)
            else:
                out.paragraph(_clean(para))
            last_was_cell = False
        elif (cp in row_ends) if row_ends else (last_was_cell and not para and not cell):
            out.end_row()
            cell = []
            last_was_cell = False
        else:
            cell.append(para)
            out.row.append(_cell_text(cell))
            cell = []
            last_was_cell = True
    if cell:  # a row without its end mark
        out.row.append(_cell_text(cell))
    out.flush_table()
    tail = _clean("".join(buf))
    if tail:
        out.paragraph(tail)
    return out.blocks


def _cell_text(paragraphs: list[str]) -> str:
    return "\n".join(t for t in (_clean(p) for p in paragraphs) if t)


# --- fallback -------------------------------------------------------------------------------

_TMP_PREFIX = "nianbao-doc-"
_STALE_S = 3600


def no_network_prefix() -> list[str] | None:
    """The command prefix that runs a program without network access, or None when this system
    has none (then LibreOffice is not run at all)."""
    if not sys.platform.startswith("linux"):
        return None
    return _unshare_prefix(shutil.which("unshare"))


@functools.lru_cache(maxsize=4)
def _unshare_prefix(unshare: str | None) -> list[str] | None:
    if not unshare:
        return None
    for prefix in ([unshare, "-n"], [unshare, "-r", "-n"]):  # root; an unprivileged user namespace
        try:
            if subprocess.run([*prefix, "true"], capture_output=True, timeout=10, check=False).returncode == 0:
                return prefix
        except (OSError, subprocess.TimeoutExpired):
            continue
    return None


def clean_stale_temp(now: float | None = None) -> int:
    """Remove conversion folders a killed reader left behind; returns how many."""
    now = time.time() if now is None else now
    removed = 0
    for p in Path(tempfile.gettempdir()).glob(f"{_TMP_PREFIX}*"):
        try:
            if p.is_dir() and now - p.stat().st_mtime > _STALE_S:
                shutil.rmtree(p, ignore_errors=True)
                removed += 1
        except OSError:
            continue
    return removed


def soffice_command(exe: str, prefix: list[str], tmp: str, src: Path) -> list[str]:
    return [*prefix, exe, "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation=file://{tmp}/profile",
            "--convert-to", "docx", "--outdir", tmp, str(src)]


def _via_soffice(path: Path, fmt: Format) -> Document | None:
    """Convert through a local LibreOffice, cut off from the network; None when there is none or
    it cannot be isolated."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    prefix = no_network_prefix() if exe else None
    if not exe or prefix is None:
        return None
    clean_stale_temp()
    with tempfile.TemporaryDirectory(prefix=_TMP_PREFIX) as tmp:
        src = Path(tmp) / f"in{path.suffix.lower() or '.doc'}"
        shutil.copyfile(path, src)  # the input itself is never handed over
        env = {k: v for k, v in os.environ.items() if k in {"PATH", "LANG", "LC_ALL", "SAL_USE_VCLPLUGIN"}}
        env.update(HOME=tmp, TMPDIR=tmp, CUPS_SERVER=f"{tmp}/no-cups.sock", SAL_USE_VCLPLUGIN="svp")
        try:
            subprocess.run(soffice_command(exe, prefix, tmp, src), capture_output=True, timeout=SOFFICE_TIMEOUT,
                           check=False, env=env, cwd=tmp)
        except (OSError, subprocess.TimeoutExpired):
            return None
        out = Path(tmp) / "in.docx"
        if not out.is_file():
            return None
        doc = formats.named("docx").read(out)  # through the registry: the readers stay independent
    doc.path, doc.format, doc.layout = str(path), fmt.name, fmt.layout
    doc.notes.append("旧版 Word 文档已通过本机 LibreOffice 转换后读取。")
    return doc
