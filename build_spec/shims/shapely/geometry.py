"""Polygon's area and perimeter, all rapidocr's text detector asks of shapely."""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence


class Polygon:
    def __init__(self, shell: Iterable[Sequence[float]]) -> None:
        self._points = [(float(p[0]), float(p[1])) for p in shell]

    def _edges(self):
        pts = self._points
        return zip(pts, pts[1:] + pts[:1])

    @property
    def area(self) -> float:
        """The shoelace area (unsigned), as GEOS gives it for a simple ring."""
        return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in self._edges())) / 2.0

    @property
    def length(self) -> float:
        """The closed ring's perimeter."""
        return sum(math.hypot(x1 - x0, y1 - y0) for (x0, y0), (x1, y1) in self._edges())
