"""Long work in the window: cancel kills the reader of the cancelled file, closing during a batch
ends at once and leaves no reader behind, export waits for the batch, bad settings are refused."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from checks.settings import SettingsError
from importers.options import ReadOptions
from pipeline.sandbox import WALL_FACTOR
from review.settings import Settings
from tests.desktop.gui import WAIT_MS, copy_as, drop, make_window
from tests.support import hostile
from ui.settings_dialog import SettingsDialog

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reader processes watched through /proc")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _cpu_ticks(pid: int) -> int:
    """Clock ticks of CPU a process has used (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def _start_slow_read(qtbot, window, tmp_path: Path) -> list[int]:
    """A 40 MB text (tens of seconds to read) being read: the reader processes' pids."""
    big = tmp_path / "四十兆.txt"
    big.write_bytes(hostile.big_text(40))
    drop(window, [big])
    qtbot.waitUntil(lambda: window.runner._readers is not None and len(window.runner._readers.pids()) == 1,
                    timeout=WAIT_MS)
    (pid,) = window.runner.readers().pids()
    qtbot.waitUntil(lambda: _cpu_ticks(pid) >= 20, timeout=WAIT_MS)  # the reader is into the file
    assert window.runner.busy
    return window.runner.readers().pids()


@linux_only
@pytest.mark.corpus
def test_cancel_kills_the_reader_and_the_next_file_does_not_wait(qtbot, appdata, tmp_path) -> None:
    window = make_window(qtbot, appdata, processes=1)
    (pid,) = _start_slow_read(qtbot, window, tmp_path)
    with qtbot.waitSignal(window.runner.idle, timeout=WAIT_MS):
        window.commands.cancel.trigger()
    qtbot.waitUntil(lambda: not _alive(pid), timeout=1000)
    small = copy_as(tmp_path, "v10_baima_zhen.docx", "白马镇.docx")
    started = time.monotonic()
    with qtbot.waitSignal(window.runner.idle, timeout=WAIT_MS):
        drop(window, [small])
    assert time.monotonic() - started < 10
    done = [e for e in window.reports.entries() if e.name == "白马镇.docx"]
    assert done and done[0].result is not None and done[0].result.report is not None


@linux_only
def test_closing_during_a_batch_ends_at_once_and_leaves_no_reader(qtbot, appdata, tmp_path) -> None:
    window = make_window(qtbot, appdata, processes=1)
    (pid,) = _start_slow_read(qtbot, window, tmp_path)
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 1.0
    qtbot.waitUntil(lambda: not _alive(pid), timeout=1000)


@linux_only
def test_export_during_a_batch_waits_for_it(qtbot, appdata, tmp_path, monkeypatch) -> None:
    window = make_window(qtbot, appdata, processes=1)
    _start_slow_read(qtbot, window, tmp_path)
    asked: list[object] = []
    monkeypatch.setattr("ui.file_dialog.ask_save_file", lambda *a, **k: asked.append(a) or "")
    window.commands.export.trigger()
    assert not asked, "a checklist was offered while reports were still being read"
    assert "正在读取" in window.last_message.text()
    window.runner.cancel()


def test_settings_dialog_refuses_a_date_that_does_not_exist(qtbot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.month.setValue(2)
    dialog.day.setValue(31)
    dialog.findChild(QDialogButtonBox).accepted.emit()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "2月31日" in dialog.refused
    dialog.day.setValue(28)
    dialog.findChild(QDialogButtonBox).accepted.emit()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.value().rules.deadline_day == 28


@pytest.mark.parametrize("bad,said", [
    ({"deadline_month": 2, "deadline_day": 31}, "2月31日"),
    ({"deadline_month": 2, "deadline_day": 29}, "2月29日"),
    ({"deadline_month": 13}, "日期"),
    ({"disabled_rules": ["NO-SUCH-RULE"]}, "NO-SUCH-RULE"),
    ({"body_level": "village"}, "village"),
    ({"file_time_budget_s": 0}, "读取时限"),
])
def test_settings_files_with_impossible_values_are_refused(tmp_path, bad, said) -> None:
    p = tmp_path / "设置.json"
    p.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(SettingsError) as e:
        Settings.load(p)
    assert said in str(e.value)


def test_saved_bad_settings_do_not_survive_a_restart(qtbot, appdata) -> None:
    (appdata / "settings.json").write_text(json.dumps({"deadline_month": 2, "deadline_day": 31}), encoding="utf-8")
    window = make_window(qtbot, appdata)
    assert (window.session.settings.rules.deadline_month, window.session.settings.rules.deadline_day) == (1, 31)


def test_cli_refuses_a_bad_config(tmp_path, capsys) -> None:
    from desktop.cli import main
    cfg = tmp_path / "设置.json"
    cfg.write_text(json.dumps({"deadline_month": 2, "deadline_day": 30}), encoding="utf-8")
    report = tmp_path / "报告.txt"
    report.write_text("年度报告\n", encoding="utf-8")
    assert main(["check", "--config", str(cfg), str(report)]) == 2
    assert "2月30日" in capsys.readouterr().err


@linux_only
def test_a_file_past_the_budget_is_stopped_and_logged_in_the_windows_log(qtbot, appdata, tmp_path) -> None:
    window = make_window(qtbot, appdata, processes=1)
    window.runner.settings = Settings(ReadOptions(5.0))
    big = tmp_path / "四十兆.txt"
    big.write_bytes(hostile.big_text(40))
    started = time.monotonic()
    # the budget is the reader's CPU time: on a loaded machine at worst the wall clock's backstop stops it
    with qtbot.waitSignal(window.runner.idle, timeout=max(WAIT_MS, int((5 * WALL_FACTOR + 10) * 1000))):
        drop(window, [big])
    assert time.monotonic() - started < 5 * WALL_FACTOR + 4
    (entry,) = window.reports.entries()
    assert entry.result is not None and "读取超过 5 秒已停止" in (entry.result.error or "")
    assert window.runner.readers().log_file == str(window.log_file)
    log = window.log_file.read_text(encoding="utf-8")
    assert "四十兆.txt" in log and "reader stopped after 5 s" in log


def test_a_folder_of_files_is_listed_scrolled_and_its_first_file_shown(qtbot, appdata, tmp_path) -> None:
    """Opening many files at once: every row is there when open_paths returns, the list is scrolled
    to the last one before it is painted, and the first file is selected a moment later (after the
    new rows are painted, not in the same turn of the event loop)."""
    w = make_window(qtbot, appdata, size=(1366, 768))
    paths = [str(copy_as(tmp_path, "seed0_dongming.txt", f"批量/{k:02d}_报告.txt")) for k in range(30)]
    w.open_paths(paths)
    assert w.reports.rowCount() == 30
    view = w.report_view
    last = view.visualRect(w.reports.index(29, 0))
    assert view.viewport().rect().contains(last.center())  # scrolled to the last file queued
    assert w.sync.current_row() == -1  # not yet: shown once the rows are painted
    qtbot.waitUntil(lambda: w.sync.current_row() == 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not w.runner.busy, timeout=WAIT_MS)
    assert w.sync.current_row() == 0 and w.sync.entry is not None and w.sync.entry.path == paths[0]
