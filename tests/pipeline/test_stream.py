"""The streaming batch: small views kept per file, the same findings and the same JSON, byte for byte,
as the full path; the array written one object at a time."""
from __future__ import annotations

import io
import json
import pickle
import random
from pathlib import Path

import pytest

from checks.batch import BATCH_CELLS, BatchReport
from importers.options import ReadOptions
from model.rounds import RoundState
from pipeline import check_files
from pipeline.check import CheckResult
from pipeline.stream import check_file_slim, check_files_slim, json_chunks, slim, write_json
from tests.support import layouts
from tests.support.batches import body


def write_batch(folder: Path, n: int, seed: int = 3) -> list[str]:
    """n text reports of one template (a COPIED-TEXT cluster), two bodies' consecutive years (one not
    following on), the same report twice and an unreadable file."""
    rng = random.Random(seed)
    paths: list[str] = []
    for k in range(n):
        unit, year = body(k // 2 if k < 4 else k), 2024 - (k % 2 if k < 4 else 0)
        text = layouts.to_text(layouts.pieces(year=year, unit=unit))
        a, b = rng.randint(1, 60), rng.randint(1, 90)
        text = text.replace("共85条，其中政策文件12条、工作动态73条", f"共{a + b}条，其中政策文件{a}条、工作动态{b}条")
        if k == 1:  # body 0's year before: carried forward and in force that do not lead to 2024's
            text = text.replace("四、结转下年度继续办理\t\t\t2\t", "四、结转下年度继续办理\t\t\t5\t")
            text = text.replace("行政规范性文件\t3\t1\t12", "行政规范性文件\t3\t1\t5")
        p = folder / f"{k:03d}_{unit}{year}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    twin = folder / "twin.txt"
    twin.write_bytes(Path(paths[-1]).read_bytes())
    broken = folder / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    return [paths[0], str(broken), *paths[1:], str(twin)]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return write_batch(tmp_path_factory.mktemp("stream"), 7)


def test_json_chunks_are_json_dump_of_the_list() -> None:
    objs: list[dict[str, object]] = [
        {"file": "a 甲.txt", "cells": {"t1.x": 1, "t1.y": None, "t2.z": 2.5}, "findings": []},
        {"file": "b\n\"乙\"", "error": "无法读取", "nested": [{"k": [1, [2, {}]]}, []]},
        {},
    ]
    for some in ([], objs[:1], objs):
        assert "".join(json_chunks(iter(some))) == json.dumps(some, ensure_ascii=False, indent=1)


def test_write_json_writes_one_object_at_a_time() -> None:
    class Recorder(io.StringIO):
        def __init__(self) -> None:
            super().__init__()
            self.writes: list[str] = []

        def write(self, s: str) -> int:
            self.writes.append(s)
            return super().write(s)

    out = Recorder()
    results = [CheckResult(f"/x/{k}.pdf", error=f"坏文件{k}") for k in range(3)]
    write_json(results, out)
    assert out.getvalue() == json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=1) + "\n"
    assert len(out.writes) == 5 and all(len(w) < 80 for w in out.writes)  # 3 objects, "]", "\n"


def test_slim_view_is_small_and_gives_the_same_json(batch: list[str]) -> None:
    from pipeline import check_file

    full = check_file(batch[0], keep_document=False)
    small = slim(full)
    assert isinstance(small.report, BatchReport) and small.document is None
    assert full.report is not None
    where = [full.report.cells[k].location for k in BATCH_CELLS]
    assert len({loc.line for loc in where}) == 3  # table 3's two rows and table 2's row: three lines
    assert [small.report.cell_location(k) for k in BATCH_CELLS] == where  # packed, then read back
    assert [small.report.value(k) for k in BATCH_CELLS] == [full.report.value(k) for k in BATCH_CELLS]
    assert small.to_json() == full.to_json() and small.to_json("名") == full.to_json("名")
    assert len(small.to_json()["cells"]) == 200  # type: ignore[arg-type]
    assert len(pickle.dumps(small)) * 4 < len(pickle.dumps(full))
    small.rounds = {"x": RoundState.OPEN}
    assert pickle.loads(pickle.dumps(small)) == small  # as it crosses from a reader process: every field kept
    small.rounds = None
    assert check_file_slim(batch[0], None, ReadOptions()).to_json() == full.to_json()
    bad = slim(check_file(batch[1]))
    assert bad.report is None and set(bad.to_json()) == {"file", "format", "error"}


@pytest.mark.parametrize("jobs", [1, 2])
def test_streaming_batch_equals_the_full_batch(batch: list[str], jobs: int) -> None:
    full = check_files(batch, jobs=jobs)
    seen: list[tuple[int, int]] = []
    small = check_files_slim(batch, jobs=jobs, progress=lambda n, t: seen.append((n, t)))
    assert seen == [(n, len(batch)) for n in range(1, len(batch) + 1)]
    assert [r.path for r in small] == batch
    rules = {f.rule for r in full for f in r.findings}
    # the batch exercises every check across reports, and an unreadable file
    assert {"COPIED-TEXT", "PREV-YEAR-CARRY", "PREV-YEAR-IN-FORCE"} <= rules and any(r.error for r in full)
    assert [[f.to_json() for f in r.findings] for r in small] == [[f.to_json() for f in r.findings] for r in full]
    old = json.dumps([r.to_json() for r in full], ensure_ascii=False, indent=1) + "\n"
    out = io.StringIO()
    write_json(small, out)
    assert out.getvalue() == old
