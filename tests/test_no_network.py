"""The app never touches the network: checks, export and the window all work with sockets disabled."""
from __future__ import annotations

import socket

import pytest

from pipeline import check_files
from tests.support.corpus import corpus_file

pytestmark = pytest.mark.corpus


class NoNetwork(Exception):
    pass


@pytest.fixture
def no_sockets(monkeypatch):
    def refuse(*args, **kwargs):
        raise NoNetwork("network access attempted")
    real = socket.socket

    def local_only(family=socket.AF_INET, *args, **kwargs):  # the reader processes' pipes are local
        if family == socket.AF_UNIX:
            return real(family, *args, **kwargs)
        raise NoNetwork("network access attempted")
    monkeypatch.setattr(socket, "socket", local_only)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield


def test_check_and_export_without_sockets(no_sockets, tmp_path) -> None:
    names = ["seed1_aga.pdf", "v05_shiqiao_xiang.docx", "v03_liulin_zhen.xlsx", "v07_hexi_jd.txt"]
    results = check_files([str(corpus_file(n)) for n in names])
    assert all(r.error is None for r in results)
    from export import write_checklist
    assert write_checklist(results, tmp_path / "清单.xlsx").stat().st_size > 0


def test_window_opens_a_report_without_sockets(no_sockets, qtbot) -> None:
    from desktop.app import self_test_window
    summary = self_test_window(str(corpus_file("v10_baima_zhen.docx")))
    assert "v10_baima_zhen.docx" in summary and "表三标出 1 格" in summary
