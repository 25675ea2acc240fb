"""The size of a real count: no table cell or stated count of a report runs past nine digits.

A longer number is a typing or conversion accident (digits run together, a converter's junk): it is
reported (CELL-VALUE) or left unread, and never enters the arithmetic — where a number of hundreds of
digits would overflow a float, and one of thousands Python's int-string limit.
"""
from __future__ import annotations

import math

MAX_DIGITS = 9
LIMIT = 10 ** MAX_DIGITS
DIGITS = rf"(?<!\d)(\d{{1,{MAX_DIGITS}}})(?!\d)"  # a stated count: one to nine digits, not part of a longer run


def within_bound(value: float) -> bool:
    """A number the size of a real count (finite, under ten digits before the point)."""
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return bool(abs(value) < LIMIT)


def clipped(raw: str, limit: int = 24) -> str:
    """Raw text for a message: a runaway number is shown by its start and its length."""
    raw = raw.strip()
    return raw if len(raw) <= limit else f"{raw[:limit]}…（共 {len(raw)} 个字符）"
