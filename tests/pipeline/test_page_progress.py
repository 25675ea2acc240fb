"""Progress within a file: the pages an importer reports (importers.progress) reach the reader's
owner over the sandbox's connection, before the answer, without stretching the per-file budget."""
from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

from checks import RuleSettings
from importers import progress
from importers.options import ReadOptions
from importers.progress import PageRead
from pipeline import CheckResult, check_files
from pipeline.sandbox import WALL_FACTOR, ReaderPool

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux sandbox is tested here")


def three_pages(word: str) -> str:
    """A reader function that reads 3 pages by OCR (0 of 3 first), then answers."""
    for done in range(4):
        progress.page_read(done, 3, ocr=True)
    return word * 2


def slow_pages(pages: int, seconds: float) -> str:
    """Pages that each take `seconds` of work (CPU time: the budget counts the reader's own time)."""
    for done in range(pages):
        progress.page_read(done, pages, ocr=True)
        end = time.process_time() + seconds
        while time.process_time() < end:
            pass
    return "never"


def test_a_function_reporting_3_pages_delivers_them_before_its_answer() -> None:
    events: list[PageRead] = []
    answered_after: list[int] = []
    with ReaderPool(1) as pool:
        answer = pool.run(three_pages, ("页",), 10.0, "扫描件.pdf", on_page=events.append)
        answered_after.append(len(events))
        # the reader goes on normally: no page event is left over for the next call
        again = pool.run(len, ("abc",), 5.0, on_page=events.append)
    assert answer.ok and answer.value == "页页"
    assert events == [PageRead(0, 3, True), PageRead(1, 3, True), PageRead(2, 3, True), PageRead(3, 3, True)]
    assert answered_after == [4]
    assert again.ok and again.value == 3 and len(events) == 4


def test_page_events_run_on_the_calling_thread_and_do_not_extend_the_budget() -> None:
    threads: set[int] = set()
    events: list[PageRead] = []

    def heard(event: PageRead) -> None:
        threads.add(threading.get_ident())
        events.append(event)

    with ReaderPool(1) as pool:
        started = time.monotonic()
        answer = pool.run(slow_pages, (20, 0.25), 1.0, "慢扫描件.pdf", on_page=heard)
        took = time.monotonic() - started
    assert answer.kind == "timeout" and "读取超过 1 秒已停止" in answer.error
    assert took < WALL_FACTOR * 1.0 + 3   # its CPU second, or at worst the wall clock's backstop
    assert threads == {threading.get_ident()}
    # stopped within its budget: at most as many 0.25 s pages as the wall backstop allows (how many of
    # them fit in its CPU second depends on when the loaded machine lets the watcher look)
    assert 2 <= len(events) <= WALL_FACTOR * 1.0 / 0.25 + 1 and events[0] == PageRead(0, 20, True)
    assert [e.done for e in events] == list(range(len(events)))


def test_a_failing_listener_does_not_lose_the_answer() -> None:
    def broken(_event: PageRead) -> None:
        raise RuntimeError("a bug in the listener")

    with ReaderPool(1) as pool:
        answer = pool.run(three_pages, ("页",), 10.0, "扫描件.pdf", on_page=broken)
        again = pool.run(len, ("ab",), 5.0)
    assert answer.ok and answer.value == "页页" and again.value == 2


def _fake_check_file(path: str, rules: RuleSettings | None, reading: ReadOptions, keep_document: bool = False) -> CheckResult:
    for done in range(3):
        progress.page_read(done + 1, 3, ocr=True)
    return CheckResult(path, error="假的")


def test_check_files_tells_each_files_pages_with_its_path(tmp_path: Path, monkeypatch) -> None:
    import pipeline.check
    a, b = tmp_path / "甲.pdf", tmp_path / "乙.pdf"
    for p in (a, b):
        p.write_bytes(b"%PDF-1.4\n")
    monkeypatch.setattr(pipeline.check, "check_file", _fake_check_file)
    seen: list[tuple[str, PageRead]] = []
    results = check_files([str(a), str(b)], jobs=1, pages=lambda path, e: seen.append((path, e)))
    assert [r.error for r in results] == ["假的", "假的"]
    assert seen == [(str(p), PageRead(n, 3, True)) for p in (a, b) for n in (1, 2, 3)]


def test_page_read_without_a_listener_does_nothing_and_clamps_with_one() -> None:
    progress.page_read(1, 3)  # nobody listens: no error
    heard: list[PageRead] = []
    with progress.reporting(heard.append):
        progress.page_read(5, 3)
        progress.page_read(1, 0)   # no pages: nothing to tell
    progress.page_read(2, 3)       # the listener is gone again
    assert heard == [PageRead(3, 3, False)]
