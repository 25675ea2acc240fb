"""A scanned page (an image) → the blocks a text PDF page gives: ruled tables as RawTables of
OCR'd cells, every other line of text as a TextBlock, boxes in page points on the page as scanned.

Steps: drop the red seal (read the red channel), deskew, find the table rules (importers.grid), OCR the page once, put
each word in the cell its ink falls in, re-read small cells the detector missed or doubted,
clean specks. A number the engine is unsure of is left blank with its low confidence on the
cell's Location: the OCR-UNCERTAIN rule reports it and no table relation uses it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from model.document import Block, Document, Location, RawTable, TableCell, TextBlock

from . import grid, ocr
from .errors import ReadError
from .options import ReadOptions

Image = npt.NDArray[Any]  # uint8 pixels (cv2 types its results loosely)
_Rect = tuple[float, float, float, float]

OCR_OFF = ("这是扫描件（PDF 中只有图片，没有文字层），文字识别已在设置中关闭。"
           "请在设置中开启“读取扫描件”，或向报送单位索取由 Word/WPS 直接导出的 PDF 或原始 Word 文件。")

MIN_DPI = 100        # below this, digits are a few pixels tall: refuse rather than guess
UNCERTAIN = 0.80     # a number read with less confidence is left blank and reported
REREAD_BELOW = 0.93  # a small cell read with less confidence is read again on its own
TOO_COARSE = "扫描件图像约 {dpi:.0f} dpi，无法可靠识别表格数字：分辨率过低，请提供清晰扫描件或电子版。"

_SPECKS = "·.,，。'`‘’\"“”:：;；_-—~、|丨!！ "
_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_PAGE_NUMBER = re.compile(r"^[-—–－_\s]*(第\s*)?[0-9]+\s*(页)?\s*([/／共]\s*[0-9]+\s*页?)?[-—–－_\s]*$")


@dataclass
class Page:
    """A page image and how it maps to page points."""

    image: Image  # RGB or grey, as scanned
    dpi: float
    index: int


def check_enabled(options: ReadOptions) -> None:
    if not options.ocr:
        raise ReadError(OCR_OFF, kind="scanned")


def finished(doc: Document, unread: str) -> Document:
    """A document read by OCR: refused with `unread` when no text came out, else noted as OCR's."""
    if not doc.has_text():
        raise ReadError(unread, kind="scanned")
    doc.notes.append("扫描件：文字和数字由光学识别（OCR）读出，存疑处请核对原件。")
    return doc


def check_resolution(dpi: float) -> None:
    if dpi < MIN_DPI:
        raise ReadError(TOO_COARSE.format(dpi=dpi), kind="scanned")


def read_page(page: Page, table_offset: int) -> list[Block]:
    colour = page.image.ndim == 3 and _is_colour(page.image)
    grey = np.ascontiguousarray(page.image[:, :, 0]) if colour else _grey(page.image)  # red ink is paper
    if colour:
        grey = _levels(grey)  # the red seal's faint trace gone (on a grey scan this would take faint rules too)
    angle = grid.skew_angle(grey, page.dpi)
    h, w = grey.shape
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    if abs(angle) >= 0.05:
        grey = cv2.warpAffine(grey, rot, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    to_page = _PageMap(cv2.invertAffineTransform(rot), 72.0 / page.dpi)
    ink = grid.ink_mask(grey)
    words = ocr.read_page(cv2.cvtColor(grey, cv2.COLOR_GRAY2RGB))
    grids = grid.find_grids(ink, page.dpi, [wd.box for wd in words])
    placed: list[tuple[float, Block]] = []
    used: set[int] = set()
    for k, g in enumerate(grids):
        table, taken = _table(g, words, grey, ink, page, table_offset + k, to_page)
        used |= taken
        placed.append((g.rect[1], table))
    rest = [wd for i, wd in enumerate(words) if i not in used]
    for line in _lines(rest):
        block = _line_block(line, page.index, h, to_page)
        if block is not None:
            placed.append((line[0].box[1], block))
    placed.sort(key=lambda p: p[0])
    return [b for _, b in placed]


class _PageMap:
    """Deskewed pixels → page points on the page as scanned (the page the source view shows)."""

    def __init__(self, inverse: npt.NDArray[Any], scale: float) -> None:
        self.inverse, self.scale = inverse, scale

    def __call__(self, rect: _Rect) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = rect
        pts = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]], dtype=float) @ self.inverse.T
        s = self.scale
        return (round(float(pts[:, 0].min()) * s, 1), round(float(pts[:, 1].min()) * s, 1),
                round(float(pts[:, 0].max()) * s, 1), round(float(pts[:, 1].max()) * s, 1))


def _grey(image: Image) -> Image:
    return image if image.ndim == 2 else cv2.cvtColor(np.ascontiguousarray(image[:, :, :3]), cv2.COLOR_RGB2GRAY)


def _is_colour(image: Image) -> bool:
    """A colour scan: some pixels far from grey (a grey scan rendered as RGB has none)."""
    small = image[::8, ::8, :3].astype(np.int16)
    spread = small.max(axis=2) - small.min(axis=2)
    return bool((spread > 40).mean() > 0.0005)


def _levels(grey: Image) -> Image:
    """Paper and faint marks (a seal's trace, toner haze) to white, ink stretched to black: Otsu's
    threshold between ink and paper is where white begins."""
    t, _ = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink = grey[grey < t]
    if ink.size == 0:
        return grey
    lo = float(np.percentile(ink, 5))
    hi = float(t)
    if hi - lo < 20:
        return grey
    lut = np.clip((np.arange(256) - lo) * 255.0 / (hi - lo), 0, 255).astype(np.uint8)
    return cv2.LUT(grey, lut)


def _table(g: grid.Grid, words: list[ocr.Word], grey: Image, ink: grid.Mask, page: Page, index: int,
           to_page: _PageMap) -> tuple[RawTable, set[int]]:
    inside: dict[int, list[ocr.Word]] = {}
    straddled: set[int] = set()
    taken: set[int] = set()
    for i, wd in enumerate(words):
        cells = _cells_of(g, wd, page.dpi * 1.1)
        if not cells:
            continue
        taken.add(i)
        if len(cells) == 1:
            inside.setdefault(cells[0], []).append(wd)
        else:
            straddled.update(cells)  # one word over several cells: read each cell on its own
    texts = [_cell_text(inside.get(ci, [])) for ci in range(len(g.cells))]
    for ci in straddled:
        texts[ci] = ("", 0.0)
    _reread(g, texts, grey, ink, page.dpi)
    rows: list[list[TableCell]] = [[] for _ in range(g.n_rows)]
    for cell, (read, doubt) in zip(g.cells, texts):
        number_cell = cell.rect[2] - cell.rect[0] <= page.dpi * 1.1
        text, score = _clean(read, doubt, number_cell=number_cell)
        one_value = cell.rect[2] - cell.rect[0] <= page.dpi * 0.6  # one column's cell, not cells run together
        if one_value and text.isdigit() and _glyphs(ink, cell.rect, page.dpi) > len(text):
            text, score = "", min(score if score is not None else 0.0, UNCERTAIN / 2)  # a digit the OCR dropped
        loc = Location(page=page.index, bbox=to_page(cell.rect), table=index, row=cell.row, col=cell.col, confidence=score)
        rows[cell.row].append(TableCell(text, cell.row, cell.col, loc))
    raw = RawTable(rows, Location(page=page.index, bbox=to_page(g.rect), table=index), g.n_cols)
    return raw, taken


def _cells_of(g: grid.Grid, wd: ocr.Word, small: float) -> list[int]:
    """The cell the word's middle is in, or every value cell (narrower than `small`) a third of
    its width lies in."""
    cx, cy = (wd.box[0] + wd.box[2]) / 2, (wd.box[1] + wd.box[3]) / 2
    home = [ci for ci, c in enumerate(g.cells) if c.rect[0] <= cx < c.rect[2] and c.rect[1] <= cy < c.rect[3]]
    if not home:
        return []
    width = max(1.0, wd.box[2] - wd.box[0])
    row = g.cells[home[0]].rect
    over = [ci for ci, c in enumerate(g.cells)
            if c.rect[1] <= cy < c.rect[3] and min(wd.box[2], c.rect[2]) - max(wd.box[0], c.rect[0]) > width / 3]
    narrow = all(g.cells[ci].rect[2] - g.cells[ci].rect[0] <= small and g.cells[ci].rect[1] <= row[3] for ci in over)
    return over if len(over) > 1 and narrow else home


def _cell_text(words: list[ocr.Word]) -> tuple[str, float | None]:
    if not words:
        return "", None
    lines = _lines(words)
    text = "".join(w.text for line in lines for w in line)
    return text, min(w.score for w in words)


def _reread(g: grid.Grid, texts: list[tuple[str, float | None]], grey: Image, ink: grid.Mask, dpi: float) -> None:
    """Small cells with ink but no word, or a doubtful one, read again on their own."""
    small = dpi * 1.1
    todo: list[int] = []
    crops: list[Image] = []
    for ci, cell in enumerate(g.cells):
        text, score = texts[ci]
        x0, y0, x1, y1 = cell.rect
        if x1 - x0 > small or (score is not None and score >= REREAD_BELOW):
            continue
        pad = max(3, int(dpi / 40))
        inner = ink[y0 + pad:y1 - pad, x0 + pad:x1 - pad]
        if inner.size == 0 or _ink_area(inner) < (dpi / 30) ** 2:
            continue
        crop = _crop(grey, inner, (x0 + pad, y0 + pad), pad)
        todo.append(ci)
        crops.append(cv2.cvtColor(crop, cv2.COLOR_GRAY2RGB))
    for ci, (text, score) in zip(todo, ocr.read_crops(crops)):
        old_score = texts[ci][1]
        if text.strip() and (old_score is None or score > old_score):
            texts[ci] = (text, score)


def _glyphs(ink: grid.Mask, rect: tuple[int, int, int, int], dpi: float) -> int:
    """How many digit-sized marks a cell holds (rule fragments at its edge and dust left out)."""
    pad = max(3, int(dpi / 40))
    x0, y0, x1, y1 = rect
    inner = ink[y0 + pad:y1 - pad, x0 + pad:x1 - pad]
    if inner.size == 0:
        return 0
    n, _, stats, _ = cv2.connectedComponentsWithStats(inner)
    width = inner.shape[1]
    heights = [int(stats[i][3]) for i in range(1, n)  # a rule's bit touches a side; a digit may touch top or bottom
               if stats[i][0] > 0 and stats[i][0] + stats[i][2] < width and stats[i][3] >= dpi / 25 and stats[i][4] >= dpi / 10]
    if not heights:
        return 0
    return sum(1 for h in heights if h >= 0.8 * max(heights))


def _ink_area(inner: grid.Mask) -> int:
    n, _, stats, _ = cv2.connectedComponentsWithStats(inner)
    return int(sum(stats[i][4] for i in range(1, n) if stats[i][4] >= 4 and not _at_border(stats[i], inner.shape)))


def _at_border(stat: Any, shape: tuple[int, ...]) -> bool:
    """A piece of ink touching the edge of a cell's inside: a bit of the rule, not the number."""
    x, y, w, h = (int(v) for v in stat[:4])
    return x == 0 or y == 0 or x + w >= shape[1] or y + h >= shape[0]


def _crop(grey: Image, inner: grid.Mask, origin: tuple[int, int], pad: int) -> Image:
    """The cell's ink (without bits of its rules) with some paper around it, for the recogniser."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(inner)
    keep = np.zeros(inner.shape, bool)
    for i in range(1, n):
        if stats[i][4] >= 4 and not _at_border(stats[i], inner.shape):
            keep |= labels == i
    ys, xs = np.nonzero(keep)
    ox, oy = origin
    x0, x1 = int(xs.min()), int(xs.max()) + 1
    y0, y1 = int(ys.min()), int(ys.max()) + 1
    cell = grey[oy:oy + inner.shape[0], ox:ox + inner.shape[1]].copy()
    cell[(inner > 0) & ~keep] = 255
    m = max(pad, (y1 - y0) // 2)
    crop = np.full((y1 - y0 + 2 * m, x1 - x0 + 2 * m), 255, np.uint8)
    crop[m:m + y1 - y0, m:m + x1 - x0] = cell[y0:y1, x0:x1]
    return crop


def _clean(text: str, score: float | None, *, number_cell: bool = False) -> tuple[str, float | None]:
    """Specks around a number (“0.”, “·0”) go; a lone speck is a blank cell; a doubtful number
    is left blank, its confidence kept on the cell. In a value cell, digits mixed with other
    characters (a seal's text over a number) are a doubtful number too."""
    t = text.strip()
    core = t.strip(_SPECKS)
    if not core:
        return "", None if not t else score
    digits = core.replace("O", "0").replace("o", "0")
    if _NUMBER.match(digits):
        if score is not None and score < UNCERTAIN:
            return "", score
        return digits, score
    if number_cell and (any(ch.isdigit() for ch in core) or (score is not None and score < UNCERTAIN)):
        return "", min(score if score is not None else 0.0, UNCERTAIN / 2)  # a seal's trace, a blot
    return t, score


def _lines(words: list[ocr.Word]) -> list[list[ocr.Word]]:
    """Words whose vertical middles are close, left to right; lines top to bottom."""
    words = sorted(words, key=lambda w: ((w.box[1] + w.box[3]) / 2, w.box[0]))
    lines: list[list[ocr.Word]] = []
    for wd in words:
        mid, height = (wd.box[1] + wd.box[3]) / 2, wd.box[3] - wd.box[1]
        if lines:
            last = lines[-1]
            lmid = sum((x.box[1] + x.box[3]) / 2 for x in last) / len(last)
            if abs(mid - lmid) <= 0.4 * height:
                last.append(wd)
                continue
        lines.append([wd])
    for line in lines:
        line.sort(key=lambda w: w.box[0])
    return lines


def _line_block(line: list[ocr.Word], pi: int, height: int, to_page: _PageMap) -> TextBlock | None:
    top, bottom = min(w.box[1] for w in line), max(w.box[3] for w in line)
    text = " ".join(w.text for w in line)
    if (top < height * 0.07 or bottom > height * 0.93) and _PAGE_NUMBER.match(text):
        return None  # page number
    parts: list[tuple[str, Location]] = []
    cur: list[ocr.Word] = []
    for wd in line:
        if cur and wd.box[0] - cur[-1].box[2] > 1.2 * (wd.box[3] - wd.box[1]):
            parts.append(_part(cur, pi, to_page))
            cur = []
        cur.append(wd)
    parts.append(_part(cur, pi, to_page))
    rect = (min(w.box[0] for w in line), top, max(w.box[2] for w in line), bottom)
    loc = Location(page=pi, bbox=to_page(rect), confidence=min(w.score for w in line))
    return TextBlock(" ".join(p[0] for p in parts), loc, parts if len(parts) > 1 else None)


def _part(words: list[ocr.Word], pi: int, to_page: _PageMap) -> tuple[str, Location]:
    rect = (words[0].box[0], min(w.box[1] for w in words), words[-1].box[2], max(w.box[3] for w in words))
    return "".join(w.text for w in words), Location(page=pi, bbox=to_page(rect), confidence=min(w.score for w in words))


def check_budget(started: float, time_budget: float | None, done: int, total: int) -> None:
    """Stop between pages when reading has taken longer than the per-file budget."""
    import time

    if time_budget is not None and time.process_time() - started > time_budget:
        raise ReadError(
            f"文件过大：识别到第 {done} 页（共 {total} 页）已超过单个文件 {time_budget:.0f} 秒的读取时限，已停止。"
            "请确认是否选错了文件，或在设置中放宽“单个文件读取时限”。",
            kind="too_large",
        )
