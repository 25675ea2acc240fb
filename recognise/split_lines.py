"""Long lines that hold several things (stub)."""
from __future__ import annotations

from model.document import Document


def split_long_lines(doc: Document) -> Document:
    return doc
