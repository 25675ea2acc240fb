"""An image-only PDF (a scan): each page rendered by pdfium at its embedded image's resolution,
then read by OCR (importers.scan). Pages and boxes are the PDF's own, so the source view shows
the page with the same boxes as a text PDF."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from model.document import Document

from . import progress, scan
from .errors import corrupt
from .formats import Format
from .options import ReadOptions
from .pdfium_lock import PDFIUM

MAX_DPI = 300  # finer scans are read at 300 dpi: no more digits, four times the work


def read_scanned_pdf(path: Path, fmt: Format, started: float, options: ReadOptions) -> Document:
    with PDFIUM:
        return _read_scanned_pages(path, fmt, started, options)


def _read_scanned_pages(path: Path, fmt: Format, started: float, options: ReadOptions) -> Document:
    import pypdfium2 as pdfium

    scan.check_enabled(options)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as e:
        raise corrupt("PDF", "页面图像无法读取") from e
    try:
        n = len(pdf)
        doc = fmt.document(path, page_count=n)
        doc.ocr = True
        progress.page_read(0, n, ocr=True)
        for pi in range(n):
            scan.check_budget(started, options.time_budget, pi, n)
            page = pdf[pi]
            try:
                dpi = _image_dpi(page)
                if dpi is None:
                    progress.page_read(pi + 1, n, ocr=True)
                    continue  # a blank page
                scan.check_resolution(dpi)
                dpi = min(dpi, MAX_DPI)
                image = np.asarray(page.render(scale=dpi / 72).to_pil().convert("RGB"))
            finally:
                page.close()
            doc.blocks.extend(scan.read_page(scan.Page(image, dpi, pi), len(doc.tables())))
            progress.page_read(pi + 1, n, ocr=True)
    finally:
        pdf.close()
    return scan.finished(doc, "这是扫描件（PDF 中只有图片），但未能识别出文字。请提供清晰扫描件或电子版。")


def _image_dpi(page: object) -> float | None:
    """The resolution of the page's largest image, in dots per inch of the page."""
    from pypdfium2 import raw

    best: tuple[float, float] | None = None
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE]):  # type: ignore[attr-defined]
        left, bottom, right, top = obj.get_bounds()
        width_pt = max(1e-3, right - left)
        px = obj.get_px_size()[0]
        area = width_pt * (top - bottom)
        if best is None or area > best[0]:
            best = (area, px / (width_pt / 72))
    return None if best is None else best[1]
