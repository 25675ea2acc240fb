"""The command line's progress bar: one line on stderr, redrawn in place, only on a terminal
(a pipe or a file gets nothing, so JSON on stdout and logs stay clean)."""
from __future__ import annotations

import time
from typing import TextIO

WIDTH = 24          # characters of the bar itself
MIN_INTERVAL_S = 0.1  # redraw at most this often (the last file always)


class ProgressBar:
    """`bar(n, total)` after each file read; `finish()` clears the line before the output."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = _is_terminal(stream)
        self._last = float("-inf")
        self._shown = False

    def __call__(self, n: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        now = time.monotonic()
        if n < total and now - self._last < MIN_INTERVAL_S:
            return
        self._last = now
        self.stream.write("\r" + line(n, total) + ("，正在比对各报告…" if n >= total > 1 else ""))
        self.stream.flush()
        self._shown = True

    def finish(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")   # clear the line: the results take its place
            self.stream.flush()
            self._shown = False


def line(n: int, total: int) -> str:
    """已读 N/M 份 [██████······] 45%"""
    filled = WIDTH * n // total if total else WIDTH
    return f"已读 {n}/{total} 份 [{'█' * filled}{'·' * (WIDTH - filled)}] {100 * n // total if total else 100}%"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or replaced by an object without one
        return False
