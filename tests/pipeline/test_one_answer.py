"""One answer per file (issue 25): a file's result does not depend on the batch's order, on
`--jobs`, or on what its reader read before. The same folder — text files, Word, Excel, PDFs and
scans, with near-copies so that the checks across reports have something to say — gives
byte-identical JSON with --jobs 1 and --jobs 2, and the same object per file in a shuffled order."""
from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import ROOT
from tests.support.corpus import CORPUS, corpus_file

FILES = ("seed0_dongming.txt", "seed0_dongming.pdf", "seed1_aga.docx", "seed1_aga.xlsx", "u01_truncated.pdf",
         "u02_scanned.pdf", "u03_renamed_txt.docx")
SCANS = CORPUS.parent / "scans"


def _check(paths: list[Path], jobs: int) -> list[str]:
    p = subprocess.run([sys.executable, "-m", "desktop", "check", "--json", "--jobs", str(jobs), *map(str, paths)],
                       cwd=ROOT, capture_output=True, timeout=1800,
                       env={"PYTHONIOENCODING": "utf-8", "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"})
    assert p.returncode in (0, 1, 2), p.stderr.decode()[-2000:]
    return [p.stdout.decode("utf-8")]


def _folder(tmp_path: Path, scans: bool) -> list[Path]:
    folder = tmp_path / "批次"
    folder.mkdir()
    out = []
    for name in FILES:
        src = corpus_file(name)
        out.append(Path(shutil.copy(src, folder / name)))
    # a near-copy of a report under another name: COPIED-TEXT names the others in the batch
    out.append(Path(shutil.copy(folder / "seed0_dongming.txt", folder / "副本_seed0_dongming.txt")))
    if scans:
        for src in sorted(SCANS.glob("*.pdf")):
            out.append(Path(shutil.copy(src, folder / src.name)))
    return out


def _by_file(stdout: str) -> dict[str, str]:
    return {Path(obj["file"]).name: json.dumps(obj, ensure_ascii=False, sort_keys=True) for obj in json.loads(stdout)}


def _assert_one_answer(paths: list[Path]) -> None:
    [one] = _check(paths, jobs=1)
    [two] = _check(paths, jobs=2)
    assert one == two  # byte-identical
    shuffled = paths[:]
    random.Random(25).shuffle(shuffled)
    assert shuffled != paths
    [mixed] = _check(shuffled, jobs=2)
    assert [Path(o["file"]).name for o in json.loads(mixed)] == [p.name for p in shuffled]
    assert _by_file(mixed) == _by_file(one)
    answers = json.loads(one)
    assert sum("error" not in o for o in answers) >= len(answers) - 3   # the truncated and the refused scan


@pytest.mark.corpus
def test_the_same_folder_gives_the_same_answers_whatever_the_jobs_and_order(tmp_path: Path) -> None:
    _assert_one_answer(_folder(tmp_path, scans=False))


@pytest.mark.slow
@pytest.mark.corpus
def test_with_scans_read_by_ocr_the_answers_are_the_same(tmp_path: Path) -> None:
    if not SCANS.is_dir():
        pytest.skip(f"no scans in {SCANS}")
    paths = _folder(tmp_path, scans=True)
    _assert_one_answer(paths)
