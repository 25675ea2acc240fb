"""Rounds of one body's report of one year (a resubmission is the next round): each finding's state
against the round before, and what that round was. Typed once here; `check --json` prints them as
the contract of shared/format/README.md says (`previous`, and `round` per finding)."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class RoundState(StrEnum):
    NEW = "new"            # not in the round before (or there was none)
    OPEN = "open"          # found again: not corrected
    RESOLVED = "resolved"  # in the round before, gone now

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {RoundState.NEW: "新问题", RoundState.OPEN: "未整改", RoundState.RESOLVED: "已整改"}


@dataclass(frozen=True)
class PreviousRound:
    """The archive's round before this version, as far as this version's review needs it."""
    file: str
    checked_at: str                            # ISO time the archive checked it
    round: int
    resolved: tuple[dict[str, Any], ...] = ()  # its findings now gone, as `check --json` printed them
    still_open: int = 0                        # its findings found again

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "checked_at": self.checked_at, "round": self.round, "resolved": list(self.resolved),
                "open": self.still_open}

    @property
    def when(self) -> str:
        """Its check time as the inspector reads it (2026-01-05 14:30)."""
        return self.checked_at.replace("T", " ")[:16]
