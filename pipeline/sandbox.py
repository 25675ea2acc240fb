"""Every read in a sandbox: a child process with a hard wall clock and a memory cap.

A reader process reads one file at a time. The parent waits for its answer at most the per-file
budget; past it, or when the reader dies (a memory cap hit inside a library, a crash), the reader
is killed (with anything it started) and replaced, the file gets a specific message and the other
files go on. The memory cap is RLIMIT_AS on Linux/macOS (headroom above the reader's own start-up
size) and a Job Object memory limit on Windows. Readers die with their owner: on Linux by
PR_SET_PDEATHSIG and a watch on the owner's pid, on Windows by the Job Object's kill-on-close.

While a call runs, the reader may send ("page", PageRead) messages before its answer (the
importer's importers.progress.page_read); the caller's `on_page` hears them, and the wall clock
runs on: progress never extends the budget.

`ReaderPool.run` is thread-safe: one calling thread per reader (the CLI's thread pool, the
window's QThreadPool). `cancel_all()` kills the readers of the files in flight; `close()` all.
"""
from __future__ import annotations

import contextlib
import functools
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, cast

log = logging.getLogger(__name__)
PageListener = Callable[[Any], None]   # hears an importers.progress.PageRead (done, total, ocr)

DEFAULT_MEMORY_MB = 2048     # headroom above a reader's start-up size; a 30号 report needs < 200 MB, OCR of a scan
                             # (onnxruntime reserves address space for its arenas and threads) ~1.3 GB
START_TIMEOUT_S = 120.0      # a reader's own start-up (imports; Windows spawns) is not the file's budget
WINDOWS = sys.platform == "win32"   # (a name, not sys.platform: mypy checks the Windows code too)
WINDOWS_BASE_MB = 400        # a reader's start-up size, where it cannot be measured (Windows)


@dataclass(frozen=True)
class Answer:
    """What became of one call: `value` when ok, else `error` (a Chinese message) and `kind`."""

    ok: bool
    value: Any = None
    error: str = ""
    kind: str = ""          # timeout, memory, died, cancelled, crashed


def timeout_message(seconds: float) -> str:
    return (f"文件过大或结构异常，读取超过 {seconds:.0f} 秒已停止。"
            "请确认是否选错了文件，或在设置中放宽“单个文件读取时限”。")


def memory_message(memory_mb: int) -> str:
    return f"文件过大或结构异常，读取所需内存超过 {memory_mb} MB 已停止。请确认是否选错了文件，或向报送单位索取正常保存的文件。"


def died_message(memory_mb: int, code: int | None) -> str:
    how = f"信号 {-code}" if code is not None and code < 0 else f"退出码 {code}"
    return (f"文件过大或结构异常，读取进程意外终止（{how}，内存上限 {memory_mb} MB），已停止读取该文件。"
            "请向报送单位索取正常保存的文件；若文件无误，请将文件反馈给软件维护人员。")


CANCELLED = "已取消读取。"
RETRIED = ("memory", "died")  # answers given only after a second try in a fresh reader
CRASH_MESSAGE = "读取时发生内部错误，该文件未能检查。详情已写入日志（帮助 → 查看日志）。"


# --- the per-file budget -------------------------------------------------------------------

WALL_FACTOR = 4.0   # a reader that waits without working (a hang on I/O) is stopped after this × the budget
POLL_S = 0.25       # how often the reader's CPU time is looked at


class Budget:
    """The per-file time budget, counted in CPU seconds of the reader and what it started (Linux
    /proc), so a loaded machine never turns a slow read into a timeout: the
    same file gets the same answer whatever else runs. A wall clock of WALL_FACTOR × the budget
    still stops a reader that waits without working. Where CPU time is not known, the wall clock."""

    def __init__(self, pid: int, seconds: float) -> None:
        self.pid, self.seconds = pid, seconds
        self.started = time.monotonic()
        self.cpu0 = group_cpu_seconds(pid)
        self.peak = 0.0

    def wall_s(self) -> float:
        return time.monotonic() - self.started

    def cpu_s(self) -> float | None:
        """CPU seconds spent since the start (the most seen: a child's time moves to its parent
        only when it is reaped)."""
        now = group_cpu_seconds(self.pid)
        if now is not None and self.cpu0 is not None:
            self.peak = max(self.peak, now - self.cpu0)
        return None if self.cpu0 is None else self.peak

    def spent(self) -> bool:
        cpu = self.cpu_s()
        if cpu is None:
            return self.wall_s() >= self.seconds
        return cpu >= self.seconds or self.wall_s() >= self.seconds * WALL_FACTOR

    def wait_s(self) -> float:
        """How long to wait for an answer before looking at the budget again."""
        if self.cpu0 is None:
            return max(0.0, self.seconds - self.wall_s())
        return min(POLL_S, max(0.0, self.seconds * WALL_FACTOR - self.wall_s()))


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") and "SC_CLK_TCK" in os.sysconf_names else 100


def group_cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of the process `pid` and every process below it (with their reaped
    children): a reader and what it started (LibreOffice). None where /proc does not tell."""
    if not pid or not sys.platform.startswith("linux"):
        return None
    total, frontier, seen = 0, [pid], set()
    while frontier:
        p = frontier.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            if p == pid:
                return None
            continue  # a child gone meanwhile: its time is in its parent's reaped children
        total += int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])  # utime stime cutime cstime
        frontier += _children(p)
    return total / _CLOCK_TICKS


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as f:
                out += [int(c) for c in f.read().split()]
    except (OSError, ValueError):
        pass
    return out


# --- the reader process --------------------------------------------------------------------

_current_file = ""
_in_reader = False


def in_reader() -> bool:
    """True inside a reader process: a memory failure is then told to the pool (which retries the
    file once in a fresh reader) instead of being answered at once."""
    return _in_reader


class _FileName(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.file = _current_file or "-"
        return True


def _child_main(conn: Connection, memory_mb: int, owner_pid: int, log_file: str | None, modules: list[str]) -> None:
    global _current_file, _in_reader
    _in_reader = True
    if sys.platform != "win32":
        os.setpgid(0, 0)  # its own process group: killing it kills what it started (LibreOffice)
    _log_to(log_file)
    _die_with_owner(owner_pid)
    import importlib

    from importers import limits, progress
    for module in modules:  # already there under forkserver
        importlib.import_module(module)
    _one_malloc_arena_per_core()
    _cap_memory(memory_mb)
    limits.MEMORY_CAP_MB = memory_mb
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        fn, args, name = job
        _current_file = name
        try:
            with progress.reporting(functools.partial(_send_page, conn)):
                reply: tuple[str, Any] = ("ok", fn(*args))
        except MemoryError:
            reply = ("memory", None)
        except BaseException:  # a library panic (BaseException) included: told, never lost
            log.error("reader crashed:\n%s", traceback.format_exc())
            reply = ("crashed", None)
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("memory", None))
        except (OSError, EOFError):
            return
        except Exception:  # an unpicklable value: a bug
            log.error("reader could not send its result:\n%s", traceback.format_exc())
            conn.send(("crashed", None))
        finally:
            _current_file = ""


def _send_page(conn: Connection, event: object) -> None:
    """A page read (importers.progress), told to the owner before the answer."""
    with contextlib.suppress(OSError, EOFError):  # the owner is gone: the answer's send ends the reader
        conn.send(("page", event))


def _log_to(log_file: str | None) -> None:
    """The reader logs to the owner's log file, each line with the file it is reading; its
    stderr (C-level tracebacks, faulthandler) goes there too."""
    if not log_file:
        return
    try:
        handler = logging.FileHandler(log_file, encoding="utf-8")
        fd = os.open(log_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s [reader %(process)d %(file)s] %(name)s: %(message)s"))
    handler.addFilter(_FileName())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(logging.INFO)
    os.dup2(fd, 2)
    os.close(fd)
    import faulthandler
    faulthandler.enable()


def _die_with_owner(owner_pid: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: killed when the process that forked us ends
        except (OSError, AttributeError):
            pass
    if sys.platform != "win32":  # (Windows: the Job Object's kill-on-close does it; os.kill would terminate)
        threading.Thread(target=_watch_owner, args=(owner_pid,), daemon=True, name="owner-watch").start()


def _watch_owner(owner_pid: int) -> None:
    while True:
        time.sleep(0.5)
        try:
            os.kill(owner_pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except OSError:
            pass


def _cap_memory(memory_mb: int) -> None:
    if sys.platform == "win32":
        return  # the parent puts the reader in a Job Object with a memory limit
    try:
        import resource
    except ImportError:
        return
    base = _address_space_bytes()
    cap = base + memory_mb * 1024 * 1024
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):
        log.warning("could not cap the reader's memory")


M_ARENA_MAX = -8  # glibc's mallopt parameter


def _one_malloc_arena_per_core() -> None:
    """glibc gives each thread that allocates its own malloc arena, each reserving 64 MB of address
    space: under RLIMIT_AS, how many threads a reader's earlier files started (OCR's page threads,
    onnxruntime's pool) would decide whether the next file fits. Capped at the machine's cores."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import ctypes.util
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(M_ARENA_MAX, max(2, os.cpu_count() or 2))
    except (OSError, AttributeError):
        log.warning("could not bound the reader's malloc arenas")


def _address_space_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 512 * 1024 * 1024


# --- Windows: a Job Object per reader --------------------------------------------------------

def _windows_job(pid: int, memory_mb: int) -> object | None:
    """Put the reader in a Job Object: a memory limit, and killed when the owner's handle closes
    (the owner exits or dies). Returns the job handle, which the owner keeps open."""
    if not WINDOWS:
        return None
    import ctypes
    from ctypes import wintypes

    class IoCounters(ctypes.Structure):
        _fields_ = [(n, ctypes.c_ulonglong) for n in ("ReadOperationCount", "WriteOperationCount", "OtherOperationCount",
                                                       "ReadTransferCount", "WriteTransferCount", "OtherTransferCount")]

    class BasicLimits(ctypes.Structure):
        _fields_ = [("PerProcessUserTimeLimit", ctypes.c_longlong), ("PerJobUserTimeLimit", ctypes.c_longlong),
                    ("LimitFlags", wintypes.DWORD), ("MinimumWorkingSetSize", ctypes.c_size_t),
                    ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", wintypes.DWORD),
                    ("Affinity", ctypes.c_size_t), ("PriorityClass", wintypes.DWORD), ("SchedulingClass", wintypes.DWORD)]

    class ExtendedLimits(ctypes.Structure):
        _fields_ = [("BasicLimitInformation", BasicLimits), ("IoInfo", IoCounters),
                    ("ProcessMemoryLimit", ctypes.c_size_t), ("JobMemoryLimit", ctypes.c_size_t),
                    ("PeakProcessMemoryUsed", ctypes.c_size_t), ("PeakJobMemoryUsed", ctypes.c_size_t)]

    kernel32 = getattr(ctypes, "WinDLL")("kernel32", use_last_error=True)  # noqa: B009 (absent off Windows)
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE  # handles are pointers: not the default int
    kernel32.CreateJobObjectW.argtypes = [ctypes.c_void_p, wintypes.LPCWSTR]
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.OpenProcess.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]
    kernel32.SetInformationJobObject.argtypes = [wintypes.HANDLE, ctypes.c_int, ctypes.c_void_p, wintypes.DWORD]
    kernel32.AssignProcessToJobObject.argtypes = [wintypes.HANDLE, wintypes.HANDLE]
    kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
    job = kernel32.CreateJobObjectW(None, None)
    if not job:
        return None
    info = ExtendedLimits()
    info.BasicLimitInformation.LimitFlags = 0x0100 | 0x2000  # PROCESS_MEMORY | KILL_ON_JOB_CLOSE
    info.ProcessMemoryLimit = (memory_mb + WINDOWS_BASE_MB) * 1024 * 1024
    kernel32.SetInformationJobObject(job, 9, ctypes.byref(info), ctypes.sizeof(info))  # ExtendedLimitInformation
    handle = kernel32.OpenProcess(0x0100 | 0x0001, False, pid)  # PROCESS_SET_QUOTA | PROCESS_TERMINATE
    if handle:
        kernel32.AssignProcessToJobObject(job, handle)
        kernel32.CloseHandle(handle)
    return cast(object, job)


# --- the owner's side ----------------------------------------------------------------------

def _context(preload: list[str]) -> Any:
    """forkserver on Linux (a clean, single-threaded parent that has the readers imported, so a
    reader starts in milliseconds even from the window's threads); spawn elsewhere. The first
    pool of the process decides what the server imports."""
    if sys.platform.startswith("linux") and not getattr(sys, "frozen", False):
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(preload)
        return ctx
    return multiprocessing.get_context("spawn")


def preload_modules(paths: Iterable[str] | None = None) -> list[str]:
    """What a reader imports before its first file: the checks and the readers `paths` need (all
    of them without paths: the window's files come one by one). A file that turns out to be
    another format imports its reader when it comes."""
    from importers import formats
    return ["pipeline.check", *formats.reader_modules(paths)]


class Reader:
    """One reader process and the pipe to it."""

    def __init__(self, memory_mb: int, log_file: str | None, preload: list[str] | None = None) -> None:
        self.memory_mb = memory_mb
        ours, theirs = multiprocessing.Pipe()
        self.conn = ours
        modules = preload_modules() if preload is None else preload
        self.process = _context(modules).Process(target=_child_main, args=(theirs, memory_mb, os.getpid(), log_file, modules),
                                                 daemon=True, name="nianbao-reader")
        self.process.start()
        theirs.close()
        self._job = _windows_job(self.process.pid or 0, memory_mb)
        self.killed = False
        self.ready = self._wait_ready()

    def _wait_ready(self) -> bool:
        ready = wait([self.conn, self.process.sentinel], START_TIMEOUT_S)
        if self.conn in ready:
            try:
                return bool(self.conn.recv()[0] == "ready")
            except (EOFError, OSError):
                pass
        log.error("a reader process did not start (exit code %s)", self.process.exitcode)
        self.kill()
        return False

    def call(self, fn: Callable[..., Any], args: tuple[Any, ...], seconds: float | None, name: str,
             on_page: PageListener | None = None) -> Answer:
        if not self.ready:
            return Answer(False, error=CRASH_MESSAGE, kind="crashed")
        try:
            self.conn.send((fn, args, name))
        except (OSError, EOFError):
            return self._died()
        except Exception:  # arguments that cannot be pickled: a bug, told like one
            log.error("could not hand %s to a reader:\n%s", name, traceback.format_exc())
            self.kill()
            return Answer(False, error=CRASH_MESSAGE, kind="crashed")
        return self._await(Budget(self.process.pid or 0, seconds) if seconds is not None else None, name, on_page)

    def _await(self, budget: Budget | None, name: str, on_page: PageListener | None) -> Answer:
        """The reader's answer (its pages told as they come), or why there is none."""
        while True:
            ready = wait([self.conn, self.process.sentinel], None if budget is None else budget.wait_s())
            if self.killed:
                return Answer(False, error=CANCELLED, kind="cancelled")
            if self.conn in ready:
                try:
                    status, value = self.conn.recv()
                except (EOFError, OSError):
                    return self._died()
                if status == "page":  # progress within the file: the answer is still to come
                    _tell(on_page, value, name)
                    continue
                return self._answer(status, value)
            if ready:  # the sentinel: the reader died without answering
                return self._died()
            if budget is not None and budget.spent():
                self.kill()
                log.warning("reader stopped after %.0f s of its own (%.0f s on the clock) on %s", budget.seconds,
                            budget.wall_s(), name)
                return Answer(False, error=timeout_message(budget.seconds), kind="timeout")

    def _answer(self, status: str, value: Any) -> Answer:
        if status == "ok":
            return Answer(True, value)
        if status == "memory":  # its heap hit the cap: never reused, so no later file depends on it
            self.kill()
            return Answer(False, error=memory_message(self.memory_mb), kind="memory")
        return Answer(False, error=CRASH_MESSAGE, kind="crashed")

    def _died(self) -> Answer:
        self.process.join(1.0)
        code = self.process.exitcode
        if self.killed:
            return Answer(False, error=CANCELLED, kind="cancelled")
        log.warning("reader %s died (exit code %s)", self.process.pid, code)
        self.kill()
        return Answer(False, error=died_message(self.memory_mb, code), kind="died")

    @property
    def alive(self) -> bool:
        return self.ready and not self.killed and self.process.is_alive()

    def kill(self) -> None:
        """Kill the reader and whatever it started (its own process group). Safe from any thread:
        the thread waiting on it wakes up (the process sentinel) and answers `cancelled`."""
        self.killed = True
        pid = self.process.pid
        if pid is None:
            return
        if sys.platform != "win32":
            _kill_group(pid)
        with contextlib.suppress(OSError, AttributeError, ValueError):
            self.process.kill()

    def close(self) -> None:
        """Kill, reap and release (only from the thread that owns the reader now)."""
        self.kill()
        self.process.join(2.0)
        self.conn.close()
        if self._job is not None:  # Windows: closing the job's last handle ends what is left in it
            import ctypes
            getattr(ctypes, "windll").kernel32.CloseHandle(self._job)  # noqa: B009
            self._job = None
        with contextlib.suppress(ValueError):
            self.process.close()


def _tell(on_page: PageListener | None, event: Any, name: str) -> None:
    """A page event to the caller's listener; its bug must not leave the reader's answer unread."""
    if on_page is None:
        return
    try:
        on_page(event)
    except Exception:
        log.exception("page progress listener failed on %s", name)


def _kill_group(pid: int) -> None:
    try:
        if os.getpgid(pid) == pid:  # the reader leads its own group (children it started are in it)
            os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


class ReaderPool:
    """Up to `size` reader processes, started when needed; a dead or killed one is replaced."""

    def __init__(self, size: int, memory_mb: int = DEFAULT_MEMORY_MB, log_file: str | None = None,
                 preload: list[str] | None = None) -> None:
        self.size = max(1, size)
        self.memory_mb = memory_mb
        self.log_file = log_file
        self.preload = preload
        self._idle: list[Reader] = []
        self._busy: set[Reader] = set()
        self._starting = 0
        self._lock = threading.Condition()
        self._closed = False

    def run(self, fn: Callable[..., Any], args: tuple[Any, ...], seconds: float | None, name: str = "",
            cancelled: threading.Event | None = None, on_page: PageListener | None = None) -> Answer:
        """fn(*args) in a reader, at most `seconds`; `cancelled` set meanwhile (the batch was
        cancelled while this call waited for a reader) means it is not started at all. `on_page`
        hears, on the calling thread, each importers.progress.PageRead the reader reports while fn runs."""
        answer = self._run_once(fn, args, seconds, name, cancelled, on_page, fresh=False)
        if answer.kind in RETRIED:  # a file's answer must not depend on what its reader read before
            log.warning("reader ran out of memory or died on %s: once more in a fresh reader", name)
            answer = self._run_once(fn, args, seconds, name, cancelled, on_page, fresh=True)
        return answer

    def _run_once(self, fn: Callable[..., Any], args: tuple[Any, ...], seconds: float | None, name: str,
                  cancelled: threading.Event | None, on_page: PageListener | None, fresh: bool) -> Answer:
        reader = self._take(fresh)
        if reader is None or (cancelled is not None and cancelled.is_set()):
            if reader is not None:
                self._give_back(reader)
            return Answer(False, error=CANCELLED, kind="cancelled")
        try:
            return reader.call(fn, args, seconds, name, on_page)
        finally:
            self._give_back(reader)

    def _take(self, fresh: bool = False) -> Reader | None:
        """An idle reader, or a new one; with `fresh`, always a new one (an idle one makes room)."""
        with self._lock:
            while not self._closed and not self._idle and len(self._busy) + self._starting >= self.size:
                self._lock.wait()
            if self._closed:
                return None
            while self._idle:
                reader = self._idle.pop()
                if reader.alive and not fresh:
                    self._busy.add(reader)
                    return reader
                reader.close()
            self._starting += 1
        try:
            reader = Reader(self.memory_mb, self.log_file, self.preload)
        finally:
            with self._lock:
                self._starting -= 1
        if self._admit(reader):
            return reader
        reader.close()
        return None

    def _admit(self, reader: Reader) -> bool:
        with self._lock:
            if not self._closed:
                self._busy.add(reader)
            return not self._closed

    def _give_back(self, reader: Reader) -> None:
        with self._lock:
            self._busy.discard(reader)
            keep = reader.alive and not self._closed
            if keep:
                self._idle.append(reader)
            self._lock.notify()
        if not keep:
            reader.close()

    def cancel_all(self) -> None:
        """Kill the readers busy now (their callers get a `cancelled` answer)."""
        with self._lock:
            busy = list(self._busy)
        for r in busy:
            r.kill()

    def close(self) -> None:
        """Kill every reader; idle ones are reaped here, busy ones by their callers."""
        with self._lock:
            self._closed = True
            idle, busy = list(self._idle), list(self._busy)
            self._idle.clear()
            self._lock.notify_all()
        for r in busy:
            r.kill()
        for r in idle:
            r.close()

    def pids(self) -> list[int]:
        with self._lock:
            return [r.process.pid for r in (*self._idle, *self._busy) if r.process.pid]

    def __enter__(self) -> ReaderPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def warm_up(args: list[str]) -> None:
    """Start the reader server now, with what these command-line paths need, so it imports while
    the command line imports its own modules (Linux; elsewhere readers start when needed)."""
    if not sys.platform.startswith("linux") or getattr(sys, "frozen", False):
        return
    from multiprocessing import forkserver
    files = [a for a in args if not a.startswith("-")]
    folders = any(os.path.isdir(a) for a in files)
    multiprocessing.get_context("forkserver").set_forkserver_preload(preload_modules(None if folders else files))
    forkserver.ensure_running()
