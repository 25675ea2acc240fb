"""The archive file: one SQLite database in WAL mode, migrated forward on open, every write in
one transaction (BEGIN IMMEDIATE … COMMIT), so a killed program leaves it as before the write
and two windows (or a window and the command line) can share it."""
from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

from model.bodies import body_key, same_body
from model.document import Location
from model.marks import STATES
from model.report import CellValue, Report, Sentence

from .schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Archive", "ArchiveError", "ArchivedMark", "Body", "RosterEntry", "Version", "migrate"]

BUSY_TIMEOUT_S = 15.0
DEFAULT_NAME = "archive.sqlite3"  # the window's archive, in the app-data folder




@overload
def clean_text(text: str) -> str: ...


@overload
def clean_text(text: None) -> None: ...


def clean_text(text: str | None) -> str | None:
    """Text a reader made, storable: a lone surrogate (an RTF \\u escape of half a pair) replaced."""
    return None if text is None else text.encode("utf-8", "replace").decode("utf-8")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "replace").decode("utf-8")


class ArchiveError(Exception):
    """The archive cannot be used (newer schema, not a database); the message is Chinese."""


@dataclass(frozen=True)
class Version:
    """One checked report version, as the archive holds it."""

    id: int
    sha256: str
    file: str
    body_id: int | None
    body: str | None       # the body's name
    year: int | None
    round: int
    checked_at: str
    error: str | None = None
    unit: str | None = None
    format: str | None = None
    received_at: str | None = None  # ISO time the archive first saw this content (kept when checked again)
    signed: str | None = None       # the report's signature date as read (ISO date), None when none was read


@dataclass(frozen=True)
class ArchivedMark:
    state: str
    reason: str
    who: str
    at: str


@dataclass(frozen=True)
class Body:
    id: int
    name: str
    key: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class RosterEntry:
    """One body of the county's roster (单位名单): the bodies that must report."""

    name: str
    short: str = ""              # 简称
    level: str = ""              # 层级, as the list writes it
    body_id: int | None = None   # the body it is (set when imported)


def now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")


def _who() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (a service account): marks stay anonymous
        return ""


class Archive:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        try:
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.create_function("body_key", 1, body_key, deterministic=True)  # used by migration 2 -> 3
            migrate(self._db)
        except sqlite3.DatabaseError as e:
            self._db.close()
            raise ArchiveError(f"审校台账 {self.path} 无法打开：{e}") from e

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write: all of it or none of it. Nested use joins the outer transaction."""
        if self._db.in_transaction:
            yield self._db
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _all(self, sql: str, args: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        return list(self._db.execute(sql, args))

    def _one(self, sql: str, args: tuple[Any, ...] = ()) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self._db.execute(sql, args).fetchone()
        return row

    # ---- bodies ------------------------------------------------------------------------------
    def find_body(self, name: str) -> int | None:
        """The body a name stands for: its key, an alias, or a body it names behind leading divisions."""
        key = body_key(name)
        if not key:
            return None
        row = self._one("SELECT id FROM bodies WHERE key=? UNION ALL SELECT body_id FROM aliases WHERE key=?", (key, key))
        if row is not None:
            return int(row[0])
        for r in self._all("SELECT id, key FROM bodies UNION ALL SELECT body_id, key FROM aliases"):
            if same_body(key, r["key"]):
                return int(r["id"])
        return None

    def resolve_body(self, name: str) -> int | None:
        """The body of a name, created when new; a new spelling of a known body becomes its alias."""
        key = body_key(name)
        if not key:
            return None
        with self.transaction() as db:
            found = self.find_body(name)
            if found is None:
                return int(db.execute("INSERT INTO bodies(name, key) VALUES(?, ?)", (name, key)).lastrowid or 0)
            if self._one("SELECT 1 FROM bodies WHERE key=? UNION ALL SELECT 1 FROM aliases WHERE key=?", (key, key)) is None:
                db.execute("INSERT INTO aliases(key, body_id) VALUES(?, ?)", (key, found))
            return found

    def body_in_name(self, file: str) -> int | None:
        """A known body whose name the file name holds (“石桥乡2024年报.pdf”): how a file that could
        not be read is still counted for its body (无法读取, not 未报送). The longest name wins."""
        name = body_key(file)
        known = self._all("SELECT id, key FROM bodies UNION ALL SELECT body_id, key FROM aliases")
        hits = sorted((r for r in known if len(r["key"]) >= 2 and r["key"] in name), key=lambda r: -len(r["key"]))
        return int(hits[0]["id"]) if hits else None

    def bodies(self) -> list[Body]:
        aliases: dict[int, list[str]] = {}
        for r in self._all("SELECT key, body_id FROM aliases ORDER BY key"):
            aliases.setdefault(r["body_id"], []).append(r["key"])
        return [Body(r["id"], r["name"], r["key"], tuple(aliases.get(r["id"], ())))
                for r in self._all("SELECT id, name, key FROM bodies ORDER BY id")]

    def body_name(self, body_id: int | None) -> str | None:
        row = self._one("SELECT name FROM bodies WHERE id=?", (body_id,))
        return None if row is None else str(row[0])

    def add_alias(self, body_id: int, name: str) -> bool:
        """Another name of a body (a 简称); False when the name is already another body's or names none."""
        key = body_key(name)
        if not key:
            return False
        with self.transaction() as db:
            found = self.find_body(name)
            if found is not None and found != body_id:
                return False
            db.execute("INSERT OR IGNORE INTO aliases(key, body_id) SELECT ?, ? WHERE NOT EXISTS"
                       " (SELECT 1 FROM bodies WHERE key=?)", (key, body_id, key))
            return True

    def merge_bodies(self, keep: int, other: int) -> None:
        """The inspector says two bodies are one: `other`'s reports, notices and names move to `keep`."""
        if keep == other:
            return
        with self.transaction() as db:
            row = self._one("SELECT key FROM bodies WHERE id=?", (other,))
            if row is None or self._one("SELECT 1 FROM bodies WHERE id=?", (keep,)) is None:
                raise ValueError("no such body")
            db.execute("UPDATE versions SET body_id=? WHERE body_id=?", (keep, other))
            db.execute("UPDATE notices SET body_id=? WHERE body_id=?", (keep, other))
            db.execute("UPDATE aliases SET body_id=? WHERE body_id=?", (keep, other))
            db.execute("UPDATE roster SET body_id=? WHERE body_id=?", (keep, other))
            db.execute("DELETE FROM bodies WHERE id=?", (other,))
            db.execute("INSERT OR REPLACE INTO aliases(key, body_id) VALUES(?, ?)", (row[0], keep))
            self._renumber_rounds(keep)

    def rename_body(self, body_id: int, name: str) -> int:
        """The inspector corrects a body's name (one read wrongly from a report, “请与淮安市人民政府办公室”):
        the body is called `name` from now on and its old name stays its alias, so a report that
        reads the old name again is this body under the corrected name. A name that is another known
        body's makes the two one (`merge_bodies`). Returns the body the name now stands for."""
        name = clean_text(name).strip()
        key = body_key(name)
        if not key:
            raise ValueError("empty name")
        with self.transaction() as db:
            row = self._one("SELECT key FROM bodies WHERE id=?", (body_id,))
            if row is None:
                raise ValueError("no such body")
            other = self.find_body(name)
            if other is not None and other != body_id:
                self.merge_bodies(other, body_id)
                return other
            db.execute("DELETE FROM aliases WHERE key=?", (key,))
            db.execute("UPDATE bodies SET name=?, key=? WHERE id=?", (name, key, body_id))
            if row[0] != key:
                db.execute("INSERT OR REPLACE INTO aliases(key, body_id) VALUES(?, ?)", (row[0], body_id))
            return body_id

    def corrected_name(self, name: str | None) -> str | None:
        """The body's name as the inspector corrected it, for a name that is one of its aliases
        (the wrong spelling, or a body merged into it); None when the name needs no correction."""
        key = body_key(name or "")
        if not key or self._one("SELECT 1 FROM bodies WHERE key=?", (key,)) is not None:
            return None
        row = self._one("SELECT b.name FROM aliases a JOIN bodies b ON b.id = a.body_id WHERE a.key=?", (key,))
        return None if row is None else str(row[0])

    def _renumber_rounds(self, body_id: int) -> None:
        years = [r[0] for r in self._all("SELECT DISTINCT year FROM versions WHERE body_id=?", (body_id,))]
        for year in years:
            rows = self._all("SELECT id FROM versions WHERE body_id=? AND year IS ? ORDER BY checked_at, id", (body_id, year))
            for n, r in enumerate(rows, start=1):
                self._db.execute("UPDATE versions SET round=? WHERE id=?", (n, r[0]))

    # ---- versions ----------------------------------------------------------------------------
    def _version(self, row: sqlite3.Row | None) -> Version | None:
        if row is None:
            return None
        return Version(row["id"], row["sha256"], row["file"], row["body_id"], self.body_name(row["body_id"]), row["year"],
                       row["round"], row["checked_at"], row["error"], row["unit"], row["format"], row["received_at"],
                       row["signed"])

    def version(self, version_id: int) -> Version | None:
        return self._version(self._one("SELECT * FROM versions WHERE id=?", (version_id,)))

    def version_by_hash(self, sha256: str) -> Version | None:
        return self._version(self._one("SELECT * FROM versions WHERE sha256=?", (sha256,)))

    def versions(self, year: int | None = None) -> list[Version]:
        rows = self._all("SELECT * FROM versions WHERE ?1 IS NULL OR year=?1 ORDER BY body_id, year, round", (year,))
        return [v for v in map(self._version, rows) if v is not None]

    def years(self) -> list[int]:
        return [int(r[0]) for r in self._all("SELECT DISTINCT year FROM versions WHERE year IS NOT NULL ORDER BY year")]

    def latest(self, body_id: int, year: int, before_round: int | None = None) -> Version | None:
        """The body's last round of the year (before `before_round` when given)."""
        return self._version(self._one(
            "SELECT * FROM versions WHERE body_id=? AND year=? AND round < ? ORDER BY round DESC LIMIT 1",
            (body_id, year, before_round if before_round is not None else 1 << 30)))

    def record(self, *, sha256: str, file: str, unit: str | None, year: int | None, format: str | None,
               cells: dict[str, int | float | None], sentences: list[tuple[str, int | None]],
               findings: list[tuple[str, dict[str, Any]]], error: str | None = None, signed: str | None = None) -> Version:
        """Store one checked version (findings as (fingerprint, JSON); `signed` the report's date as read,
        ISO); the same content checked again replaces its findings and keeps its round and the time it
        was first received; new content of a body's year is its next round."""
        file, unit, error = clean_text(file), clean_text(unit), clean_text(error)  # SQLite stores UTF-8 only
        with self.transaction() as db:
            body_id = self.resolve_body(unit) if unit else self.body_in_name(file)
            old = self._one("SELECT id, round, body_id, year, received_at FROM versions WHERE sha256=?", (sha256,))
            at = now()
            received = (old["received_at"] if old is not None else None) or at
            data = (file, body_id, year, unit, format, at, error, _json(cells), _json(sentences), signed)
            if old is not None and (old["body_id"], old["year"]) == (body_id, year):
                vid, rnd = int(old["id"]), int(old["round"])
                db.execute("UPDATE versions SET file=?, body_id=?, year=?, unit=?, format=?, checked_at=?, error=?, cells=?,"
                           " sentences=?, signed=? WHERE id=?", (*data, vid))
                db.execute("DELETE FROM findings WHERE version_id=?", (vid,))
            else:
                if old is not None:  # the same content now read as another body or year
                    db.execute("DELETE FROM versions WHERE id=?", (old["id"],))
                rnd = 1
                if body_id is not None and year is not None:
                    last = self._one("SELECT MAX(round) FROM versions WHERE body_id=? AND year=?", (body_id, year))
                    rnd = int(last[0] or 0) + 1 if last is not None else 1
                vid = int(db.execute(
                    "INSERT INTO versions(sha256, file, body_id, year, unit, format, checked_at, error, cells, sentences, signed,"
                    " round, received_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)", (sha256, *data, rnd, received)).lastrowid or 0)
            db.executemany("INSERT INTO findings(version_id, seq, fingerprint, rule, severity, data) VALUES(?,?,?,?,?,?)",
                           [(vid, i, clean_text(fp), f.get("rule", ""), f.get("severity", ""), _json(f))
                            for i, (fp, f) in enumerate(findings)])
        v = self.version(vid)
        assert v is not None
        return v

    def findings(self, version_id: int) -> list[tuple[str, dict[str, Any]]]:
        """(fingerprint, finding JSON) of a version, in the order they were reported."""
        return [(r["fingerprint"], json.loads(r["data"]))
                for r in self._all("SELECT fingerprint, data FROM findings WHERE version_id=? ORDER BY seq", (version_id,))]

    def cells(self, version_id: int) -> dict[str, int | float | None]:
        row = self._one("SELECT cells FROM versions WHERE id=?", (version_id,))
        return {} if row is None else dict(json.loads(row[0]))

    def report(self, version_id: int) -> Report | None:
        """What was read from a version, as a Report the batch checks accept (cells and narrative;
        the places in the source file are not kept)."""
        row = self._one("SELECT * FROM versions WHERE id=?", (version_id,))
        if row is None or row["error"]:
            return None
        r = Report(path=row["file"], format=row["format"] or "", unit=row["unit"], year=row["year"])
        for key, value in json.loads(row["cells"]).items():
            r.cells[key] = CellValue(key, value, "" if value is None else str(value), Location())
        r.sentences = [Sentence(text, [Location()], section) for text, section in json.loads(row["sentences"])]
        r.tables_found = {k.split(".", 1)[0] for k in r.cells}
        return r

    def previous_year(self, unit: str | None, year: int | None) -> Version | None:
        """The body's last archived round of the year before `year`."""
        if not unit or not year:
            return None
        body = self.find_body(unit)
        return None if body is None else self.latest(body, year - 1)

    # ---- roster -------------------------------------------------------------------------------
    def roster(self) -> list[RosterEntry]:
        """The county's roster as imported (empty: none), in its order."""
        return [RosterEntry(r["name"], r["short"], r["level"], r["body_id"])
                for r in self._all("SELECT * FROM roster ORDER BY seq")]

    def roster_source(self) -> tuple[str, str] | None:
        """(file, time) the roster was imported from, None without a roster."""
        row = self._one("SELECT source, imported_at FROM roster ORDER BY seq LIMIT 1")
        return None if row is None else (str(row[0]), str(row[1]))

    def replace_roster(self, entries: list[RosterEntry], source: str) -> None:
        """The roster, replaced whole (archive.roster.import_roster resolves the bodies first)."""
        at = now()
        with self.transaction() as db:
            db.execute("DELETE FROM roster")
            db.executemany("INSERT INTO roster(seq, name, short, level, body_id, source, imported_at) VALUES(?,?,?,?,?,?,?)",
                           [(i, clean_text(e.name), clean_text(e.short), clean_text(e.level), e.body_id, clean_text(source), at)
                            for i, e in enumerate(entries, start=1)])

    # ---- marks -------------------------------------------------------------------------------
    def set_mark(self, version_id: int, fingerprint: str, state: str | None, reason: str = "", who: str | None = None) -> None:
        """已核实 / 忽略 one finding of a version (state None clears it)."""
        self.set_marks(version_id, [fingerprint], state, reason, who)

    def set_marks(self, version_id: int, fingerprints: list[str], state: str | None, reason: str = "",
                  who: str | None = None) -> None:
        v = self.version(version_id)
        if v is not None:
            self.set_content_marks(v.sha256, fingerprints, state, reason, who)

    def marks(self, version_id: int) -> dict[str, ArchivedMark]:
        return {r["fingerprint"]: ArchivedMark(r["state"], r["reason"], r["who"], r["at"])
                for r in self._all("SELECT m.* FROM marks m JOIN versions v ON v.sha256 = m.sha256 WHERE v.id=?", (version_id,))}

    def content_marks(self, sha256: str) -> dict[str, ArchivedMark]:
        """The marks of a file's content, whether or not it is a version yet."""
        return {r["fingerprint"]: ArchivedMark(r["state"], r["reason"], r["who"], r["at"])
                for r in self._all("SELECT * FROM marks WHERE sha256=?", (sha256,))}

    def set_content_marks(self, sha256: str, fingerprints: list[str], state: str | None, reason: str = "",
                          who: str | None = None, at: str | None = None, replace: bool = True) -> None:
        """Mark findings of a file's content (state None clears them); `replace` False keeps marks already there."""
        if state is not None and state not in STATES:
            raise ValueError(state)
        fingerprints = [clean_text(fp) for fp in fingerprints]
        with self.transaction() as db:
            if state is None:
                db.executemany("DELETE FROM marks WHERE sha256=? AND fingerprint=?", [(sha256, fp) for fp in fingerprints])
                return
            verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
            db.executemany(f"{verb} INTO marks(sha256, fingerprint, state, reason, who, at) VALUES(?,?,?,?,?,?)",
                           [(sha256, fp, state, clean_text(reason), _who() if who is None else who, at or now())
                            for fp in fingerprints])

    def carry_marks(self, from_version: int, to_version: int, fingerprints: set[str]) -> int:
        """Copy the marks of findings still open into the next round (its own marks win)."""
        a, b = self.version(from_version), self.version(to_version)
        if a is None or b is None:
            return 0
        rows = [r for r in self._all("SELECT * FROM marks WHERE sha256=?", (a.sha256,)) if r["fingerprint"] in fingerprints]
        with self.transaction() as db:
            db.executemany("INSERT OR IGNORE INTO marks(sha256, fingerprint, state, reason, who, at) VALUES(?,?,?,?,?,?)",
                           [(b.sha256, r["fingerprint"], r["state"], r["reason"], r["who"], r["at"]) for r in rows])
        return len(rows)

    # ---- notices -----------------------------------------------------------------------------
    def add_notice(self, body_id: int | None, year: int | None, number: str, file: str, findings: int,
                   version_ids: list[int]) -> int:
        with self.transaction() as db:
            nid = int(db.execute("INSERT INTO notices(body_id, year, number, file, findings, issued_at) VALUES(?,?,?,?,?,?)",
                                 (body_id, year, number, file, findings, now())).lastrowid or 0)
            db.executemany("INSERT INTO notice_versions(notice_id, version_id) VALUES(?, ?)", [(nid, v) for v in version_ids])
            return nid

    def notices(self, year: int | None = None) -> list[dict[str, Any]]:
        return [dict(r) for r in self._all("SELECT * FROM notices WHERE ?1 IS NULL OR year=?1 ORDER BY id", (year,))]

    def notice_number(self, body: str, year: int | None, round_: int, make: Callable[[int], str], start: int = 1) -> str:
        """The 文号 of the notice to `body` (a model.bodies key) about its `round_` of `year`: the one
        given before, else the next of the year (`start` at the least), made by `make(n)` and kept."""
        y = year or 0
        with self.transaction() as db:
            row = db.execute("SELECT number FROM notice_numbers WHERE body=? AND year=? AND round=?",
                             (body, y, round_)).fetchone()
            if row is not None:
                return str(row[0])
            given = db.execute("SELECT COALESCE(MAX(seq), 0) FROM notice_numbers WHERE year=?", (y,)).fetchone()[0]
            n = max(int(given), self.issued_numbers(year), start - 1) + 1  # after the notices an older version numbered
            number = make(n)
            db.execute("INSERT INTO notice_numbers(body, year, round, seq, number) VALUES(?,?,?,?,?)",
                       (body, y, round_, n, number))
            return number

    def issued_numbers(self, year: int | None) -> int:
        """The 文号 issued in `year` (a notice written again keeps its number: counted once)."""
        row = self._one("SELECT COUNT(DISTINCT number) FROM notices WHERE year IS ?", (year,))
        return 0 if row is None else int(row[0])

    def notice_count(self, year: int | None) -> int:
        row = self._one("SELECT COUNT(*) FROM notices WHERE year IS ?", (year,))
        return 0 if row is None else int(row[0])


def migrate(db: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema forward to `target`, each step in its own transaction; returns the version."""
    current = int(db.execute("PRAGMA user_version").fetchone()[0])
    if current > SCHEMA_VERSION:
        raise ArchiveError(f"审校台账由较新版本的软件创建（格式版本 {current}），请升级本软件后再打开。")
    while current < target:
        db.execute("BEGIN IMMEDIATE")
        try:
            now_at = int(db.execute("PRAGMA user_version").fetchone()[0])  # another process may have migrated it
            if now_at == current:
                for stmt in MIGRATIONS[current].split(";"):
                    if stmt.strip():
                        db.execute(stmt)
                db.execute(f"PRAGMA user_version = {current + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        current = int(db.execute("PRAGMA user_version").fetchone()[0])
    return current
