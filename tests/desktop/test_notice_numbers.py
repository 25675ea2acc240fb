"""One numbering of the 整改通知 (issue 26): the print preview, the export and a later export of the
same notice carry the same 文号, kept in the archive; the command line numbers through it too."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from docx import Document

from archive import Archive
from desktop.appdata import archive_path
from tests.desktop.gui import WAIT_MS, drop_and_wait, select_report
from tests.support.desk import WRONG_TOTAL, write_report

ROOT = Path(__file__).resolve().parents[2]


def _number_in(path: Path) -> str:
    return next(p.text for p in Document(str(path)).paragraphs if "〔" in p.text and p.text.strip().endswith("号"))


def _archived(qtbot, window, n: int) -> None:
    qtbot.waitUntil(lambda: sum(1 for e in window.reports.entries() if e.version is not None) == n, timeout=WAIT_MS)


def test_preview_export_and_a_later_export_carry_the_same_number(qtbot, window, tmp_path, monkeypatch) -> None:
    files = [write_report(tmp_path / f"{b}.txt", b, rows=WRONG_TOTAL) for b in ("东山镇", "西山镇", "南山镇")]
    drop_and_wait(qtbot, window, files)
    _archived(qtbot, window, 3)
    monkeypatch.setattr("desktop.exports.ask_only_confirmed", lambda *_a, **_k: False)
    select_report(window, "西山镇.txt")  # the second body: its number does not depend on the list's order
    window.commands.print_preview.trigger()
    previewed = window.exports.preview_dialog.content.number
    window.exports.preview_dialog.close()

    numbers: list[dict[str, str]] = []
    for k in range(2):
        with qtbot.waitSignal(window.runner.written, timeout=WAIT_MS) as done:
            window.exports.write_notices(str(tmp_path / f"通知{k}"))
        numbers.append({p.name: _number_in(p) for p in done.args[0].notices})
    assert numbers[0] == numbers[1] and len(set(numbers[0].values())) == 3
    assert numbers[0]["整改通知_西山镇人民政府_2024.docx"] == previewed

    out = tmp_path / "命令行通知"
    p = subprocess.run([sys.executable, "-m", "desktop", "check", "--json", "--archive", str(archive_path(window.appdata)),
                        "--notices", str(out), *map(str, files)], cwd=ROOT, capture_output=True)
    assert json.loads(p.stdout) and {f.name: _number_in(f) for f in out.glob("整改通知_*.docx")} == numbers[0]


def test_a_later_round_gets_a_number_of_its_own(tmp_path) -> None:
    with Archive(tmp_path / "台账.db") as arc:
        make = "政务公开〔2024〕{}号".format
        first = arc.notice_number("东山镇", 2024, 1, make)
        assert arc.notice_number("东山镇", 2024, 1, make) == first == "政务公开〔2024〕1号"
        assert arc.notice_number("西山镇", 2024, 1, make) == "政务公开〔2024〕2号"
        assert arc.notice_number("东山镇", 2024, 2, make) == "政务公开〔2024〕3号"  # the resubmission's notice
        assert arc.notice_number("东山镇", 2025, 1, make) == "政务公开〔2024〕1号"  # numbered per year


def test_only_bodies_with_an_error_get_a_notice_from_the_settings_start_number(qtbot, window, tmp_path, monkeypatch) -> None:
    from dataclasses import replace

    from tests.support.desk import CONSISTENT
    files = [write_report(tmp_path / f"{b}.txt", b, rows=rows)
             for b, rows in (("东山镇", WRONG_TOTAL), ("西山镇", CONSISTENT), ("南山镇", WRONG_TOTAL))]
    window.session.settings.notices = replace(window.session.settings.notices, notice_start_number=7, notice_number="公开〔{year}〕{n}号")
    drop_and_wait(qtbot, window, files)
    _archived(qtbot, window, 3)
    monkeypatch.setattr("desktop.exports.ask_only_confirmed", lambda *_a, **_k: False)
    select_report(window, "西山镇.txt")  # nothing to correct: no notice to preview, no number used up
    window.commands.print_preview.trigger()
    assert window.exports.preview_dialog is None and "不发整改通知" in window.last_message.text()
    select_report(window, "南山镇.txt")
    window.commands.print_preview.trigger()
    previewed = window.exports.preview_dialog.content.number
    window.exports.preview_dialog.close()
    with qtbot.waitSignal(window.runner.written, timeout=WAIT_MS) as done:
        window.exports.write_notices(str(tmp_path / "通知"))
    numbers = {p.name: _number_in(p) for p in done.args[0].notices}
    assert numbers == {"整改通知_东山镇人民政府_2024.docx": "公开〔2024〕7号", "整改通知_南山镇人民政府_2024.docx": "公开〔2024〕8号"}
    assert numbers["整改通知_南山镇人民政府_2024.docx"] == previewed
    for path in done.args[0].notices:
        text = "\n".join(p.text for p in Document(str(path)).paragraphs)
        assert ".txt" not in text and "台账" not in text


def test_enter_in_the_export_question_exports_every_finding(qtbot, window) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.widgets import ask_only_confirmed
    seen: list[str] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.windowTitle())
        QTest.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(50, press_enter)
    assert ask_only_confirmed(window, 3) is False  # Enter: 导出全部问题
    QTimer.singleShot(50, press_enter)
    assert ask_only_confirmed(window, 3, "导出整改通知") is False
    assert seen == ["导出整改清单", "导出整改通知"]
