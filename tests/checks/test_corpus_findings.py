"""Over the sample corpus: one finding per cause keeps every file's list short, identities distinct."""
from __future__ import annotations

import pytest

from pipeline import check_file
from tests.support.corpus import corpus_file, corpus_names

# TABLE-SHAPE / LABEL-DEVIATION / OUTDATED-FORMAT are grouped in checks/shape.py (another change)
SHAPE_RULES = {"TABLE-SHAPE", "LABEL-DEVIATION", "OUTDATED-FORMAT"}
MAX_FINDINGS = 15


@pytest.mark.corpus
@pytest.mark.parametrize("name", [n for n in corpus_names(readable=True) if not n.endswith(".truth.json")])
def test_few_findings_with_distinct_identities(name: str) -> None:
    result = check_file(corpus_file(name))
    mine = [f for f in result.findings if f.rule not in SHAPE_RULES]
    assert len(mine) <= MAX_FINDINGS
    fps = [f.fingerprint for f in mine]
    assert len(fps) == len(set(fps))
    for f in mine:  # a fix or a suspect is always one of the finding's cells
        assert set(f.fix or {}) | set(f.suspects or []) <= set(f.cells)


@pytest.mark.corpus
def test_every_finding_has_its_catalogue_severity() -> None:
    """The checks write severities in code; the catalogue states them: they must not drift apart
    (the deliberate exceptions: a blank cell is a CELL-VALUE warning, rules.md says so; what a
    converter's copy shows of the shape is a warning that says the copy cannot tell)."""
    from checks import COPY_NOTE
    from checks.catalogue import rule_info
    from pipeline import check_files
    from tests.support.corpus import CORPUS, corpus_names

    results = check_files([str(CORPUS / n) for n in corpus_names(readable=True)])
    drift = {(f.rule, str(f.severity)) for r in results for f in r.findings
             if f.severity != rule_info(f.rule).severity and not (f.rule == "CELL-VALUE" and f.severity == "warning")
             and not f.message.endswith(COPY_NOTE)}
    assert drift == set()
    assert sum(len(r.findings) for r in results) > 30
