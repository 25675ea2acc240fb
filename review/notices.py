"""整改通知 as the command line and the window both make them: grouped by body and year, the marks
applied, one 文号 per notice kept in the archive (a preview, an export and a later export of the same
notice carry the same number), written, and recorded."""
from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from archive.store import Archive, Version
from export.notice_settings import NoticeSettings
from export.notices import NoticeEntry, group_entries, group_key, notice_key, notice_number, to_send
from export.notices import notice_numbers as numbered_in_order
from model.bodies import body_key
from pipeline import CheckResult


def notice_groups(results: Sequence[CheckResult], versions: Sequence[Version | None] | None = None,
                  marks: Sequence[tuple[set[str], set[str]]] | None = None) -> list[NoticeEntry]:
    """One notice per body and year (the archive's name of the body where it knows it), with the
    round of the body's year it is about, before any is left out."""
    versions = list(versions) if versions is not None else [None] * len(results)
    bodies = [v.body if v is not None else None for v in versions]
    entries = group_entries(results, bodies, marks)
    rounds: dict[tuple[str, int | None], int] = {}
    for r, v, body in zip(results, versions, bodies):
        if v is not None and r.report is not None:
            key = group_key(*notice_key(r, body))
            rounds[key] = max(rounds.get(key, 1), v.round)
    for e in entries:
        e.round = rounds.get(group_key(e.body, e.year), 1)
    return entries


def notice_numbers(entries: Sequence[NoticeEntry], settings: NoticeSettings, archive: Archive | None) -> list[str]:
    """文号 of each notice. With an archive, one per body, year and round, given at first need and
    kept: the preview, the export and a later export of a notice carry the same number. Without one,
    numbered in order from 1."""
    if archive is None:
        return numbered_in_order(settings, entries)
    return [archive.notice_number(body_key(e.body) or e.body, e.year, e.round, functools.partial(notice_number, settings, e.year),
                                  start=settings.notice_start_number)
            for e in entries]


def letters_to_send(entries: Sequence[NoticeEntry], settings: NoticeSettings, only_confirmed: bool) -> list[NoticeEntry]:
    """The letters the command line, the export and the print preview all send: a 整改通知 to each
    body with something to correct, a 审核通过 letter to the others when the settings ask for them."""
    return to_send(entries, only_confirmed, settings.notice_pass_letters)


def mark_sets(archive: Archive, versions: Sequence[Version | None]) -> list[tuple[set[str], set[str]]]:
    """Per version, the fingerprints marked (已核实, 忽略)."""
    out: list[tuple[set[str], set[str]]] = []
    for v in versions:
        m = archive.marks(v.id) if v is not None else {}
        out.append(({fp for fp, x in m.items() if x.state == "confirmed"}, {fp for fp, x in m.items() if x.state == "dismissed"}))
    return out


def record_notices(archive: Archive, versions: Sequence[Version | None], notices: Sequence[tuple[str, int | None, int]],
                   numbers: Sequence[str], files: Sequence[Path]) -> None:
    """Note each notice written: (body name, year, findings listed), its 文号 and file, the versions it is about."""
    for (body, year, count), number, path in zip(notices, numbers, files):
        mine = [v for v in versions if v is not None and v.body == body and v.year == year]
        latest = {v.body_id: v for v in sorted(mine, key=lambda v: v.round)}  # the notice is about the last round
        archive.add_notice(mine[0].body_id if mine else None, year, number, str(path), count, [v.id for v in latest.values()])
