"""Rounds: each checked version recorded in the archive as a round of its body's year, against the
earlier round (what it found that is now gone, what is still open); the checks across reports run
with the archived year-before reports (review.history) first."""
from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from archive.store import Archive, Version
from checks.finding import Finding
from checks.settings import RuleSettings
from model.rounds import PreviousRound, RoundState
from pipeline import CheckResult, add_batch_findings
from pipeline.content import file_sha256

log = logging.getLogger(__name__)


def check_with_archive(results: list[CheckResult], archive: Archive, rules: RuleSettings | None = None) -> list[Version | None]:
    """The checks across reports (the batch's and the archive's year-before reports), then every
    result recorded as a version of the archive, its round against the earlier one set on it."""
    from .history import previous_reports
    results[:] = [with_corrected_name(archive, r) for r in results]
    add_batch_findings(results, rules, previous_reports(archive, results))
    return [record_result(archive, r) for r in results]


def record_result(archive: Archive, result: CheckResult, sha256: str | None = None) -> Version | None:
    """Store one checked file and set `result.previous` / `result.rounds`; None when the file is gone."""
    try:
        sha = sha256 or file_sha256(result.path)
    except OSError as e:
        log.warning("not archived, file unreadable now: %s (%s)", result.path, e)
        return None
    rep = result.report
    version = archive.record(
        sha256=sha, file=result.name, unit=rep.unit if rep else None, year=rep.year if rep else year_in_name(result.name),
        format=rep.format if rep else None, cells={k: c.value for k, c in rep.cells.items()} if rep else {},
        sentences=[(s.text, s.section) for s in rep.sentences] if rep else [],
        findings=[(f.fingerprint, f.to_json()) for f in result.findings], error=result.error,
        signed=rep.date.isoformat() if rep is not None and rep.date is not None else None)
    set_round(archive, version, result)
    return version


def with_corrected_name(archive: Archive, result: CheckResult) -> CheckResult:
    """The result with its report's body name as the inspector corrected it in the archive (右键 →
    更正单位名称), so every list, check and export after it reads the corrected name; the result
    itself when there is nothing to correct. A new CheckResult and Report: what was read is kept."""
    rep = result.report
    name = archive.corrected_name(rep.unit) if rep is not None else None
    if rep is None or not name or name == rep.unit:
        return result
    log.info("body name corrected by the inspector: %s -> %s (%s)", rep.unit, name, result.name)
    return replace(result, report=replace(rep, unit=name))


def year_in_name(name: str) -> int | None:
    """The report year a file name states (“石桥乡2024年报.pdf”), for a file that could not be read."""
    m = re.search(r"(?<!\d)(20\d\d)(?!\d)", name)
    return int(m.group(1)) if m else None


@dataclass(frozen=True)
class RoundDiff:
    earlier: Version
    resolved: list[dict[str, object]]   # the earlier round's findings that are gone
    open: set[str]                      # fingerprints found again


def round_diff(archive: Archive, version: Version, findings: Sequence[Finding]) -> RoundDiff | None:
    """This version against the body's earlier round of the same year, if there is one."""
    if version.body_id is None or version.year is None or version.round <= 1:
        return None
    earlier = archive.latest(version.body_id, version.year, before_round=version.round)
    if earlier is None:
        return None
    now = {f.fingerprint for f in findings}
    before = archive.findings(earlier.id)
    return RoundDiff(earlier, [f for fp, f in before if fp not in now], now & {fp for fp, _ in before})


def set_round(archive: Archive, version: Version, result: CheckResult) -> None:
    diff = round_diff(archive, version, result.findings)
    if diff is None:
        result.rounds = {f.fingerprint: RoundState.NEW for f in result.findings}
        return
    result.rounds = {f.fingerprint: RoundState.OPEN if f.fingerprint in diff.open else RoundState.NEW for f in result.findings}
    result.previous = PreviousRound(diff.earlier.file, diff.earlier.checked_at, diff.earlier.round, tuple(diff.resolved),
                                    len(diff.open))
    archive.carry_marks(diff.earlier.id, version.id, diff.open)
