"""Saved web pages (.html/.htm, and .mhtml "网页，单个文件"): paragraphs, and <table> structure
with rowspan/colspan laid out on a grid (cells covered by a span are left out)."""
from __future__ import annotations

import email
import re
from email import policy
from pathlib import Path

from model.document import Document

from .errors import ReadError
from .formats import Format
from .markup import emit, parse_html
from .options import DEFAULT_OPTIONS, ReadOptions
from .textdecode import decode

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def read_html(path: Path, fmt: Format, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    return _read(path.read_bytes(), path, fmt)


def read_mhtml(path: Path, fmt: Format, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    return _read(_mhtml_html(path.read_bytes()), path, fmt)


def _read(data: bytes, path: Path, fmt: Format) -> Document:
    m = _CHARSET.search(data[:4096])
    text = None
    if m:
        try:
            enc = m.group(1).decode("ascii").lower()
            text = data.decode("gb18030" if enc in {"gb2312", "gbk"} else enc)
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, _ = decode(data)
    blocks, title = parse_html(text)
    doc = fmt.document(path)
    doc.title = title or None
    emit(blocks, doc, [0])
    return doc


def _mhtml_html(data: bytes) -> bytes:
    msg = email.message_from_bytes(data, policy=policy.default)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload:
                charset = part.get_content_charset()
                if charset:
                    try:
                        return payload.decode(charset, errors="replace").encode("utf-8")
                    except LookupError:  # a charset Python does not know: detected like a page's
                        pass
                return payload
    raise ReadError("这个单文件网页（.mht/.mhtml）里没有找到网页正文。请用浏览器打开后另存为 .html 再检查。", kind="corrupt")


