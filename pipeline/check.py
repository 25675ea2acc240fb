"""File → Document → Report → Findings, for one file; the one path the CLI and the window share."""
from __future__ import annotations

import functools
import logging
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from checks import run_checks, sort_findings
from checks.finding import Finding
from checks.settings import RuleSettings
from importers import REPORT_EXTENSIONS, ReadError, read_with
from importers.limits import memory_error
from importers.options import ReadOptions
from importers.progress import PageRead
from model.document import Document
from model.report import Report
from model.rounds import PreviousRound, RoundState
from recognise import recognise

from .clean import clean_document
from .sandbox import DEFAULT_MEMORY_MB, ReaderPool, in_reader, preload_modules

if TYPE_CHECKING:
    from checks.batch import ArchivedReport

log = logging.getLogger(__name__)
R = TypeVar("R")


@dataclass
class CheckResult:
    path: str
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None           # Chinese message when the file could not be read
    document: Document | None = None   # kept for the source view; dropped in batch runs
    previous: PreviousRound | None = None        # the archive's earlier round of this report (`check --archive`)
    rounds: dict[str, RoundState] | None = None  # finding fingerprint -> its state against that round

    @property
    def name(self) -> str:
        return os.path.basename(self.path)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def to_json(self, file_label: str | None = None) -> dict[str, object]:
        label = file_label if file_label is not None else self.path
        if self.report is None:
            fmt = Path(self.path).suffix.lower().lstrip(".") or None
            return {"file": label, "format": fmt, "error": self.error or "无法读取该文件。"}
        r = self.report
        return {
            "file": label,
            "format": r.format,
            "unit": r.unit,
            "year": r.year,
            "cells": {k: c.value for k, c in r.cells.items()},
            "findings": [self._finding_json(f) for f in self.findings],
            **({"previous": self.previous.to_json()} if self.previous is not None else {}),
        }

    def _finding_json(self, f: Finding) -> dict[str, object]:
        out = f.to_json()
        if self.rounds is not None:
            out["round"] = str(self.rounds.get(f.fingerprint, RoundState.NEW))
        return out


def out_of_memory(e: BaseException) -> bool:
    """An exception that is an allocation failure in disguise: a native library (onnxruntime under
    the reader's cap: std::bad_alloc) reports it as its own error type."""
    text = f"{type(e).__name__}: {e}"[:20000]
    return any(w in text for w in ("bad_alloc", "Failed to allocate memory", "MemoryError", "out of memory"))


def check_file(path: str | Path, rules: RuleSettings | None = None, reading: ReadOptions | None = None,
               keep_document: bool = True) -> CheckResult:
    """Read (under the reading settings) and check (under the rules' settings) one file. Never
    raises for a bad file: the result carries the message."""
    p = str(path)
    try:
        doc = clean_document(read_with(p, reading or ReadOptions()))
        report = recognise(doc)
        findings = run_checks(report, rules)
    except ReadError as e:
        if e.kind == "too_large" and e.message == memory_error().message and in_reader():
            raise MemoryError from e  # the pool retries it once in a fresh reader
        return CheckResult(p, error=e.message)
    except MemoryError:
        if in_reader():
            raise
        return CheckResult(p, error=memory_error().message)
    except RecursionError:
        log.warning("recursion too deep while checking %s", p, exc_info=True)
        return CheckResult(p, error="文件结构嵌套过深（可能是损坏或恶意构造的文件），已停止读取。请向报送单位索取正常保存的文件。")
    except Exception as e:  # a bug or an input no rule foresaw: the batch goes on
        if out_of_memory(e):  # a native library's allocation failed (onnxruntime's std::bad_alloc)
            log.warning("out of memory in a library while checking %s: %s", p, type(e).__name__)
            if in_reader():
                raise MemoryError from e
            return CheckResult(p, error=memory_error().message)
        log.exception("internal error while checking %s", p)
        return CheckResult(p, error=f"读取时发生内部错误（{type(e).__name__}），该文件未能检查。请将文件反馈给软件维护人员。")
    return CheckResult(p, report, findings, document=doc if keep_document else None)


def add_batch_findings(results: list[CheckResult], rules: RuleSettings | None = None,
                       previous: Sequence[ArchivedReport | None] | None = None) -> None:
    """Checks across the reports checked together (consecutive years, copied text), appended
    to each result's findings. Runs whenever several reports are checked at once, or with
    `previous` (per result, its body's archived year-before report) for one."""
    from checks.batch import run_batch_checks

    extra = run_batch_checks([r.report for r in results], rules, previous)
    for r, found in zip(results, extra):
        if found:
            r.findings = sort_findings(r.findings + found)


Progress = Callable[[int, int], None]   # (files read so far, files in all)
PageProgress = Callable[[str, PageRead], None]   # (file, its pages read so far): from the readers' threads


Work = Callable[[str, RuleSettings | None, ReadOptions], R]   # what a reader does with one file


def sandboxed(pool: ReaderPool, work: Work[R], path: str, rules: RuleSettings | None, reading: ReadOptions,
              failed: Callable[[str, str], R], *, cancelled: threading.Event | None = None,
              pages: Callable[[PageRead], None] | None = None) -> R:
    """The one sandboxed read, shared by the command line, the stream and the window's runner:
    `work(path, rules, reading)` in one of the pool's reader processes, under the reading settings'
    time budget and the pool's memory cap. A reader killed, timed out or dead on this file gives
    `failed(path, message)`, never an exception; `pages` hears its pages as they are read."""
    answer = pool.run(work, (path, rules, reading), reading.time_budget, path, cancelled, on_page=pages)
    if answer.ok:
        return cast(R, answer.value)
    return failed(path, answer.error or "")


def failed_result(path: str, message: str) -> CheckResult:
    return CheckResult(path, error=message)


def page_listener(path: str, pages: PageProgress | None) -> Callable[[PageRead], None] | None:
    """The pool's per-call listener for `pages`, naming the file."""
    if pages is None:
        return None
    return lambda event: pages(path, event)


def check_files(paths: list[str], rules: RuleSettings | None = None, reading: ReadOptions | None = None,
                jobs: int = 1, keep_document: bool = False, batch: bool = True,
                memory_mb: int = DEFAULT_MEMORY_MB, progress: Progress | None = None,
                pages: PageProgress | None = None, log_file: str | None = None) -> list[CheckResult]:
    """Check many files, each in a sandboxed reader process (`jobs` of them at once: PDF parsing
    is CPU-bound), then the checks across them (unless `batch` is False: the caller runs them,
    e.g. with the archive). Results come back in input order; a file that hangs, runs out of
    memory or kills its reader costs only its own result. `progress(n, total)` after each file,
    `pages(path, event)` as a file's pages are read (scans: each page's OCR); the readers log to
    `log_file`."""
    read = reading or ReadOptions()
    work: Work[CheckResult] = functools.partial(check_file, keep_document=keep_document)
    results = read_all(paths, lambda pool, p: sandboxed(pool, work, p, rules, read, failed_result,
                                                        pages=page_listener(p, pages)),
                       jobs, memory_mb, progress, log_file)
    if batch and len(results) > 1:
        add_batch_findings(results, rules)
    return results


def read_all(paths: list[str], one: Callable[[ReaderPool, str], R], jobs: int = 1,
             memory_mb: int = DEFAULT_MEMORY_MB, progress: Progress | None = None,
             log_file: str | None = None) -> list[R]:
    """`one(pool, path)` for every path, `jobs` at a time, in input order, each result kept as it
    comes (so a caller whose `one` returns small results holds only those)."""
    out: list[R] = []
    with ReaderPool(min(max(1, jobs), max(1, len(paths))), memory_mb, log_file, preload_modules(paths)) as pool:
        if jobs > 1 and len(paths) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=pool.size) as threads:
                _collect(threads.map(lambda p: one(pool, p), paths), out, len(paths), progress)
        else:
            _collect((one(pool, p) for p in paths), out, len(paths), progress)
    return out


def _collect(done: Iterable[R], into: list[R], total: int, progress: Progress | None) -> None:
    for r in done:
        into.append(r)
        if progress is not None:
            progress(len(into), total)


def expand_paths(args: list[str]) -> list[str]:
    """Files as given; a directory stands for every report file below it, in name order."""
    out: list[str] = []
    for a in args:
        if os.path.isdir(a):
            for root, dirs, files in os.walk(a):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith((".", "~$")):
                        continue
                    if Path(name).suffix.lower() in REPORT_EXTENSIONS:
                        out.append(os.path.join(root, name))
        else:
            out.append(a)
    return out
