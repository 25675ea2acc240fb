"""已核实 / 忽略: an inspector's decision on one finding, kept per file content (review.marks keeps
them in the archive) so a report keeps its marks when it is renamed, moved or opened again."""
from __future__ import annotations

from dataclasses import dataclass

STATES = ("confirmed", "dismissed")


@dataclass(frozen=True)
class Mark:
    state: str          # 'confirmed' (已核实) or 'dismissed' (忽略)
    reason: str = ""
    at: str = ""        # ISO time of the decision
    who: str = ""       # the inspector's login name

    @property
    def dismissed(self) -> bool:
        return self.state == "dismissed"

    def label(self) -> str:
        if self.state == "confirmed":
            return "已核实"
        return f"已忽略：{self.reason}" if self.reason else "已忽略"


Marks = dict[str, Mark]  # finding fingerprint -> mark


def confirmed_fingerprints(marks: Marks) -> set[str]:
    """The findings marked 已核实: the export's 已核实 column (and its only-confirmed choice)."""
    return {fp for fp, m in marks.items() if m.state == "confirmed"}


def dismissed_reasons(marks: Marks) -> dict[str, str]:
    """fingerprint -> reason of the dismissed findings: what the export is given per file."""
    return {fp: m.reason for fp, m in marks.items() if m.dismissed}
