"""县域总览 → 导出通报 in the window: the .docx is written from the overview shown, its counts the overview's."""
from __future__ import annotations

import re

from docx import Document

from desktop.exports import dialogs
from export.notice_settings import NoticeSettings
from review.settings import Settings
from tests.desktop.gui import drop_and_wait
from tests.support.desk import CONSISTENT, WRONG_TOTAL, write_report


def test_the_bulletin_from_the_overview_dialog(qtbot, window, tmp_path, monkeypatch) -> None:
    window.session.settings = window.runner.settings = Settings(notices=NoticeSettings(notice_office="青山县政务公开办"))
    drop_and_wait(qtbot, window, [write_report(tmp_path / "a.txt", "东山镇", rows=WRONG_TOTAL),
                                  write_report(tmp_path / "b.txt", "西山镇", rows=CONSISTENT)])
    qtbot.waitUntil(lambda: all(e.version is not None for e in window.session.entries.finished()), timeout=20_000)
    out = tmp_path / "通报.docx"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(out))
    window.exports.show_overview()
    dlg = window.exports.overview_dialog
    qtbot.waitExposed(dlg)
    dlg.bulletin_button.click()
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    printed = {s: int(n) for s, n in re.findall(r"^(\S+) (\d+) (?:份|个单位)：", text, re.M)}
    assert printed == {s: n for s, n in dlg.model.overview.status_counts().items() if n}
    assert "青山县政务公开办" in text and text.startswith("关于2024年度政府信息公开工作年度报告审核情况的通报")
    dlg.close()
