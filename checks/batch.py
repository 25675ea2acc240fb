"""Checks across reports checked together: the same body's consecutive years, copied narratives."""
from __future__ import annotations

import os
import pickle
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from model.bodies import body_key
from model.document import Location
from model.report import Report
from model.standard import T3_COLUMNS, t3_column_name
from model.textnorm import norm

from .catalogue import rule_ids
from .copied_index import Classes, Shingles, classes, compact, jaccard, similar_classes
from .finding import Finding, Severity
from .settings import RuleSettings

SHINGLE = 4
SAMPLE = 4
COPIED_OTHER_BODY = 0.80     # nearly identical to another body's report
COPIED_OWN_LAST_YEAR = 0.50  # more than half the same as the body's own previous report
CLUSTER_MIN = 3      # like this many other bodies' reports or more: one finding naming the closest
CLUSTER_NAMES = 5    # … of them, then 等
CLUSTER_SUBJECT = "多份报告"  # its identity (for marks) whoever the others are
BATCH_RULES: tuple[str, ...] = rule_ids("跨报告比对")  # the rules only a batch can check


def _body_key(report: Report) -> str | None:
    """The body of a report as every part of the program names it (model.bodies)."""
    return body_key(report.unit) or None if report.unit else None


BATCH_CELLS: tuple[str, ...] = (*(f"t3.{row}.{c}" for row in ("carried", "carry_forward") for c in T3_COLUMNS),
                                "t2.normative.in_force", "t2.normative.issued", "t2.normative.repealed")
_BATCH_INDEX: dict[str, int] = {k: i for i, k in enumerate(BATCH_CELLS)}


@dataclass
class BatchReport(Report):
    """What the checks across reports need of a report, for a caller that frees the rest at once
    (`for_batch`): its path, body, year, the cells PREV-YEAR-* compare and its narrative's shingles.

    A batch holds one of these per report, so it is packed: `cells` stays empty; `value` reads
    `values` (BATCH_CELLS' values in order) and `cell_location` unpacks `packed_locations` (their
    locations, pickled and deflated: only a finding needs one). It pickles as those fields alone,
    and is rebuilt by its constructor."""
    hashes: Shingles = field(default_factory=lambda: compact(frozenset()))
    values: tuple[int | float | None, ...] = ()
    packed_locations: bytes = b""

    def value(self, key: str) -> int | float | None:
        i = _BATCH_INDEX.get(key)
        return None if i is None or i >= len(self.values) else self.values[i]

    def cell_location(self, key: str) -> Location:
        i = _BATCH_INDEX.get(key)
        if i is None or not self.packed_locations:
            return Location()
        locations: tuple[Location | None, ...] = pickle.loads(zlib.decompress(self.packed_locations))
        return locations[i] or Location()

    def __reduce__(self) -> tuple[object, ...]:
        return (_batch_report, (self.path, self.format, self.unit, self.year, self.hashes, self.values, self.packed_locations))


def _batch_report(path: str, format: str, unit: str | None, year: int | None, hashes: Shingles,
                  values: tuple[int | float | None, ...], packed_locations: bytes) -> BatchReport:
    return BatchReport(path=path, format=format, unit=unit, year=year, hashes=hashes, values=values,
                       packed_locations=packed_locations)


def for_batch(report: Report) -> BatchReport:
    """The report as small as the checks across reports can take it (a few KB): they give the same
    findings for it as for the report itself."""
    locations = tuple(c.location if (c := report.cells.get(k)) is not None else None for k in BATCH_CELLS)
    return BatchReport(path=report.path, format=report.format, unit=report.unit, year=report.year,
                       hashes=compact(shingles(report)), values=tuple(report.value(k) for k in BATCH_CELLS),
                       packed_locations=zlib.compress(pickle.dumps(locations, pickle.HIGHEST_PROTOCOL)))


def shingles(report: Report) -> frozenset[int]:
    """Character 4-grams of the narrative, with digits and the body's own name taken out, so
    that a report copied with the name and the numbers changed still matches. Kept as a 1-in-4
    sample of their CRC32 hashes: the Jaccard estimate stays unbiased, memory stays small."""
    if isinstance(report, BatchReport):
        return frozenset(report.hashes)
    text = "".join(s.text for s in report.sentences if s.section is not None)
    text = norm(text)
    key = _body_key(report)
    if key:
        text = text.replace(key, "")
    text = re.sub(r"[\d.%]+", "#", text)
    text = re.sub(r"[，。、；：,.;:“”\"'（）()《》]", "", text)
    grams = (zlib.crc32(text[i:i + SHINGLE].encode("utf-8")) for i in range(max(0, len(text) - SHINGLE + 1)))
    return frozenset(h for h in grams if h % SAMPLE == 0)


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class ArchivedReport:
    """A body's previous-year report as the archive keeps it, standing in for the file itself."""
    report: Report
    checked_at: str  # when the archive checked it (ISO time)

    @property
    def label(self) -> str:
        return f"{_name(self.report)}，审校台账 {self.checked_at.replace('T', ' ')[:16]} 检查"


def run_batch_checks(reports: Sequence[Report | None], settings: RuleSettings | None = None,
                     previous: Sequence[ArchivedReport | None] | None = None) -> list[list[Finding]]:
    """Findings per input report (same order); None entries (unreadable files) get none.

    `previous[i]`, when given, is report i's body's archived year-before report: it is checked
    against exactly as if it had been given too, unless that year's report is in the batch."""
    settings = settings or RuleSettings()
    out: list[list[Finding]] = [[] for _ in reports]
    by_body = _by_body(reports)
    for years in by_body.values():
        for year, i in years.items():
            j = years.get(year - 1)
            if j is not None:
                out[i].extend(_continuity(reports[i], reports[j], settings))  # type: ignore[arg-type]
    if "COPIED-TEXT" not in settings.disabled_rules:
        _copied(reports, out)
    if previous:
        for i, found in enumerate(archived_findings(reports, previous, settings, by_body)):
            out[i].extend(found)
    return out


def archived_findings(reports: Sequence[Report | None], previous: Sequence[ArchivedReport | None],
                      settings: RuleSettings | None = None, by_body: dict[str, dict[int, int]] | None = None) -> list[list[Finding]]:
    """Per report, what its body's archived year-before report (`previous[i]`) shows about it —
    only for a report whose year-before report is not among `reports` (those pair in the batch)."""
    settings = settings or RuleSettings()
    if by_body is None:
        by_body = _by_body(reports)
    paired = {i for years in by_body.values() for year, i in years.items() if year - 1 in years}
    out: list[list[Finding]] = [[] for _ in reports]
    for i, prev in enumerate(previous):
        cur = reports[i] if i < len(reports) else None
        if i in paired or not _is_year_before(prev, cur):
            continue
        assert prev is not None and cur is not None
        out[i].extend(_continuity(cur, prev.report, settings, prev.label))
        if "COPIED-TEXT" not in settings.disabled_rules:
            out[i].extend(_copied_own(cur, prev))
    return out


def _by_body(reports: Sequence[Report | None]) -> dict[str, dict[int, int]]:
    """Per body, per year, the index of its first report of that year (reports with both known)."""
    by_body: dict[str, dict[int, int]] = {}
    for i, r in enumerate(reports):
        if r is not None and r.year and _body_key(r):
            by_body.setdefault(_body_key(r), {}).setdefault(r.year, i)  # type: ignore[arg-type]
    return by_body


def _is_year_before(prev: ArchivedReport | None, cur: Report | None) -> bool:
    """Whether the archived report is of the year just before the report's (both given, the year known)."""
    if prev is None or cur is None or not cur.year:
        return False
    return prev.report.year == cur.year - 1


def _copied_own(cur: Report, prev: ArchivedReport) -> list[Finding]:
    a, b = shingles(cur), shingles(prev.report)
    if len(a) < 15 or len(b) < 15:
        return []
    return _copied_pair(a, b, prev.report, True, prev.label)


def _continuity(cur: Report, prev: Report, settings: RuleSettings, source: str | None = None) -> list[Finding]:
    named = f"（{source}）" if source else ""  # an archived report is named; one in the batch is not
    source = source or _name(prev)
    found: list[Finding] = []
    if "PREV-YEAR-CARRY" not in settings.disabled_rules:
        for c in T3_COLUMNS:
            a, b = cur.value(f"t3.carried.{c}"), prev.value(f"t3.carry_forward.{c}")
            if a is None or b is None or a == b:
                continue
            key = f"t3.carried.{c}"
            found.append(Finding(
                rule="PREV-YEAR-CARRY", severity=Severity.ERROR,
                message=f"表三“二、上年结转”{_col(c)}填写为 {a}，与 {prev.year} 年度报告“四、结转下年度继续办理”"
                        f"的 {b} 不衔接，应为 {b}（{source}）",
                cells=[key], expected=b, actual=a, location=cur.cell_location(key), subject=str(prev.year)))
    if "PREV-YEAR-IN-FORCE" not in settings.disabled_rules:
        now, before = cur.value("t2.normative.in_force"), prev.value("t2.normative.in_force")
        issued, repealed = cur.value("t2.normative.issued"), cur.value("t2.normative.repealed")
        if None not in (now, before, issued, repealed) and now > before + issued - repealed:  # type: ignore[operator]
            limit = before + issued - repealed  # type: ignore[operator]
            found.append(Finding(
                rule="PREV-YEAR-IN-FORCE", severity=Severity.WARNING,
                message=f"表二“行政规范性文件”现行有效件数填写为 {now}，多于上年现行有效 {before} 件加本年制发 {issued} 件"
                        f"减本年废止 {repealed} 件之和 {limit} 件，请核实{named}",
                cells=["t2.normative.in_force"], expected=limit, actual=now, location=cur.cell_location("t2.normative.in_force"),
                subject=str(prev.year)))
    return found


def _copied(reports: Sequence[Report | None], out: list[list[Finding]]) -> None:
    """COPIED-TEXT across the batch: each report against its own body's year before (an index by
    body and year) and against other bodies' reports (the prefix-filter join of copied_index).
    The pairs are exactly those of comparing every ordered pair; a report like CLUSTER_MIN or more
    other bodies' reports gets one finding naming them instead of one per report."""
    items: list[tuple[int, Shingles]] = []
    for i, r in enumerate(reports):
        s = shingles(r) if r is not None else frozenset[int]()
        if len(s) >= 15:
            items.append((i, compact(s)))
    keys = {i: _body_key(reports[i]) for i, _ in items}  # type: ignore[arg-type]
    own = _own_year_pairs(reports, items, keys)
    cl = classes(items)
    near = similar_classes(cl.sets, COPIED_OTHER_BODY)
    bodies = [Counter(keys[i] for i in ms) for ms in cl.members]
    for i, _ in items:
        alike = _other_bodies(i, cl, near, bodies, keys)
        found = own.get(i, [])
        if alike.count < CLUSTER_MIN:  # one finding per report, in input order as the pairwise loop gave
            pairs = [(j, _copied_pair_sim(sim, reports[j], False)) for sim, j in alike.named]  # type: ignore[arg-type]
            out[i].extend(f for _, f in sorted(found + pairs, key=lambda p: p[0]))
        else:
            out[i].extend(f for _, f in found)
            out[i].append(_cluster(alike, reports))


def _own_year_pairs(reports: Sequence[Report | None], items: list[tuple[int, Shingles]],
                    keys: dict[int, str | None]) -> dict[int, list[tuple[int, Finding]]]:
    """Each report against every report of its body of the year before (the same report in
    another format, or one of another year, is not a copy)."""
    by_year: dict[tuple[str | None, int], list[tuple[int, Shingles]]] = defaultdict(list)
    for i, s in items:
        year = reports[i].year  # type: ignore[union-attr]
        if year:
            by_year[(keys[i], year)].append((i, s))
    out: dict[int, list[tuple[int, Finding]]] = {}
    for i, s in items:
        year = reports[i].year  # type: ignore[union-attr]
        if not year:
            continue
        a = frozenset(s)
        for j, b in by_year.get((keys[i], year - 1), ()):
            sim = jaccard(a, b)
            if sim > COPIED_OWN_LAST_YEAR:
                out.setdefault(i, []).append((j, _copied_pair_sim(sim, reports[j], True)))  # type: ignore[arg-type]
    return out


@dataclass(frozen=True)
class _Alike:
    """The other bodies' reports like one report: how many, the range of similarity, and (similarity,
    index) of all of them when fewer than CLUSTER_MIN, else of the CLUSTER_NAMES most similar."""
    count: int
    named: list[tuple[float, int]]
    low: float = 0.0
    high: float = 0.0


def _other_bodies(i: int, cl: Classes, near: dict[int, list[tuple[int, float]]], bodies: list[Counter[str | None]],
                  keys: dict[int, str | None]) -> _Alike:
    c, key = cl.of[i], keys[i]
    groups = [(sim, d) for sim, d in [(1.0, c), *((sim, d) for d, sim in near.get(c, ()))]
              if len(cl.members[d]) > bodies[d][key]]  # classes holding another body's report
    if not groups:
        return _Alike(0, [])
    groups.sort(key=lambda g: (-g[0], cl.members[g[1]][0]))
    n = sum(len(cl.members[d]) - bodies[d][key] for _, d in groups)
    want = n if n < CLUSTER_MIN else CLUSTER_NAMES
    named: list[tuple[float, int]] = []
    for sim, d in groups:
        if len(named) >= want:
            break
        named.extend((sim, j) for j in cl.members[d] if keys[j] != key)
    return _Alike(n, named[:want], groups[-1][0], groups[0][0])


def _cluster(alike: _Alike, reports: Sequence[Report | None]) -> Finding:
    """One finding for a report like many others: how many, the range, the most similar named."""
    low, high = f"{alike.low:.0%}", f"{alike.high:.0%}"
    share = high if low == high else f"{low}–{high}"
    shown = [r for _, j in alike.named if (r := reports[j]) is not None]
    names = "、".join(f"“{r.unit}”（{_name(r)}）" if r.unit else _name(r) for r in shown)
    more = "等" if alike.count > len(shown) else ""
    return Finding(rule="COPIED-TEXT", severity=Severity.WARNING, subject=CLUSTER_SUBJECT, actual=round(alike.high, 2),
                   message=f"正文与以下 {alike.count} 份报告正文高度相似（相似度 {share}）：{names}{more}，"
                           f"可能套用了其他单位的报告或同一模板")


def _copied_pair_sim(sim: float, other: Report, same_body: bool) -> Finding:
    """The per-pair COPIED-TEXT finding for a similarity already known to pass its threshold."""
    [f] = _copied_pair_found(sim, other, same_body, _name(other))
    return f


def _copied_pair(a: frozenset[int], b: frozenset[int], other: Report, same_body: bool, name: str) -> list[Finding]:
    """COPIED-TEXT of a report (shingles `a`) against `other` (shingles `b`), named `name`."""
    return _copied_pair_found(similarity(a, b), other, same_body, name)


def _copied_pair_found(sim: float, other: Report, same_body: bool, name: str) -> list[Finding]:
    if sim <= (COPIED_OWN_LAST_YEAR if same_body else COPIED_OTHER_BODY):
        return []
    if same_body:
        msg = f"{OWN_REPORT}{other.year} 年度报告有 {sim:.0%} 相同，可能只改了数字（{name}）"
    else:
        who = f"“{other.unit}”的报告" if other.unit else "另一份报告"  # a report whose body could not be read
        msg = f"正文与{who}相似度 {sim:.0%}，可能套用了其他单位的报告（{name}）"
    return [Finding(rule="COPIED-TEXT", severity=Severity.WARNING, message=msg, actual=round(sim, 2),
                    subject=f"{_body_key(other) or other.unit}|{other.year}")]


OWN_REPORT = "正文与本单位 "  # how a COPIED-TEXT finding against the body's own earlier report begins


def copies_own_report(f: Finding) -> bool:
    """A COPIED-TEXT finding against the body's own earlier report, not another body's (whose name a
    notice to this body must not carry). `actual` holds the similarity (0.87)."""
    return f.rule == "COPIED-TEXT" and f.message.startswith(OWN_REPORT)


def _col(c: str) -> str:
    return f"“{t3_column_name(c)}”列"


def _name(r: Report) -> str:
    return os.path.basename(r.path)
