"""File → Document → Report → Findings for one file or a batch: the one path the command line, the
window and the bundle's self-test share. Holds no parsing and no rule of its own.

The names below load `pipeline.check` when first used, so `pipeline.sandbox` can start the
reader processes before the checks are imported (the command line's start-up)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .check import CheckResult, add_batch_findings, check_file, check_files, expand_paths

__all__ = ["CheckResult", "add_batch_findings", "check_file", "check_files", "expand_paths"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import check
        return getattr(check, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
