"""Access to the shared sample corpus (../shared/corpus) for the tests."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("NIANBAO_CORPUS", ROOT.parent / "shared" / "corpus"))


def corpus_file(name: str) -> Path:
    p = CORPUS / name
    if not p.is_file():
        pytest.skip(f"corpus file {name} not available")
    return p


def truth(name: str) -> dict:
    return json.loads((CORPUS / f"{name}.truth.json").read_text(encoding="utf-8"))


def corpus_names(readable: bool | None = None) -> list[str]:
    if not CORPUS.is_dir():
        return []
    names = sorted(p.name[: -len(".truth.json")] for p in CORPUS.glob("*.truth.json"))
    if readable is None:
        return names
    return [n for n in names if truth(n).get("readable", True) == readable]
