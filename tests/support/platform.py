"""What the tests need to know about the platform they run on."""
from __future__ import annotations

import sys


def under_wine() -> bool:
    """Windows as Wine emulates it (python3 dev.py windows): some Windows guarantees do not hold there."""
    if sys.platform != "win32":
        return False
    import ctypes

    return hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")


NO_FONTS = "Qt's offscreen platform has no fonts on Windows: nothing with text can be painted"


def qt_has_fonts() -> bool:
    """Whether Qt (its application made) knows any font family."""
    from PySide6.QtGui import QFontDatabase

    return bool(QFontDatabase.families())
