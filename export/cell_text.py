"""What may be written into a workbook cell: report text arrives from files we do not trust.

A string that starts with “=” would be stored by openpyxl as a live formula (`=HYPERLINK(…)` a
clickable link, `=cmd|' /C calc'!A0` a DDE payload), and control characters make the whole workbook
unsavable (IllegalCharacterError). Every text cell goes through `safe()`; `as_text()` marks a cell so
that Excel and WPS show a leading “=” as text.
"""
from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

FORMULA_START = ("=", "+", "-", "@")


def safe(value: object) -> object:
    """The value with control characters replaced (U+FFFD) and undecodable surrogates dropped."""
    if not isinstance(value, str):
        return value
    text = value.encode("utf-8", "replace").decode("utf-8")
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


def as_text(cell: Cell) -> Cell:
    """Keep a string that openpyxl took for a formula as plain text."""
    if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith(FORMULA_START)):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def put(cell: Cell, value: object) -> Cell:
    cell.value = safe(value)
    return as_text(cell)
