"""A guard against a reference-counting fault of PySide6 6.12 on Python 3.10/3.11.

On those Pythons, PySide6 6.12.0 gives back None, True and False without taking the reference it
later drops (the way Python ≥ 3.12, where these objects are immortal, allows): every model
`data()` answer of None read through a Python delegate, every signal emitted from Python, costs
one reference. After a few dozen repaints of a table the count reaches zero and the interpreter
aborts ("deallocating None"). PySide6 6.11 does not do this. Until a fixed PySide6 is required,
these three objects get a reference count no session can use up — what Python 3.12 does for them.
"""
from __future__ import annotations

import sys

_done = False


def protect_singletons() -> bool:
    """Apply the guard when this Python and PySide6 need it; True when applied."""
    global _done
    if _done or sys.version_info >= (3, 12):  # immortal there: never touch their counts
        return _done
    import PySide6
    if tuple(getattr(PySide6, "__version_info__", (0, 0))[:2]) < (6, 12):
        return False
    import ctypes
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40  # ob_refcnt is the first field
    _done = True
    return True
