"""Table grids from ruling lines: a scanned page's ink → horizontal and vertical rules → tables
of cells (merged cells kept as one), in image pixels. OpenCV morphology, no OCR here."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

Mask = npt.NDArray[Any]  # uint8, 255 = on (cv2 types its results loosely)
_Rect = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class GridCell:
    row: int  # the grid row and column of its top-left corner
    col: int
    rect: _Rect
    row_span: int = 1
    col_span: int = 1


@dataclass(frozen=True)
class Grid:
    rect: _Rect
    cells: list[GridCell]
    n_rows: int
    n_cols: int


def ink_mask(grey: Mask) -> Mask:
    """Dark ink as 255 on 0: an adaptive threshold copes with grey toner and uneven paper."""
    return cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)


@dataclass(frozen=True)
class _Segment:
    pos: int    # y of a horizontal rule, x of a vertical one
    start: int  # where it runs from and to along its length
    end: int
    thick: int = 1


def faint_ink(grey: Mask) -> Mask:
    """Ink down to a few grey levels below the paper around it: thin light rules that JPEG and
    toner left faint (noise it lets in does not survive the rules' long openings)."""
    return cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 7)


def rule_masks(ink: Mask, dpi: float, words: Sequence[Box] = (), grey: Mask | None = None) -> tuple[Mask, Mask]:
    """Horizontal and vertical rules, and nothing else: ink that survives an opening with a long
    thin kernel (then mended where noise broke it); a vertical piece counts only when both its
    ends meet the horizontal rules above and below it (a digit's stroke stops short of them), and
    a one-row piece inside a word the OCR read is a stroke of that word."""
    mend = max(3, int(dpi / 25))
    h_ink, v_ink = ink, ink
    horiz = _opened(h_ink, (max(15, int(dpi * 0.3)), 1), (mend, 1))
    vert = _opened(v_ink, (1, max(9, int(dpi * 0.08))), (1, mend))
    hsegs = _segments(horiz, vertical=False)
    slack = max(4, int(dpi / 25))
    clean = np.zeros_like(vert)
    min_run = max(9, int(dpi * 0.08))
    seals = seal_circles(ink, dpi)
    n, _, stats, _ = cv2.connectedComponentsWithStats(vert)
    doubtful: list[tuple[int, int, int, int]] = []
    columns: list[int] = []
    for i in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[i])
        if w > dpi / 15 or _in_circle(seals, x + w / 2, y + h / 2):
            doubtful.append((x, y, w, h))
        elif _rule_piece(hsegs, words, x + w // 2, y, y + h, slack, dpi, ink):
            clean[y:y + h, x:x + w] = vert[y:y + h, x:x + w]
            columns.append(x + w // 2)
    # ink joined to a seal's ring or under a seal: its straight runs, column by column, where they
    # continue a rule found elsewhere (the ring's own curve gives runs no other row has)
    runs = [(x + cx, y + top, y + bottom) for x, y, w, h in doubtful for cx, top, bottom in _vertical_runs(vert[y:y + h, x:x + w], min_run)]
    columns += [px for px, top, bottom in runs if bottom - top >= dpi * 0.8]  # longer than a seal is straight
    for px, top, bottom in runs:
        if any(abs(px - c) <= 3 for c in columns) and _rule_piece(hsegs, words, px, top, bottom, slack, dpi, ink):
            clean[top:bottom, px] = 255
    return horiz, clean


def _opened(ink: Mask, kernel: tuple[int, int], mend: tuple[int, int]) -> Mask:
    gaps = (1, 1)  # pixels JPEG and noise took out of a thin rule
    ink = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, gaps))
    opened = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
    return cv2.morphologyEx(opened, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, mend))


def _vertical_runs(vert: Mask, min_len: int) -> list[tuple[int, int, int]]:
    """Every unbroken vertical run of a mask, one pixel column at a time: (x, top, bottom)."""
    cols = (vert.T > 0).astype(np.int8)
    d = np.diff(cols, axis=1, prepend=0, append=0)
    sx, sy = np.nonzero(d == 1)
    _, ey = np.nonzero(d == -1)
    keep = (ey - sy) >= min_len
    return list(zip(sx[keep].tolist(), sy[keep].tolist(), ey[keep].tolist()))


def _segments(mask: Mask, *, vertical: bool) -> list[_Segment]:
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask)
    out: list[_Segment] = []
    for i in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[i])
        out.append(_Segment(x + w // 2, y, y + h, w) if vertical else _Segment(y + h // 2, x, x + w, h))
    return out


def seal_circles(ink: Mask, dpi: float) -> list[tuple[float, float, float]]:
    """Round seals (a ring about 4 cm across) on the page, as (x, y, r) in pixels: on a grey scan
    their strokes cannot be told from ink by colour, only by where they are."""
    f = 50.0 / dpi
    small = cv2.resize(ink, (int(ink.shape[1] * f), int(ink.shape[0] * f)), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    found = cv2.HoughCircles(small, cv2.HOUGH_GRADIENT, dp=1, minDist=40, param1=100, param2=30,
                             minRadius=int(50 * 0.55), maxRadius=int(50 * 1.0))
    if found is None:
        return []
    ring = cv2.dilate((small > 40).astype(np.uint8), np.ones((3, 3), np.uint8))
    out: list[tuple[float, float, float]] = []
    t = np.linspace(0, 2 * np.pi, 90, endpoint=False)

    def inked(x: float, y: float, r: float) -> float:
        px = np.clip((x + r * np.cos(t)).astype(int), 0, ring.shape[1] - 1)
        py = np.clip((y + r * np.sin(t)).astype(int), 0, ring.shape[0] - 1)
        return float(ring[py, px].mean())

    for x, y, r in np.asarray(found).reshape(-1, 3):
        on = inked(x, y, r)
        # ink all round, and much more than just outside: a ring, not a table's grid or text
        if on >= 0.75 and on - inked(x, y, r * 1.3) >= 0.3:
            out.append((float(x) / f, float(y) / f, float(r) / f + dpi * 0.05))
    return out


def _in_circle(circles: list[tuple[float, float, float]], x: float, y: float) -> bool:
    return any((x - cx) ** 2 + (y - cy) ** 2 <= r * r for cx, cy, r in circles)


def _rule_piece(hsegs: list[_Segment], words: Sequence[Box], x: int, top: int, bottom: int, slack: int, dpi: float,
                ink: Mask | None = None) -> bool:
    """A rule runs from rule to rule; a piece that lies inside a word the OCR read is a stroke of
    that word, unless it runs the whole way (the detector may read across a short faint rule:
    “法律 其他” as one word)."""
    cover = _coverage(hsegs, x, top, bottom, slack)
    if cover < 0.82:
        return False
    if bottom - top >= dpi * 0.35 or not _in_word(words, x, top, bottom):
        return True
    return cover >= 0.95


def _in_word(words: Sequence[Box], x: float, top: int, bottom: int) -> bool:
    return any(b[0] + 2 < x < b[2] - 2 and min(bottom, b[3]) - max(top, b[1]) > 0.5 * (b[3] - b[1]) for b in words)


def _coverage(hsegs: list[_Segment], x: int, top: int, bottom: int, slack: int) -> float:
    """How much of the way from the horizontal rule above a vertical piece to the one below it
    runs (0 when it does not sit between two rules)."""
    crossing = [s.pos for s in hsegs if s.start - slack <= x <= s.end + slack]
    above = [p for p in crossing if p <= top + slack]
    below = [p for p in crossing if p >= bottom - slack]
    if above and below:
        gap = min(below) - max(above)
        return (bottom - top) / gap if gap > 0 else 0.0
    if above:  # the last row of a table the page cuts: its rules stop at the cut
        return _cut_row_coverage(top - max(above), bottom - top, slack)
    if below:  # the first row of a table continued from the page before
        return _cut_row_coverage(min(below) - bottom, bottom - top, slack)
    return 0.0


def _cut_row_coverage(distance: int, length: int, slack: int) -> float:
    """A piece in a row with a rule on one side only: whole when it starts at that rule and is
    longer than a stroke, else none."""
    return 1.0 if distance <= slack and length >= 2 * slack else 0.0


def skew_angle(grey: Mask, dpi: float) -> float:
    """The page's rotation in degrees (within ±3°): the angle that makes the rows of ink (rules
    and text lines) sharpest, found on a 75 dpi copy. Rotating the image by it
    (cv2.getRotationMatrix2D) makes the lines level."""
    ink = ink_mask(grey)
    f = min(1.0, 75.0 / dpi)
    small = cv2.resize(ink, (int(ink.shape[1] * f), int(ink.shape[0] * f)), interpolation=cv2.INTER_AREA)
    h, w = small.shape

    def sharpness(angle: float) -> float:
        rot = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        rows = cv2.warpAffine(small, rot, (w, h), flags=cv2.INTER_NEAREST).sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())

    best = max(np.arange(-3.0, 3.01, 0.25), key=sharpness)
    return float(max(np.arange(best - 0.25, best + 0.26, 0.05), key=sharpness))


def find_grids(ink: Mask, dpi: float, words: Sequence[Box] = (), grey: Mask | None = None) -> list[Grid]:
    """Every ruled table of the page, top to bottom (`words`: the OCR's word boxes, in pixels)."""
    horiz, vert = rule_masks(ink, dpi, words, grey)
    frame = cv2.dilate(cv2.bitwise_or(horiz, vert), np.ones((7, 7), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(frame)
    grids: list[Grid] = []
    for i in range(1, n):
        x, y, w, h, _ = (int(v) for v in stats[i])
        if w < dpi or h < dpi * 0.3:
            continue
        grid = _grid(horiz[y:y + h, x:x + w], vert[y:y + h, x:x + w], (x, y), dpi)
        if grid is not None:
            grids.append(grid)
    grids.sort(key=lambda g: g.rect[1])
    return grids


def _positions(mask: Mask, axis: int, min_len: float) -> list[int]:
    """Centres of the rules along one axis: projection peaks at least `min_len` long."""
    profile = (mask > 0).sum(axis=axis)
    on = profile >= min_len
    out: list[int] = []
    i = 0
    while i < len(on):
        if on[i]:
            j = i
            while j < len(on) and on[j]:
                j += 1
            out.append((i + j - 1) // 2)
            i = j
        else:
            i += 1
    return _merge_close(out, 6)


def _merge_close(xs: list[int], gap: int) -> list[int]:
    out: list[int] = []
    for x in xs:
        if out and x - out[-1] <= gap:
            out[-1] = (out[-1] + x) // 2
        else:
            out.append(x)
    return out


def _grid(horiz: Mask, vert: Mask, origin: tuple[int, int], dpi: float) -> Grid | None:
    """The cells of one table: every rule position cuts the table; two neighbouring elementary
    cells with no rule between them are one merged cell."""
    ys = _positions(horiz, 1, dpi * 0.3)
    xs = _positions(vert, 0, dpi * 0.08)
    # a table drawn without its outer left or right border: the rules' ends are the border
    _extend_to_ends(xs, np.nonzero((horiz > 0).sum(axis=0) >= 2)[0], dpi * 0.2)
    # a table cut by the page's end (or continued from the page before): no rule there
    _extend_to_ends(ys, np.nonzero((vert > 0).sum(axis=1) >= 2)[0], dpi * 0.1)
    if len(ys) < 2 or len(xs) < 2:
        return None
    nr, nc = len(ys) - 1, len(xs) - 1
    ox, oy = origin
    cells = [_grid_cell(members, xs, ys, origin) for members in _merged(horiz, vert, xs, ys).values()]
    cells.sort(key=lambda g: (g.row, g.col))
    rect = (ox + xs[0], oy + ys[0], ox + xs[-1], oy + ys[-1])
    return Grid(rect, cells, nr, nc)


def _extend_to_ends(positions: list[int], inked: npt.NDArray[Any], margin: float) -> None:
    """Add the first and last inked line (`inked`: their indices, ascending) as rule positions
    where they lie more than `margin` beyond the outermost rule found."""
    if not len(inked) or not positions:
        return
    if positions[0] - int(inked[0]) > margin:
        positions.insert(0, int(inked[0]))
    if int(inked[-1]) - positions[-1] > margin:
        positions.append(int(inked[-1]))


def _grid_cell(members: list[tuple[int, int]], xs: list[int], ys: list[int], origin: tuple[int, int]) -> GridCell:
    """One merged cell from its elementary cells (row, col), its rect in page pixels."""
    ox, oy = origin
    r0, r1 = min(m[0] for m in members), max(m[0] for m in members)
    c0, c1 = min(m[1] for m in members), max(m[1] for m in members)
    rect = (ox + xs[c0], oy + ys[r0], ox + xs[c1 + 1], oy + ys[r1 + 1])
    return GridCell(r0, c0, rect, r1 - r0 + 1, c1 - c0 + 1)


def _merged(horiz: Mask, vert: Mask, xs: list[int], ys: list[int]) -> dict[int, list[tuple[int, int]]]:
    """The elementary cells (row, col) of each merged cell: neighbours with no rule between them."""
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not _has_rule(vert, xs[c + 1], ys[r], ys[r + 1], vertical=True):
                parent[find(r * nc + c + 1)] = find(r * nc + c)
            if r + 1 < nr and not _has_rule(horiz, ys[r + 1], xs[c], xs[c + 1], vertical=False) \
                    and not _rule_beside(horiz, ys[r + 1], xs, c):
                parent[find((r + 1) * nc + c)] = find(r * nc + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            groups.setdefault(find(r * nc + c), []).append((r, c))
    return groups


def _rule_beside(horiz: Mask, y: int, xs: list[int], c: int) -> bool:
    """A rule missing under a seal or a blot: the cells on both sides (the one on the left, for
    the last column) are divided there, so this one is too."""
    nc = len(xs) - 1
    if c == 0:
        return False
    left = _has_rule(horiz, y, xs[c - 1], xs[c], vertical=False)
    if c == nc - 1:
        return left
    return left and _has_rule(horiz, y, xs[c + 1], xs[c + 2], vertical=False)


def _has_rule(mask: Mask, at: int, start: int, end: int, *, vertical: bool) -> bool:
    """Whether a rule runs along most of the segment from start to end at position `at`."""
    lo, hi = start + 3, end - 3
    if hi <= lo:
        return True
    band = mask[lo:hi, max(0, at - 3):at + 4] if vertical else mask[max(0, at - 3):at + 4, lo:hi]
    covered = (band > 0).any(axis=1 if vertical else 0)
    return bool(covered.mean() >= 0.6)
