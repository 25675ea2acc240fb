"""One shape for every finding, whatever rule made it."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from model.document import Location


class Severity(StrEnum):
    """How sure the tool is that the report is wrong; members sort error < warning < info."""
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def order(self) -> int:
        return _ORDER[self]

    @property
    def label(self) -> str:
        return _LABELS[self]


_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}

SEVERITIES: tuple[str, ...] = tuple(s.value for s in Severity)
SEVERITY_NAMES: dict[str, str] = {s.value: s.label for s in Severity}


# How every view introduces a finding's suspects (in table order): one of them, or several together
# (a swapped pair), must change; the message spells out the ways when it can.
SUSPECTS_LEAD = "可能有误的单元格（请逐一核实）："

AMENDS = ("text", "table", "")  # which side a finding asks to change: the sentence, the cells, or not said


@dataclass(kw_only=True, slots=True)
class Finding:
    rule: str                       # id from rules.md
    message: str                    # Chinese, for the inspector: starts with `summary`, then the detail
    # The catalogue's severity of the rule unless given: given only where a finding departs from it
    # (a blank cell is a warning of CELL-VALUE). A plain "error"/"warning"/"info" is coerced.
    severity: Severity = None  # type: ignore[assignment]
    cells: list[str] = field(default_factory=list)  # cell keys involved, the one to fix first
    expected: int | float | None = None
    actual: int | float | None = None
    location: Location = field(default_factory=Location)  # empty = the whole document
    quote: str | None = None        # the sentence a text finding is about
    fix: dict[str, int | float] | None = None   # cell -> the value it should have (one correction only)
    suspects: list[str] | None = None            # cells one of which is wrong (several corrections)
    subject: str = ""               # what else identifies the finding: the relation, the other report…
    # One short sentence a township clerk understands at once: what is wrong and what to change
    # (“表三“（七）总计”行“总计”列填 32，按各项之和应为 23”); no quote. `message` starts with it.
    # Given empty (or not the message's start), it is the message before its quoted sentence
    # (“…：<the sentence>”), else the whole message.
    summary: str = ""
    # Which side to change: "text" — the sentence (`expected`/`actual` are then the numbers the
    # sentence should state / states); "table" — the cells (`fix`, or `suspects`); "" — not said
    # (the finding cannot tell which side is wrong, or changes neither).
    amend: str = ""

    def __post_init__(self) -> None:
        if not self.summary or not self.message.startswith(self.summary):
            # (also a message replaced after the fact: its summary goes with it)
            self.summary = _before_quote(self.message, self.quote)
        if self.amend not in AMENDS:
            raise ValueError(f"unknown side to amend {self.amend!r}")
        if self.severity is None:
            from .catalogue import rule_info  # type: ignore[unreachable]  # (the catalogue imports Severity from here)
            self.severity = rule_info(self.rule).severity
        try:
            self.severity = Severity(self.severity)
        except ValueError:
            raise ValueError(f"unknown severity {self.severity!r}") from None

    @property
    def detail(self) -> str:
        """The message after its summary (the relations, the ways to correct, the sentence); may be empty."""
        return self.message[len(self.summary):].lstrip("。；，：: \n")

    @property
    def cells_to_change(self) -> list[str]:
        """The cells a correction names: its fix, else its suspects; empty when it proposes none."""
        return list(self.fix or ()) or list(self.suspects or ())

    @property
    def fingerprint(self) -> str:
        """Stable identity within one file (for marks such as 已核实/忽略): the rule, the cells and
        the subject; a text finding without a subject is told apart by the sentence it quotes.
        Never the message, so that rewording a message keeps the inspector's marks."""
        subject = self.subject or (self.quote or "")
        return f"{self.rule}|{','.join(sorted(self.cells))}|{subject}"

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "rule": self.rule,
            "severity": self.severity.value,
            "cells": list(self.cells),
            "message": self.message,
            "summary": self.summary,
            "expected": self.expected,
            "actual": self.actual,
            "location": self.location.to_json(),
        }
        if self.quote is not None:
            out["quote"] = self.quote
        if self.fix is not None:
            out["fix"] = dict(self.fix)
        if self.suspects is not None:
            out["suspects"] = list(self.suspects)
        if self.amend:
            out["amend"] = self.amend
        return out


def _before_quote(message: str, quote: str | None) -> str:
    """A text finding's message ends with its sentence (“…有误：<the sentence>”): the words before it."""
    if quote:
        at = message.rfind("：" + quote[:20])
        if at > 0:
            return message[:at]
    return message


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then infos; reading order kept within each."""
    return sorted(findings, key=lambda f: f.severity.order)
