"""Tell a file's real format from its first bytes, whatever its extension says."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from . import ole2

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(path: Path) -> str:
    """One of: pdf, docx, xlsx, ofd, zip, doc, xls, encrypted, ole2 (any other OLE2 file), ole2_damaged,
    rtf, html, mhtml, image (JPEG, PNG, TIFF: a scan or photo), text, empty, binary."""
    with open(path, "rb") as f:
        head = f.read(4096)
    if not head:
        return "empty"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(path)
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*")):
        return "image"
    if head.startswith(OLE2_MAGIC):
        return ole2.classify(path)
    if stripped.startswith(b"{\\rtf"):
        return "rtf"
    low = stripped[:1024].lower()
    if low.startswith(b"mime-version") or b"multipart/related" in low or _mail_header(low):
        return "mhtml"
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in low or b"<table" in low:
        return "html"
    if _looks_like_text(head):
        return "text"
    return "binary"


def _mail_header(low: bytes) -> bool:
    """A MIME message's header ('From: …', 'Subject: …', then 'MIME-Version: 1.0'): a saved .mht."""
    header = low.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    return b"\nmime-version:" in header and bool(re.match(rb"[a-z][a-z-]*:", header))


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except MemoryError:
        raise
    except Exception:  # BadZipFile, NotImplementedError (a "zip version" from the future), EOFError …
        return "zip"  # damaged zip: the importer for its extension reports it
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names or "/OFD.xml" in names:
        return "ofd"
    return "zip"


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 with BOM
    if b"\x00" in head:
        # UTF-16 without BOM: every other byte is zero for ASCII-heavy text
        zeros = head.count(b"\x00")
        return zeros > len(head) // 4 and zeros < len(head) * 3 // 4
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls <= len(head) // 100
