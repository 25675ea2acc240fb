"""Shared test set-up. Qt runs offscreen unless the caller asks for a real screen.

Tests that read the sample corpus (../shared/corpus, or $NIANBAO_CORPUS) carry the `corpus` marker.
Without the corpus they are skipped, and the run says so at the end in a line of its own: a run
that skipped them proves nothing about reading real reports.
"""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.support.corpus import CORPUS, SKIPPED, available

_skipped: list[str] = []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if available():
        return
    skip = pytest.mark.skip(reason=f"sample corpus not found at {CORPUS}")
    for item in items:
        if item.get_closest_marker("corpus") is not None:
            item.add_marker(skip)
            _skipped.append(item.nodeid)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if _skipped or SKIPPED:
        terminalreporter.write_sep("!", f"{len(_skipped) + len(SKIPPED)} corpus tests SKIPPED: "
                                   f"no sample corpus at {CORPUS}", red=True, bold=True)
