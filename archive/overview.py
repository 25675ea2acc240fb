"""The county overview of one year, from the archive: every body's status (需整改 = an error,
建议完善 = warnings only, 合格, 已整改 for a later round without error, 无法读取, 未报送 against the
bodies of the year before), its counts per severity, and the counts per rule that the overview's
chart shows. A file that could not be read and names no known body is a row of its own (its file
name) — so is one whose year is unknown, when the caller gives it (`undated`: the files it has just
checked) —, and a body's earlier rounds are counted as such: the statuses add up to the reports
(each body's latest), and those with the earlier rounds to every file of the year."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from checks.finding import SEVERITIES
from checks.settings import RuleSettings
from checks.verdict import FIXED, MISSING, NEEDS_FIX, PASS, STATUSES, SUGGEST, UNREADABLE, conclusion

from .roster import expected_bodies
from .store import Archive, Version
from .timing import Timing, timing

__all__ = ["FIXED", "MISSING", "NEEDS_FIX", "PASS", "STATUSES", "SUGGEST", "UNKNOWN_BODY", "UNREADABLE", "BodyRow",
           "Overview", "overview"]

UNKNOWN_BODY = "（单位未识别）"


@dataclass
class BodyRow:
    body: str
    status: str
    file: str = ""                 # its latest version's file name ('' when 未报送)
    round: int = 0                 # its latest round (0 when 未报送)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    resolved: int = 0              # of the round before, gone now
    version_id: int | None = None
    body_id: int | None = None
    still_open: int = 0            # of the round before, found again
    timing: Timing | None = None   # received, signed, against the deadline

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Overview:
    year: int
    rows: list[BodyRow]
    by_rule: dict[str, int]        # rule id -> findings of the latest versions, most first
    unreadable: list[str]          # files of the year that could not be read (no body known; each a row too)
    earlier: int = 0               # files of the year that a later round of the same body replaced
    bodies_by_rule: dict[str, int] = field(default_factory=dict)  # rule id -> bodies with such a finding
    against_roster: bool = False   # 未报送 measured against the roster (else the bodies of the year before)

    def status_counts(self) -> dict[str, int]:
        c = Counter(r.status for r in self.rows)
        return {s: c.get(s, 0) for s in STATUSES}

    @property
    def reports(self) -> int:
        """The reports the year holds (each body's latest round, each unreadable file of no known
        body): the rows that are not 未报送. The statuses other than 未报送 add up to it."""
        return sum(r.status != MISSING for r in self.rows)

    @property
    def files(self) -> int:
        """Every file of the year: the reports and the earlier rounds they replaced."""
        return self.reports + self.earlier

    def summary(self) -> str:
        """共 N 份报告：需整改 a，建议完善 b，…；未报送 m 个单位 — the overview's first line."""
        counts = self.status_counts()
        parts = "，".join(f"{s} {n}" for s, n in counts.items() if s != MISSING)
        earlier = f"（共收到 {self.files} 份文件，其中 {self.earlier} 份已由同一单位后来报送的版本取代）" if self.earlier else ""
        against = "单位名单中" if self.against_roster else "上年报送、本年"
        missing = f"；{against}未报送 {counts[MISSING]} 个单位" if counts[MISSING] else ""
        return f"共 {self.reports} 份报告{earlier}：{parts}{missing}"


def overview(archive: Archive, year: int, undated: Sequence[Version] = (), *, rules: RuleSettings | None = None) -> Overview:
    """The year's overview; `undated` are unreadable files of no known year to count in it too; `rules`
    give the deadlines the times are measured against."""
    latest, unreadable = _latest_versions(archive, year)
    unreadable += [v for v in undated if v.year is None and v.error and v not in unreadable]
    rows: list[BodyRow] = []
    by_rule: Counter[str] = Counter()
    bodies_by_rule: Counter[str] = Counter()
    for body_id, v in latest.items():
        row, found = _body_row(archive, year, body_id, v)
        row.timing = timing(archive.latest(body_id, year, before_round=2) or v, year, rules, v)
        by_rule.update(found)
        bodies_by_rule.update(set(found))
        rows.append(row)
    rows += [BodyRow(v.body or UNKNOWN_BODY, UNREADABLE, v.file, v.round, version_id=v.id, body_id=v.body_id)
             for v in unreadable]
    expected, against_roster = expected_bodies(archive, year)
    rows += [BodyRow(archive.body_name(b) or "", MISSING, body_id=b) for b in expected if b not in latest]
    rows.sort(key=lambda r: (STATUSES.index(r.status), -r.counts["error"], -r.total, r.body, r.file))
    return Overview(year, rows, dict(by_rule.most_common()), [v.file for v in unreadable], _earlier(archive, year, latest),
                    dict(bodies_by_rule), against_roster)


def _earlier(archive: Archive, year: int, latest: dict[int, Version]) -> int:
    """The year's files that a later round of the same body replaced."""
    return sum(1 for v in archive.versions(year) if v.body_id in latest and v.id != latest[v.body_id].id)


def _latest_versions(archive: Archive, year: int) -> tuple[dict[int, Version], list[Version]]:
    """Each body's latest round of the year, and the files of the year no body is known for that could not be read."""
    latest: dict[int, Version] = {}
    unreadable: list[Version] = []
    for v in archive.versions(year):
        if v.body_id is None:
            if v.error:
                unreadable.append(v)
        elif v.body_id not in latest or v.round > latest[v.body_id].round:
            latest[v.body_id] = v
    return latest, unreadable


def _body_row(archive: Archive, year: int, body_id: int, v: Version) -> tuple[BodyRow, Counter[str]]:
    """A body's row from its latest version (its findings not dismissed), and those findings' rules."""
    found = archive.findings(v.id)
    marks = archive.marks(v.id)
    active = [f for fp, f in found if not (fp in marks and marks[fp].state == "dismissed")]
    row = BodyRow(v.body or v.file, PASS, v.file, v.round, version_id=v.id, body_id=body_id)
    for f in active:
        sev = str(f.get("severity", ""))
        if sev in row.counts:
            row.counts[sev] += 1
    earlier = archive.latest(body_id, year, before_round=v.round) if v.round > 1 else None
    if earlier is not None:
        now = {fp for fp, _ in found}
        before = {fp for fp, _ in archive.findings(earlier.id)}
        row.resolved, row.still_open = len(before - now), len(before & now)
    row.status = _status(v, row)
    return row, Counter(str(f.get("rule", "")) for f in active)


def _status(v: Version, row: BodyRow) -> str:
    if v.error:
        return UNREADABLE
    status = conclusion(s for s, n in row.counts.items() if n)
    return FIXED if status != NEEDS_FIX and v.round > 1 else status
