"""Hostile files, generated (never committed): each made to hit one weak spot of a reader.

`constructions(folder)` writes one file per construction of issue #17 and returns their paths;
`truncations` and `mutations` make seeded damaged copies of any good file. Used by the hostile
tests and by benchmarks/hostile_batch.py."""
from __future__ import annotations

import hashlib
import io
import random
import struct
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from importers.options import ReadOptions
from pipeline import check_files
from pipeline.check import CheckResult
from tests.support.pdfgen import pdf_file

SAMPLES = Path(__file__).resolve().parents[1] / "importers" / "samples"


# --- seeded damage ----------------------------------------------------------------------------

def truncations(data: bytes, count: int, seed: int = 17) -> Iterator[tuple[int, bytes]]:
    """The file cut at `count` offsets spread over its length (plus a few random ones)."""
    rng = random.Random(seed)
    n = len(data)
    cuts = sorted({max(1, n * i // count) for i in range(1, count)} | {rng.randrange(1, n) for _ in range(count // 4)})
    for cut in cuts:
        yield cut, data[:cut]


def mutations(data: bytes, count: int, seed: int = 17) -> Iterator[tuple[int, bytes]]:
    """`count` copies, each with 1–8 random bytes overwritten (seeded: the same every run)."""
    rng = random.Random(seed)
    for i in range(count):
        b = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        yield i, bytes(b)


# --- zip surgery --------------------------------------------------------------------------------

def _rezip(src: bytes, edit: Callable[[str, bytes], bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, edit(info.filename, zin.read(info.filename)))
    return out.getvalue()


def _zip_headers(data: bytes, edit: Callable[[bytearray, int, int], None]) -> bytes:
    """Apply edit(buffer, flags_offset, method_offset) to every local and central header."""
    b = bytearray(data)
    for sig, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = b.find(sig)
        while pos >= 0:
            edit(b, pos + flags_at, pos + flags_at + 2)
            pos = b.find(sig, pos + 4)
    return bytes(b)


def _xlsx(build: Callable[[object], None]) -> bytes:
    import openpyxl
    wb = openpyxl.Workbook()
    build(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _small_xlsx(wb: object) -> None:
    ws = wb.active  # type: ignore[attr-defined]
    ws["A1"] = "政府信息公开工作年度报告"
    ws["B2"] = 12


def whole_sheet_merge() -> bytes:
    def edit(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/sheet"):
            return data.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/>'
                                b"</mergeCells>")
        return data
    return _rezip(_xlsx(_small_xlsx), edit)


def sparse_sheets(count: int = 40) -> bytes:
    def build(wb: object) -> None:
        first = wb.active  # type: ignore[attr-defined]
        for i in range(count):
            ws = first if i == 0 else wb.create_sheet(f"S{i}")  # type: ignore[attr-defined]
            ws["A1"] = "年度报告"
            ws["CV5000"] = i
    return _xlsx(build)


def unknown_compression() -> bytes:
    def edit(b: bytearray, _flags: int, method: int) -> None:
        b[method:method + 2] = struct.pack("<H", 99)
    return _zip_headers(_xlsx(_small_xlsx), edit)


def zipcrypto_flag() -> bytes:
    def edit(b: bytearray, flags: int, _method: int) -> None:
        b[flags] |= 0x01
    return _zip_headers(_xlsx(_small_xlsx), edit)


def junk_gridspan() -> bytes:
    import docx
    d = docx.Document()
    d.add_paragraph("政府信息公开工作年度报告")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "收到申请数"
    out = io.BytesIO()
    d.save(out)

    def edit(name: str, data: bytes) -> bytes:
        if name == "word/document.xml":
            return data.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="junk"/>', 1).replace(
                b"<w:tcPr/>", b'<w:tcPr><w:gridSpan w:val="99999999"/></w:tcPr>', 1)
        return data
    return _rezip(out.getvalue(), edit)


def span_table_html(cells: int = 1000, span: int = 1000) -> bytes:
    rows = "".join(f'<tr><td rowspan="{span}" colspan="{span}">{i}</td></tr>' for i in range(cells))
    return f"<html><meta charset='utf-8'><body><p>年度报告</p><table>{rows}</table></body></html>".encode()


def mhtml_unknown_charset() -> bytes:
    html = "<html><body><p>政府信息公开工作年度报告</p></body></html>".encode("gb18030")
    return (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n"
            b"Content-Type: text/html; charset=\"x-no-such-charset\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + html + b"\r\n--B--\r\n")


def mhtml_deep_nesting(depth: int = 3000) -> bytes:
    head = b"MIME-Version: 1.0\r\n"
    parts = []
    for i in range(depth):
        parts.append(b'Content-Type: multipart/related; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i))
    inner = b"Content-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>\xe5\xb9\xb4\xe6\x8a\xa5</p></body></html>\r\n"
    tail = b"".join(b"\r\n--b%d--\r\n" % i for i in reversed(range(depth)))
    return head + b"".join(parts) + inner + tail


# --- PDFs ---------------------------------------------------------------------------------------

def _pdf(objs: list[bytes], root: int = 1) -> bytes:
    return pdf_file(objs, root)


_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
_PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_self_contents() -> bytes:
    return _pdf([_CATALOG, _PAGES, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", b"4 0 R"])


def pdf_mutual_contents() -> bytes:
    return _pdf([_CATALOG, _PAGES, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                 b"5 0 R", b"4 0 R"])


def pdf_self_resources() -> bytes:
    content = b"BT /F1 11 Tf 72 700 Td (Report) Tj ET"
    return _pdf([_CATALOG, _PAGES, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R "
                 b"/Resources 4 0 R >>", b"4 0 R", b"<< /Length %d >>stream\n" % len(content) + content + b"\nendstream"])


def pdf_huge_length() -> bytes:
    content = b"BT /F1 11 Tf 72 700 Td (Report) Tj ET"
    return _pdf([_CATALOG, _PAGES, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                 b"/Resources << /Font << /F1 5 0 R >> >> >>",
                 b"<< /Length 99999999999999 >>stream\n" + content + b"\nendstream", _FONT])


def pdf_self_objstm() -> bytes:
    """An object stream that holds (the number of) itself."""
    body = b"4 0 "
    payload = body + b"<< /Type /ObjStm /N 1 /First 4 >>"
    return _pdf([_CATALOG, _PAGES, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                 b"<< /Type /ObjStm /N 1 /First %d /Length %d >>stream\n" % (len(body), len(payload)) + payload
                 + b"\nendstream"])


# --- OLE2: a minimal compound-file writer, for a .doc of many pieces -------------------------

def _cfb(streams: dict[str, bytes]) -> bytes:
    """A version-3 compound file holding these root streams (each padded to ≥ 4096 bytes, so
    there is no mini stream)."""
    sec = 512
    datas = [(name, data + b"\0" * max(0, 4096 - len(data))) for name, data in streams.items()]
    chains: list[tuple[int, int]] = []  # first sector, sector count
    nxt = 0
    for _name, data in datas:
        n = -(-len(data) // sec)
        chains.append((nxt, n))
        nxt += n
    dir_first = nxt
    n_dir = -(-(len(datas) + 1) // 4)
    nxt += n_dir
    n_fat = 1
    while (nxt + n_fat) > n_fat * 128:
        n_fat += 1
    fat_first = nxt
    total = nxt + n_fat
    fat = [0xFFFFFFFF] * (n_fat * 128)
    for first, n in chains:
        for k in range(n):
            fat[first + k] = first + k + 1 if k < n - 1 else 0xFFFFFFFE
    for k in range(n_dir):
        fat[dir_first + k] = dir_first + k + 1 if k < n_dir - 1 else 0xFFFFFFFE
    for k in range(n_fat):
        fat[fat_first + k] = 0xFFFFFFFD
    if n_fat > 109:
        raise ValueError("too many FAT sectors for this writer")
    difat = [fat_first + k for k in range(n_fat)] + [0xFFFFFFFF] * (109 - n_fat)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, n_fat, dir_first, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
              + struct.pack("<109I", *difat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
                + struct.pack("<III", 0xFFFFFFFF, right, child) + b"\0" * 16 + b"\0" * 4 + b"\0" * 16
                + struct.pack("<IQ", start, size))
    entries = [entry("Root Entry", 5, 1 if datas else 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFE, 0)]
    for i, ((name, data), (first, _n)) in enumerate(zip(datas, chains)):
        right = i + 2 if i + 1 < len(datas) else 0xFFFFFFFF  # a right-leaning chain: valid, if unbalanced
        entries.append(entry(name, 2, 0xFFFFFFFF, right, first, len(data)))
    dir_bytes = b"".join(entries).ljust(n_dir * sec, b"\0")
    body = b"".join(d.ljust(n * sec, b"\0") for (_name, d), (_f, n) in zip(datas, chains))
    out = header + body + dir_bytes + struct.pack(f"<{n_fat * 128}I", *fat)
    assert len(out) == sec + total * sec
    return out


def doc_many_pieces(pieces: int = 200_000) -> bytes:
    """A Word 97 .doc whose text is `pieces` pieces of one character each."""
    text = ("政府信息公开工作年度报告\r" * (pieces // 13 + 1))[:pieces]
    text_bytes = text.encode("utf-16-le")
    fib = bytearray(1024)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 193)
    struct.pack_into("<H", fib, 0x0A, 0x0200)  # fWhichTblStm: 1Table
    pos = 32
    struct.pack_into("<H", fib, pos, 14)
    pos += 2 + 14 * 2
    struct.pack_into("<H", fib, pos, 22)
    lw = pos + 2
    struct.pack_into("<i", fib, lw + 12, pieces)  # ccpText
    pos = lw + 22 * 4
    struct.pack_into("<H", fib, pos, 93)
    fclcb = pos + 2
    text_at = fclcb + 93 * 8 + 16
    text_at += text_at % 2
    cps = list(range(pieces + 1))
    pcds = b"".join(struct.pack("<HIH", 0, text_at + 2 * i, 0) for i in range(pieces))
    plc = struct.pack(f"<{pieces + 1}I", *cps) + pcds
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    struct.pack_into("<II", fib, fclcb + 33 * 8, 0, len(clx))
    wd = bytes(fib[:text_at]) + text_bytes
    return _cfb({"WordDocument": wd, "1Table": clx})


def truncated_xls() -> bytes:
    data = (SAMPLES / "v03_liulin_zhen.xls").read_bytes()
    return data[: len(data) * 3 // 5]


def big_text(mb: int = 40) -> bytes:
    line = "本行政机关 2023 年度收到政府信息公开申请 12 件，办结 11 件。\t1\t2\t3\n".encode()
    return line * (mb * 1024 * 1024 // len(line))


CONSTRUCTIONS: dict[str, Callable[[], bytes]] = {
    "整表合并.xlsx": whole_sheet_merge,
    "四十张稀疏表.xlsx": sparse_sheets,
    "未知压缩方式.xlsx": unknown_compression,
    "加密标志.xlsx": zipcrypto_flag,
    "跨度千格.html": span_table_html,
    "自指内容流.pdf": pdf_self_contents,
    "互指内容流.pdf": pdf_mutual_contents,
    "自指资源.pdf": pdf_self_resources,
    "超长长度.pdf": pdf_huge_length,
    "自含对象流.pdf": pdf_self_objstm,
    "乱写跨列.docx": junk_gridspan,
    "截断.xls": truncated_xls,
    "未知字符集.mht": mhtml_unknown_charset,
    "深层嵌套.mht": mhtml_deep_nesting,
    "二十万片段.doc": doc_many_pieces,
}


def constructions(folder: Path, names: list[str] | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, make in CONSTRUCTIONS.items():
        if names is None or name in names:
            p = folder / name
            p.write_bytes(make())
            out.append(p)
    return out


def sha256s(paths: list[Path]) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def check_unchanged(paths: list[Path], budget_s: float, memory_mb: int) -> tuple[list[CheckResult], float]:
    """The files checked as a batch (two readers, the budget and cap given); asserts no input was
    modified; returns the results and the seconds it took."""
    before = sha256s(paths)
    started = time.monotonic()
    results = check_files([str(p) for p in paths], reading=ReadOptions(budget_s), jobs=2, memory_mb=memory_mb)
    elapsed = time.monotonic() - started
    assert sha256s(paths) == before, "an input was modified"
    return results, elapsed
