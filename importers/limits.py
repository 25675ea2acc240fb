"""Bounds every reader keeps, whatever the clock: zip bombs, absurd sizes, structures (merged
ranges, spans, sheet extents, pieces, nesting) clipped to what a 30号 report can hold."""
from __future__ import annotations

import time
import zipfile
from pathlib import Path

from .errors import ReadError, corrupt

MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_RATIO = 200
MAX_TABLE_CELLS = 100_000      # cells of one table or sheet grid (a 30号 table is ~30 × 10)
MAX_DOC_CHARS = 8_000_000      # text of one document (a report: ~20,000 characters; one 5 M line is still read)
MAX_DOC_CELLS = 20_000         # table cells of one document in all (the largest sample report: ~700)
MAX_SPAN = 100                 # rows or columns one merged cell may cover
MAX_NESTING = 50               # MIME parts, nested tables and groups
MEMORY_CAP_MB: int | None = None   # set in a sandboxed reader: the memory cap it runs under

_ZIP_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


def memory_error() -> ReadError:
    cap = f"超过 {MEMORY_CAP_MB} MB" if MEMORY_CAP_MB else "不足"
    return ReadError(f"文件过大或结构异常，读取所需内存{cap}，已停止。请确认是否选错了文件。", kind="too_large")


def check_zip(path: Path, what: str) -> None:
    """Refuse a damaged zip or one that would unpack to far more than a report can hold."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except MemoryError:
        raise
    except Exception as e:  # BadZipFile, NotImplementedError, EOFError … of a damaged directory
        raise corrupt(what, "压缩结构损坏") from e
    if any(i.flag_bits & 0x1 for i in infos):
        raise ReadError(f"{what}的压缩包设置了密码（已加密），无法读取。请报送单位去掉密码后重新提供。", kind="encrypted")
    bad = sorted({i.compress_type for i in infos if i.compress_type not in _ZIP_METHODS})
    if bad:
        raise corrupt(what, f"使用了不支持的压缩方式 {bad[0]}")
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > MAX_UNPACKED_BYTES or (total > 20 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise ReadError(
            f"{what}解压后异常庞大（约 {total // (1024 * 1024)} MB），可能是损坏或恶意构造的文件，已拒绝打开。"
            "请向报送单位索取正常保存的文件。",
            kind="too_large",
        )


def check_page_time(time_budget: float | None, started: float, pi: int, n: int) -> None:
    """Between the pages of a fixed-layout file (PDF, OFD): stop once the CPU seconds since `started`
    pass the reading budget."""
    if time_budget is not None and time.process_time() - started > time_budget:
        raise ReadError(
            f"文件过大：读到第 {pi} 页（共 {n} 页）已超过单个文件 {time_budget:.0f} 秒的读取时限，已停止。"
            "请确认是否选错了文件，或在设置中放宽“单个文件读取时限”。",
            kind="too_large",
        )
