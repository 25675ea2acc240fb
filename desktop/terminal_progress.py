"""The command line's progress bar: one line on stderr, redrawn in place, only on a terminal
(a pipe or a file gets nothing, so JSON on stdout and logs stay clean). Within a file read page by
page (a scan's OCR) the bar advances by the file's pages and says which page is being read."""
from __future__ import annotations

import os
import threading
import time
import unicodedata
from typing import TextIO

from importers.progress import PageRead

WIDTH = 24          # characters of the bar itself
MIN_INTERVAL_S = 0.1  # redraw at most this often (the last file always)
NAME_COLUMNS = 16   # a long file name is cut to this many columns in the page note (the line stays < 80)


class ProgressBar:
    """`bar.start(total)` first, `bar(n, total)` after each file read, `bar.page(path, event)` as a
    file's pages are read (from any thread); `finish()` blanks the line before the output."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = _is_terminal(stream)
        self._last = float("-inf")
        self._drawn = ""   # the text on the line now
        self._n = 0
        self._total = 0
        self._page: tuple[str, PageRead] | None = None   # the file being read page by page, if any
        self._lock = threading.Lock()   # page events come from the readers' threads

    def start(self, total: int) -> None:
        """`total` files are to be read (nothing drawn yet): page events before the first file's end
        have their count."""
        with self._lock:
            self._n, self._total = 0, total

    def __call__(self, n: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        with self._lock:
            if n != self._n:
                self._page = None  # (with several readers, the next page event brings the note back)
            self._n, self._total = n, total
            self._draw(line(n, total) + ("，正在比对各报告…" if n >= total > 1 else ""), force=n >= total)

    def page(self, path: str, event: PageRead) -> None:
        if not self.enabled:
            return
        with self._lock:
            if self._total <= 0 or self._n >= self._total:
                return
            self._page = (path, event)
            text = line(self._n, self._total, event.done / event.total) + " " + page_note(path, event)
            self._draw(text, force=False)

    def _draw(self, text: str, force: bool) -> None:
        now = time.monotonic()
        if not force and now - self._last < MIN_INTERVAL_S:
            return
        self._last = now
        pad = max(0, columns(self._drawn) - columns(text))  # a shorter line blanks the rest of the last
        self._drawn = text
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()

    def finish(self) -> None:
        """Blank the line (spaces, not an escape code: a Windows console may not take those)."""
        with self._lock:
            if self._drawn:
                self.stream.write("\r" + " " * columns(self._drawn) + "\r")
                self.stream.flush()
                self._drawn = ""


def line(n: int, total: int, within: float = 0.0) -> str:
    """已读 N/M 份 [#########---------------] 37% (ASCII in the bar: block characters are two columns
    wide on a Chinese Windows console, and the line would wrap). `within`: the share of the next
    file read so far (its pages)."""
    if not total:
        return f"已读 {n}/{total} 份 [{'#' * WIDTH}] 100%"
    read = min(total, n + max(0.0, min(within, 1.0)))
    filled = int(WIDTH * read / total)
    return f"已读 {n}/{total} 份 [{'#' * filled}{'-' * (WIDTH - filled)}] {int(100 * read / total)}%"


def page_note(path: str, event: PageRead) -> str:
    """正在识别 扫描件.pdf 第 3/6 页: the page being read now (the last one once all are read)."""
    verb = "正在识别" if event.ocr else "正在读取"
    return f"{verb} {short_name(os.path.basename(path))} 第 {min(event.done + 1, event.total)}/{event.total} 页"


def short_name(name: str, limit: int = NAME_COLUMNS) -> str:
    """`name` in at most `limit` terminal columns: the middle cut out (the extension stays)."""
    if columns(name) <= limit:
        return name
    head, tail = name, ""
    stem, dot, ext = name.rpartition(".")
    if dot and len(ext) <= 5:
        head, tail = stem, "." + ext
    room = limit - columns(tail) - 2   # "…" takes two columns on a Chinese console
    out = ""
    for ch in head:
        if columns(out + ch) > room:
            break
        out += ch
    return out + "…" + tail


def columns(text: str) -> int:
    """Terminal columns `text` may take: CJK characters two, and ambiguous ones (…) two as well, as on
    a Chinese console (a space too many blanks nothing wrongly)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or replaced by an object without one
        return False
