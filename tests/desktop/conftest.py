"""Fixtures of the window tests: a private app-data folder and a shown main window."""
from __future__ import annotations

from pathlib import Path

import pytest

from desktop.main_window import MainWindow
from tests.desktop.gui import make_window


@pytest.fixture
def appdata(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "应用数据"
    monkeypatch.setenv("NIANBAO_APPDATA", str(folder))
    folder.mkdir()
    return folder


@pytest.fixture
def window(qtbot, appdata) -> MainWindow:
    return make_window(qtbot, appdata)
