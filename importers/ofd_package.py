"""An OFD file (GB/T 33190) opened as what its pages draw: a zip of XML, `OFD.xml` → the first
document's `Document.xml` → each page's `Content.xml` (with its templates), whose layers hold text
objects (`TextObject`: `Boundary`, `CTM`, `Font`, `Size`, `TextCode` with `X`/`Y`/`DeltaX`/`DeltaY`),
path objects (`AbbreviatedData`: the table rules) and image objects (a scan's pages), nested in
`PageBlock`s and composite objects. Lengths are millimetres, y down from the page's top edge.

Shared by the OFD reader (text and rules → blocks, or images → OCR) and the source view, which
draws a page from the same objects. The XML is parsed without DTDs, entities or network; a part,
the objects of a page, nesting and references are bounded, and a reference cycle is refused."""
from __future__ import annotations

import math
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .errors import ReadError, corrupt
from .limits import MAX_NESTING, check_zip

WHAT = "OFD 文件"
KIND = "OFD"  # as the damaged-file message names it: 无法作为 OFD 打开
MM_PT = 72 / 25.4            # points per millimetre
A4_MM = (210.0, 297.0)       # a page whose size the file does not give
MAX_PAGES = 2000
MAX_PART_BYTES = 64 * 1024 * 1024   # one XML part or image unpacked (a report page: ~100 KB)
MAX_OBJECTS = 200_000        # objects (and glyphs, path points) of one page
_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                          huge_tree=False, remove_comments=True, remove_pis=True)
CYCLE = "OFD 文件的页面结构异常（对象循环引用自身），无法读取。请向报送单位索取重新导出的文件。"
TOO_MANY = "OFD 文件第 {page} 页的页面对象异常之多，可能是损坏或恶意构造的文件，已停止读取。请确认是否选错了文件。"


@dataclass(frozen=True)
class Glyph:
    """One character where it is drawn: its origin on the baseline, its size and advance (mm)."""
    text: str
    x: float
    y: float
    size: float
    advance: float
    font: str = ""


@dataclass(frozen=True)
class Stroke:
    """A straight segment of a path (mm), with its line width."""
    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 0.25


@dataclass(frozen=True)
class Picture:
    """An image drawn into a box (mm): its part in the package."""
    box: tuple[float, float, float, float]  # x0, y0, x1, y1
    part: str


@dataclass
class OfdPage:
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    strokes: list[Stroke] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)


def _local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _child(el: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in el if _local(c) == name), None)


def _children(el: etree._Element, name: str) -> Iterator[etree._Element]:
    return (c for c in el if _local(c) == name)


def _floats(text: str | None) -> list[float]:
    parts = (text or "").split()
    try:
        values = [float(t) for t in parts]
        if all(math.isfinite(v) for v in values):
            return values
    except ValueError:
        pass
    out: list[float] = []
    for t in parts:
        try:
            v = float(t)
        except ValueError:
            continue
        if math.isfinite(v):
            out.append(v)
    return out


def _box(text: str | None) -> tuple[float, float, float, float] | None:
    v = _floats(text)
    return (v[0], v[1], v[2], v[3]) if len(v) >= 4 else None


def _matrix(text: str | None) -> _Matrix:
    v = _floats(text)
    return (v[0], v[1], v[2], v[3], v[4], v[5]) if len(v) >= 6 else _IDENTITY


def _apply(m: _Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _times(m: _Matrix, n: _Matrix) -> _Matrix:
    """m then n."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def deltas(text: str | None, count: int) -> list[float]:
    """An OFD DeltaX/DeltaY list, its "g N v" runs (v N times) unfolded, at most `count` long
    (a run may claim any N: only as many as the characters are taken)."""
    tokens = (text or "").split()
    out: list[float] = []
    i = 0
    while i < len(tokens) and len(out) < count:
        if tokens[i] == "g" and i + 2 < len(tokens):
            n, v = _floats(tokens[i + 1]), _floats(tokens[i + 2])
            if n and v:
                out.extend([v[0]] * max(0, min(int(n[0]), count - len(out))))
            i += 3
            continue
        out.extend(_floats(tokens[i]))
        i += 1
    return out[:count]


class OfdPackage:
    """The zip, its parts read on demand and bounded; closed by `close` (or `with`)."""

    def __init__(self, path: Path) -> None:
        check_zip(path, WHAT)
        self.zip = zipfile.ZipFile(path)
        self.names = {n.replace("\\", "/").lstrip("/"): n for n in self.zip.namelist()}
        root = self.xml("OFD.xml")
        body = _child(root, "DocBody")
        doc_root = _child(body, "DocRoot") if body is not None else None
        if doc_root is None or not (doc_root.text or "").strip():
            raise corrupt(KIND, "OFD.xml 中没有文档入口 DocRoot")
        self.doc_path = self._resolve("", doc_root.text or "")
        self.document = self.xml(self.doc_path)
        self.doc_dir = posixpath.dirname(self.doc_path)
        self.page_area = self._page_area(self.document)
        self.fonts: dict[str, str] = {}
        self.media: dict[str, str] = {}
        self.composites: dict[str, etree._Element] = {}
        self._read_resources()
        self.templates = self._templates()
        self.page_parts = self._page_parts()

    def __enter__(self) -> OfdPackage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.zip.close()

    # -- parts -----------------------------------------------------------------------------
    def _resolve(self, base_dir: str, loc: str) -> str:
        loc = loc.strip().replace("\\", "/")
        path = posixpath.normpath(loc.lstrip("/") if loc.startswith("/") else posixpath.join(base_dir, loc))
        if path.startswith("..") or path not in self.names:
            raise corrupt(KIND, f"缺少其中的 {loc[:80]}")
        return path

    def data(self, part: str) -> bytes:
        info = self.zip.getinfo(self.names[part])
        if info.file_size > MAX_PART_BYTES:
            raise ReadError(f"OFD 文件中的 {part[:80]} 解压后异常庞大（约 {info.file_size // (1024 * 1024)} MB），"
                            "可能是损坏或恶意构造的文件，已拒绝打开。", kind="too_large")
        return self.zip.read(info)

    def xml(self, part: str) -> etree._Element:
        if part not in self.names:
            raise corrupt(KIND, f"缺少其中的 {part[:80]}")
        data = self.data(part)
        if b"<!ENTITY" in data[:65536]:  # never needed by OFD; a "billion laughs" or an external entity
            raise ReadError("OFD 文件中含有外部实体或实体定义（可能是恶意构造的文件），已拒绝打开。请向报送单位索取正常导出的文件。",
                            kind="corrupt")
        try:
            return etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as e:
            raise corrupt(KIND, f"{part[:80]} 不是完整的 XML") from e

    # -- the document --------------------------------------------------------------------------
    @staticmethod
    def _page_area(el: etree._Element) -> tuple[float, float] | None:
        common = _child(el, "CommonData")
        area = _child(common if common is not None else el, "PageArea") if _local(el) == "Document" else _child(el, "Area")
        physical = _child(area, "PhysicalBox") if area is not None else None
        box = _box(physical.text) if physical is not None else None
        if box is None or not (1 <= box[2] <= 5000 and 1 <= box[3] <= 5000):
            return None
        return box[2], box[3]

    def _read_resources(self) -> None:
        common = _child(self.document, "CommonData")
        if common is None:
            return
        for kind in ("PublicRes", "DocumentRes"):
            for ref in _children(common, kind):
                try:
                    part = self._resolve(self.doc_dir, ref.text or "")
                except ReadError:
                    continue  # a missing resource file: its fonts fall back, its images are not drawn
                self._read_res(part)

    def _read_res(self, part: str) -> None:
        res = self.xml(part)
        base = posixpath.join(posixpath.dirname(part), (res.get("BaseLoc") or "").strip().replace("\\", "/"))
        for el in res.iter():
            name = _local(el)
            rid = el.get("ID")
            if rid is None:
                continue
            if name == "Font":
                self.fonts[rid] = el.get("FamilyName") or el.get("FontName") or ""
            elif name == "MultiMedia":
                media = _child(el, "MediaFile")
                if media is not None and (media.text or "").strip():
                    loc = (media.text or "").strip()
                    self.media[rid] = posixpath.normpath(loc.lstrip("/") if loc.startswith("/") else posixpath.join(base, loc))
            elif name == "CompositeGraphicUnit":
                self.composites[rid] = el

    def _templates(self) -> dict[str, str]:
        common = _child(self.document, "CommonData")
        out: dict[str, str] = {}
        for t in _children(common, "TemplatePage") if common is not None else ():
            if t.get("ID") and t.get("BaseLoc"):
                try:
                    out[t.get("ID") or ""] = self._resolve(self.doc_dir, t.get("BaseLoc") or "")
                except ReadError:
                    continue
        return out

    def _page_parts(self) -> list[str]:
        pages = _child(self.document, "Pages")
        refs = list(_children(pages, "Page")) if pages is not None else []
        if not refs:
            raise corrupt(KIND, "文档中没有任何页面")
        if len(refs) > MAX_PAGES:
            raise ReadError(f"OFD 文件共 {len(refs)} 页，远超一份年度报告的篇幅，已停止读取。请确认是否选错了文件。", kind="too_large")
        return [self._resolve(self.doc_dir, p.get("BaseLoc") or "") for p in refs]

    # -- a page ------------------------------------------------------------------------------
    def page(self, index: int) -> OfdPage:
        part = self.page_parts[index]
        root = self.xml(part)
        if _local(root) != "Page":
            raise corrupt(KIND, f"第 {index + 1} 页的内容不是页面")
        width, height = self._page_area(root) or self.page_area or A4_MM
        page = OfdPage(width, height)
        walk = _Walk(self, page, index)
        for t in _children(root, "Template"):
            tpl = self.templates.get(t.get("TemplateID") or "")
            if tpl is not None and tpl != part:
                walk.content(_child(self.xml(tpl), "Content"), _IDENTITY, 0)
        walk.content(_child(root, "Content"), _IDENTITY, 0)
        return page

    def page_size(self, index: int) -> tuple[float, float]:
        """The page's size in mm, from its own Area or the document's."""
        return self._page_area(self.xml(self.page_parts[index])) or self.page_area or A4_MM


class _Walk:
    """The objects of one page's content, in drawing order, into an OfdPage."""

    def __init__(self, pkg: OfdPackage, page: OfdPage, index: int) -> None:
        self.pkg, self.page, self.index = pkg, page, index
        self.left = MAX_OBJECTS
        self.composing: list[str] = []  # composite units being drawn (a unit inside itself is a cycle)

    def _spend(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise ReadError(TOO_MANY.format(page=self.index + 1), kind="too_large")

    def content(self, content: etree._Element | None, outer: _Matrix, depth: int) -> None:
        if content is None:
            return
        for layer in _children(content, "Layer"):
            self.objects(layer, outer, depth)

    def objects(self, parent: etree._Element, outer: _Matrix, depth: int) -> None:
        if depth > MAX_NESTING:
            raise ReadError("OFD 文件的页面结构嵌套过深（可能是损坏或恶意构造的文件），已停止读取。请向报送单位索取正常导出的文件。",
                          kind="corrupt")
        for el in parent:
            self._spend(1)
            name = _local(el)
            if name == "PageBlock":
                self.objects(el, outer, depth + 1)
            elif name == "TextObject":
                self.text(el, outer)
            elif name == "PathObject":
                self.path(el, outer)
            elif name == "ImageObject":
                self.image(el, outer)
            elif name == "CompositeObject":
                self.composite(el, outer, depth)

    @staticmethod
    def _placement(el: etree._Element, outer: _Matrix) -> _Matrix | None:
        """The object's CTM, then its boundary's origin, then the enclosing placement."""
        box = _box(el.get("Boundary"))
        if box is None:
            return None
        return _times(_times(_matrix(el.get("CTM")), (1.0, 0.0, 0.0, 1.0, box[0], box[1])), outer)

    def text(self, el: etree._Element, outer: _Matrix) -> None:
        m = self._placement(el, outer)
        if m is None or el.get("Visible") == "false":
            return
        size = (_floats(el.get("Size")) or [3.5])[0]
        font = self.pkg.fonts.get(el.get("Font") or "", "")
        pen = (0.0, 0.0)
        for code in _children(el, "TextCode"):
            pen = self._code(code, m, size, font, pen)

    def _code(self, code: etree._Element, m: _Matrix, size: float, font: str, pen: tuple[float, float]) -> tuple[float, float]:
        """The characters of one TextCode, from its X/Y (else where the last one ended); where it ends."""
        text = code.text or ""
        self._spend(len(text))
        x = (_floats(code.get("X")) or [pen[0]])[0]
        y = (_floats(code.get("Y")) or [pen[1]])[0]
        dx, dy = deltas(code.get("DeltaX"), len(text)), deltas(code.get("DeltaY"), len(text))
        scale, xscale = math.hypot(m[2], m[3]) or 1.0, math.hypot(m[0], m[1]) or 1.0
        for k, ch in enumerate(text):
            advance = dx[k] if k < len(dx) else (size if ord(ch) > 0x2E80 else size / 2)
            px, py = _apply(m, x, y)
            self.page.glyphs.append(Glyph(ch, px, py, size * scale, advance * xscale, font))
            x += advance
            y += dy[k] if k < len(dy) else 0.0
        return x, y

    def path(self, el: etree._Element, outer: _Matrix) -> None:
        m = self._placement(el, outer)
        data = _child(el, "AbbreviatedData")
        if m is None or data is None or el.get("Visible") == "false":
            return
        width = (_floats(el.get("LineWidth")) or [0.353])[0] * (math.hypot(m[0], m[1]) or 1.0)
        tokens = (data.text or "").split()
        self._spend(len(tokens) // 3)
        for a, b in _segments(tokens):
            (x0, y0), (x1, y1) = _apply(m, *a), _apply(m, *b)
            self.page.strokes.append(Stroke(x0, y0, x1, y1, width))

    def image(self, el: etree._Element, outer: _Matrix) -> None:
        m = self._placement(el, outer)
        part = self.pkg.media.get(el.get("ResourceID") or "")
        if m is None or part is None or part not in self.pkg.names:
            return
        corners = [_apply(m, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        self.page.pictures.append(Picture((min(xs), min(ys), max(xs), max(ys)), part))

    def composite(self, el: etree._Element, outer: _Matrix, depth: int) -> None:
        rid = el.get("ResourceID") or ""
        unit = self.pkg.composites.get(rid)
        m = self._placement(el, outer)
        if unit is None or m is None:
            return
        if rid in self.composing:
            raise ReadError(CYCLE, kind="corrupt")
        self.composing.append(rid)
        try:
            inner = _child(unit, "Content")
            if inner is not None:
                self.objects(inner, m, depth + 1)
        finally:
            self.composing.pop()


def _segments(tokens: list[str]) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight segments of an AbbreviatedData path (M/S move, L line, C close; the curves
    Q, B and A move the pen without a straight segment)."""
    arity = {"M": 2, "S": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}
    i = 0
    start = cur = None
    while i < len(tokens):
        op = tokens[i]
        n = arity.get(op)
        if n is None:
            i += 1
            continue
        args = _floats(" ".join(tokens[i + 1:i + 1 + n]))
        i += 1 + n
        if len(args) < n:
            continue
        if op in ("M", "S"):
            start = cur = (args[0], args[1])
        elif op == "L":
            if cur is not None:
                yield cur, (args[0], args[1])
            cur = (args[0], args[1])
            start = start or cur
        elif op == "C":
            if cur is not None and start is not None and cur != start:
                yield cur, start
            cur = start
        else:
            cur = (args[-2], args[-1])
