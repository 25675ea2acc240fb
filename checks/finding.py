"""One shape for every finding, whatever rule made it."""
from __future__ import annotations

from dataclasses import dataclass, field

from model.document import Location

SEVERITIES = ("error", "warning", "info")
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass
class Finding:
    rule: str                       # id from rules.md
    severity: str                   # error / warning / info
    message: str                    # Chinese, for the inspector
    cells: list[str] = field(default_factory=list)  # cell keys involved, the one to fix first
    expected: int | float | None = None
    actual: int | float | None = None
    location: Location = field(default_factory=Location)  # empty = the whole document
    quote: str | None = None        # the sentence a text finding is about

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    @property
    def fingerprint(self) -> str:
        """Stable identity of a finding within one file (for marks such as 已核实/忽略)."""
        return f"{self.rule}|{','.join(self.cells)}|{self.message}"

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "rule": self.rule,
            "severity": self.severity,
            "cells": list(self.cells),
            "message": self.message,
            "expected": self.expected,
            "actual": self.actual,
            "location": self.location.to_json(),
        }
        if self.quote is not None:
            out["quote"] = self.quote
        return out
