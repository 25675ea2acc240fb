"""The command line as a user runs it: `python -m desktop …` in a clean environment."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", *args], cwd=ROOT, capture_output=True, timeout=300,
                          env={"PYTHONIOENCODING": "utf-8", "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"})
