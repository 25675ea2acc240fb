"""A seeded fuzz campaign over every format (issue 25): one good report per format, then mutated
copies — truncations, byte flips, inner-XML and ZIP-level mutations, broken PDF structure, hostile
text/HTML/RTF and formula text. The same seed writes the same files. Used by
tests/importers/test_fuzz.py (a few hundred cases) and benchmarks/hostile_batch.py --fuzz (thousands).

Builds on tests/support/hostile.py (its truncations, byte mutations and zip surgery)."""
from __future__ import annotations

import gzip
import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.support import hostile, layouts

FORMATS = ("pdf", "docx", "xlsx", "txt", "html", "mht", "doc", "wps", "xls", "et", "rtf")
Mutator = Callable[[random.Random, bytes], bytes]

# What a careless hand or a converter puts into a report's text.
HUGE_CELL = "9" * 400
HOSTILE_LINES = (
    f"\t{HUGE_CELL}\t{HUGE_CELL}",
    f"全年共收到政府信息公开申请{'9' * 5000}件，办结{'8' * 400}件。",
    "本年新收政府信息公开申请12345678901件，其中予以公开99999999999件，占比123456789012.5%。",
    '=HYPERLINK("http://example.invalid","点我")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1-1=0\t-0\t=1/0",
    "控制字符\x00\x01\x07\x0b\x1b\x7f结束",
    "\u202e\u200b\ufeff零宽与方向字符\ufffe",
    "二、主动公开政府信息情况" * 200,
)


def _text_line(rng: random.Random) -> bytes:
    return rng.choice(HOSTILE_LINES).encode("utf-8", "surrogatepass")


# --- generic byte damage --------------------------------------------------------------------------

def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(1, len(data))]


def flip(rng: random.Random, data: bytes) -> bytes:
    _, out = next(hostile.mutations(data, 1, seed=rng.randrange(1 << 30)))
    return out


def splice(rng: random.Random, data: bytes) -> bytes:
    """A chunk of the file repeated, dropped or moved elsewhere (a bad copy, a resumed download)."""
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randrange(1, 4096))
    chunk, at = data[a:b], rng.randrange(len(data))
    kind = rng.randrange(3)
    if kind == 0:
        return data[:at] + chunk * rng.randint(2, 20) + data[at:]
    if kind == 1:
        return data[:a] + data[b:]
    return data[:at] + chunk + data[at:]


# --- text, HTML, MHT, RTF -----------------------------------------------------------------------

def hostile_text(rng: random.Random, data: bytes) -> bytes:
    """Hostile lines put between the report's lines (a number of hundreds of digits in a table row,
    a statement of a 5,000-digit count, formula text, control characters)."""
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 4)):
        lines.insert(rng.randrange(len(lines) + 1), _text_line(rng))
    if rng.random() < 0.3:  # a table value replaced by a runaway number
        at = [i for i, line in enumerate(lines) if line.strip().isdigit()]
        if at:
            lines[rng.choice(at)] = b"\t" + b"7" * rng.choice((10, 20, 400, 5000))
    return b"\n".join(lines)


def hostile_html(rng: random.Random, data: bytes) -> bytes:
    pieces = [b"<div>" * 5000, b"<table>" + b"<tr><td rowspan=999999999 colspan=-5>1</td></tr>" * 50 + b"</table>",
              b"<td>" + HUGE_CELL.encode() + b"</td>", b"&#xD800;&#0;&#x110000;&#99999999999;&#x1F;",
              b"<script>" + b"x" * 10000, b"<![CDATA[", b"<!--", b"<p>=HYPERLINK(\"x\")</p>",
              b"<meta charset='x-no-such'>", "<p>全年共收到申请".encode() + b"9" * 5000 + "件</p>".encode()]
    out = data
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(out) + 1)
        out = out[:at] + rng.choice(pieces) + out[at:]
    return out


def hostile_rtf(rng: random.Random, data: bytes) -> bytes:
    pieces = [b"{" * 3000, b"}" * 50, b"\\u-10240?\\u55296?\\u99999999999?", b"\\bin999999999 ", b"\\'zz\\'",
              b"{\\*\\fldinst HYPERLINK \"http://x\"}{\\fldrslt =HYPERLINK(1)}", b"\\ansicpg99999 ",
              b"\\par " + HUGE_CELL.encode() + b"\\cell ", b"\\trowd\\cellx-99999999999\\cellx5 \\row" * 20,
              b"\\uc99999 \\u20013?", b"\\" + b"a" * 5000 + b"99999999999999999999 "]
    out = data
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(out) + 1)
        out = out[:at] + rng.choice(pieces) + out[at:]
    return out


def hostile_mht(rng: random.Random, data: bytes) -> bytes:
    choice = rng.randrange(4)
    if choice == 0:  # the boundary broken or missing
        return re.sub(rb'boundary="?[^"\r\n;]+"?', b'boundary=""', data, count=1)
    if choice == 1:
        return data.replace(b"Content-Transfer-Encoding: 8bit", b"Content-Transfer-Encoding: base64", 1)
    if choice == 2:
        return data.replace(b"Content-Transfer-Encoding: 8bit", b"Content-Transfer-Encoding: quoted-printable", 1) + b"=\r\n=ZZ=4"
    return hostile_html(rng, data)


# --- ZIP containers (DOCX, XLSX) ------------------------------------------------------------------

def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    import warnings
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a duplicated name is the point
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, body in members:
                z.writestr(name, body)
    return out.getvalue()


def _xml_edit(rng: random.Random, xml: bytes) -> bytes:
    kind = rng.randrange(8)
    if kind == 0:  # the root in another namespace
        return re.sub(rb'xmlns(:\w+)?="[^"]*"', lambda m: m.group(0)[:m.group(0).index(b'"') + 1] + b'urn:other"', xml, count=1)
    if kind == 1:  # an element's end cut away
        ends = [m.start() for m in re.finditer(rb"</", xml)]
        if not ends:
            return xml
        at = rng.choice(ends)
        return xml[:at] + xml[xml.index(b">", at) + 1:]
    if kind == 2:  # a text node replaced by a runaway number, formula or control text
        texts = [m.span(1) for m in re.finditer(rb">([^<>]{1,200})<", xml)]
        if not texts:
            return xml
        a, b = rng.choice(texts)
        junk = rng.choice([HUGE_CELL.encode(), b"9" * 5000, b'=HYPERLINK("x")', b"&#1;", b"&#xD800;", b"&undefined;"])
        return xml[:a] + junk + xml[b:]
    if kind == 3:  # attribute values made junk or huge
        return re.sub(rb'="(\d+)"', lambda m: b'="' + rng.choice([b"-1", b"99999999999999999999", b"x", b""]) + b'"',
                      xml, count=rng.randint(1, 20))
    if kind == 4:  # an element repeated many times
        m = re.search(rb"<(\w+:)?(p|tr|row|c|si)\b[^>]*>.*?</\1?\2>", xml, re.S)
        return xml if m is None else xml[:m.start()] + m.group(0) * rng.randint(50, 500) + xml[m.start():]
    if kind == 5:  # an entity bomb's first step (lxml refuses the entities)
        return b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>' + \
            re.sub(rb"^<\?xml[^>]*\?>", b"", xml)
    if kind == 6:  # the declaration claims another encoding
        return re.sub(rb'encoding="[^"]*"', b'encoding="UTF-16"', xml, count=1)
    return xml[:rng.randrange(len(xml) + 1)]  # the part cut short


def inner_xml(rng: random.Random, data: bytes) -> bytes:
    members = _members(data)
    xmls = [i for i, (n, _) in enumerate(members) if n.endswith((".xml", ".rels"))]
    for i in rng.sample(xmls, k=min(len(xmls), rng.randint(1, 2))):
        name, body = members[i]
        members[i] = (name, _xml_edit(rng, body))
    return _zip(members)


def zip_level(rng: random.Random, data: bytes) -> bytes:
    members = _members(data)
    kind = rng.randrange(5)
    main = next((i for i, (n, _) in enumerate(members) if n in ("word/document.xml", "xl/workbook.xml")), 0)
    if kind == 0:  # a duplicated member whose last copy is bogus
        return _zip([*members, (members[main][0], rng.choice([b"", b"<x/>", b"\x00" * 100, b'<?xml version="1.0"?><o xmlns="urn:o"/>']))])
    if kind == 1:  # a member left out
        del members[rng.randrange(len(members))]
        return _zip(members)
    if kind == 2:  # a member renamed (case, a slash, a traversal)
        name, body = members[main]
        members[main] = (rng.choice([name.upper(), "/" + name, "../" + name, name + "\x00"]), body)
        return _zip(members)
    if kind == 3:  # the method or flags of every header changed
        return hostile.unknown_compression() if rng.random() < 0.5 else hostile.zipcrypto_flag()
    cd = data.rfind(b"PK\x01\x02")  # the central directory damaged
    b = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(max(0, cd - 10), len(b)) if cd >= 0 else rng.randrange(len(b))
        b[at] = rng.randrange(256)
    return bytes(b)


# --- PDF structure --------------------------------------------------------------------------------

def pdf_structure(rng: random.Random, data: bytes) -> bytes:
    kind = rng.randrange(7)
    if kind == 0:  # the cross-reference table gone or wrong
        at = data.rfind(b"xref")
        return data[:at] + data[at:].replace(b" n \n", b" f \n", rng.randint(1, 5)) if at >= 0 else data[:-30]
    if kind == 1:  # stream lengths lie
        return re.sub(rb"/Length (\d+)", lambda m: b"/Length " + rng.choice([b"0", b"-5", b"99999999999", b"3 0 R"]),
                      data, count=rng.randint(1, 3))
    if kind == 2:  # endstream / endobj lost
        word = rng.choice([b"endstream", b"endobj"])
        return data.replace(word, b"", rng.randint(1, 3))
    if kind == 3:  # references made to point at themselves or nowhere
        return re.sub(rb"(\d+) 0 R", lambda m: rng.choice([b"1 0 R", b"999999 0 R", b"-1 0 R", m.group(0)]), data,
                      count=rng.randint(1, 10))
    if kind == 4:  # the page tree's types swapped
        return data.replace(b"/Type /Page ", b"/Type /Pages ", 1).replace(b"/Type/Page", b"/Type/Pages", 1)
    if kind == 5:  # the trailer and startxref gone
        return data[:data.rfind(b"trailer")] if b"trailer" in data else data[: len(data) // 2]
    return data.replace(b"/Count ", b"/Count 99999999", 1)


# --- seeds and the campaign -----------------------------------------------------------------------

def seed_files(folder: Path) -> dict[str, bytes]:
    """One good report per format: generated from the standard where a writer exists, else the
    committed samples (old Word/WPS, old Excel/ET, RTF)."""
    folder.mkdir(parents=True, exist_ok=True)
    ps = layouts.pieces()
    html = layouts.to_portal_html(ps)
    doc = (hostile.SAMPLES / "v05_shiqiao_xiang.doc").read_bytes()
    xls = (hostile.SAMPLES / "v03_liulin_zhen.xls").read_bytes()
    return {
        "pdf": layouts.to_pdf(ps, folder / "seed.pdf").read_bytes(),
        "docx": layouts.to_docx(ps, folder / "seed.docx").read_bytes(),
        "xlsx": layouts.to_xlsx(ps, folder / "seed.xlsx").read_bytes(),
        "txt": layouts.to_text(ps).encode("utf-8"),
        "html": html.encode("utf-8"),
        "mht": layouts.to_mhtml(html),
        "doc": doc, "wps": doc,
        "xls": xls, "et": xls,
        "rtf": gzip.decompress((hostile.SAMPLES / "v10_baima_zhen.rtf.gz").read_bytes()),
    }


GENERIC: tuple[Mutator, ...] = (truncate, flip, splice)
SPECIFIC: dict[str, tuple[Mutator, ...]] = {
    "pdf": (pdf_structure, pdf_structure),
    "docx": (inner_xml, inner_xml, zip_level),
    "xlsx": (inner_xml, inner_xml, zip_level),
    "txt": (hostile_text, hostile_text),
    "html": (hostile_html, hostile_text),
    "mht": (hostile_mht, hostile_text),
    "rtf": (hostile_rtf, hostile_rtf),
    "doc": (), "wps": (), "xls": (), "et": (),
}


def campaign(folder: Path, per_format: int, seed: int = 25) -> list[Path]:
    """`per_format` mutated copies of each format's good report, written into `folder`; each case's
    name says its format, mutators and number."""
    seeds = seed_files(folder / "种子")
    out: list[Path] = []
    for fmt in FORMATS:
        rng = random.Random(f"{seed}:{fmt}")
        choices = GENERIC + SPECIFIC[fmt] * 2
        for k in range(per_format):
            data, names = seeds[fmt], []
            for _ in range(1 if rng.random() < 0.7 else 2):
                mutate = rng.choice(choices)
                try:
                    data = mutate(rng, data) or data[:1]
                except Exception:  # a container a first mutation broke: the second is a byte flip
                    mutate = flip
                    data = flip(rng, data)
                names.append(mutate.__name__)
            p = folder / f"{fmt}_{k:03d}_{'+'.join(names)}.{fmt}"
            p.write_bytes(data)
            out.append(p)
    return out
