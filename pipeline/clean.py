"""Text every writer can store, made once after reading: a lone surrogate (an RTF `\\u-10240?` is half
a UTF-16 pair) cannot be encoded as UTF-8, so the JSON on stdout, SQLite, a file name or a workbook
would fail on it. It becomes U+FFFD, as an undecodable byte does."""
from __future__ import annotations

import re

from model.document import Document, RawTable, TextBlock

_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


def clean_document(doc: Document) -> Document:
    """The document's text with every lone surrogate replaced (in place; returned for chaining)."""
    for b in doc.blocks:
        if isinstance(b, TextBlock):
            b.text = storable(b.text)
            if b.parts is not None:
                b.parts = [(storable(t), loc) for t, loc in b.parts]
        elif isinstance(b, RawTable):
            for row in b.rows:
                for c in row:
                    c.text = storable(c.text)
    if doc.title is not None:
        doc.title = storable(doc.title)
    return doc
