"""The overview counts every file (issue 27): over the sample corpus checked into an archive, the
statuses add up to the reports (each body's latest version), and with the earlier rounds to every
file — the two unreadable files of no known body or year included, by their names; 需整改 means an
error, 建议完善 warnings only; the workbook prints on A4 with Chinese names only."""
from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest

from archive import Archive
from archive.overview import MISSING, NEEDS_FIX, PASS, SUGGEST, UNKNOWN_BODY, UNREADABLE, overview
from tests.support.cli import run
from tests.support.corpus import CORPUS

pytestmark = pytest.mark.corpus


def _files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.is_file() and not p.name.endswith(".json") and p.name != "README.md")


def test_the_overview_counts_every_file_of_the_corpus(tmp_path: Path) -> None:
    files = _files()
    db, out = tmp_path / "台账.sqlite3", tmp_path / "总览.xlsx"
    p = run("check", "--json", "--archive", str(db), "--overview", str(out), *map(str, files))
    assert p.returncode in (1, 2), p.stderr.decode()
    results = json.loads(p.stdout)
    assert len(results) == len(files)
    unreadable = [Path(r["file"]).name for r in results if "error" in r]
    assert unreadable  # the corpus holds files that cannot be read
    with Archive(db) as arc:
        ov = overview(arc, 2024, [v for v in arc.versions() if v.year is None])
    counts = ov.status_counts()
    assert sum(n for s, n in counts.items() if s != MISSING) == ov.reports
    assert ov.files == len(files) == ov.reports + ov.earlier
    assert counts[UNREADABLE] == len(unreadable)
    assert sorted(r.file for r in ov.rows if r.status == UNREADABLE and r.body == UNKNOWN_BODY) == sorted(unreadable)
    for r in ov.rows:  # 需整改 = an error; 建议完善 = warnings and no error
        if r.status in (NEEDS_FIX, SUGGEST, PASS):
            assert (r.status == NEEDS_FIX) == (r.counts["error"] > 0)
            assert (r.status == SUGGEST) == (r.counts["error"] == 0 and r.counts["warning"] > 0)
    ws = openpyxl.load_workbook(out)["县域总览"]
    assert ws.cell(2, 1).value == ov.summary() and ov.summary().startswith(f"共 {ov.reports} 份报告（共收到 {len(files)} 份文件")
    shown = [row for row in ws.iter_rows(min_row=4, values_only=True) if isinstance(row[0], int)]
    assert len(shown) == len(ov.rows) and {row[3] for row in shown} >= set(unreadable)
    rules = openpyxl.load_workbook(out)["按问题类别"]
    names = [c for row in rules.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert names and not any(re.fullmatch(r"[A-Z0-9-]+", c) for c in names)  # no rule ids
