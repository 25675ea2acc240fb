"""The county's roster (单位名单) in the archive: the bodies that must report, imported once from the
inspector's list. Each entry becomes a body of the archive, through the one body identity
(model.bodies): its full name and its 简称 are names of that body, so a report naming it either way
— with or without the county in front, with spaces, by its 简称 — is that body's. 未报送 is measured
against the roster; without one, against the bodies that reported the year before."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from model.bodies import body_key

from .store import Archive, RosterEntry

__all__ = ["RosterEntry", "RosterImport", "expected_bodies", "import_roster"]


@dataclass
class RosterImport:
    """What an import did: the entries kept, and what the inspector should know (Chinese)."""

    entries: list[RosterEntry]
    merged: int = 0                                     # bodies the archive held twice, now one (全称 and 简称)
    notes: list[str] = field(default_factory=list)      # duplicates and 简称 that name another body


def import_roster(archive: Archive, entries: Sequence[RosterEntry], source: str) -> RosterImport:
    """Replace the archive's roster with `entries`: each becomes (or is found as) a body named by its
    full name, its 简称 another name of it. A body the archive already holds under the 简称 is merged
    into it; a 简称 that is another roster entry's name is left out and said so."""
    out = RosterImport([])
    seen: dict[str, str] = {}
    with archive.transaction():
        for e in entries:
            key = body_key(e.name)
            if not key or key in seen:
                if key:
                    out.notes.append(f"“{e.name}”与“{seen[key]}”是同一单位，只保留一条。")
                continue
            seen[key] = e.name
            body = archive.resolve_body(e.name)
            assert body is not None  # a name with a key always resolves
            archive.rename_body(body, e.name)
            out.entries.append(RosterEntry(e.name, e.short, e.level, body))
        roster_bodies = {e.body_id for e in out.entries}
        for e in out.entries:
            assert e.body_id is not None
            if e.short:
                _add_short(archive, e, roster_bodies, out)
        archive.replace_roster(out.entries, source)
    return out


def _add_short(archive: Archive, e: RosterEntry, roster_bodies: set[int | None], out: RosterImport) -> None:
    """The entry's 简称 as a name of its body; a body known only by the 简称 (from a report) is merged in."""
    assert e.body_id is not None
    other = archive.find_body(e.short)
    if other is None or other == e.body_id:
        archive.add_alias(e.body_id, e.short)
    elif other in roster_bodies:
        out.notes.append(f"“{e.name}”的简称“{e.short}”是名单中另一单位的名称，未作为其简称。")
    else:
        archive.merge_bodies(e.body_id, other)
        archive.rename_body(e.body_id, e.name)
        out.merged += 1


def expected_bodies(archive: Archive, year: int) -> tuple[list[int], bool]:
    """The bodies expected to report for `year`, and whether they are the roster's: the roster's bodies
    in its order, else the bodies that reported for the year before."""
    roster = [e.body_id for e in archive.roster() if e.body_id is not None]
    if roster:
        return list(dict.fromkeys(roster)), True
    return sorted({v.body_id for v in archive.versions(year - 1) if v.body_id is not None}), False
