"""The marks store (pipeline/marks.py): its file format, a bad file kept aside, and no mark lost
when two windows (processes) mark at once."""
from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

from pipeline.marks import Mark, MarkStore, file_lock

N_EACH = 25


def test_marks_file_format_and_clearing(tmp_path) -> None:
    store = MarkStore(tmp_path)
    marks = store.set("s" * 64, "白马镇.docx", "T4-TOTAL|t4.review.total|合计不符", "dismissed", "已电话核实")
    assert marks["T4-TOTAL|t4.review.total|合计不符"] == Mark("dismissed", "已电话核实", marks["T4-TOTAL|t4.review.total|合计不符"].at)
    data = json.loads((tmp_path / "marks.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    saved = data["files"]["s" * 64]
    assert saved["name"] == "白马镇.docx"
    assert saved["marks"]["T4-TOTAL|t4.review.total|合计不符"]["state"] == "dismissed"
    assert saved["marks"]["T4-TOTAL|t4.review.total|合计不符"]["reason"] == "已电话核实"
    assert store.set("s" * 64, "白马镇.docx", "T4-TOTAL|t4.review.total|合计不符", None) == {}
    assert json.loads((tmp_path / "marks.json").read_text(encoding="utf-8"))["files"] == {}


def test_an_unreadable_marks_file_is_kept_aside(tmp_path) -> None:
    (tmp_path / "marks.json").write_text("{坏", encoding="utf-8")
    store = MarkStore(tmp_path)
    assert store.marks("x" * 64) == {}
    assert (tmp_path / "marks.json.bad").read_text(encoding="utf-8") == "{坏"
    store.set("x" * 64, "a.docx", "fp", "confirmed")
    assert store.marks("x" * 64)["fp"].state == "confirmed"


def _mark_many(folder: str, who: str, start: multiprocessing.synchronize.Event) -> None:  # type: ignore[name-defined]
    start.wait(30)
    store = MarkStore(Path(folder))
    for i in range(N_EACH):
        store.set("f" * 64, "同一份报告.docx", f"{who}-{i}", "confirmed")


def test_two_processes_marking_at_once_lose_no_mark(tmp_path) -> None:
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Event()
    workers = [ctx.Process(target=_mark_many, args=(str(tmp_path), who, start)) for who in ("甲", "乙")]
    for w in workers:
        w.start()
    start.set()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    marks = MarkStore(tmp_path).marks("f" * 64)
    assert sorted(marks) == sorted(f"{who}-{i}" for who in ("甲", "乙") for i in range(N_EACH))


def test_the_lock_is_exclusive_between_threads(tmp_path) -> None:
    import threading
    inside: list[int] = []
    overlap: list[bool] = []

    def work() -> None:
        for _ in range(20):
            with file_lock(tmp_path / "x.lock"):
                inside.append(1)
                overlap.append(len(inside) > 1)
                inside.pop()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(overlap) == 80 and not any(overlap)


def test_a_passing_read_error_neither_sets_the_marks_aside_nor_overwrites_them(tmp_path, monkeypatch) -> None:
    from pathlib import Path

    import pytest

    from pipeline.marks import MarkStore

    store = MarkStore(tmp_path)
    store.set("a" * 64, "甲.docx", "fp1", "confirmed")
    before = store.path.read_bytes()
    real = Path.read_text

    def busy(self: Path, *a: object, **k: object) -> str:
        if self == store.path:
            raise PermissionError(13, "being replaced by another window")
        return real(self, *a, **k)

    monkeypatch.setattr(Path, "read_text", busy)
    assert store.marks("a" * 64) == {}              # nothing to show this once
    with pytest.raises(OSError):                    # and nothing written over the real marks
        store.set("a" * 64, "甲.docx", "fp2", "dismissed")
    monkeypatch.undo()
    assert store.path.read_bytes() == before and not store.path.with_suffix(".json.bad").exists()
    assert set(store.marks("a" * 64)) == {"fp1"}
