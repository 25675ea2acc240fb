"""What the window holds, without Qt: the opened files (one Entry each) and their states, the
results applied to them, the checks across them, the marks and the saved settings. The window
only routes signals to this and shows what it holds; tests drive it directly."""
from __future__ import annotations

import functools
import json
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from archive import Archive, ArchiveError, Version
from archive.store import DEFAULT_NAME as ARCHIVE_NAME
from checks import SEVERITIES, sort_findings
from checks.finding import Finding
from model.marks import Marks, confirmed_fingerprints, dismissed_reasons
from model.rounds import RoundState
from pipeline import CheckResult
from pipeline.atomic import write_atomic

from .history import previous_reports
from .marks import MarkBook
from .rounds import record_result, with_corrected_name
from .settings import Settings

log = logging.getLogger(__name__)
SETTINGS_NAME = "settings.json"


class EntryState(StrEnum):
    QUEUED = "queued"         # waiting for (or being read by) a reader
    DONE = "done"             # read and checked
    FAILED = "failed"         # read, but the file could not be checked (the result says why)
    CANCELLED = "cancelled"   # dropped before it was read


@dataclass(eq=False)  # an entry is one row: compared by identity
class Entry:
    path: str
    state: EntryState = EntryState.QUEUED
    result: CheckResult | None = None      # findings: own + across reports (a new value each time)
    sha256: str | None = None              # of the file content, for the marks
    marks: Marks = field(default_factory=dict)
    own_findings: list[Finding] = field(default_factory=list)  # before checks across reports
    version: Version | None = None         # as the archive holds it (its round, its body)
    duplicate: bool = False                # another opened file is the same body's same year (两份同年度报告)
    missing: bool = False                  # the file was deleted or moved after it was read
    superseded_by: Version | None = None   # the archive holds a later round of this body's year (a resubmission)

    @property
    def name(self) -> str:
        return os.path.basename(self.path)

    @property
    def finished(self) -> bool:
        return self.state in (EntryState.DONE, EntryState.FAILED)

    @property
    def findings(self) -> list[Finding]:
        return self.result.findings if self.result is not None else []

    @property
    def status(self) -> str:
        """pending, unreadable, or the worst severity of the active findings (clean for none)."""
        if not self.finished or self.result is None:
            return "pending"
        if self.missing:
            return "missing"
        if self.result.report is None:
            return "unreadable"
        found = {f.severity for f in self.active_findings()}
        return next((s for s in SEVERITIES if s in found), "clean")

    def active_findings(self) -> list[Finding]:
        """The findings the inspector has not dismissed."""
        return [f for f in self.findings if not (m := self.marks.get(f.fingerprint)) or not m.dismissed]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.active_findings() if f.severity == severity)

    def round_counts(self) -> tuple[int, int, int] | None:
        """(已整改, 未整改, 新问题) against the archive's earlier round of this report; None in its first round."""
        r = self.result
        if r is None or r.previous is None or r.rounds is None:
            return None
        still = sum(1 for f in self.active_findings() if r.rounds.get(f.fingerprint) == RoundState.OPEN)
        return len(r.previous.resolved), still, len(self.active_findings()) - still

    def round_summary(self) -> str:
        c = self.round_counts()
        if c is None or self.version is None:
            return ""
        return f"第 {self.version.round} 轮：已整改 {c[0]} · 未整改 {c[1]} · 新问题 {c[2]}"

    def superseded_note(self) -> str:
        """已被第 N 轮取代 for an earlier round opened after the body resubmitted its report."""
        later = self.superseded_by
        return f"已被第 {later.round} 轮取代" if later is not None else ""

    def marks_summary(self) -> str:
        fps = {f.fingerprint for f in self.findings}
        marks = [m for fp, m in self.marks.items() if fp in fps]
        ok = sum(1 for m in marks if not m.dismissed)
        gone = len(marks) - ok
        return "　".join(s for s in (f"已核实 {ok}" if ok else "", f"已忽略 {gone}" if gone else "") if s)


@functools.lru_cache(maxsize=1 << 16)
def _path_key(path: str) -> str:
    """A file's identity in the list (asked for every row each time a file is queued)."""
    return os.path.normcase(os.path.abspath(path))


class EntryList:
    """The opened files in the order they were opened; a file opened again keeps its row."""

    def __init__(self) -> None:
        self._entries: list[Entry] = []

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(list(self._entries))

    def __getitem__(self, row: int) -> Entry:
        return self._entries[row]

    def row_of(self, path: str) -> int:
        key = _path_key(path)
        return next((i for i, e in enumerate(self._entries) if _path_key(e.path) == key), -1)

    def queue(self, path: str) -> tuple[int, bool]:
        """(row, is_new): a row for a file to be read; an opened file is read again in place."""
        row = self.row_of(path)
        if row >= 0:
            self._entries[row] = Entry(path, sha256=self._entries[row].sha256, marks=self._entries[row].marks)
            return row, False
        self._entries.append(Entry(path))
        return len(self._entries) - 1, True

    def set_result(self, row: int, result: CheckResult, sha256: str | None, marks: Marks) -> Entry:
        state = EntryState.DONE if result.report is not None else EntryState.FAILED
        e = Entry(self._entries[row].path, state, result, sha256, dict(marks), list(result.findings))
        self._entries[row] = e
        return e

    def remove(self, row: int) -> None:
        del self._entries[row]

    def sort(self, key: Callable[[Entry], Any], reverse: bool = False) -> None:
        """Reorder the rows (the report list sorted by a column); stable."""
        self._entries.sort(key=key, reverse=reverse)

    def cancel_queued(self) -> list[int]:
        """Reading was cancelled: the entries still queued become CANCELLED; returns their rows
        (the window then closes them)."""
        rows = [i for i, e in enumerate(self._entries) if e.state == EntryState.QUEUED]
        for i in rows:
            self._entries[i].state = EntryState.CANCELLED
        return rows

    def clear(self) -> None:
        self._entries = []

    def finished(self) -> list[Entry]:
        return [e for e in self._entries if e.finished]


def with_cross_findings(entry: Entry, cross: Sequence[Finding]) -> CheckResult | None:
    """The entry's result with its findings = its own + what the other reports show about it, or
    None when that changes nothing. A new CheckResult: the one read is never changed."""
    if entry.result is None:
        return None
    new = sort_findings(entry.own_findings + list(cross))
    if new == entry.result.findings:  # same findings, also in wording and values
        return None
    return replace(entry.result, findings=new)


def load_settings(folder: Path) -> Settings:
    """settings.json of the app-data folder over the defaults; the defaults when it is unreadable."""
    return read_settings(folder)[0]


def read_settings(folder: Path) -> tuple[Settings, str]:
    """(settings, what the inspector must be told): a settings file that cannot be used gives the
    defaults and says why, never silently."""
    path = Path(folder) / SETTINGS_NAME
    try:
        return Settings.load(path if path.is_file() else None), ""
    except (OSError, ValueError, TypeError) as e:
        log.warning("settings file %s unreadable: %s", path, e)
        return Settings(), f"检查设置文件 {path} 无法使用（{e}），本次使用默认设置；在“检查设置”中确定后即重新保存。"


def save_settings(folder: Path, settings: Settings) -> Path:
    """Write settings.json; raises OSError when it cannot be written."""
    path = Path(folder) / SETTINGS_NAME
    write_atomic(path, json.dumps(settings.to_json(), ensure_ascii=False, indent=1))
    return path


class Session:
    """The opened files, their marks and the settings of one window."""

    def __init__(self, appdata: Path, archive: Path | None = None) -> None:
        self.appdata = Path(appdata)
        self.entries = EntryList()
        self.settings, self.settings_note = read_settings(self.appdata)
        self._cross_for: list[Entry] = []   # the entries a pending cross check was started on
        self.archive: Archive | None = None
        self.archive_error = ""
        self.open_archive(archive or self.appdata / ARCHIVE_NAME)  # desktop.appdata.archive_path

    def open_archive(self, path: Path) -> bool:
        """Use the archive at `path` (created if missing); without one the window works as before."""
        if self.archive is not None:
            self.archive.close()
            self.archive = None
        try:
            self.archive = Archive(path)
            self.archive_error = ""
        except (ArchiveError, OSError) as e:
            log.warning("archive %s not usable: %s", path, e)
            self.archive_error = str(e)
        self.book = MarkBook(self.archive, self.appdata, self.archive_error)
        return self.archive is not None

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()
            self.archive = None

    # -- results ---------------------------------------------------------------------------
    def marks_of(self, sha256: str | None, findings: Sequence[Finding] = ()) -> Marks:
        return self.book.marks(sha256, findings)

    # -- across reports --------------------------------------------------------------------
    def cross_inputs(self) -> tuple[list[Entry], list[Entry]]:
        """(entries to check across, entries changed now). With fewer than two readable reports
        there is nothing to check and each entry's findings are its own again (those changed).
        The entries to check are remembered for apply_cross(None, ...). Each report first takes the
        body name the inspector corrected (those are changed too)."""
        entries = self.entries.finished()
        renamed = self._correct_names(entries)
        if sum(1 for e in entries if e.result is not None and e.result.report is not None) < 2:
            self._cross_for = []
            changed = self.apply_cross(entries, [[] for _ in entries])
            return [], renamed + [e for e in changed if e not in renamed]
        self._cross_for = entries
        return entries, renamed

    def apply_cross(self, entries: list[Entry] | None, extra: Sequence[Sequence[Finding]]) -> list[Entry]:
        """Give each entry still open its own + cross findings; returns the entries that changed.
        `entries` None: those of the last cross_inputs()."""
        entries = self._cross_for if entries is None else entries
        extra = self._with_archived(entries, extra)
        changed: list[Entry] = []
        for e, found in zip(entries, extra):
            row = self.entries.row_of(e.path)
            if row < 0 or self.entries[row] is not e:
                continue  # closed or read again meanwhile
            new = with_cross_findings(e, found)
            if new is not None:
                e.result = new
                changed.append(e)
            if self._archive_entry(e) and e not in changed:
                changed.append(e)
        return changed + self._flag_duplicates() + self._flag_superseded()

    # -- the archive -----------------------------------------------------------------------
    def _correct_names(self, entries: Sequence[Entry]) -> list[Entry]:
        """Give each entry's report the body name the inspector corrected in the archive; returns those changed."""
        changed = []
        for e in entries:
            if self.archive is not None and e.result is not None and e.result.report is not None:
                new = with_corrected_name(self.archive, e.result)
                if new is not e.result:
                    e.result = new
                    changed.append(e)
        return changed

    def rename_body(self, entry: Entry, name: str) -> list[Entry]:
        """右键 → 更正单位名称: the archive keeps `name` as the body's name and the name read as its
        alias; every opened report of the body reads the corrected name (returned: those changed).
        ValueError for an empty name or a report with no body; ArchiveError/OSError when the archive
        cannot be written."""
        rep = entry.result.report if entry.result is not None else None
        if self.archive is None or rep is None or not rep.unit:
            raise ValueError("no body")
        body = entry.version.body_id if entry.version is not None else None
        if body is None:
            body = self.archive.resolve_body(rep.unit)
        if body is None:
            raise ValueError("no body")
        self.archive.rename_body(body, name)
        return self._correct_names(self.entries.finished())

    def _with_archived(self, entries: list[Entry], extra: Sequence[Sequence[Finding]]) -> list[list[Finding]]:
        """The cross findings plus what each body's archived year-before report shows (when
        that year is not opened too)."""
        out = [list(x) for x in extra]
        if self.archive is None:
            return out
        from checks.batch import archived_findings
        results = [e.result if e.result is not None else CheckResult(e.path) for e in entries]
        found = archived_findings([r.report for r in results], previous_reports(self.archive, results), self.settings.rules)
        return [a + b for a, b in zip(out, found)]

    def _archive_entry(self, e: Entry) -> bool:
        """Record the entry's version with its findings now (a file that could not be read too: the
        overview counts it 无法读取); True when its round or marks changed."""
        if self.archive is None or e.result is None or not e.sha256 or (e.result.report is None and not e.result.error):
            return False
        def state() -> tuple[object, ...]:
            v = e.version
            return (v.id, v.round) if v else None, e.result.previous if e.result else None, dict(e.marks)

        before = state()
        result = replace(e.result)
        try:
            e.version = record_result(self.archive, result, e.sha256)
        except Exception:  # a locked or damaged archive must not stop the checking
            log.exception("archive write failed for %s", e.path)
            return False
        e.result = result
        if e.version is not None:  # marks carried from the round before
            e.marks = self.book.marks(e.sha256)
        return before != state()

    def _flag_duplicates(self) -> list[Entry]:
        """Mark the entries that are the same body's same year as another opened one; returns those that changed."""
        seen: dict[tuple[int | None, int | None], list[Entry]] = {}
        for e in self.entries.finished():
            if e.version is not None and e.version.body_id is not None and e.version.year is not None:
                seen.setdefault((e.version.body_id, e.version.year), []).append(e)
        twice = {id(e) for group in seen.values() if len({x.sha256 for x in group}) > 1 for e in group}
        changed = []
        for e in self.entries.finished():
            flag = id(e) in twice
            if flag != e.duplicate:
                e.duplicate = flag
                changed.append(e)
        return changed

    def _flag_superseded(self) -> list[Entry]:
        """Mark the entries of which the archive holds a later round (of the same body and year);
        returns those whose mark changed."""
        changed = []
        for e in self.entries.finished():
            v, later = e.version, None
            if self.archive is not None and v is not None and v.body_id is not None and v.year is not None:
                latest = self.archive.latest(v.body_id, v.year)
                later = latest if latest is not None and latest.round > v.round else None
            if (later.id if later else None) != (e.superseded_by.id if e.superseded_by else None):
                e.superseded_by = later
                changed.append(e)
        return changed

    def check_across(self) -> list[Entry]:
        """The checks across the opened reports, here and now (the window runs them in its pool)."""
        from checks.batch import run_batch_checks
        entries, changed = self.cross_inputs()
        if not entries:
            return changed
        return self.apply_cross(entries, run_batch_checks([e.result.report if e.result else None for e in entries],
                                                          self.settings.rules))

    # -- marks -----------------------------------------------------------------------------
    def mark(self, entry: Entry, fingerprint: str, state: str | None, reason: str = "") -> list[Entry]:
        """Save a mark; every opened entry of the same content gets the new marks (returned).
        Raises OSError when the store cannot be written, ValueError without a content sha."""
        if not entry.sha256:
            raise ValueError("no content fingerprint")
        return self.mark_many(entry, [fingerprint], state, reason)

    def mark_many(self, entry: Entry, fingerprints: Sequence[str], state: str | None, reason: str = "") -> list[Entry]:
        """Mark several findings of one report at once (bulk marking); MarksUnavailable (an OSError)
        when they cannot be kept."""
        if not entry.sha256:
            raise ValueError("no content fingerprint")
        marks = self.book.set_many(entry.sha256, list(fingerprints), state, reason)
        same = [e for e in self.entries if e.sha256 == entry.sha256]
        for e in same:
            e.marks = dict(marks)
        return same

    def dismissed(self) -> dict[str, dict[str, str]]:
        """path -> fingerprint -> reason of the dismissed findings: what the export is given."""
        out = {e.path: dismissed_reasons(e.marks) for e in self.entries.finished()}
        return {p: d for p, d in out.items() if d}

    def confirmed(self) -> dict[str, set[str]]:
        """path -> fingerprints marked 已核实: the export's 已核实 column."""
        out = {e.path: confirmed_fingerprints(e.marks) for e in self.entries.finished()}
        return {p: c for p, c in out.items() if c}

    # -- settings --------------------------------------------------------------------------
    def save_settings(self, settings: Settings) -> Path:
        """Use `settings` from now on and write them (OSError when that fails: they are used all the same)."""
        self.settings = settings
        return save_settings(self.appdata, settings)
