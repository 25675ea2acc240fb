"""How a file is read: the reading settings, handed to every reader (never a global). One part of the
settings file (review.settings.Settings holds the others)."""
from __future__ import annotations

from dataclasses import dataclass

BUDGET_RANGE = (5.0, 3600.0)  # seconds the inspector may choose per file


@dataclass(frozen=True, slots=True)
class ReadOptions:
    time_budget: float | None = None  # CPU seconds one file may take (checked between pages); None: no limit
    ocr: bool = True                  # read a scan by OCR; off: a scan is refused with a message

    def problems(self) -> list[str]:
        """What is wrong with these settings as the inspector sets them, in Chinese; empty when usable."""
        out: list[str] = []
        budget = self.time_budget
        if isinstance(budget, bool) or not isinstance(budget, (int, float)) \
                or not BUDGET_RANGE[0] <= budget <= BUDGET_RANGE[1]:
            out.append(f"单个文件读取时限必须在 {BUDGET_RANGE[0]:.0f}–{BUDGET_RANGE[1]:.0f} 秒之间。")
        if not isinstance(self.ocr, bool):  # a settings file may hold anything
            out.append("“识别扫描件”必须是 true 或 false。")  # type: ignore[unreachable]
        return out


DEFAULT_OPTIONS = ReadOptions()
