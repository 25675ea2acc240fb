"""The ratchet: ruff and mypy pass with the project's own configuration (pyproject.toml), and no
function outside the tests is more complex than radon's rank C (cyclomatic complexity ≤ 20)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PACKAGES = ["model", "importers", "recognise", "checks", "pipeline", "export", "ui", "desktop", "resources"]
MAX_COMPLEXITY = 20


def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / tool), *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_passes() -> None:
    p = run("ruff", "check", "--no-cache", ".")
    assert p.returncode == 0, p.stdout + p.stderr


def test_mypy_passes() -> None:
    p = run("mypy", "--no-incremental")
    assert p.returncode == 0, p.stdout + p.stderr


def test_no_function_above_complexity_20() -> None:
    from radon.complexity import cc_visit

    too_complex = []
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            for block in cc_visit(path.read_text(encoding="utf-8")):
                if block.complexity > MAX_COMPLEXITY:
                    too_complex.append(f"{path.relative_to(ROOT)}:{block.lineno} {block.name} ({block.complexity})")
    assert not too_complex, "\n".join(too_complex)
