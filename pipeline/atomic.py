"""Files of the app-data folder written so that a kill at any moment leaves either the old content or
the new, never a part: the text goes to a temporary file beside the target, is flushed to the disk,
and replaces the target in one rename. A temporary file left by a killed writer is removed later."""
from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

STALE_AFTER_S = 60.0  # a temporary file this old belongs to no writer that is still running


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def remove_stale_temps(folder: Path, now: float | None = None) -> list[Path]:
    """Temporary files of write_atomic left behind by a writer that was killed; returns those removed."""
    now = time.time() if now is None else now
    removed = []
    for p in Path(folder).glob(".*.tmp"):
        with contextlib.suppress(OSError):
            if now - p.stat().st_mtime > STALE_AFTER_S:
                p.unlink()
                removed.append(p)
    return removed
