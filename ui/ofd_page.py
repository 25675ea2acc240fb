"""An OFD page drawn as the PDF view shows a PDF page: a QImage at a given scale (pixels per point),
painted with QPainter from the objects the reader reads (importers.ofd_package): its images, its
rules and its text, each character at its own place and size. The boxes the reader gives are in
the same points, so the PDF view boxes a place on it unchanged. Safe to call from any thread."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

from importers.ofd_package import MM_PT, OfdPackage, OfdPage

_SERIF = ["宋体", "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN", "Noto Sans CJK SC"]
_SANS = ["黑体", "SimHei", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei"]
MAX_PIXELS = 60_000_000  # a page image at most (an A4 page at 4× its width fitting the view is ~24 M)


def is_ofd(path: str) -> bool:
    """An OFD by content (a zip): the PDF view draws it with this module instead of PDFium."""
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def page_sizes(path: str) -> list[tuple[float, float]]:
    """Each page's size in points."""
    with OfdPackage(Path(path)) as pkg:
        return [(w * MM_PT, h * MM_PT) for w, h in (pkg.page_size(i) for i in range(len(pkg.page_parts)))]


def render_page(path: str, index: int, scale: float) -> QImage:
    with OfdPackage(Path(path)) as pkg:
        page = pkg.page(index)
        k = scale * MM_PT  # pixels per mm
        w, h = max(1, round(page.width * k)), max(1, round(page.height * k))
        if w * h > MAX_PIXELS:
            return QImage()
        image = QImage(w, h, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        p = QPainter(image)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            _pictures(p, pkg, page, k)
            _rules(p, page, k)
            _text(p, page, k)
        finally:
            p.end()
        return image


def _pictures(p: QPainter, pkg: OfdPackage, page: OfdPage, k: float) -> None:
    for pic in page.pictures:
        img = QImage.fromData(pkg.data(pic.part))
        if not img.isNull():
            x0, y0, x1, y1 = pic.box
            p.drawImage(QRectF(x0 * k, y0 * k, (x1 - x0) * k, (y1 - y0) * k), img)


def _rules(p: QPainter, page: OfdPage, k: float) -> None:
    for s in page.strokes:
        pen = QPen(QColor("black"), max(1.0, s.width * k))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        p.setPen(pen)
        p.drawLine(QPointF(s.x0 * k, s.y0 * k), QPointF(s.x1 * k, s.y1 * k))


def _font(name: str, pixels: float, cache: dict[tuple[str, int], QFont]) -> QFont:
    key = (name, max(1, round(pixels)))
    font = cache.get(key)
    if font is None:
        font = QFont()
        sans = any(w in name for w in ("黑", "Hei", "Sans", "楷", "Kai")) and "Song" not in name
        font.setFamilies([name, *(_SANS if sans else _SERIF)] if name else _SERIF)
        font.setPixelSize(key[1])
        cache[key] = font
    return font


def _text(p: QPainter, page: OfdPage, k: float) -> None:
    p.setPen(QColor("black"))
    cache: dict[tuple[str, int], QFont] = {}
    for g in page.glyphs:
        if not g.text.strip():
            continue
        p.setFont(_font(g.font, g.size * k, cache))
        p.drawText(QPointF(g.x * k, g.y * k), g.text)
