"""Reading progress within one file, for readers that take long per page (OCR: ~4 s a page).

An importer calls `page_read(done, total)` as its pages are read (`done` pages of `total` so far:
0 before the first, `total` after the last); whoever reads the file (the sandboxed reader process,
the window's in-thread reader in tests) listens with `reporting(callback)`. Without a listener it
costs a lookup. Qt-free and free of the pipeline: the reader process carries the events to its
owner (pipeline.sandbox), the window and the terminal bar show them.

    from importers import progress
    progress.page_read(pi + 1, n)             # a text PDF's page
    progress.page_read(pi + 1, n, ocr=True)   # a page read by OCR (shown as 正在识别)
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import NamedTuple


class PageRead(NamedTuple):
    """`done` pages of `total` read so far; `ocr` when the pages are read by OCR."""

    done: int
    total: int
    ocr: bool = False


Listener = Callable[[PageRead], None]

_LISTENER: ContextVar[Listener | None] = ContextVar("PAGE_LISTENER", default=None)


def page_read(done: int, total: int, ocr: bool = False) -> None:
    """Tell the listener, if any, that `done` of `total` pages are read."""
    listener = _LISTENER.get()
    if listener is not None and total > 0:
        listener(PageRead(max(0, min(done, total)), total, ocr))


@contextmanager
def reporting(listener: Listener | None) -> Iterator[None]:
    """`listener` hears every page_read() of the code run inside (in this thread or context)."""
    token = _LISTENER.set(listener)
    try:
        yield
    finally:
        _LISTENER.reset(token)
