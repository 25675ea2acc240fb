"""What may be written into a workbook cell: report text arrives from files we do not trust.

A string that starts with “=” would be stored by openpyxl as a live formula (`=HYPERLINK(…)` a
clickable link, `=cmd|' /C calc'!A0` a DDE payload), and control characters make the whole workbook
unsavable (IllegalCharacterError). Every text cell goes through `safe()`; `as_text()` marks a cell so
that Excel and WPS show a leading “=” as text. A number Excel cannot hold exactly (past 15 digits,
infinite, not a number; openpyxl's float() of a huge int overflows) is written as its text, and a text
past a cell's 32,767 characters is cut.
"""
from __future__ import annotations

import math

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell

FORMULA_START = ("=", "+", "-", "@")
MAX_CELL_CHARS = 32_767       # Excel's limit for one cell's text
MAX_EXACT = 10 ** 15          # Excel keeps 15 significant digits
MAX_SHOWN_DIGITS = 60         # a runaway number is shown by its start and its length


def safe(value: object) -> object:
    """The value with control characters replaced (U+FFFD) and undecodable surrogates dropped; a
    number Excel cannot hold as text; a text cut to what a cell holds."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and abs(value) >= MAX_EXACT:
        return number_text(value)
    if isinstance(value, float) and (not math.isfinite(value) or abs(value) >= MAX_EXACT):
        return number_text(value)
    if not isinstance(value, str):
        return value
    text = value.encode("utf-8", "replace").decode("utf-8")
    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


def number_text(value: int | float) -> str:
    """A number as text, a runaway one shortened (str() of an int of thousands of digits would raise)."""
    if isinstance(value, float):
        return {math.inf: "无穷大", -math.inf: "负无穷大"}.get(value, "非数值") if not math.isfinite(value) else repr(value)
    digits = value.bit_length() * 30103 // 100000 + 1  # about log10: no int→str conversion of the whole
    if digits <= MAX_SHOWN_DIGITS:
        return str(value)
    head = str(value // 10 ** (digits - MAX_SHOWN_DIGITS))[:MAX_SHOWN_DIGITS]
    return f"{'-' if value < 0 else ''}{head.lstrip('-')}…（约 {digits} 位）"


def as_text(cell: Cell) -> Cell:
    """Keep a string that openpyxl took for a formula as plain text."""
    if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith(FORMULA_START)):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def put(cell: Cell, value: object) -> Cell:
    cell.value = safe(value)
    return as_text(cell)
