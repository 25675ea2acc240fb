"""A photo or scan given as an image file (.jpg, .png, .tif; a multi-page TIFF is one page per
frame), read by OCR like a scanned PDF. Page points are the image's pixels at its stated
resolution (an image that states none is taken as an A4 page wide)."""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from model.document import Document

from . import progress, scan
from .errors import ReadError, corrupt
from .formats import Format
from .options import DEFAULT_OPTIONS, ReadOptions

A4_WIDTH_IN = 8.27
MAX_FRAMES = 200


def read_image(path: Path, fmt: Format, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    started = time.process_time()  # CPU time: a loaded machine does not shorten the budget
    scan.check_enabled(options)
    try:
        img = Image.open(path)
    except (UnidentifiedImageError, OSError) as e:
        raise corrupt("图片", "图像数据无法解码") from e
    with img:
        frames = getattr(img, "n_frames", 1)
        if frames > MAX_FRAMES:
            raise ReadError(f"图片共 {frames} 页，远超一份年度报告的篇幅，已停止读取。", kind="too_large")
        doc = fmt.document(path, page_count=frames)
        doc.ocr = True
        progress.page_read(0, frames, ocr=True)
        for pi, frame in enumerate(ImageSequence.Iterator(img)):
            scan.check_budget(started, options.time_budget, pi, frames)
            dpi = image_dpi(frame.info.get("dpi"), frame.width)
            scan.check_resolution(dpi)
            rgb = np.asarray(frame.convert("RGB"))
            doc.blocks.extend(scan.read_page(scan.Page(rgb, dpi, pi), len(doc.tables())))
            progress.page_read(pi + 1, frames, ocr=True)
    return scan.finished(doc, "图片中未能识别出文字。请提供清晰扫描件或电子版。")


def image_dpi(stated: object, width_px: int) -> float:
    """The image's resolution: as stated when plausible, else as if it were an A4 page wide."""
    if isinstance(stated, tuple) and stated and isinstance(stated[0], int | float) and 50 <= float(stated[0]) <= 1200:
        return float(stated[0])
    return width_px / A4_WIDTH_IN
