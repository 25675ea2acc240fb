"""PDFium is not thread-safe: one user at a time in a process, whoever it is (the window's page
renderer, a reader running in a thread). In a reader process the lock is never contended."""
from __future__ import annotations

import threading

PDFIUM = threading.RLock()
