"""File → Document → Report → Findings for one file or a batch: the one path the command line, the
window and the bundle's self-test share. Holds no parsing and no rule of its own."""
from __future__ import annotations

from .check import CheckResult, add_batch_findings, check_file, check_files, expand_paths

__all__ = ["CheckResult", "add_batch_findings", "check_file", "check_files", "expand_paths"]
