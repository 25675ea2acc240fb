"""Rules register here. A rule is a function (report, settings) -> iterable of Findings."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from model.report import Report

from .finding import Finding
from .settings import RuleSettings

RuleFn = Callable[[Report, RuleSettings], Iterable[Finding]]
RULES: dict[str, RuleFn] = {}


def rule(*ids: str) -> Callable[[RuleFn], RuleFn]:
    """Register a check under the rule ids it can report."""
    def register(fn: RuleFn) -> RuleFn:
        RULES[" ".join(ids)] = fn
        fn.rule_ids = ids  # type: ignore[attr-defined]
        return fn
    return register
