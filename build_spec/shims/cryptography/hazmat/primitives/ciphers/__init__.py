"""pdfminer's AES decryption: not in the bundle (PDFium decrypts PDFs itself)."""
from __future__ import annotations

from typing import Any


class _Absent:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise ValueError("AES decryption (an encrypted PDF) is not bundled: PDFium reads such PDFs")


class Cipher(_Absent):
    pass


class algorithms:  # the names pdfminer uses
    AES = _Absent


class modes:
    CBC = _Absent
    ECB = _Absent
