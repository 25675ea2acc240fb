"""已核实 / 忽略 marks, kept per file content (sha256) in marks.json in the app-data folder, so
a report keeps its marks when it is renamed, moved or opened again. Qt-free: the window, the
command line and the export read the same store."""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import write_atomic

log = logging.getLogger(__name__)
FILE_NAME = "marks.json"
LOCK_NAME = "marks.json.lock"
STATES = ("confirmed", "dismissed")


@dataclass(frozen=True)
class Mark:
    """An inspector's decision on one finding, kept per file content."""

    state: str          # 'confirmed' (已核实) or 'dismissed' (忽略)
    reason: str = ""
    at: str = ""        # ISO time of the decision

    @property
    def dismissed(self) -> bool:
        return self.state == "dismissed"

    def label(self) -> str:
        if self.state == "confirmed":
            return "已核实"
        return f"已忽略：{self.reason}" if self.reason else "已忽略"


Marks = dict[str, Mark]  # finding fingerprint -> mark


def file_sha256(path: str | os.PathLike[str]) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on `path` (created if need be) across processes: fcntl.flock on POSIX,
    msvcrt.locking on Windows. Blocks until the lock is had."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as f:
        if sys.platform == "win32":  # pragma: no cover - Windows only
            import msvcrt
            import time
            f.seek(0)
            while True:
                try:
                    msvcrt.locking(f.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:  # LK_LOCK gives up after 10 s: keep waiting
                    time.sleep(0.05)
            try:
                yield
            finally:
                f.seek(0)
                msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl
            fcntl.flock(f.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f.fileno(), fcntl.LOCK_UN)


class MarkStore:
    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / FILE_NAME
        self.lock_path = Path(folder) / LOCK_NAME

    def _load(self, for_update: bool = False) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("files"), dict):
                return data
            raise ValueError("unexpected structure")
        except FileNotFoundError:
            pass
        except ValueError as e:  # damaged content: set aside, start afresh
            log.warning("marks file %s unreadable (%s); starting afresh, old file kept as .bad", self.path, e)
            with contextlib.suppress(OSError):
                os.replace(self.path, self.path.with_suffix(".json.bad"))
        except OSError as e:  # passing (another program has it open): the file is left as it is
            if for_update:
                raise  # never write a fresh file over marks that could not be read
            log.warning("marks file %s could not be read now (%s)", self.path, e)
        return {"version": 1, "files": {}}

    def _save(self, data: dict[str, Any]) -> None:
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1))

    def marks(self, sha256: str | None) -> Marks:
        if not sha256:
            return {}
        return _parse(self._load()["files"].get(sha256) or {})

    def set(self, sha256: str, name: str, fingerprint: str, state: str | None, reason: str = "") -> Marks:
        """Mark one finding (state None clears the mark); returns the file's marks. The file is
        read again under the lock first, so two windows marking at once do not undo each other."""
        return self.set_many(sha256, name, [fingerprint], state, reason)

    def set_many(self, sha256: str, name: str, fingerprints: list[str], state: str | None, reason: str = "") -> Marks:
        """Mark several findings of one file at once (bulk marking), in one write."""
        if state is not None and state not in STATES:
            raise ValueError(state)
        with file_lock(self.lock_path):
            data = self._load(for_update=True)
            entry = data["files"].setdefault(sha256, {"name": name, "marks": {}})
            entry["name"] = name
            marks = entry.setdefault("marks", {})
            at = dt.datetime.now().isoformat(timespec="seconds")
            for fingerprint in fingerprints:
                if state is None:
                    marks.pop(fingerprint, None)
                else:
                    marks[fingerprint] = {"state": state, "reason": reason, "at": at}
            if not marks:
                data["files"].pop(sha256, None)
            self._save(data)
            return _parse(data["files"].get(sha256) or {})


def _parse(entry: dict[str, Any]) -> Marks:
    out: Marks = {}
    for fp, m in (entry.get("marks") or {}).items():
        if isinstance(m, dict) and m.get("state") in STATES:
            out[fp] = Mark(m["state"], str(m.get("reason") or ""), str(m.get("at") or ""))
    return out


def confirmed_fingerprints(marks: Marks) -> set[str]:
    """The findings marked 已核实: the export's 已核实 column (and its only-confirmed choice)."""
    return {fp for fp, m in marks.items() if m.state == "confirmed"}


def dismissed_reasons(marks: Marks) -> dict[str, str]:
    """fingerprint -> reason of the dismissed findings: what the export is given per file."""
    return {fp: m.reason for fp, m in marks.items() if m.dismissed}
