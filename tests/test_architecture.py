"""The layering holds: model at the bottom, importers and the recogniser on it, checks, pipeline,
export, and only then the Qt layers (ui, desktop); the core never imports Qt or the GUI."""
from __future__ import annotations

import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_hold() -> None:
    exe = Path(sysconfig.get_path("scripts")) / "lint-imports"  # bin/ on Linux, Scripts\ on Windows
    p = subprocess.run([str(exe)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    assert f"Contracts: {len(contracts)} kept, 0 broken" in p.stdout


def test_core_runs_without_qt_loaded() -> None:
    code = ("import sys; from pipeline import check_file; import export; "
            f"r = check_file({str(ROOT / 'resources' / 'samples' / 'sample_report.docx')!r}); "
            "assert r.findings; assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt loaded'")
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
