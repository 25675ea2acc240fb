"""The one store of marks (review/marks.py): the archive, keyed by the file's content; an older
version's marks.json taken in once, its message-keyed marks moved to the findings they name; no mark
lost when two windows (processes) mark at once; no archive, no mark, and said so."""
from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from archive import Archive
from checks.finding import Finding
from model.marks import Mark
from review.marks import MarkBook, MarksUnavailable, old_fingerprint

N_EACH = 25
SHA = "s" * 64


def _finding(rule: str, cells: list[str], message: str, subject: str = "") -> Finding:
    return Finding(rule=rule, message=message, cells=cells, subject=subject)


def test_marks_are_kept_per_content_and_cleared(tmp_path) -> None:
    with Archive(tmp_path / "台账.sqlite3") as arc:
        book = MarkBook(arc, tmp_path)
        marks = book.set_many(SHA, ["T4-TOTAL|t4.review.total|"], "dismissed", "已电话核实")
        m = marks["T4-TOTAL|t4.review.total|"]
        assert (m.state, m.reason) == ("dismissed", "已电话核实") and m.at and m.who is not None
        assert MarkBook(arc).marks(SHA) == marks  # another window on the same archive
        assert book.set_many(SHA, ["T4-TOTAL|t4.review.total|"], None) == {}
        assert book.marks("t" * 64) == {}


def test_marks_json_of_an_older_version_is_taken_in_once_and_old_keys_move(tmp_path) -> None:
    now = _finding("T4-TOTAL", ["t4.review.total", "t4.review.kept"], "表四合计不符，应为 5")
    text = _finding("VAGUE-NUMBER", [], "使用了约数", subject="约10件")
    old = {"version": 1, "files": {SHA: {"name": "白马镇.docx", "marks": {
        old_fingerprint(now).replace("应为 5", "应为五"): {"state": "confirmed", "reason": "", "at": "2026-01-05T10:00:00"},
        text.fingerprint: {"state": "dismissed", "reason": "已核实无误", "at": "2026-01-05T10:01:00"},
        "T3-BALANCE|t3.total.total|不再出现的问题": {"state": "confirmed", "reason": "", "at": "2026-01-05T10:02:00"}}}}}
    (tmp_path / "marks.json").write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    with Archive(tmp_path / "台账.sqlite3") as arc:
        book = MarkBook(arc, tmp_path)
        assert not (tmp_path / "marks.json").exists() and (tmp_path / "marks.json.imported").exists()
        marks = book.marks(SHA, [now, text])
        assert marks[now.fingerprint].state == "confirmed"   # by its rule and cells: the message was reworded
        assert marks[text.fingerprint] == Mark("dismissed", "已核实无误", "2026-01-05T10:01:00", "")
        assert "T3-BALANCE|t3.total.total|不再出现的问题" in marks  # names no finding now: kept as it was
        assert set(MarkBook(arc, tmp_path).marks(SHA)) == set(marks)  # moved once, stored so
    with Archive(tmp_path / "台账.sqlite3") as arc:
        assert len(MarkBook(arc, tmp_path).marks(SHA)) == 3  # not taken in twice


def test_without_an_archive_a_mark_is_refused_with_the_reason(tmp_path) -> None:
    book = MarkBook(None, tmp_path, "格式版本 9")
    assert book.marks(SHA) == {}
    with pytest.raises(MarksUnavailable, match="审校台账无法打开，标记不能保存（格式版本 9）"):
        book.set_many(SHA, ["fp"], "confirmed")


def _mark_many(folder: str, who: str, start: multiprocessing.synchronize.Event) -> None:  # type: ignore[name-defined]
    start.wait(30)
    with Archive(Path(folder) / "台账.sqlite3") as arc:
        book = MarkBook(arc)
        for i in range(N_EACH):
            book.set_many("f" * 64, [f"{who}-{i}"], "confirmed")


def test_two_processes_marking_at_once_lose_no_mark(tmp_path) -> None:
    Archive(tmp_path / "台账.sqlite3").close()
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    workers = [ctx.Process(target=_mark_many, args=(str(tmp_path), who, start)) for who in ("甲", "乙")]
    for w in workers:
        w.start()
    start.set()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    with Archive(tmp_path / "台账.sqlite3") as arc:
        marks = MarkBook(arc).marks("f" * 64)
    assert sorted(marks) == sorted(f"{who}-{i}" for who in ("甲", "乙") for i in range(N_EACH))
