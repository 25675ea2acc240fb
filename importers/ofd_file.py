"""OFD (GB/T 33190, the fixed-layout format of the 信创 offices) read like a PDF: each page's text
objects become characters and its path objects' straight segments ruling lines, in points with
`top` measured down, and `page_blocks` finds the ruled tables and the lines of text in them as it
does for a PDF page. An OFD whose pages hold only images is a scan: each page is put together from
its images at their own resolution and read by OCR, as a scanned PDF is.

Read with lxml (`ofd_package`), not a library: easyofd, the one maintained reader on PyPI, unpacks
the whole zip into the working folder, parses every XML part into dicts and needs PyMuPDF and
reportlab; none of it knows the bounds a hostile file needs."""
from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

import numpy as np

from model.document import Document

from . import progress, scan
from .errors import ReadError, corrupt
from .formats import Format
from .limits import check_page_time
from .ofd_package import KIND, MM_PT, OfdPackage, OfdPage
from .options import DEFAULT_OPTIONS, ReadOptions
from .page_blocks import layer_blocks

PAGES_SHOWN = 10
MAX_DPI = 300
MAX_CANVAS_PX = 40_000_000  # a page composed for OCR: an A4 page at 300 dpi is 8.7 M pixels
_DESCENT = 0.2  # of the size below the baseline (a CJK font's), as PDFium measures a character's box


class _Layer:
    """A page as page_blocks takes it (pdfplumber's Page duck type)."""

    def __init__(self, page: OfdPage) -> None:
        self.width, self.height = page.width * MM_PT, page.height * MM_PT
        self.chars = [_char(g.text, g.x, g.y, g.size, g.advance) for g in page.glyphs if g.text.strip() or g.text == " "]
        self.edges = [e for s in page.strokes if (e := _edge(s.x0, s.y0, s.x1, s.y1)) is not None]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)


def _char(text: str, x: float, y: float, size: float, advance: float) -> dict[str, Any]:
    top = (y - size * (1 - _DESCENT)) * MM_PT
    x0 = x * MM_PT
    return {"text": text, "x0": x0, "x1": x0 + max(advance, 0.0) * MM_PT, "top": top, "bottom": top + size * MM_PT,
            "size": size * MM_PT, "upright": True, "doctop": top}


def _edge(x0: float, y0: float, x1: float, y1: float) -> dict[str, Any] | None:
    """A level or upright segment as pdfplumber's line edge (a slanted one rules no table)."""
    left, right = sorted((x0 * MM_PT, x1 * MM_PT))
    top, bottom = sorted((y0 * MM_PT, y1 * MM_PT))
    if abs(bottom - top) < 0.01:
        orientation, bottom = "h", top
    elif abs(right - left) < 0.01:
        orientation, right = "v", left
    else:
        return None
    return {"object_type": "line", "x0": left, "x1": right, "top": top, "bottom": bottom, "doctop": top,
            "width": right - left, "height": bottom - top, "orientation": orientation}


def read_ofd(path: Path, fmt: Format, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    started = time.process_time()  # CPU time: a loaded machine does not shorten the budget
    with OfdPackage(path) as pkg:
        n = len(pkg.page_parts)
        doc = fmt.document(path, page_count=n)
        pages: list[OfdPage] = []
        for pi in range(n):
            check_page_time(options.time_budget, started, pi, n)
            if n >= PAGES_SHOWN:
                progress.page_read(pi, n)
            page = pkg.page(pi)
            layer = _Layer(page)
            doc.blocks.extend(layer_blocks(layer, pi, len(doc.tables())))
            pages.append(page)
        if doc.has_text():
            return doc
        if not any(p.pictures for p in pages):
            raise ReadError("OFD 文件中没有可读的文字，也没有页面图像。请确认文件是否为空白或选错。", kind="empty")
        return _read_scanned(pkg, pages, fmt.document(path, page_count=n), started, options)



def _read_scanned(pkg: OfdPackage, pages: list[OfdPage], doc: Document, started: float, options: ReadOptions) -> Document:
    """Pages of images only: each page composed from its images and read by OCR."""
    scan.check_enabled(options)
    doc.ocr = True
    n = len(pages)
    progress.page_read(0, n, ocr=True)
    for pi, page in enumerate(pages):
        scan.check_budget(started, options.time_budget, pi, n)
        composed = page_image(pkg, page)
        if composed is not None:
            image, dpi = composed
            doc.blocks.extend(scan.read_page(scan.Page(image, dpi, pi), len(doc.tables())))
        progress.page_read(pi + 1, n, ocr=True)
    return scan.finished(doc, "这是扫描件（OFD 中只有图片），但未能识别出文字。请提供清晰扫描件或电子版。")


def page_image(pkg: OfdPackage, page: OfdPage) -> tuple[Any, float] | None:
    """The page's images drawn on white at the largest one's resolution (at most MAX_DPI), as
    RGB pixels, and that resolution; None for a page without an image."""
    from PIL import Image, UnidentifiedImageError

    images = []
    for pic in page.pictures:
        try:
            img = Image.open(io.BytesIO(pkg.data(pic.part)))
            img.load()
        except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as e:
            raise corrupt(KIND, "页面图像无法解码（可能是本程序不支持的图像格式）") from e
        images.append((pic, img))
    if not images:
        return None
    pic, img = max(images, key=lambda p: (p[0].box[2] - p[0].box[0]) * (p[0].box[3] - p[0].box[1]))
    dpi = img.width / max(1e-3, (pic.box[2] - pic.box[0]) / 25.4)
    # at most MAX_DPI, and a page far larger than A4 at most MAX_CANVAS_PX
    dpi = min(dpi, MAX_DPI, 25.4 * (MAX_CANVAS_PX / max(1.0, page.width * page.height)) ** 0.5)
    scan.check_resolution(dpi)
    k = dpi / 25.4  # pixels per mm
    canvas = Image.new("RGB", (max(1, round(page.width * k)), max(1, round(page.height * k))), "white")
    for pic, img in images:
        w, h = max(1, round((pic.box[2] - pic.box[0]) * k)), max(1, round((pic.box[3] - pic.box[1]) * k))
        canvas.paste(img.convert("RGB").resize((w, h)), (round(pic.box[0] * k), round(pic.box[1] * k)))
    return np.asarray(canvas), dpi
