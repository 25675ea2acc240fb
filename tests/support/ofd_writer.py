"""Write OFD files (GB/T 33190) for tests, without any OFD library: the OFD copy of a PDF (its
characters as text objects, its ruling lines as path objects, both placed as an OFD producer
places them: a boundary, a CTM on some, DeltaX runs with "g"), the same with the tables moved to a
page of their own, or its pages as images only (a scan). `package` writes any parts as given, for
damaged and hostile files."""
from __future__ import annotations

import io
import itertools
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NS = "http://www.ofdspec.org/2016"
MM_PT = 72 / 25.4


@dataclass
class Run:
    """Characters on one baseline: their left edges (mm), the baseline (mm from the top), the size (mm)."""
    text: str
    xs: list[float]
    baseline: float
    size: float


@dataclass
class PageSpec:
    width: float = 210.0
    height: float = 297.0
    runs: list[Run] = field(default_factory=list)
    lines: list[tuple[float, float, float, float]] = field(default_factory=list)  # mm
    images: list[tuple[tuple[float, float, float, float], bytes]] = field(default_factory=list)  # (x, y, w, h) mm, PNG


def package(parts: dict[str, bytes | str], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, data in parts.items():
            z.writestr(name, data.encode() if isinstance(data, str) else data)
    return out.getvalue()


def _num(v: float) -> str:
    return f"{v:.3f}".rstrip("0").rstrip(".") or "0"


def _deltas(xs: list[float]) -> str:
    """The advances between the characters, equal neighbours folded into "g N v"."""
    steps = [_num(b - a) for a, b in itertools.pairwise(xs)]
    out: list[str] = []
    i = 0
    while i < len(steps):
        j = i
        while j < len(steps) and steps[j] == steps[i]:
            j += 1
        out.append(f"g {j - i} {steps[i]}" if j - i > 2 else " ".join(steps[i:j]))
        i = j
    return " ".join(out)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text_object(oid: int, run: Run, scaled: bool) -> str:
    x0 = run.xs[0]
    top = run.baseline - run.size
    w = run.xs[-1] - x0 + run.size
    k = 2.0 if scaled else 1.0  # a CTM that doubles: the size, the place and the advances halved
    xs = [(x - x0) / k for x in run.xs]
    ctm = ' CTM="2 0 0 2 0 0"' if scaled else ""
    dx = _deltas(xs)
    delta = f' DeltaX="{dx}"' if dx else ""
    return (f'<ofd:TextObject ID="{oid}" Boundary="{_num(x0)} {_num(top)} {_num(w)} {_num(run.size * 1.2)}" Font="2" '
            f'Size="{_num(run.size / k)}"{ctm}><ofd:FillColor Value="0 0 0"/>'
            f'<ofd:TextCode X="0" Y="{_num(run.size / k)}"{delta}>{_esc(run.text)}</ofd:TextCode></ofd:TextObject>')


def _path_object(oid: int, line: tuple[float, float, float, float]) -> str:
    x0, y0, x1, y1 = line
    left, top = min(x0, x1), min(y0, y1)
    w, h = abs(x1 - x0), abs(y1 - y0)
    data = f"M {_num(x0 - left)} {_num(y0 - top)} L {_num(x1 - left)} {_num(y1 - top)}"
    return (f'<ofd:PathObject ID="{oid}" Boundary="{_num(left)} {_num(top)} {_num(max(w, 0.1))} {_num(max(h, 0.1))}" '
            f'LineWidth="0.25"><ofd:AbbreviatedData>{data}</ofd:AbbreviatedData></ofd:PathObject>')


def ofd_bytes(pages: list[PageSpec], *, title: str = "报告") -> bytes:
    parts: dict[str, bytes | str] = {}
    oid = 10
    media: list[str] = []
    page_refs: list[str] = []
    for pi, page in enumerate(pages):
        objects: list[str] = []
        for k, run in enumerate(page.runs):
            oid += 1
            objects.append(_text_object(oid, run, scaled=k % 5 == 4))
        for line in page.lines:
            oid += 1
            objects.append(_path_object(oid, line))
        for (x, y, w, h), png in page.images:
            oid += 1
            mid = 5000 + len(media)
            media.append(f'<ofd:MultiMedia ID="{mid}" Type="Image"><ofd:MediaFile>image_{mid}.png</ofd:MediaFile></ofd:MultiMedia>')
            parts[f"Doc_0/Res/image_{mid}.png"] = png
            objects.append(f'<ofd:ImageObject ID="{oid}" Boundary="{_num(x)} {_num(y)} {_num(w)} {_num(h)}" '
                           f'CTM="{_num(w)} 0 0 {_num(h)} 0 0" ResourceID="{mid}"/>')
        oid += 1
        parts[f"Doc_0/Pages/Page_{pi}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}">'
            f'<ofd:Area><ofd:PhysicalBox>0 0 {_num(page.width)} {_num(page.height)}</ofd:PhysicalBox></ofd:Area>'
            f'<ofd:Content><ofd:Layer ID="{oid}" Type="Body">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')
        page_refs.append(f'<ofd:Page ID="{pi + 1}" BaseLoc="Pages/Page_{pi}/Content.xml"/>')
    parts["OFD.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
                        f'<ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID><ofd:Title>{_esc(title)}</ofd:Title>'
                        '</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
    parts["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
        f'<ofd:MaxUnitID>{oid + 1}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
        '<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData>'
        f'<ofd:Pages>{"".join(page_refs)}</ofd:Pages></ofd:Document>')
    parts["Doc_0/PublicRes.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
                                    '<ofd:Fonts><ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>')
    parts["Doc_0/DocumentRes.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
                                      f'<ofd:MultiMedias>{"".join(media)}</ofd:MultiMedias></ofd:Res>')
    return package(parts)


# -- copies of a PDF ---------------------------------------------------------------------------

def _pdf_layers(pdf_path: Path) -> list[Any]:
    import pypdfium2 as pdfium

    from importers.pdf_layer import read_layer

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        layers = []
        for i in range(len(pdf)):
            page = pdf[i]
            layers.append(read_layer(page))
            page.close()
        return layers
    finally:
        pdf.close()


def _runs(chars: list[dict[str, Any]]) -> list[Run]:
    """The characters in order, cut into runs on one baseline with one size and no wide gap."""
    runs: list[Run] = []
    for c in chars:
        size = c["size"] / MM_PT
        baseline = (c["bottom"] - 0.2 * c["size"]) / MM_PT  # the reader puts the box 0.8 size above it
        x = c["x0"] / MM_PT
        last = runs[-1] if runs else None
        if (last is not None and abs(last.baseline - baseline) < 1e-3 and abs(last.size - size) < 1e-3
                and 0 <= x - last.xs[-1] <= 3 * size):
            last.text += c["text"]
            last.xs.append(x)
        else:
            runs.append(Run(c["text"], [x], baseline, size))
    return runs


def _lines(edges: list[dict[str, Any]]) -> list[tuple[float, float, float, float]]:
    out = []
    for e in edges:
        if e.get("orientation") == "h":
            out.append((e["x0"] / MM_PT, e["top"] / MM_PT, e["x1"] / MM_PT, e["top"] / MM_PT))
        elif e.get("orientation") == "v":
            out.append((e["x0"] / MM_PT, e["top"] / MM_PT, e["x0"] / MM_PT, e["bottom"] / MM_PT))
    return out


def _split_tables(layer: Any) -> list[PageSpec]:
    """The page cut where its ruled tables start and end: the text above them, the tables (with
    what stands between them) on a page of their own, the text below them; empty parts left out."""
    from pdfplumber.table import TableFinder, TableSettings

    boxes = [t.bbox for t in TableFinder(layer, TableSettings.resolve(None)).tables]
    size = (layer.width / MM_PT, layer.height / MM_PT)
    if not boxes:
        return [PageSpec(*size, runs=_runs(layer.chars), lines=_lines(layer.edges))]
    first, last = min(b[1] for b in boxes) - 1, max(b[3] for b in boxes) + 1

    def part(objs: list[dict[str, Any]], k: int) -> list[dict[str, Any]]:
        middle = lambda o: (o["top"] + o["bottom"]) / 2  # noqa: E731
        return [o for o in objs if (middle(o) < first, first <= middle(o) <= last, middle(o) > last)[k]]

    pages = [PageSpec(*size, runs=_runs(part(layer.chars, k)), lines=_lines(part(layer.edges, k))) for k in range(3)]
    return [p for p in pages if p.runs or p.lines]


def from_pdf(pdf_path: Path, *, tables_apart: bool = False) -> bytes:
    """The OFD copy of a PDF with a text layer; with `tables_apart`, each page's ruled tables on a
    page of their own, between the text above and the text below them."""
    pages: list[PageSpec] = []
    for layer in _pdf_layers(pdf_path):
        if tables_apart:
            pages.extend(_split_tables(layer))
        else:
            size = (layer.width / MM_PT, layer.height / MM_PT)
            pages.append(PageSpec(*size, runs=_runs(layer.chars), lines=_lines(layer.edges)))
    return ofd_bytes(pages)


def images_from_pdf(pdf_path: Path, dpi: int = 200, pages: int | None = None) -> bytes:
    """An OFD whose pages are only images: the PDF's pages rendered at `dpi` (a scan)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    specs: list[PageSpec] = []
    try:
        for i in range(len(pdf) if pages is None else min(pages, len(pdf))):
            page = pdf[i]
            w, h = page.get_size()
            buf = io.BytesIO()
            page.render(scale=dpi / 72).to_pil().convert("L").save(buf, "PNG")
            page.close()
            wm, hm = w / MM_PT, h / MM_PT
            specs.append(PageSpec(wm, hm, images=[((0.0, 0.0, wm, hm), buf.getvalue())]))
    finally:
        pdf.close()
    return ofd_bytes(specs)
