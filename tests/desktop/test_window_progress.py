"""The window while a scan is read page by page: the bar advances within the file and the status
bar names the page (正在识别 扫描件.pdf 第 3/6 页). The reader is a fake: no OCR here."""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop import workers
from desktop.workers import Outcome
from importers import progress
from pipeline import CheckResult
from tests.desktop.gui import WAIT_MS, make_window


def test_page_events_move_the_bar_within_a_file_and_name_the_page(qtbot, appdata, tmp_path: Path, monkeypatch) -> None:
    gate = threading.Event()

    def fake_check_one(path: str, _rules, _reading) -> Outcome:
        if path.endswith("扫描件.pdf"):
            progress.page_read(0, 6, ocr=True)
            progress.page_read(2, 6, ocr=True)
            gate.wait(WAIT_MS / 1000)
        return Outcome(path, CheckResult(path, error="假的"), None)

    monkeypatch.setattr(workers, "check_one", fake_check_one)
    window = make_window(qtbot, appdata, max_threads=1, processes=0)
    first, scan = tmp_path / "文字版.txt", tmp_path / "扫描件.pdf"
    first.write_text("年度报告\n", encoding="utf-8")
    scan.write_bytes(b"%PDF-1.4\n")
    note = window.reading.note
    window.open_paths([str(first), str(scan)])
    try:
        qtbot.waitUntil(lambda: note.text() == "正在识别 扫描件.pdf 第 3/6 页", timeout=WAIT_MS)
        qtbot.waitUntil(window.progress.isVisible, timeout=WAIT_MS)  # shown once reading takes a moment
        assert note.isVisible()
        # one file of two read, and 2 of the scan's 6 pages: 1 + 1/3 of 2 files
        bar = window.progress
        assert (bar.value(), bar.maximum()) == (133, 200)
        assert bar.text() == "正在读取 1 / 2"
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=WAIT_MS)
    assert not window.progress.isVisible() and not note.isVisible() and note.text() == ""


def test_pages_of_a_cancelled_file_are_not_shown(qtbot, appdata, tmp_path: Path, monkeypatch) -> None:
    gate, told = threading.Event(), threading.Event()

    def fake_check_one(path: str, _rules, _reading) -> Outcome:
        progress.page_read(0, 4, ocr=True)
        told.set()
        gate.wait(WAIT_MS / 1000)
        progress.page_read(1, 4, ocr=True)   # arrives after the cancel: dropped
        return Outcome(path, CheckResult(path, error="假的"), None)

    monkeypatch.setattr(workers, "check_one", fake_check_one)
    window = make_window(qtbot, appdata, max_threads=1, processes=0)
    scan = tmp_path / "扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4\n")
    window.open_paths([str(scan)])
    qtbot.waitUntil(lambda: window.reading.note.text() == "正在识别 扫描件.pdf 第 1/4 页", timeout=WAIT_MS)
    window.cancel_reading()
    gate.set()
    window.runner.pool.waitForDone(WAIT_MS)
    QCoreApplication.sendPostedEvents()  # the late page event is delivered (and dropped) on the GUI thread
    assert window.reading.note.text() == "" and not window.runner.busy
