"""审校台账: the inspector's archive across rounds and years, in one SQLite file (Qt-free).

It keeps what was read from each checked report (cells, narrative sentences, findings with their
fingerprints), never the file itself; marks, notices issued, and the bodies with their aliases."""
from __future__ import annotations

from .store import SCHEMA_VERSION, Archive, ArchiveError, Version

__all__ = ["SCHEMA_VERSION", "Archive", "ArchiveError", "Version"]
