"""The command line's batch output: streamed JSON equal to the full path's, a progress bar on a
terminal's stderr and nothing on a pipe."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.terminal_progress import ProgressBar, columns, line
from pipeline import check_files, expand_paths
from tests.pipeline.test_stream import write_batch
from tests.support.cli import ROOT, run


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_line() -> None:
    assert line(0, 4) == "已读 0/4 份 [" + "-" * 24 + "] 0%"
    assert line(3, 4) == "已读 3/4 份 [" + "#" * 18 + "-" * 6 + "] 75%"
    assert columns(line(3, 4)) == len(line(3, 4)) + 3  # 已, 读, 份 take two columns each


def test_bar_draws_on_a_terminal_and_clears_itself() -> None:
    t = Terminal()
    bar = ProgressBar(t)
    bar(1, 3)
    bar(2, 3)   # within the redraw interval: skipped
    bar(3, 3)   # the last file: always drawn
    bar.finish()
    last = line(3, 3) + "，正在比对各报告…"
    assert t.getvalue() == "\r" + line(1, 3) + "\r" + last + "\r" + " " * (len(last) + 12) + "\r"


def test_bar_is_quiet_off_a_terminal() -> None:
    s = io.StringIO()
    bar = ProgressBar(s)
    bar(1, 2)
    bar(2, 2)
    bar.finish()
    assert s.getvalue() == ""


def test_json_batch_with_progress_on_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    paths = write_batch(tmp_path, 4)
    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["check", "--json", "--jobs", "1", str(tmp_path)]) == 2  # the broken file
    out = capsys.readouterr().out
    full = check_files(expand_paths([str(tmp_path)]), jobs=1)
    assert out == json.dumps([r.to_json() for r in full], ensure_ascii=False, indent=1) + "\n"
    assert len(json.loads(out)) == len(paths)
    assert f"已读 {len(paths)}/{len(paths)} 份" in err.getvalue() and err.getvalue().endswith("   \r")


def test_summary_batch_quiet_on_a_pipe(tmp_path: Path) -> None:
    write_batch(tmp_path, 3)
    p = run("check", str(tmp_path))
    assert p.returncode == 2 and p.stderr == b""
    out = p.stdout.decode("utf-8")
    assert out.count("■ ") == 5 and "COPIED-TEXT" in out and "broken.pdf：无法读取" in out


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_progress_on_a_real_terminal_leaves_stdout_clean(tmp_path: Path) -> None:
    import pty

    paths = write_batch(tmp_path, 3)
    master, slave = pty.openpty()
    p = subprocess.Popen([sys.executable, "-m", "desktop", "check", "--json", str(tmp_path)], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=slave,
                         env={"PYTHONIOENCODING": "utf-8", "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"})
    os.close(slave)
    out, _ = p.communicate(timeout=300)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal's other end closed
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert p.returncode == 2
    assert f"已读 {len(paths)}/{len(paths)} 份".encode() in seen
    assert len(json.loads(out)) == len(paths) and b"\r" not in out
