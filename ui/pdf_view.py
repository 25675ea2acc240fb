"""PDF pages as images, rendered by pypdfium2 off the GUI thread, only the pages in view, with a
box drawn around the selected place (a bbox in PDF points, origin top-left). A scan given as an
image file (.jpg/.png/.tif, one page per frame) is shown the same way, its points being its pixels
at the resolution the scan importer read it at; an OFD's pages are drawn by `ofd_page`."""
from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, QRunnable, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QScrollArea, QWidget

from importers.pdfium_lock import PDFIUM
from model.document import Location

from . import ofd_page
from .common import BOX_FILL, BOX_PEN
from .ofd_page import is_ofd

MARGIN = 12     # px around and between pages


class _Signals(QObject):
    sizes = Signal(int, object)                 # generation, [(w, h) in points] or an error text
    page = Signal(int, int, float, QImage)      # generation, page index, scale, image


class _SizesJob(QRunnable):
    def __init__(self, signals: _Signals, gen: int, path: str) -> None:
        super().__init__()
        self.signals, self.gen, self.path = signals, gen, path

    def run(self) -> None:
        try:
            if is_image(self.path):
                self.signals.sizes.emit(self.gen, image_sizes(self.path))
                return
            if is_ofd(self.path):
                self.signals.sizes.emit(self.gen, ofd_page.page_sizes(self.path))
                return
            import pypdfium2 as pdfium
            with PDFIUM:
                pdf = pdfium.PdfDocument(self.path)
                try:
                    sizes = [pdf.get_page_size(i) for i in range(len(pdf))]
                finally:
                    pdf.close()
            self.signals.sizes.emit(self.gen, sizes)
        except Exception as e:  # a moved or damaged file: the view says so
            kind = "OFD" if is_ofd(self.path) else "PDF"
            self.signals.sizes.emit(self.gen, f"无法显示 {kind} 页面（{type(e).__name__}）。")


class _RenderJob(QRunnable):
    def __init__(self, signals: _Signals, gen: int, path: str, page: int, scale: float) -> None:
        super().__init__()
        self.signals, self.gen, self.path, self.page_no, self.scale = signals, gen, path, page, scale

    def run(self) -> None:
        try:
            self.signals.page.emit(self.gen, self.page_no, self.scale, render_page(self.path, self.page_no, self.scale))
        except Exception:
            self.signals.page.emit(self.gen, self.page_no, self.scale, QImage())


IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff")


def is_image(path: str) -> bool:
    return path.lower().endswith(IMAGE_SUFFIXES)


def _frames(path: str):
    from PIL import Image, ImageSequence

    from importers.scan_file import image_dpi
    with Image.open(path) as img:
        for frame in ImageSequence.Iterator(img):
            yield frame, image_dpi(frame.info.get("dpi"), frame.width)


def image_sizes(path: str) -> list[tuple[float, float]]:
    """Each frame's size in points, as the scan importer measures it."""
    return [(f.width * 72 / dpi, f.height * 72 / dpi) for f, dpi in _frames(path)]


def render_image(path: str, index: int, scale: float) -> QImage:
    for i, (frame, dpi) in enumerate(_frames(path)):
        if i == index:
            k = scale * 72 / dpi
            rgb = frame.convert("RGB").resize((max(1, round(frame.width * k)), max(1, round(frame.height * k))))
            return QImage(rgb.tobytes(), rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888).copy()
    return QImage()


def render_page(path: str, index: int, scale: float) -> QImage:
    """One page as a QImage (safe to call from any thread)."""
    if is_image(path):
        return render_image(path, index, scale)
    if is_ofd(path):
        return ofd_page.render_page(path, index, scale)
    import pypdfium2 as pdfium
    with PDFIUM:
        pdf = pdfium.PdfDocument(path)
        try:
            page = pdf[index]
            try:
                bitmap = page.render(scale=scale, rev_byteorder=True)
                fmt = {"RGB": QImage.Format.Format_RGB888, "RGBA": QImage.Format.Format_RGBA8888,
                       "RGBX": QImage.Format.Format_RGBX8888}.get(bitmap.mode)
                if fmt is None:
                    pil = bitmap.to_pil().convert("RGB")
                    data = pil.tobytes()
                    return QImage(data, pil.width, pil.height, 3 * pil.width, QImage.Format.Format_RGB888).copy()
                return QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, fmt).copy()
            finally:
                page.close()
        finally:
            pdf.close()


class _Canvas(QWidget):
    """All pages, painted one under the other; only pages meeting the exposed area are drawn."""

    def __init__(self, view: PdfView) -> None:
        super().__init__()
        self.view = view
        self.setAutoFillBackground(False)

    def paintEvent(self, event) -> None:
        v = self.view
        p = QPainter(self)
        p.fillRect(event.rect(), QColor("#8a8f98"))
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for i, rect in enumerate(v.page_rects):
            if not rect.intersects(QRectF(event.rect())):
                continue
            p.fillRect(rect, QColor("white"))
            img = v.images.get(i)
            if img is not None and not img[1].isNull():
                p.drawImage(rect, img[1])
            else:
                p.setPen(QColor("#888"))
                p.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"第 {i + 1} 页")
        p.setPen(BOX_PEN)
        p.setBrush(BOX_FILL)
        for box in v.box_rects():
            p.drawRect(box)
        p.end()


class PdfView(QScrollArea):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.canvas = _Canvas(self)
        self.setWidget(self.canvas)
        self._signals = _Signals()
        self._signals.sizes.connect(self._on_sizes)
        self._signals.page.connect(self._on_page)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._gen = 0
        self.path: str | None = None
        self.sizes: list[tuple[float, float]] = []
        self.page_rects: list[QRectF] = []
        self.images: dict[int, tuple[float, QImage]] = {}
        self._asked: set[tuple[int, float]] = set()
        self.zoom = 1.0                       # 1.0 = page width fits the view (nothing cut sideways)
        self.highlight: Location | None = None
        self.also: list[Location] = []         # the other places boxed with it (every suspect of a finding)
        self._pending: Location | None = None  # asked for before the page sizes were known
        self.error: str | None = None
        self._relayout_timer = QTimer(self, singleShot=True, interval=60)
        self._relayout_timer.timeout.connect(self._relayout)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._request_visible())

    # -- document ----------------------------------------------------------------------------
    def set_path(self, path: str | None) -> None:
        self._gen += 1
        self.path = path
        self.sizes, self.page_rects, self.images, self._asked = [], [], {}, set()
        self.highlight = self._pending = None
        self.also = []
        self.error = None
        self.canvas.resize(1, 1)
        if path:
            self._pool.start(_SizesJob(self._signals, self._gen, path))

    def _on_sizes(self, gen: int, sizes) -> None:
        if gen != self._gen:
            return
        if isinstance(sizes, str):
            self.error = sizes
            self.canvas.update()
            return
        self.sizes = [(float(w), float(h)) for w, h in sizes]
        self._relayout()
        if self._pending is not None:
            loc, self._pending = self._pending, None
            self.show_location(loc)

    def _on_page(self, gen: int, page: int, scale: float, image: QImage) -> None:
        if gen != self._gen:
            return
        self.images[page] = (scale, image)
        if 0 <= page < len(self.page_rects):
            self.canvas.update(self.page_rects[page].toAlignedRect())

    def shutdown(self) -> None:
        self._gen += 1
        self._pool.clear()
        self._pool.waitForDone(3000)

    # -- geometry ----------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout_timer.start()

    def page_width(self) -> float:
        """The page's width on screen: at zoom 1.0 it fits the view, the vertical scroll bar that
        pages taller than the view bring counted in (else it would cut the page's right edge)."""
        width = self.viewport().width()
        bar = self.verticalScrollBar()
        if not bar.isVisible():
            width -= bar.sizeHint().width()
        return max(120.0, (width - 2 * MARGIN) * self.zoom)

    def scale_of(self, page: int) -> float:
        """Pixels per PDF point for that page as shown."""
        w, _h = self.sizes[page]
        return self.page_width() / w if w else 1.0

    def _relayout(self) -> None:
        if not self.sizes:
            return
        width = self.page_width()
        y = float(MARGIN)
        rects = []
        for w, h in self.sizes:
            ph = width * h / w if w else width * 1.414
            rects.append(QRectF(MARGIN, y, width, ph))
            y += ph + MARGIN
        self.page_rects = rects
        self.canvas.resize(QSize(int(width + 2 * MARGIN), int(y)))
        self.canvas.update()
        self._request_visible()

    def visible_pages(self) -> list[int]:
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        return [i for i, r in enumerate(self.page_rects) if r.bottom() >= top and r.top() <= bottom]

    def page_in_view(self) -> int | None:
        """The page at the middle of the view."""
        mid = self.verticalScrollBar().value() + self.viewport().height() / 2
        for i, r in enumerate(self.page_rects):
            if r.top() - MARGIN <= mid <= r.bottom() + MARGIN:
                return i
        return None

    def _request_visible(self) -> None:
        if not self.path or not self.page_rects:
            return
        dpr = self.devicePixelRatioF()
        vis = self.visible_pages()
        if vis:
            vis = sorted(set(vis) | {max(0, vis[0] - 1), min(len(self.page_rects) - 1, vis[-1] + 1)})
        for i in vis:
            want = round(self.scale_of(i) * dpr * 4) / 4 or 0.25
            have = self.images.get(i)
            if have is not None and abs(have[0] - want) / want < 0.2:
                continue
            if (i, want) in self._asked:
                continue
            self._asked.add((i, want))
            self._pool.start(_RenderJob(self._signals, self._gen, self.path, i, want))

    def set_zoom(self, zoom: float) -> None:
        self.zoom = min(4.0, max(0.5, zoom))
        keep = self.highlight
        self._relayout()
        if keep is not None:
            self.show_location(keep)

    # -- places --------------------------------------------------------------------------
    def box_rect(self) -> QRectF | None:
        return self._rect_of(self.highlight)

    def box_rects(self) -> list[QRectF]:
        """The boxes of the place shown and of the places boxed with it."""
        return [r for loc in (self.highlight, *self.also) if (r := self._rect_of(loc)) is not None]

    def set_also(self, locs: list[Location]) -> None:
        self.also = [loc for loc in locs if loc.page is not None]
        self.canvas.update()

    def _rect_of(self, loc: Location | None) -> QRectF | None:
        if loc is None or loc.page is None or loc.bbox is None or loc.page >= len(self.page_rects):
            return None
        page = self.page_rects[loc.page]
        k = self.scale_of(loc.page)
        x0, top, x1, bottom = loc.bbox
        return QRectF(page.left() + x0 * k, page.top() + top * k, (x1 - x0) * k, (bottom - top) * k).adjusted(-3, -3, 3, 3)

    def show_location(self, loc: Location) -> bool:
        if loc.page is None:
            return False
        if not self.sizes:
            self._pending = loc
            self.highlight = loc
            return True
        if loc.page >= len(self.sizes):
            return False
        self.highlight = loc
        box = self.box_rect()
        if box is not None:
            self.ensureVisible(int(box.center().x()), int(box.center().y()),
                               int(box.width() / 2 + 40), int(self.viewport().height() / 2 - 10))
        else:
            self.verticalScrollBar().setValue(int(self.page_rects[loc.page].top() - MARGIN))
        self.canvas.update()
        self._request_visible()
        return True

    def clear_highlight(self) -> None:
        self.highlight = None
        self.also = []
        self._pending = None
        self.canvas.update()
