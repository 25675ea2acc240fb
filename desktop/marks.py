"""已核实 / 忽略 marks, kept per file content (sha256) in marks.json in the app-data folder, so
a report keeps its marks when it is renamed, moved or opened again."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

from ui.common import Mark, Marks

log = logging.getLogger(__name__)
FILE_NAME = "marks.json"
STATES = ("confirmed", "dismissed")


def file_sha256(path: str | os.PathLike[str]) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class MarkStore:
    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / FILE_NAME

    def _load(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("files"), dict):
                return data
            raise ValueError("unexpected structure")
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as e:
            log.warning("marks file %s unreadable (%s); starting afresh, old file kept as .bad", self.path, e)
            try:
                os.replace(self.path, self.path.with_suffix(".json.bad"))
            except OSError:
                pass
        return {"version": 1, "files": {}}

    def _save(self, data: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".marks.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False, indent=1)
            os.replace(tmp, self.path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise

    def marks(self, sha256: str | None) -> Marks:
        if not sha256:
            return {}
        entry = self._load()["files"].get(sha256) or {}
        out: Marks = {}
        for fp, m in (entry.get("marks") or {}).items():
            if isinstance(m, dict) and m.get("state") in STATES:
                out[fp] = Mark(m["state"], str(m.get("reason") or ""), str(m.get("at") or ""))
        return out

    def set(self, sha256: str, name: str, fingerprint: str, state: str | None, reason: str = "") -> Marks:
        """Mark one finding (state None clears the mark); returns the file's marks. The file is
        read again first, so two windows marking different reports do not undo each other."""
        if state is not None and state not in STATES:
            raise ValueError(state)
        data = self._load()
        entry = data["files"].setdefault(sha256, {"name": name, "marks": {}})
        entry["name"] = name
        marks = entry.setdefault("marks", {})
        if state is None:
            marks.pop(fingerprint, None)
        else:
            marks[fingerprint] = {"state": state, "reason": reason,
                                  "at": dt.datetime.now().isoformat(timespec="seconds")}
        if not marks:
            data["files"].pop(sha256, None)
        self._save(data)
        return self.marks(sha256)
