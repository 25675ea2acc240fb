"""The archive's tables, as forward migrations: MIGRATIONS[n] takes `PRAGMA user_version` n to n+1.

A file made by a newer version (user_version above ours) is refused, never written to."""
from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 0 -> 1: bodies, report versions, findings, marks
    """
    CREATE TABLE bodies(
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,               -- as first written in a report
        key TEXT NOT NULL UNIQUE          -- model.bodies.body_key(name)
    );
    CREATE TABLE aliases(
        key TEXT PRIMARY KEY,             -- another key naming the same body
        body_id INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE
    );
    CREATE TABLE versions(
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,      -- the checked file's content: one version per content
        file TEXT NOT NULL,               -- its name when checked
        body_id INTEGER REFERENCES bodies(id),
        year INTEGER,
        unit TEXT,
        format TEXT,
        round INTEGER NOT NULL DEFAULT 1, -- 1 for a body's first version of the year, then 2, 3…
        checked_at TEXT NOT NULL,
        error TEXT,                       -- why it could not be read
        cells TEXT NOT NULL DEFAULT '{}', -- JSON {cell key: value}
        sentences TEXT NOT NULL DEFAULT '[]'  -- JSON [[text, section]] of the narrative
    );
    CREATE TABLE findings(
        version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        rule TEXT NOT NULL,
        severity TEXT NOT NULL,
        data TEXT NOT NULL,               -- JSON, as `check --json` prints it (fix, suspects included)
        PRIMARY KEY(version_id, seq)
    );
    CREATE TABLE marks(
        version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        fingerprint TEXT NOT NULL,
        state TEXT NOT NULL CHECK(state IN ('confirmed', 'dismissed')),
        reason TEXT NOT NULL DEFAULT '',
        who TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        PRIMARY KEY(version_id, fingerprint)
    );
    """,
    # 1 -> 2: notices issued; versions looked up by body and year
    """
    CREATE TABLE notices(
        id INTEGER PRIMARY KEY,
        body_id INTEGER REFERENCES bodies(id),
        year INTEGER,
        number TEXT NOT NULL,             -- 文号
        file TEXT NOT NULL,               -- where it was written
        findings INTEGER NOT NULL,        -- how many findings it lists
        issued_at TEXT NOT NULL
    );
    CREATE TABLE notice_versions(
        notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
        version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        PRIMARY KEY(notice_id, version_id)
    );
    CREATE INDEX versions_body_year ON versions(body_id, year, round);
    CREATE INDEX findings_fingerprint ON findings(version_id, fingerprint);
    """,
    # 2 -> 3: bodies keyed by the one body identity (model.bodies.body_key, registered on the
    # connection); 文号 given once per body, year and round, so a preview, an export and a later
    # export of the same notice carry the same number
    """
    UPDATE OR IGNORE bodies SET key = body_key(name);
    UPDATE OR IGNORE aliases SET key = body_key(key);
    DELETE FROM aliases WHERE key IN (SELECT key FROM bodies);
    CREATE TABLE notice_numbers(
        body TEXT NOT NULL,               -- model.bodies.body_key of the body the notice is to
        year INTEGER NOT NULL DEFAULT 0,  -- 0: year not known
        round INTEGER NOT NULL,
        seq INTEGER NOT NULL,             -- n of the 文号 template, counted per year
        number TEXT NOT NULL,
        PRIMARY KEY(body, year, round)
    );
    """,
    # 3 -> 4: the one store of marks (review.marks), keyed by the file's content: a mark set on a
    # report before it is a version of the archive is kept, and is the version's when it becomes one
    """
    CREATE TABLE content_marks(
        sha256 TEXT NOT NULL,             -- the marked file's content
        fingerprint TEXT NOT NULL,
        state TEXT NOT NULL CHECK(state IN ('confirmed', 'dismissed')),
        reason TEXT NOT NULL DEFAULT '',
        who TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        PRIMARY KEY(sha256, fingerprint)
    );
    INSERT OR IGNORE INTO content_marks(sha256, fingerprint, state, reason, who, at)
        SELECT v.sha256, m.fingerprint, m.state, m.reason, m.who, m.at FROM marks m JOIN versions v ON v.id = m.version_id;
    DROP TABLE marks;
    ALTER TABLE content_marks RENAME TO marks;
    """,
    # 4 -> 5: when each version was first received (kept when the same content is checked again) and
    # the report's signature date as read; the county's roster of bodies that must report (archive.roster)
    """
    ALTER TABLE versions ADD COLUMN received_at TEXT;
    UPDATE versions SET received_at = checked_at;
    ALTER TABLE versions ADD COLUMN signed TEXT;
    CREATE TABLE roster(
        seq INTEGER PRIMARY KEY,          -- its place in the imported list, from 1
        name TEXT NOT NULL,               -- the body's full name as the list writes it
        short TEXT NOT NULL DEFAULT '',   -- 简称
        level TEXT NOT NULL DEFAULT '',   -- 层级 as the list writes it
        body_id INTEGER REFERENCES bodies(id) ON DELETE SET NULL,
        source TEXT NOT NULL DEFAULT '',  -- the file it was imported from
        imported_at TEXT NOT NULL
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
