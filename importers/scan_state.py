"""Whether scans are read by OCR in this read (the setting Settings.ocr): kept apart from
importers.scan so that dispatch can set it without loading OpenCV."""
from __future__ import annotations

from contextvars import ContextVar

OCR_ENABLED: ContextVar[bool] = ContextVar("OCR_ENABLED", default=True)
