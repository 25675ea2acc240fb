"""The command line's progress bar: one line on stderr, redrawn in place, only on a terminal
(a pipe or a file gets nothing, so JSON on stdout and logs stay clean)."""
from __future__ import annotations

import time
import unicodedata
from typing import TextIO

WIDTH = 24          # characters of the bar itself
MIN_INTERVAL_S = 0.1  # redraw at most this often (the last file always)


class ProgressBar:
    """`bar(n, total)` after each file read; `finish()` blanks the line before the output."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = _is_terminal(stream)
        self._last = float("-inf")
        self._drawn = ""   # the text on the line now

    def __call__(self, n: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        now = time.monotonic()
        if n < total and now - self._last < MIN_INTERVAL_S:
            return
        self._last = now
        self._drawn = line(n, total) + ("，正在比对各报告…" if n >= total > 1 else "")
        self.stream.write("\r" + self._drawn)
        self.stream.flush()

    def finish(self) -> None:
        """Blank the line (spaces, not an escape code: a Windows console may not take those)."""
        if self._drawn:
            self.stream.write("\r" + " " * columns(self._drawn) + "\r")
            self.stream.flush()
            self._drawn = ""


def line(n: int, total: int) -> str:
    """已读 N/M 份 [#########---------------] 37% (ASCII in the bar: block characters are two columns
    wide on a Chinese Windows console, and the line would wrap)."""
    filled = WIDTH * n // total if total else WIDTH
    return f"已读 {n}/{total} 份 [{'#' * filled}{'-' * (WIDTH - filled)}] {100 * n // total if total else 100}%"


def columns(text: str) -> int:
    """Terminal columns `text` may take: CJK characters two, and ambiguous ones (…) two as well, as on
    a Chinese console (a space too many blanks nothing wrongly)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or replaced by an object without one
        return False
