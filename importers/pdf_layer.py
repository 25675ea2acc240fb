"""A PDF page's characters and drawn lines read by PDFium, in pdfplumber's coordinates and shapes.

pdfplumber gets both from pdfminer's layout pass, which is most of its time; PDFium gives the same
characters, boxes and path segments several times faster. They come out as the dicts pdfplumber's
own word grouping and table finder take (`top` measured down from the page's top edge, a character
from its baseline's descent to one font size above it, paths split and classified as pdfminer
does), so those two parts of pdfplumber run unchanged on them.
"""
from __future__ import annotations

import ctypes
import itertools
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as R

Obj = dict[str, Any]
_Point = tuple[float, float]
_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_MAX_FORM_DEPTH = 8
_MAX_OBJECTS = 200_000  # page objects (and segments) read from one page: a report has a few thousand


class Unsupported(Exception):
    """A page this reader does not place exactly like pdfminer (rotated, vertical text)."""


@dataclass
class PageLayer:
    """What the table finder and the word grouping need of a page (pdfplumber's Page duck type)."""
    width: float
    height: float
    chars: list[Obj] = field(default_factory=list)
    edges: list[Obj] = field(default_factory=list)
    images: int = 0  # image objects drawn on the page (a scan's pages are images)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)


def read_layer(page: pdfium.PdfPage) -> PageLayer:
    if page.get_rotation() % 360:
        raise Unsupported("rotated page")
    # measured from the shown page's (the crop box's) top-left corner, as the source view draws
    # it; for the usual page whose boxes start at 0, 0 these are pdfplumber's coordinates
    x0, y0, x1, y1 = page.get_cropbox()
    flip = _Flip(min(x0, x1), max(y0, y1))
    layer = PageLayer(abs(x1 - x0), abs(y1 - y0))
    textpage = page.get_textpage()
    try:
        layer.chars = _chars(textpage.raw, flip)
    finally:
        textpage.close()
    layer.edges, layer.images = _edges(page.raw, flip)
    return layer


@dataclass(frozen=True)
class _Flip:
    left: float
    top_y: float  # the page's top edge in PDF user space

    def x(self, x: float) -> float:
        return x - self.left

    def top(self, y: float) -> float:
        return self.top_y - y


def _chars(tp: Any, flip: _Flip) -> list[Obj]:
    n = R.FPDFText_CountChars(tp)
    box = R.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    runs: dict[int | None, tuple[float, float]] = {}
    out: list[Obj] = []
    pending_high = 0
    # bound once: this loop runs for every character of the report
    unicode, generated, text_object = R.FPDFText_GetUnicode, R.FPDFText_IsGenerated, R.FPDFText_GetTextObject
    loose_box, origin, address, c_void_p = R.FPDFText_GetLooseCharBox, R.FPDFText_GetCharOrigin, ctypes.cast, ctypes.c_void_p
    left, top_y = flip.left, flip.top_y
    for i in range(n):
        u = unicode(tp, i)
        if u == 32 and generated(tp, i):  # a space PDFium put in a gap (only blanks are generated)
            continue
        if 0xD800 <= u <= 0xDBFF:  # UTF-16: the high half of a character outside the BMP
            pending_high = u
            continue
        if 0xDC00 <= u <= 0xDFFF and pending_high:
            u = 0x10000 + ((pending_high - 0xD800) << 10) + (u - 0xDC00)
        pending_high = 0
        if u < 32 or u in (0xFFFE, 0xFFFF):
            continue
        key = address(text_object(tp, i), c_void_p).value
        run = runs.get(key)
        if run is None:
            run = runs[key] = _run(tp, i, key)
        size, descent = run
        loose_box(tp, i, box)
        origin(tp, i, ox, oy)
        top = top_y - (oy.value + size * (descent + 1.0))
        x0 = ox.value
        # x0 at the origin, as pdfminer has it (PDFium's box starts at the glyph's ink for a font
        # without ascent and descent); x1 where the advance ends
        out.append({"text": chr(u), "x0": x0 - left, "x1": max(box.right, x0) - left, "top": top, "bottom": top + size,
                    "size": size, "upright": True, "doctop": top})
    return out


def _run(tp: Any, i: int, key: int | None) -> tuple[float, float]:
    """The size on the page (the font size scaled by the text and page matrices, as pdfminer
    measures it) and the font's descent per point of size: once per text object."""
    m = R.FS_MATRIX()
    if not R.FPDFText_GetMatrix(tp, i, m):
        m.a, m.b, m.c, m.d = 1.0, 0.0, 0.0, 1.0
    if abs(m.b) > 1e-6 or abs(m.c) > 1e-6 or m.a * m.d <= 0:
        raise Unsupported("rotated or mirrored text")
    d = ctypes.c_float(0.0)
    font = R.FPDFTextObj_GetFont(R.FPDFText_GetTextObject(tp, i)) if key else None
    descent = d.value if font and R.FPDFFont_GetDescent(font, ctypes.c_float(1.0), d) else 0.0
    return R.FPDFText_GetFontSize(tp, i) * abs(m.d), descent


def _edges(page: Any, flip: _Flip) -> tuple[list[Obj], int]:
    """The page's drawn lines as edges, and how many images it draws."""
    edges: list[Obj] = []
    budget = [_MAX_OBJECTS, 0]  # objects still to read, images seen
    _walk(page, None, _IDENTITY, 0, flip, edges, budget)
    return edges, budget[1]


def _walk(page: Any, form: Any, outer: _Matrix, depth: int, flip: _Flip, edges: list[Obj], budget: list[int]) -> None:
    count = R.FPDFFormObj_CountObjects(form) if form is not None else R.FPDFPage_CountObjects(page)
    for k in range(max(0, count)):
        budget[0] -= 1
        if budget[0] < 0:
            return
        obj = R.FPDFFormObj_GetObject(form, k) if form is not None else R.FPDFPage_GetObject(page, k)
        kind = R.FPDFPageObj_GetType(obj)
        if kind == R.FPDF_PAGEOBJ_PATH:
            _path_edges(obj, outer, flip, edges, budget)
        elif kind == R.FPDF_PAGEOBJ_IMAGE:
            budget[1] += 1
        elif kind == R.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
            _walk(page, obj, _times(_matrix(obj), outer), depth + 1, flip, edges, budget)


def _matrix(obj: Any) -> _Matrix:
    m = R.FS_MATRIX()
    if not R.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _times(m: _Matrix, n: _Matrix) -> _Matrix:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _path_edges(obj: Any, outer: _Matrix, flip: _Flip, edges: list[Obj], budget: list[int]) -> None:
    m = _times(_matrix(obj), outer)
    n = R.FPDFPath_CountSegments(obj)
    budget[0] -= max(0, n)
    if n <= 0 or budget[0] < 0:
        return
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[tuple[str, list[_Point]]] = []
    shape, pts = "", list[_Point]()
    bezier = 0
    for k in range(n):
        seg = R.FPDFPath_GetPathSegment(obj, k)
        R.FPDFPathSegment_GetPoint(seg, x, y)
        t = R.FPDFPathSegment_GetType(seg)
        px, py = float(x.value), float(y.value)
        p = (m[0] * px + m[2] * py + m[4], m[1] * px + m[3] * py + m[5])
        if t == R.FPDF_SEGMENT_MOVETO:
            if shape:
                subpaths.append((shape, pts))
            shape, pts, bezier = "m", [p], 0
        elif t == R.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3 == 0:  # two control points, then the end point pdfminer keeps
                shape += "c"
                pts.append(p)
        else:
            shape += "l"
            pts.append(p)
        if R.FPDFPathSegment_GetClose(seg) and shape:
            shape += "h"
            pts.append(pts[0])
    if shape:
        subpaths.append((shape, pts))
    for shape, pts in subpaths:
        _paint(shape, pts, flip, edges)


def _paint(shape: str, pts: list[_Point], flip: _Flip, edges: list[Obj]) -> None:
    """pdfminer's paint_path for one subpath, then pdfplumber's edges of the object it makes."""
    if shape[:1] != "m":
        return
    shape, pts = _without_redundant_line(shape, pts)
    if shape in ("ml", "mlh"):
        edges.append(_line_edge(pts[0], pts[1], flip))
    elif _is_upright_rect(shape, pts):
        edges.extend(_rect_edges(pts[0], pts[2], flip))
    else:
        edges.extend(_line_edge(p0, p1, flip, curve=True) for p0, p1 in itertools.pairwise(pts))


def _without_redundant_line(shape: str, pts: list[_Point]) -> tuple[str, list[_Point]]:
    """A closed subpath whose last "l" already returns to its start: that "l" dropped, as pdfminer does."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        return shape[:-2] + "h", pts[:-2] + pts[-1:]
    return shape, pts


def _is_upright_rect(shape: str, pts: list[_Point]) -> bool:
    """Four lines back to the start, each level or upright: pdfminer makes it a rect."""
    if shape not in ("mlllh", "mllll"):
        return False
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
    square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
    return pts[0] == pts[4] and square


def _line_edge(p0: _Point, p1: _Point, flip: _Flip, *, curve: bool = False) -> Obj:
    x0, x1 = sorted((flip.x(p0[0]), flip.x(p1[0])))
    top, bottom = sorted((flip.top(p0[1]), flip.top(p1[1])))
    if curve:
        orientation = "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)
    else:
        orientation = "h" if top == bottom else "v"
    return {"object_type": "curve_edge" if curve else "line", "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "doctop": top, "width": x1 - x0, "height": bottom - top, "orientation": orientation}


def _rect_edges(a: _Point, b: _Point, flip: _Flip) -> list[Obj]:
    x0, x1 = sorted((flip.x(a[0]), flip.x(b[0])))
    top, bottom = sorted((flip.top(a[1]), flip.top(b[1])))

    def edge(ex0: float, ex1: float, et: float, eb: float, orientation: str) -> Obj:
        return {"object_type": "rect_edge", "x0": ex0, "x1": ex1, "top": et, "bottom": eb, "doctop": et,
                "width": ex1 - ex0, "height": eb - et, "orientation": orientation}

    return [edge(x0, x1, top, top, "h"), edge(x0, x1, bottom, bottom, "h"),
            edge(x0, x0, top, bottom, "v"), edge(x1, x1, top, bottom, "v")]
