"""The Word 6/95 fallback through LibreOffice: never with network access, a throw-away profile
and home in a temporary folder that is gone afterwards; stale folders of a killed run removed."""
from __future__ import annotations

import os
import struct
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from importers import ReadError, doc_file, read_document
from tests.support.hostile import _cfb


def _word6(tmp_path: Path) -> Path:
    fib = bytearray(4096)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 100)  # nFib 100: Word 6/95, which the binary reader leaves alone
    p = tmp_path / "旧版.doc"
    p.write_bytes(_cfb({"WordDocument": bytes(fib)}))
    return p


def _ours() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("nianbao-doc-*")}


def test_without_network_isolation_libreoffice_is_not_run(tmp_path: Path, monkeypatch) -> None:
    ran: list[list[str]] = []
    monkeypatch.setattr(doc_file, "no_network_prefix", lambda: None)
    monkeypatch.setattr(doc_file.subprocess, "run", lambda cmd, **kw: ran.append(cmd))
    with pytest.raises(ReadError) as e:
        read_document(_word6(tmp_path))
    assert e.value.kind == "unsupported" and "另存为" in e.value.message
    assert not ran


@pytest.mark.skipif(doc_file.no_network_prefix() is None or not (doc_file.shutil.which("soffice")),
                    reason="needs unshare and LibreOffice")
def test_libreoffice_runs_without_network_and_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    seen: list[tuple[list[str], dict[str, str]]] = []
    real = subprocess.run

    def spy(cmd, **kw):
        seen.append((cmd, kw.get("env") or {}))
        return real(cmd, **kw)
    monkeypatch.setattr(doc_file.subprocess, "run", spy)
    before = _ours()
    with pytest.raises(ReadError):  # the fake Word 6 file does not convert
        read_document(_word6(tmp_path))
    runs = [(c, env) for c, env in seen if any("soffice" in part or "libreoffice" in part for part in c)]
    assert runs, "LibreOffice was not run"
    cmd, env = runs[0]
    assert Path(cmd[0]).name == "unshare" and "-n" in cmd[:3]
    profile = next(part for part in cmd if part.startswith("-env:UserInstallation="))
    home = env["HOME"]
    assert profile == f"-env:UserInstallation=file://{home}/profile" and Path(home).name.startswith("nianbao-doc-")
    assert env["CUPS_SERVER"].startswith(home)
    assert _ours() == before  # the temporary folder (profile, copy, output) is gone


def test_stale_conversion_folders_are_removed_on_the_next_run() -> None:
    old = Path(tempfile.mkdtemp(prefix="nianbao-doc-"))
    (old / "profile").mkdir()
    fresh = Path(tempfile.mkdtemp(prefix="nianbao-doc-"))
    an_hour_and_more = time.time() - 2 * 3600
    os.utime(old, (an_hour_and_more, an_hour_and_more))
    try:
        assert doc_file.clean_stale_temp() >= 1
        assert not old.exists() and fresh.exists()
    finally:
        fresh.rmdir()
