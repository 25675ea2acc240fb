"""What findings mean for a body and how every view shows a severity, in one place: the status words
(合格 / 需整改 / …), which severities a body must correct, and each severity's colours and mark —
the window, the checklist, the overview and the notices all read them from here."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .finding import Severity

PASS, NEEDS_FIX, FIXED, UNREADABLE, MISSING = "合格", "需整改", "已整改", "无法读取", "未报送"
SUGGEST = "建议完善"  # warnings only: nothing the body must correct, something it should look at
STATUSES = (NEEDS_FIX, UNREADABLE, MISSING, SUGGEST, FIXED, PASS)  # worst first: the overview's order
DEMANDING: tuple[Severity, ...] = (Severity.ERROR,)  # what a body has to correct


def needs_correction(severities: Iterable[str]) -> bool:
    """Whether findings of these severities (those not dismissed) leave the body something to correct."""
    return any(s in DEMANDING for s in severities)


def conclusion(severities: Iterable[str]) -> str:
    """需整改 (an error), 建议完善 (warnings, no error) or 合格, for a readable report's findings not dismissed."""
    found = set(severities)
    if needs_correction(found):
        return NEEDS_FIX
    return SUGGEST if Severity.WARNING in found else PASS


@dataclass(frozen=True)
class Look:
    """How a severity is shown. Colours as #rrggbb."""
    mark: str    # its icon's and its chart bars' colour; the icon's shape differs by severity (ui.common.icon)
    strong: str  # background of the cell to change (window)
    light: str   # background of the other cells the rule involves (window)
    text: str    # a border or text dark enough to read on both
    fill: str    # a cell's fill in the Excel checklist and workbooks

    @property
    def excel_fill(self) -> str:
        return self.fill.lstrip("#").upper()


LOOKS: dict[str, Look] = {
    Severity.ERROR: Look("#c5221f", "#f6b8b1", "#fde4e1", "#b3261e", "#ffc7ce"),
    Severity.WARNING: Look("#e8a100", "#ffd97a", "#fff3cf", "#9a5b00", "#ffeb9c"),
    Severity.INFO: Look("#1a63c7", "#bcd6fb", "#e7f0fd", "#1c4fa0", "#ddebf7"),
}
STATUS_FILLS: dict[str, str] = {NEEDS_FIX: "#f4c7c3", UNREADABLE: "#f4c7c3", MISSING: "#fde293", SUGGEST: "#fff3cf",
                                FIXED: "#c6efce", PASS: "#c6efce"}
