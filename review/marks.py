"""The one store of 已核实 / 忽略 marks: the archive, keyed by the file's content, read and written by
the window and the command line alike. The marks.json an older version kept in the app-data folder is
taken in once (also its marks keyed the old way, by the finding's message)."""
from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path

from archive.store import Archive, ArchivedMark
from checks.finding import Finding
from model.marks import STATES, Mark, Marks

log = logging.getLogger(__name__)
OLD_FILE = "marks.json"


class MarksUnavailable(OSError):
    """Marks cannot be kept: the archive could not be opened (the message says why, in Chinese)."""


def _mark(m: ArchivedMark) -> Mark:
    return Mark(m.state, m.reason, m.at, m.who)


class MarkBook:
    def __init__(self, archive: Archive | None, appdata: Path | None = None, why: str = "") -> None:
        self.archive = archive
        self.why = why
        if archive is not None and appdata is not None:
            take_in_old_file(archive, Path(appdata) / OLD_FILE)

    def marks(self, sha256: str | None, findings: Sequence[Finding] = ()) -> Marks:
        """The marks of a file's content; marks an older version keyed by a finding's message are
        moved to the finding they name when `findings` tell which (once: they are stored so)."""
        if not sha256 or self.archive is None:
            return {}
        marks = {fp: _mark(m) for fp, m in self.archive.content_marks(sha256).items()}
        if findings and rekey_old(marks, findings):
            self._store_rekeyed(sha256, marks)
        return marks

    def set_many(self, sha256: str, fingerprints: Sequence[str], state: str | None, reason: str = "") -> Marks:
        """Mark findings of one file (state None clears them); returns the file's marks."""
        if self.archive is None:
            raise MarksUnavailable(f"审校台账无法打开，标记不能保存（{self.why}）")
        try:
            self.archive.set_content_marks(sha256, list(fingerprints), state, reason)
        except Exception as e:  # a locked or damaged archive: said, never a crash
            raise MarksUnavailable(f"标记未能写入审校台账 {self.archive.path}：{e}") from e
        return self.marks(sha256)

    def _store_rekeyed(self, sha256: str, marks: Marks) -> None:
        assert self.archive is not None
        old = set(self.archive.content_marks(sha256)) - set(marks)
        with self.archive.transaction():
            self.archive.set_content_marks(sha256, sorted(old), None)
            for fp, m in marks.items():
                self.archive.set_content_marks(sha256, [fp], m.state, m.reason, m.who, m.at)


def old_fingerprint(f: Finding) -> str:
    """A finding's key in marks made before fingerprints left the message out."""
    return f"{f.rule}|{','.join(f.cells)}|{f.message}"


def rekey_old(marks: Marks, findings: Sequence[Finding]) -> bool:
    """Move marks keyed the old way (rule|cells|message) to the findings they name: by the exact old
    key, else by the rule and cells when exactly one finding has them. True when any moved."""
    current = {f.fingerprint for f in findings}
    by_old = {old_fingerprint(f): f.fingerprint for f in findings}
    by_place: dict[tuple[str, str], list[str]] = {}
    for f in findings:
        by_place.setdefault((f.rule, ",".join(sorted(f.cells))), []).append(f.fingerprint)
    moved = False
    for key in [k for k in marks if k not in current and k.count("|") >= 2]:
        rule, cells, _ = key.split("|", 2)
        target = by_old.get(key)
        if target is None:
            named = by_place.get((rule, ",".join(sorted(c for c in cells.split(",") if c))), [])
            target = named[0] if len(named) == 1 else None
        if target is not None and target not in marks:
            marks[target] = marks.pop(key)
            moved = True
    return moved


def take_in_old_file(archive: Archive, path: Path) -> int:
    """marks.json of an older version into the archive (its marks do not replace newer ones there),
    then set aside as marks.json.imported; returns how many marks were taken in."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return 0
    except (OSError, ValueError) as e:
        log.warning("old marks file %s not taken in: %s", path, e)
        return 0
    n = 0
    files = data.get("files") if isinstance(data, dict) else None
    with archive.transaction():
        for sha, entry in (files or {}).items():
            for fp, m in ((entry or {}).get("marks") or {}).items():
                if isinstance(m, dict) and m.get("state") in STATES:
                    archive.set_content_marks(sha, [fp], m["state"], str(m.get("reason") or ""), "",
                                              str(m.get("at") or "") or None, replace=False)
                    n += 1
    try:
        os.replace(path, path.with_name(OLD_FILE + ".imported"))
    except OSError as e:
        log.warning("old marks file %s taken in but not set aside: %s", path, e)
    log.info("took %d marks in from %s", n, path)
    return n
