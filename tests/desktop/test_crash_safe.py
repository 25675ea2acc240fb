"""Crash-safe state (issue 25): the open list, the marks and the settings survive a kill -9 at any
moment; the next start reopens the list, says so and offers to start empty; no file of the app-data
folder is left corrupt."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from archive import Archive
from desktop.open_list import OpenList
from pipeline.atomic import remove_stale_temps, write_atomic
from pipeline.content import file_sha256
from review.marks import MarkBook
from tests.desktop.gui import WAIT_MS, copy_as, make_window

ROOT = Path(__file__).resolve().parents[2]
BATCH = ("v10_baima_zhen.docx", "v02_chengguan_jd.pdf", "v06_pingshan_zjj.pdf", "v04_anping_zrzyj.txt",
         "v03_liulin_zhen.xlsx", "seed0_dongming.pdf", "seed2_kangyi.docx", "v05_shiqiao_xiang.docx")


def _env(appdata: Path) -> dict[str, str]:
    return dict(os.environ, NIANBAO_APPDATA=str(appdata), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))


def _poll(pred, timeout_s: float = 60.0) -> None:
    end = time.monotonic() + timeout_s
    while not pred():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.02)


def assert_intact(appdata: Path) -> None:
    """Every file of the app-data folder reads as what it is (write_atomic's temporaries aside)."""
    for p in appdata.iterdir():
        if p.name.startswith(".") and p.name.endswith(".tmp"):
            continue
        if p.suffix == ".json":
            json.loads(p.read_text(encoding="utf-8"))
        elif p.suffix == ".ini":
            assert QSettings(str(p), QSettings.Format.IniFormat).status() == QSettings.Status.NoError
        elif p.suffix == ".sqlite3":
            with sqlite3.connect(p) as db:
                assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert not p.name.endswith(".bad"), f"{p.name}: a file was found damaged and set aside"


@pytest.mark.corpus
def test_a_window_killed_in_the_middle_of_a_batch_comes_back_with_its_list(qtbot, appdata, tmp_path) -> None:
    folder = tmp_path / "县里的报告"
    files = sorted(str(copy_as(tmp_path, name, f"县里的报告/{i:02d} {name}")) for i, name in enumerate(BATCH))
    proc = subprocess.Popen([sys.executable, "-m", "desktop", str(folder)], cwd=ROOT, env=_env(appdata),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _poll(lambda: sorted(OpenList(appdata).load().paths) == files)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    state = OpenList(appdata).load()
    assert not state.closed_normally
    assert_intact(appdata)

    window = make_window(qtbot, appdata)
    with qtbot.waitSignal(window.runner.idle, timeout=WAIT_MS):
        assert window.restore_last_batch()
    assert sorted(e.path for e in window.reports.entries()) == files
    box = window.keeper.offer
    assert box is not None and box.text().startswith(f"恢复了上次未正常关闭时打开的 {len(files)} 份报告。")
    next(b for b in box.buttons() if b.text() == "清空列表，从空白开始").click()
    assert window.reports.rowCount() == 0


def test_a_normal_close_reopens_the_list_without_a_question(qtbot, appdata, tmp_path) -> None:
    path = tmp_path / "报告.txt"
    path.write_text("某某镇人民政府2024年政府信息公开工作年度报告\n", encoding="utf-8")
    first = make_window(qtbot, appdata)
    with qtbot.waitSignal(first.runner.idle, timeout=3 * WAIT_MS):  # the window's first reader (slow to start under Wine)
        first.open_paths([str(path)])
    first.close()
    assert OpenList(appdata).load().closed_normally
    again = make_window(qtbot, appdata)
    with qtbot.waitSignal(again.runner.idle, timeout=WAIT_MS):
        assert again.restore_last_batch()
    assert again.keeper.offer is None and [e.path for e in again.reports.entries()] == [str(path)]


_WRITER = """
import sys
from pathlib import Path
from desktop.open_list import OpenList
from review.session import save_settings
from importers.options import ReadOptions
from review.settings import Settings
from archive import Archive
from review.marks import MarkBook
folder, sha, report = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
book = MarkBook(Archive(folder / "archive.sqlite3"))
fps = [f"fp{i:03d}" for i in range(300)]
print("ready", flush=True)
n = 0
while True:  # until killed: every write replaces the whole of each file
    state = "confirmed" if n % 2 else "dismissed"
    book.set_many(sha, fps, state, f"第{n}次")
    OpenList(folder).save([report])
    save_settings(folder, Settings(ReadOptions(30.0 + n % 7)))
    n += 1
"""


@pytest.mark.corpus
def test_marks_and_settings_written_when_killed_are_whole_and_come_back(qtbot, appdata, tmp_path) -> None:
    report = copy_as(tmp_path, "v10_baima_zhen.docx", "白马镇.docx")
    sha = file_sha256(report)
    rng = random.Random(25)
    for _ in range(6):  # killed at different moments of the writes
        proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(appdata), sha, str(report)], cwd=ROOT,
                                env=_env(appdata), stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        _poll((appdata / "settings.json").exists)
        time.sleep(rng.uniform(0.0, 0.3))  # a random moment inside the write loop, not a wait for anything
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert_intact(appdata)
        with Archive(appdata / "archive.sqlite3") as arc:
            marks = MarkBook(arc).marks(sha)
        assert len(marks) == 300 and len({(m.state, m.reason) for m in marks.values()}) == 1  # one write, whole
    window = make_window(qtbot, appdata)
    assert 30.0 <= window.session.settings.reading.time_budget <= 36.0
    with qtbot.waitSignal(window.runner.idle, timeout=WAIT_MS):
        assert window.restore_last_batch()
    assert window.keeper.offer is not None
    entry = window.reports.entries()[0]
    assert entry.path == str(report) and len(entry.marks) == 300


def test_write_atomic_leaves_the_old_or_the_new_and_stale_temporaries_are_removed(tmp_path) -> None:
    target = tmp_path / "settings.json"
    write_atomic(target, '{"a": 1}')
    stale = tmp_path / ".settings.json.abc.tmp"
    stale.write_text('{"a": ', encoding="utf-8")  # what a killed writer leaves
    fresh = tmp_path / ".marks.json.def.tmp"
    fresh.write_text("{", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    assert remove_stale_temps(tmp_path) == [stale]
    assert fresh.exists() and json.loads(target.read_text(encoding="utf-8")) == {"a": 1}
