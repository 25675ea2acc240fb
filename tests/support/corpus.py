"""Access to the shared sample corpus (../shared/corpus) for the tests."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("NIANBAO_CORPUS", ROOT.parent / "shared" / "corpus"))


SKIPPED: list[str] = []  # corpus files asked for and not found (reported at the end of the run)


def corpus_file(name: str) -> Path:
    p = CORPUS / name
    if not p.is_file():
        SKIPPED.append(name)
        pytest.skip(f"corpus file {name} not available in {CORPUS}")
    return p


def truth(name: str) -> dict:
    """The corpus file's expected answer; without it the test is skipped and said so at the end."""
    p = CORPUS / f"{name}.truth.json"
    if not p.is_file():
        SKIPPED.append(p.name)
        pytest.skip(f"corpus file {p.name} not available in {CORPUS}")
    return json.loads(p.read_text(encoding="utf-8"))


MISSING = "<corpus missing>"


def available() -> bool:
    return CORPUS.is_dir() and any(CORPUS.glob("*.truth.json"))


def corpus_names(readable: bool | None = None) -> list[str]:
    """Names of the corpus files; without a corpus one placeholder, so that a parametrised test
    is collected and skipped (loudly, by the `corpus` marker) instead of silently vanishing."""
    if not available():
        return [MISSING]
    names = sorted(p.name[: -len(".truth.json")] for p in CORPUS.glob("*.truth.json"))
    if readable is None:
        return names
    return [n for n in names if truth(n).get("readable", True) == readable]
