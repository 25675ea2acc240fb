"""A seeded fuzz campaign over all eleven formats (issue 25): a few hundred mutated reports —
truncations, byte flips, inner-XML and ZIP-level mutations, broken PDF structure, hostile
text/HTML/RTF, formula text, runaway numbers. Every file gets an answer (read, or a Chinese
message) and never 内部错误, a timeout or a dead reader; the inputs are byte-identical afterwards;
and every writer takes the lot: the JSON, the checklist (no live formula) and the notices.

A longer campaign: `benchmarks/hostile_batch.py --fuzz 300` (300 a format)."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import time
from pathlib import Path

import openpyxl

from export import write_checklist
from export.notice_settings import NoticeSettings
from export.notices import group_entries, notice_number, write_notices
from importers.options import ReadOptions
from pipeline import check_files
from pipeline.stream import write_json
from tests.support import fuzz

PER_FORMAT = 25
BUDGET_S = 30.0   # generous: a loaded machine must not turn a slow read into a false timeout


def _sha(paths: list[Path]) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def test_every_format_mutated_gets_an_answer_and_every_writer_takes_it(tmp_path: Path) -> None:
    paths = fuzz.campaign(tmp_path / "批次", PER_FORMAT, seed=25)
    assert len(paths) == PER_FORMAT * len(fuzz.FORMATS) == 275
    before = _sha(paths)
    started = time.monotonic()
    results = check_files([str(p) for p in paths], reading=ReadOptions(BUDGET_S), jobs=2, memory_mb=768)
    elapsed = time.monotonic() - started
    assert _sha(paths) == before, "an input was modified"
    assert [r.path for r in results] == [str(p) for p in paths]
    bad = {Path(r.path).name: r.error for r in results
           if r.error is not None and any(w in r.error for w in ("内部错误", "读取超过", "意外终止"))}
    assert not bad, bad
    for r in results:
        assert (r.report is None) == (r.error is not None), r.path
        assert r.error is None or any("\u4e00" <= ch <= "\u9fff" for ch in r.error), r.error
    read = {fmt: sum(1 for r in results if r.report is not None and Path(r.path).suffix == f".{fmt}") for fmt in fuzz.FORMATS}
    assert all(n > 0 for n in read.values()), read   # some damage leaves every format readable
    assert elapsed < 90, elapsed

    out = io.StringIO()
    write_json(results, out)
    assert len(json.loads(out.getvalue())) == len(paths)
    out.getvalue().encode("utf-8")
    checklist = write_checklist(results, tmp_path / "整改清单.xlsx")
    wb = openpyxl.load_workbook(checklist, read_only=True)
    assert not [c.coordinate for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if getattr(c, "data_type", None) == "f"], "a live formula in the checklist"
    entries = group_entries(results)
    settings = NoticeSettings()
    written = write_notices(entries, tmp_path / "通知", settings,
                            [notice_number(settings, e.year, i + 1) for i, e in enumerate(entries)], issued=dt.date(2025, 3, 1))
    assert len(written) == len(entries) > 0
