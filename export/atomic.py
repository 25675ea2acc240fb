"""Atomic save: write a temporary file next to the target, then os.replace it over the target.

Either the new workbook is there in full or the old file is untouched; no half-written file.
"""
from __future__ import annotations

import contextlib
import logging
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger(__name__)


class ExportError(OSError):
    """The checklist could not be written; `message` is Chinese, for the inspector."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def save_atomic(write: Callable[[BinaryIO], None], target: str | os.PathLike[str]) -> Path:
    """Call write(stream) on a temporary file in the target's folder, then move it into place."""
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(f"文件夹“{folder}”不存在，整改清单未能写入。")
    if target.is_dir():
        raise ExportError(f"“{target}”是一个文件夹，请另选文件名。")
    if target.is_symlink():
        raise ExportError(f"“{target.name}”是一个快捷方式（符号链接），为免覆盖其指向的文件，请另选文件名。")
    if target.exists() and not target.stat().st_mode & stat.S_IWUSR:  # read-only (also the Windows attribute)
        raise ExportError(f"“{target.name}”是只读文件，未被覆盖。请另选文件名，或先取消该文件的只读属性。")
    try:
        stem = target.stem[:40].encode("utf-8", "replace").decode("utf-8")
        fd, tmp = tempfile.mkstemp(prefix=f".~{stem}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise ExportError(f"无法在文件夹“{folder}”中写入文件（{_reason(e)}），请另选保存位置。") from e
    try:
        with os.fdopen(fd, "wb") as stream:
            write(stream)
        _copy_mode(target, tmp)
        os.replace(tmp, target)
    except PermissionError as e:
        _remove(tmp)
        raise ExportError(
            f"无法写入“{target.name}”：该文件可能正在 Excel 或 WPS 中打开，或没有写入权限。"
            "请关闭该文件后重试，或另存为其他文件名。原有文件未被改动。") from e
    except OSError as e:
        _remove(tmp)
        raise ExportError(f"无法写入“{target.name}”（{_reason(e)}）。原有文件未被改动。") from e
    except Exception as e:  # a value no writer foresaw (a bug): said in Chinese, the old file kept
        _remove(tmp)
        log.exception("could not write %s", target)
        raise ExportError(f"“{target.name}”未能写入（程序内部错误：{type(e).__name__}）。原有文件未被改动；"
                          "请将报告文件反馈给软件维护人员。") from e
    except BaseException:
        _remove(tmp)
        raise
    return target


def _copy_mode(target: Path, tmp: str) -> None:
    """mkstemp makes the file private (0600); give it the old file's mode, or an ordinary one."""
    with contextlib.suppress(OSError):
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o644)


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)


def _reason(e: OSError) -> str:
    return e.strerror or type(e).__name__
