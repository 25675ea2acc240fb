"""A scanned image (.jpg/.png/.tif, every frame of a multi-page TIFF) as a PDF whose pages are the
images at the size the OCR reader measured them in (pixels × 72 / the image's dpi, importers.scan_file),
so the boxes of the findings fall on the same words; the PDF annotator marks it like any PDF."""
from __future__ import annotations

import io
from pathlib import Path
from typing import IO


def image_pdf(path: str | Path, out: IO[bytes]) -> int:
    """Write the image's frames as PDF pages into `out`; returns the pages."""
    from PIL import Image, ImageSequence
    from pypdf import PdfWriter

    from importers.scan_file import image_dpi

    writer = PdfWriter()
    with Image.open(path) as img:
        for frame in ImageSequence.Iterator(img):
            dpi = image_dpi(frame.info.get("dpi"), frame.width)
            page = io.BytesIO()
            frame.convert("RGB").save(page, "PDF", resolution=dpi, quality=90)
            page.seek(0)
            writer.append(page)
    writer.write(out)
    return len(writer.pages)
