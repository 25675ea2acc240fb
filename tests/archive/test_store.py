"""The archive file: schema migrations, transactions that survive a kill, two connections, bodies."""
from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive import SCHEMA_VERSION, Archive, ArchiveError
from archive.store import migrate

ROOT = Path(__file__).resolve().parents[2]


def _record(a: Archive, sha: str, unit: str = "东山镇人民政府", year: int = 2024, fps: tuple[str, ...] = ("R|x|",)):
    return a.record(sha256=sha, file=f"{sha}.txt", unit=unit, year=year, format="txt", cells={"t3.new.total": 3},
                    sentences=[("第一句。", 1)], findings=[(fp, {"rule": fp.split("|")[0], "severity": "error"}) for fp in fps])


def _integrity(path: Path) -> str:
    with sqlite3.connect(path) as db:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])


def test_a_new_file_gets_the_whole_schema_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "台账.db"
    Archive(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"bodies", "aliases", "versions", "findings", "marks", "notices", "notice_versions", "notice_numbers"} <= tables
    assert _integrity(path) == "ok"


def test_an_archive_of_version_two_gets_its_bodies_keyed_by_the_one_identity(tmp_path: Path) -> None:
    """Before version 3 a 街道办事处 was keyed without its 街道 and a county prefix was kept."""
    from archive.store import migrate
    path = tmp_path / "旧台账.db"
    with sqlite3.connect(path) as db:
        db.isolation_level = None
        migrate(db, target=2)
        db.execute("INSERT INTO bodies(id, name, key) VALUES(1, '城关街道办事处', '城关'), (2, '青山县青山镇人民政府', '青山县青山镇')")
        db.execute("INSERT INTO aliases(key, body_id) VALUES('青山县青山镇政府', 2)")
    with Archive(path) as arc:
        assert arc.find_body("城关街道") == 1 and arc.find_body("青山镇人民政府") == 2
        assert {b.id: b.name for b in arc.bodies()} == {1: "城关街道办事处", 2: "青山县青山镇人民政府"}
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT key FROM bodies ORDER BY id").fetchall() == [("城关街道",), ("青山镇",)]
        assert db.execute("SELECT COUNT(*) FROM aliases").fetchone()[0] == 0  # the alias is now the body's own key


def test_an_empty_existing_file_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with Archive(path) as a:
        v = _record(a, "h1")
        assert v.round == 1 and v.body == "东山镇人民政府"
    assert _integrity(path) == "ok"


def test_a_version_1_archive_is_migrated_forward_keeping_its_data(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    db = sqlite3.connect(path, isolation_level=None)
    assert migrate(db, target=1) == 1
    db.execute("INSERT INTO bodies(name, key) VALUES('东山镇人民政府', '东山镇')")
    db.execute("INSERT INTO versions(sha256, file, body_id, year, checked_at) VALUES('h0', 'old.txt', 1, 2023, '2025-02-01T10:00:00')")
    db.execute("INSERT INTO findings VALUES(1, 0, 'T4-TOTAL||', 'T4-TOTAL', 'error', '{\"rule\": \"T4-TOTAL\"}')")
    db.close()
    with Archive(path) as a:
        assert a.notices() == []              # the table version 2 added is there
        old = a.version_by_hash("h0")
        assert old is not None and old.year == 2023 and old.body == "东山镇人民政府"
        assert a.findings(old.id) == [("T4-TOTAL||", {"rule": "T4-TOTAL"})]
        assert a.previous_year("东山镇人民政府", 2024) == old
    with sqlite3.connect(path) as db2:
        assert db2.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_newer_archive_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(ArchiveError, match="较新版本"):
        Archive(path)


def test_not_a_database_is_an_archive_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.db"
    path.write_bytes(b"this is no sqlite file at all" * 100)
    with pytest.raises(ArchiveError):
        Archive(path)


KILLED_WRITER = """
import sys, time
from archive import Archive
a = Archive(sys.argv[1])
with a.transaction():
    for i in range(50):
        a.record(sha256=f"k{i}", file=f"k{i}.txt", unit=f"第{i}镇人民政府", year=2024, format="txt", cells={},
                 sentences=[], findings=[("R||", {"rule": "R"})])
    print("inside", flush=True)
    time.sleep(60)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_write_killed_mid_transaction_leaves_the_archive_as_before(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with Archive(path) as a:
        _record(a, "before")
    p = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert p.stdout is not None and p.stdout.readline().strip() == "inside"
    finally:
        p.send_signal(signal.SIGKILL)
        p.wait(30)
    assert _integrity(path) == "ok"
    with Archive(path) as a:
        assert [v.sha256 for v in a.versions()] == ["before"]
        assert [b.name for b in a.bodies()] == ["东山镇人民政府"]
        _record(a, "after")  # and it takes writes again
        assert len(a.versions()) == 2


def test_two_connections_share_one_archive(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    one, two = Archive(path), Archive(path)
    try:
        v = _record(one, "h1", fps=("A||", "B||"))
        assert two.version_by_hash("h1") == v
        two.set_mark(v.id, "A||", "confirmed", who="甲")
        one.set_mark(v.id, "B||", "dismissed", "不适用", who="乙")
        marks = one.marks(v.id)
        assert {fp: (m.state, m.who) for fp, m in marks.items()} == {"A||": ("confirmed", "甲"), "B||": ("dismissed", "乙")}
        # a writer holding the lock makes the other wait, not fail
        with one.transaction():
            _record(one, "h2", unit="西山镇人民政府")
            t0 = time.monotonic()
        _record(two, "h3", unit="南山镇人民政府")
        assert time.monotonic() - t0 < 10
        assert {x.sha256 for x in one.versions()} == {"h1", "h2", "h3"}
    finally:
        one.close()
        two.close()
    assert _integrity(path) == "ok"


def test_aliases_name_one_body_and_can_be_merged(tmp_path: Path) -> None:
    with Archive(tmp_path / "b.db") as a:
        first = a.resolve_body("洪泽区人民政府")
        assert a.resolve_body("淮安市洪泽区人民政府") == first
        assert a.resolve_body("淮安市财政局") != a.resolve_body("财政局")
        [b] = [b for b in a.bodies() if b.id == first]
        assert b.aliases == ()  # one key for both spellings (model.bodies): nothing to alias
        v1 = _record(a, "x1", unit="高良涧街道办事处")
        v2 = _record(a, "x2", unit="高良涧办事处")
        assert v1.body_id != v2.body_id           # not told apart by name: the inspector merges them
        a.merge_bodies(v1.body_id, v2.body_id)  # type: ignore[arg-type]
        assert a.version(v2.id).body_id == v1.body_id  # type: ignore[union-attr]
        assert [a.version(v.id).round for v in (v1, v2)] == [1, 2]  # type: ignore[union-attr]
        assert a.find_body("高良涧办事处") == v1.body_id and a.find_body("洪泽区高良涧街道") == v1.body_id
        [b] = [b for b in a.bodies() if b.id == v1.body_id]
        assert b.aliases == ("高良涧",)


def test_rounds_same_content_keeps_its_round_new_content_is_the_next(tmp_path: Path) -> None:
    with Archive(tmp_path / "r.db") as a:
        assert _record(a, "v1").round == 1
        assert _record(a, "v2").round == 2
        again = _record(a, "v1", fps=("Z||",))
        assert again.round == 1 and a.findings(again.id) == [("Z||", {"rule": "Z", "severity": "error"})]
        assert a.latest(again.body_id, 2024).sha256 == "v2"  # type: ignore[arg-type, union-attr]
        assert _record(a, "other-year", year=2023).round == 1


def test_the_archived_report_holds_what_was_read(tmp_path: Path) -> None:
    with Archive(tmp_path / "p.db") as a:
        v = _record(a, "h")
        r = a.report(v.id)
        assert r is not None and r.unit == "东山镇人民政府" and r.year == 2024
        assert r.value("t3.new.total") == 3 and [(s.text, s.section) for s in r.sentences] == [("第一句。", 1)]
        raw = sqlite3.connect(tmp_path / "p.db").execute("SELECT cells FROM versions").fetchone()[0]
        assert json.loads(raw) == {"t3.new.total": 3}
