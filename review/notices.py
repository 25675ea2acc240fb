"""整改通知 as the command line and the window both make them: grouped by body and year, the marks
applied, one 文号 per notice kept in the archive (a preview, an export and a later export of the same
notice carry the same number), written, and recorded."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from archive.store import Archive, Version


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
