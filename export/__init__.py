"""Export: the Excel correction checklist (整改清单) from CheckResults, with openpyxl only (no Qt)."""
from __future__ import annotations

from .atomic import ExportError
from .checklist import build_workbook, write_checklist

__all__ = ["ExportError", "build_workbook", "write_checklist"]
