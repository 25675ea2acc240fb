"""Shared test set-up. Qt runs offscreen unless the caller asks for a real screen."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
