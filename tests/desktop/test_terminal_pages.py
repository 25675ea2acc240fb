"""The command line's bar within a file read page by page: it advances by the pages and names the
page on a terminal, and stays quiet on a pipe."""
from __future__ import annotations

import io

import pytest

from desktop import terminal_progress
from desktop.terminal_progress import ProgressBar, columns, line, page_note, short_name
from importers.progress import PageRead


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_advances_within_a_file_and_names_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terminal_progress, "MIN_INTERVAL_S", 0.0)
    t = Terminal()
    bar = ProgressBar(t)
    bar(1, 2)
    bar.page("/tmp/报告/扫描件.pdf", PageRead(3, 6, True))
    drawn = t.getvalue().split("\r")
    assert drawn[-1] == "已读 1/2 份 [" + "#" * 18 + "-" * 6 + "] 75% 正在识别 扫描件.pdf 第 4/6 页"
    bar(2, 2)  # the file is read: the page note goes, the shorter line blanks what is left
    last = t.getvalue().split("\r")[-1]
    assert last.startswith(line(2, 2) + "，正在比对各报告…")
    assert columns(last) == columns(drawn[-1])
    bar.finish()


def test_text_pages_are_read_not_recognised_and_long_names_are_cut() -> None:
    assert page_note("a/年报.pdf", PageRead(6, 6)) == "正在读取 年报.pdf 第 6/6 页"
    long = "某某县某某镇人民政府二〇二四年政府信息公开工作年度报告盖章扫描件.pdf"
    cut = short_name(long)
    assert cut.endswith("….pdf") and cut.startswith("某某县") and columns(cut) <= terminal_progress.NAME_COLUMNS
    assert columns(line(0, 3) + " " + page_note(long, PageRead(0, 9, True))) < 80


def test_pages_are_quiet_on_a_pipe() -> None:
    s = io.StringIO()
    bar = ProgressBar(s)
    bar(0, 1)
    bar.page("扫描件.pdf", PageRead(1, 6, True))
    bar.finish()
    assert s.getvalue() == ""


def test_the_commands_bar_names_the_page_of_the_first_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line starts its bar with the number of files, so the pages of the first file show
    before any file is read (the readers are replaced here)."""
    import argparse
    import sys

    from desktop import cli

    def fake_check_files_slim(paths, rules, reading, jobs, progress, pages):  # type: ignore[no-untyped-def]
        pages(paths[0], PageRead(2, 6, True))
        progress(1, 1)
        return []

    monkeypatch.setattr(terminal_progress, "MIN_INTERVAL_S", 0.0)
    monkeypatch.setattr(cli, "check_files_slim", fake_check_files_slim)
    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    args = argparse.Namespace(jobs=1, xlsx=None, township_xlsx=None, notices=None, overview=None)
    assert cli._read(args, ["/报告/扫描件.pdf"], cli.Settings(), None) == []
    drawn = err.getvalue().split("\r")
    assert drawn[1] == line(0, 1, 2 / 6) + " 正在识别 扫描件.pdf 第 3/6 页"
    assert drawn[2].startswith(line(1, 1))
