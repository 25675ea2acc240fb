"""Hostile and damaged OFD files, as for the other zip formats: each gets its own clear Chinese
message within the budget and under the memory cap, the good report beside them is still read,
and the inputs are byte-identical afterwards; truncated and mutated copies of a real OFD all get
an answer (read, or a message), never an internal error."""
from __future__ import annotations

from pathlib import Path

import pytest

from importers import ReadError, read_document
from pipeline.check import CheckResult
from tests.support import hostile
from tests.support.corpus import corpus_file
from tests.support.hostile import check_unchanged
from tests.support.ofd_hostile import CONSTRUCTIONS
from tests.support.ofd_writer import from_pdf

BUDGET_S = 10.0
MEMORY_MB = 768


def _batch(paths: list[Path]) -> tuple[list[CheckResult], float]:
    return check_unchanged(paths, BUDGET_S, MEMORY_MB)


def _chinese_message(r: CheckResult) -> str:
    assert r.report is None and r.error is not None, r.path
    assert "内部错误" not in r.error and "Errno" not in r.error
    assert any("\u4e00" <= ch <= "\u9fff" for ch in r.error)
    return r.error


@pytest.mark.parametrize("name", sorted(CONSTRUCTIONS))
def test_each_construction_gets_its_message(tmp_path: Path, name: str) -> None:
    make, said = CONSTRUCTIONS[name]
    p = tmp_path / name
    p.write_bytes(make())
    with pytest.raises(ReadError) as e:
        read_document(p)
    assert said in e.value.message, e.value.message
    assert "读取超过" not in e.value.message


@pytest.mark.corpus
def test_a_batch_of_hostile_files_goes_on_to_the_good_report(tmp_path: Path) -> None:
    paths = []
    for name, (make, _said) in CONSTRUCTIONS.items():
        p = tmp_path / name
        p.write_bytes(make())
        paths.append(p)
    good = tmp_path / "好报告.ofd"
    good.write_bytes(from_pdf(corpus_file("seed0_dongming.pdf")))
    results, elapsed = _batch([*paths, good])
    assert [r.path for r in results] == [str(p) for p in [*paths, good]]
    for r, (name, (_make, said)) in zip(results, CONSTRUCTIONS.items()):
        assert said in _chinese_message(r), f"{name}: {r.error}"
    assert results[-1].report is not None and len(results[-1].report.cells) == 200
    assert elapsed < 60


@pytest.mark.corpus
def test_truncated_and_mutated_ofd_files_get_an_answer(tmp_path: Path) -> None:
    data = from_pdf(corpus_file("seed1_aga.pdf"))
    paths = []
    for cut, part in hostile.truncations(data, 12, seed=3):
        paths.append(tmp_path / f"截断{cut}.ofd")
        paths[-1].write_bytes(part)
    for i, mutated in hostile.mutations(data, 12, seed=20):
        paths.append(tmp_path / f"变异{i}.ofd")
        paths[-1].write_bytes(mutated)
    results, elapsed = _batch(paths)
    for r in results:
        assert (r.report is None) == (r.error is not None), r.path
        if r.error is not None:
            _chinese_message(r)
    assert any(r.error is not None and "OFD" in r.error for r in results)
    assert elapsed < BUDGET_S * len(paths) / 2 + 10
