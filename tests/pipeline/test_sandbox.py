"""The sandbox every read runs in: a hard wall clock, a memory cap, a reader's death costs only
its own file, cancel kills the reader, readers log with the file name and die with their owner."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
import zipfile
from pathlib import Path

import pytest

from checks import RuleSettings
from importers import ReadError, formats, read_document
from importers.options import ReadOptions
from pipeline import check_files
from pipeline.sandbox import CRASH_MESSAGE, WALL_FACTOR, Budget, ReaderPool

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux sandbox is tested here")


def spin(seconds: float) -> str:
    """Work (CPU time) for `seconds`."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return "done"


def test_a_call_past_its_budget_is_killed_and_the_pool_goes_on() -> None:
    with ReaderPool(1) as pool:
        started = time.monotonic()
        answer = pool.run(spin, (30,), 1.0, "慢.pdf")
        assert time.monotonic() - started < WALL_FACTOR * 1.0 + 4   # by its CPU time, or at worst the clock
        assert answer.kind == "timeout" and "读取超过 1 秒已停止" in answer.error
        again = pool.run(len, ("abc",), 5.0)
        assert again.ok and again.value == 3


def test_a_reader_that_waits_without_working_is_stopped_by_the_wall_clock() -> None:
    with ReaderPool(1) as pool:
        started = time.monotonic()
        answer = pool.run(time.sleep, (60,), 1.0, "挂起.pdf")
        took = time.monotonic() - started
    assert answer.kind == "timeout" and "读取超过 1 秒已停止" in answer.error
    assert WALL_FACTOR * 1.0 <= took < WALL_FACTOR * 1.0 + 3


def test_the_budget_counts_the_readers_own_time_not_the_machines_load() -> None:
    """A reader that gets no CPU (a loaded machine) has not spent its budget however long it
    waits on the clock, up to the wall backstop; the CPU it uses is counted, its children's too."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        budget = Budget(child.pid, 1.0)
        while budget.wall_s() < 1.5:  # the clock runs while the child does no work
            time.sleep(0.05)
        assert budget.wall_s() >= 1.5 and not budget.spent()
    finally:
        child.kill()
        child.wait()
    busy = subprocess.Popen([sys.executable, "-c", "import subprocess, sys; subprocess.run([sys.executable, '-c', "
                             "'import time\\ne = time.process_time() + 2\\nwhile time.process_time() < e: pass'])"])
    try:
        budget = Budget(busy.pid, 1.0)
        deadline = time.monotonic() + 60
        while (budget.cpu_s() or 0.0) < 1.0 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert (budget.cpu_s() or 0.0) >= 1.0   # the grandchild's work counts
    finally:
        busy.kill()
        busy.wait()


def test_a_call_past_the_memory_cap_gets_the_memory_message() -> None:
    with ReaderPool(1, memory_mb=200) as pool:
        answer = pool.run(bytearray, (1024 * 1024 * 1024,), 10.0)
        assert answer.kind == "memory" and "200 MB" in answer.error
        small = pool.run(bytearray, (10 * 1024 * 1024,), 10.0)
        assert small.ok and len(small.value) == 10 * 1024 * 1024


def test_a_dead_reader_costs_only_its_own_call() -> None:
    with ReaderPool(1) as pool:
        first = pool.run(os.getpid, (), 5.0)
        died = pool.run(os._exit, (3,), 5.0)
        assert died.kind == "died" and "退出码 3" in died.error
        after = pool.run(os.getpid, (), 5.0)
        assert after.ok and after.value != first.value  # a new reader took its place


def test_a_panic_is_told_and_logged_with_the_file_name(tmp_path: Path) -> None:
    log = tmp_path / "窗口.log"
    with ReaderPool(1, log_file=str(log)) as pool:
        answer = pool.run(sys.exit, (5,), 5.0, "坏报告.xls")  # SystemExit: a BaseException, as a panic is
    assert answer.kind == "crashed" and answer.error == CRASH_MESSAGE
    text = log.read_text(encoding="utf-8")
    assert "坏报告.xls" in text and "SystemExit" in text


def test_cancel_kills_the_reader_of_the_file_in_flight() -> None:
    with ReaderPool(2) as pool:
        answers: list = []
        t = threading.Thread(target=lambda: answers.append(pool.run(time.sleep, (30,), 60.0, "大文件.pdf")))
        t.start()
        deadline = time.monotonic() + 60   # the reader's start-up (slow on a loaded machine) is not what is tested
        while not pool.pids() and time.monotonic() < deadline:
            time.sleep(0.05)
        (pid,) = pool.pids()
        started = time.monotonic()
        pool.cancel_all()
        t.join(5)
        assert time.monotonic() - started < 1.5
        assert answers and answers[0].kind == "cancelled"
        assert not _alive(pid)


def test_a_cancelled_batch_starts_no_waiting_call() -> None:
    cancelled = threading.Event()
    cancelled.set()
    with ReaderPool(1) as pool:
        assert pool.run(os.getpid, (), 5.0, "", cancelled).kind == "cancelled"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_readers_die_with_their_owner(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import sys, threading, time
        from pipeline.sandbox import ReaderPool
        if __name__ == "__main__":
            pool = ReaderPool(2)
            for _ in range(2):
                threading.Thread(target=pool.run, args=(time.sleep, (60,), 120.0), daemon=True).start()
            while len(pool.pids()) < 2:
                time.sleep(0.05)
            print(*pool.pids(), flush=True)
            time.sleep(60)
    """)
    (tmp_path / "owner.py").write_text(script, encoding="utf-8")
    owner = subprocess.Popen([sys.executable, str(tmp_path / "owner.py")], stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).resolve().parents[2])
    assert owner.stdout is not None
    pids = [int(x) for x in owner.stdout.readline().split()]
    assert len(pids) == 2 and all(_alive(p) for p in pids)
    owner.kill()
    owner.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    assert not any(_alive(p) for p in pids), "a reader outlived its owner"


def _never_returns(path: str, rules: RuleSettings | None, reading: ReadOptions, keep_document: bool = False) -> None:
    time.sleep(60)


def test_check_files_holds_every_file_to_the_budget(tmp_path: Path, monkeypatch) -> None:
    """The clock is the settings' per-file budget, and the batch goes on past a file that hangs."""
    import pipeline.check
    hang, good = tmp_path / "挂起.txt", tmp_path / "报告.txt"
    hang.write_text("年度报告\n", encoding="utf-8")
    good.write_text("年度报告\n", encoding="utf-8")
    real = pipeline.check.check_file
    monkeypatch.setattr(pipeline.check, "check_file", _never_returns)
    started = time.monotonic()
    (r,) = check_files([str(hang)], reading=ReadOptions(2))
    assert WALL_FACTOR * 2 <= time.monotonic() - started < WALL_FACTOR * 2 + 4   # it waits: the clock stops it
    assert r.error is not None and "读取超过 2 秒已停止" in r.error
    monkeypatch.setattr(pipeline.check, "check_file", real)
    (ok,) = check_files([str(good)], reading=ReadOptions(2))
    assert ok.error == "文件中没有可读的文字内容。请确认文件是否为空白或仅含图片。" or ok.report is not None


def test_a_file_deleted_while_read_is_gone_not_damaged(tmp_path: Path, monkeypatch) -> None:
    p = tmp_path / "报告.txt"

    def vanish(error: BaseException):
        def read(self, path, budget=None):
            path.unlink()
            raise error
        return read
    for error in (zipfile.BadZipFile("File is not a zip file"), ReadError("文件已损坏", kind="corrupt"),
                  FileNotFoundError(2, "No such file or directory")):
        p.write_text("年度报告\n", encoding="utf-8")
        monkeypatch.setattr(formats.Format, "read", vanish(error))
        with pytest.raises(ReadError) as e:
            read_document(p)
        assert e.value.message.startswith("文件不存在或已被移走"), error


def test_a_missing_file_has_no_english_errno(tmp_path: Path) -> None:
    (r,) = check_files([str(tmp_path / "不存在.pdf")])
    assert r.error is not None and r.error.startswith("文件不存在或已被移走")


def test_arguments_that_cannot_be_sent_are_a_crash_not_an_escape() -> None:
    with ReaderPool(1) as pool:
        answer = pool.run(len, (lambda: None,), 5.0, "报告.pdf")  # a lambda does not pickle
        assert answer.kind == "crashed" and answer.error == CRASH_MESSAGE
        assert pool.run(len, ("ab",), 5.0).value == 2


def test_a_bug_is_still_an_internal_error_with_its_traceback_in_the_log(tmp_path: Path, monkeypatch, caplog) -> None:
    from pipeline import check_file
    p = tmp_path / "报告.txt"
    p.write_text("年度报告\n", encoding="utf-8")

    def buggy(self, path, budget=None):
        return None + 1  # a TypeError: a bug of ours, not the file's fault
    monkeypatch.setattr(formats.Format, "read", buggy)
    result = check_file(p)
    assert result.error is not None and "内部错误（TypeError）" in result.error
    assert any(r.exc_info and r.exc_info[0] is TypeError for r in caplog.records)
