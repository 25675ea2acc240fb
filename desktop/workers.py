"""Background work: reading and checking files, checks across the opened reports, the Excel
export. Tasks run on a QThreadPool and never touch widgets; their results come back to the GUI
thread by queued signals, one file at a time, so the list fills as files are read.

Each file is read in a sandboxed reader process (pipeline.sandbox): the per-file time budget
and a memory cap hold for every format, cancel kills the readers of the files in flight, and
the readers log to the window's log file (given to the runner) and die with the window."""
from __future__ import annotations

import datetime as dt
import functools
import os
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from checks.finding import Finding
from checks.settings import RuleSettings
from importers import progress as page_progress
from importers.options import ReadOptions
from importers.progress import PageRead
from pipeline import CheckResult, check_file, expand_paths
from pipeline.check import sandboxed
from pipeline.content import file_sha256
from pipeline.sandbox import ReaderPool
from review.settings import Settings

from .terminal_progress import page_note


@dataclass
class Outcome:
    path: str
    result: CheckResult
    sha256: str | None


class _Relay(QObject):
    """Carries a task's result to the GUI thread (this object lives there)."""

    done = Signal(int, object)    # token, value
    crashed = Signal(int, str)    # token, traceback text


class Task(QRunnable):
    """Runs fn() in the pool; its value (or its traceback) is emitted on the relay."""

    def __init__(self, relay: _Relay, token: int, fn: Callable[[], object], cancelled: threading.Event | None = None):
        super().__init__()
        self.relay, self.token, self.fn, self.cancelled = relay, token, fn, cancelled

    def run(self) -> None:
        if self.cancelled is not None and self.cancelled.is_set():
            return
        try:
            value = self.fn()
        except BaseException:  # reported, never lost in the pool
            self.relay.crashed.emit(self.token, traceback.format_exc())
            return
        self.relay.done.emit(self.token, value)


def check_one(path: str, rules: RuleSettings | None, reading: ReadOptions) -> Outcome:
    try:
        sha = file_sha256(path)
    except OSError:
        sha = None  # check_file says what is wrong with the file
    return Outcome(path, check_file(path, rules, reading, keep_document=True), sha)


def unread(path: str, message: str) -> Outcome:
    return Outcome(path, CheckResult(path, error=message), None)


def cross_findings(reports: list, rules: RuleSettings) -> list[list[Finding]]:
    from checks.batch import run_batch_checks
    return run_batch_checks(reports, rules)


def export_checklist(results: list[CheckResult], out: str, dismissed: dict[str, dict[str, str]], version: str,
                     confirmed: dict[str, set[str]] | None = None, only_confirmed: bool = False) -> Path:
    """The office's checklist at `out`, and the township's beside it (export.checklist.township_path)."""
    from export.checklist import TOWNSHIP, township_path, write_checklist  # imported late: the window works without export/
    now = dt.datetime.now()
    written = write_checklist(results, out, dismissed=dismissed, confirmed=confirmed, only_confirmed=only_confirmed,
                              checked_at=now, version=version)
    write_checklist(results, township_path(out), dismissed=dismissed, confirmed=confirmed, only_confirmed=only_confirmed,
                    checked_at=now, version=version, audience=TOWNSHIP)
    return written


class TaskCrash(Exception):
    """A task died of an unexpected exception; `text` is its traceback."""

    def __init__(self, what: str, text: str) -> None:
        super().__init__(f"{what}：{text.strip().splitlines()[-1] if text.strip() else ''}")
        self.what, self.text = what, text


class CheckRunner(QObject):
    """Reads batches of files. `file_queued` gives each file's path as soon as it is known (a
    folder is expanded in the pool too), `file_done` each result, `idle` when nothing is left.
    A task that dies of an exception is reported on `crashed` (a TaskCrash) and the batch goes on."""

    file_queued = Signal(str)
    file_done = Signal(object)          # Outcome
    progress = Signal(int, int)         # done, total
    reading = Signal(float, int, str)   # files read, with the pages read of those in flight; total; 正在识别 … 第 3/6 页
    _paged = Signal(int, object)        # token, PageRead: from a pool thread (queued to this one)
    idle = Signal()
    crashed = Signal(object)            # TaskCrash
    cross_done = Signal(int, object)    # token, list[list[Finding]]
    exported = Signal(object)           # Path, an OSError / ImportError, or a TaskCrash
    written = Signal(object)            # what write_files' job returned, an OSError, or a TaskCrash

    def __init__(self, parent: QObject | None = None, settings: Settings | None = None,
                 max_threads: int | None = None, processes: int | None = None, log_file: str | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.log_file = log_file  # where the reader processes log
        # Files are read in `processes` worker processes (0: in the reader thread itself, as tests
        # that replace the reader need); one pool thread per process waits for each result. One
        # core is left to the window: on 2 cores, 2 busy readers made the GUI thread wait.
        self.processes = max(1, min(2, (os.cpu_count() or 1) - 1)) if processes is None else processes
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads or max(1, self.processes))
        # Reading in processes keeps the parsers off the GUI process's GIL (threads alone left the
        # GUI thread waiting up to 0.5 s); started on first use, killed with the window.
        self._readers: ReaderPool | None = None
        self._readers_lock = threading.Lock()
        self.aux_pool = QThreadPool(self)    # checks across reports, export: not dropped by cancel()
        self.aux_pool.setMaxThreadCount(1)
        self._gen = 0                        # bumped by cancel(): results of older tasks are dropped
        self._cancelled = threading.Event()
        self._paths: dict[int, str] = {}     # token -> file being read
        self._pages: dict[int, PageRead] = {}  # token -> its pages read so far (files that report them)
        self._expanding = 0
        self._token = 0
        self.done = 0
        self.total = 0
        self._expand = self._relay(self._on_expanded, self._on_expand_crashed)
        self._check = self._relay(self._on_checked, self._on_check_crashed)
        self._cross = self._relay(self.cross_done, self._on_cross_crashed)
        self._export = self._relay(self._on_exported, self._on_export_crashed)
        self._write = self._relay(self._on_written, self._on_write_crashed)
        self._paged.connect(self._on_paged)

    def _relay(self, on_done, on_crash) -> _Relay:
        r = _Relay(self)
        r.done.connect(on_done)
        r.crashed.connect(on_crash)
        return r

    def _next(self) -> int:
        self._token += 1
        return self._token

    @property
    def busy(self) -> bool:
        return bool(self._paths) or self._expanding > 0

    # -- reading -----------------------------------------------------------------------------
    def start(self, paths: list[str]) -> None:
        folders = [p for p in paths if Path(p).is_dir()]
        self._enqueue([p for p in paths if p not in folders])
        if folders:
            self._expanding += 1
            self.pool.start(Task(self._expand, self._gen, lambda: expand_paths(folders)))

    def _enqueue(self, files: list[str]) -> None:
        for p in files:
            token = self._next()
            self._paths[token] = p
            self.total += 1
            self.file_queued.emit(p)
            self.pool.start(Task(self._check, token, functools.partial(self._read, token, p, self._cancelled),
                                 self._cancelled))
        if files:
            self.progress.emit(self.done, self.total)

    def readers(self) -> ReaderPool:
        with self._readers_lock:
            if self._readers is None:
                self._readers = ReaderPool(self.processes, log_file=self.log_file)
            return self._readers

    def _read(self, token: int, path: str, cancelled: threading.Event) -> Outcome:
        """Runs in a pool thread: read one file, in a sandboxed reader process when there are any;
        its pages read (importers.progress) come back to the GUI thread as they are read."""
        def paged(event: PageRead) -> None:
            self._paged.emit(token, event)

        settings = self.settings
        if not self.processes:
            with page_progress.reporting(paged):
                return check_one(path, settings.rules, settings.reading)
        return sandboxed(self.readers(), check_one, path, settings.rules, settings.reading, unread,
                         cancelled=cancelled, pages=paged)

    @Slot(int, object)
    def _on_expanded(self, gen: int, files: object) -> None:
        if gen != self._gen:
            return
        self._expanding -= 1
        self._enqueue(list(files))  # type: ignore[call-overload]
        self._maybe_idle()

    @Slot(int, str)
    def _on_expand_crashed(self, gen: int, text: str) -> None:
        if gen != self._gen:
            return
        self._expanding -= 1
        self.crashed.emit(TaskCrash("读取文件夹", text))
        self._maybe_idle()

    @Slot(int, object)
    def _on_paged(self, token: int, event: object) -> None:
        if token not in self._paths or not isinstance(event, PageRead):
            return  # read already, or cancelled
        self._pages[token] = event
        self._tell_reading(token)

    def _tell_reading(self, token: int | None = None) -> None:
        """`reading` for the files in flight that report pages: `token`'s page named, else the last one's."""
        if token is None:
            token = next(reversed(self._pages), None)
        if token is None or token not in self._paths:
            return
        read = self.done + sum(e.done / e.total for e in self._pages.values())
        self.reading.emit(read, self.total, page_note(self._paths[token], self._pages[token]))

    @Slot(int, object)
    def _on_checked(self, token: int, outcome: object) -> None:
        if self._paths.pop(token, None) is None:
            return  # cancelled meanwhile
        self._pages.pop(token, None)
        self.done += 1
        self.file_done.emit(outcome)
        self.progress.emit(self.done, self.total)
        self._tell_reading()
        self._maybe_idle()

    @Slot(int, str)
    def _on_check_crashed(self, token: int, text: str) -> None:
        path = self._paths.pop(token, None)
        if path is None:
            return
        self._pages.pop(token, None)
        self.done += 1
        # the row still gets a result, so nothing waits for it forever
        result = CheckResult(path, error="读取时发生内部错误，该文件未能检查。详情已写入日志（帮助 → 查看日志）。")
        self.crashed.emit(TaskCrash(f"读取 {Path(path).name}", text))
        self.file_done.emit(Outcome(path, result, None))
        self.progress.emit(self.done, self.total)
        self._tell_reading()
        self._maybe_idle()

    def _maybe_idle(self) -> None:
        if not self.busy:
            self.done = self.total = 0
            self.idle.emit()

    def cancel(self) -> int:
        """Drop every file not yet read, and kill the readers of those being read; returns how
        many were dropped."""
        dropped = len(self._paths)
        self._cancelled.set()
        self.pool.clear()
        if self._readers is not None and dropped:
            self._readers.cancel_all()
        self._cancelled = threading.Event()
        self._gen += 1
        self._paths.clear()
        self._pages.clear()
        was_busy = self._expanding > 0 or dropped > 0
        self._expanding = 0
        if was_busy:
            self._maybe_idle()
        return dropped

    # -- across reports, export ------------------------------------------------------------
    def check_across(self, reports: list) -> int:
        token = self._next()
        self.aux_pool.start(Task(self._cross, token, lambda: cross_findings(reports, self.settings.rules)))
        return token

    def export(self, results: list[CheckResult], out: str, dismissed: dict[str, dict[str, str]], version: str,
               confirmed: dict[str, set[str]] | None = None, only_confirmed: bool = False) -> None:
        def run() -> object:
            try:
                return export_checklist(results, out, dismissed, version, confirmed, only_confirmed)
            except (OSError, ImportError) as e:  # a locked file, a missing export/: told, not crashed
                return e
        self.aux_pool.start(Task(self._export, self._next(), run))

    def write_files(self, job: Callable[[], object]) -> None:
        """Write files (the correction notices) off the GUI thread; `written` gets what job returned."""
        def run() -> object:
            try:
                return job()
            except OSError as e:  # a locked or read-only target: told, not crashed
                return e
        self.aux_pool.start(Task(self._write, self._next(), run))

    @Slot(int, object)
    def _on_written(self, _token: int, value: object) -> None:
        self.written.emit(value)

    @Slot(int, str)
    def _on_write_crashed(self, _token: int, text: str) -> None:
        self.written.emit(TaskCrash("导出整改通知", text))

    @Slot(int, str)
    def _on_cross_crashed(self, _token: int, text: str) -> None:
        self.crashed.emit(TaskCrash("跨报告检查", text))

    @Slot(int, object)
    def _on_exported(self, _token: int, value: object) -> None:
        self.exported.emit(value)

    @Slot(int, str)
    def _on_export_crashed(self, _token: int, text: str) -> None:
        self.exported.emit(TaskCrash("导出整改清单", text))

    def shutdown(self, wait_ms: int = 5000) -> None:
        """Cancel the batch and end every reader process (the window is closing)."""
        self.cancel()
        with self._readers_lock:
            readers, self._readers = self._readers, None
        if readers is not None:
            readers.close()
        self.pool.waitForDone(wait_ms)
        self.aux_pool.waitForDone(wait_ms)
