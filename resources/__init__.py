"""Bundled data: the standard format definition, sample reports, icons.

`path()` is the one way the code finds a resource, frozen (PyInstaller) or not.
"""
from __future__ import annotations

import sys
from pathlib import Path


def root() -> Path:
    """The folder holding the resources, in a source checkout or in a PyInstaller bundle."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    return root().joinpath(*parts)
