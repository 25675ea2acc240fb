"""COPIED-TEXT side by side: the finding points at 全文, so the two reports' texts are shown next to
each other with the passages they share word for word marked."""
from __future__ import annotations

from desktop import copied_text
from tests.desktop.gui import click_finding, drop_and_wait
from tests.support.desk import CONSISTENT, write_report
from ui.overview_years import SHARED as COPIED


def test_a_copied_text_finding_shows_both_texts_with_the_shared_passages(qtbot, window, tmp_path) -> None:
    a = write_report(tmp_path / "东山镇.txt", "东山镇", rows=CONSISTENT)
    b = write_report(tmp_path / "西山镇.txt", "西山镇", rows=CONSISTENT)  # the same report, another body's name
    drop_and_wait(qtbot, window, [a, b])
    window.sync.select_row(window.reports.row_of(str(a)))
    qtbot.waitUntil(lambda: any(f.rule == "COPIED-TEXT" for f in window.current_entry().findings), timeout=20_000)
    window.sync.select_row(window.reports.row_of(str(a)))
    f = click_finding(qtbot, window, "COPIED-TEXT")
    assert "并排对照两份报告正文" in window.tables.detail.toPlainText()
    other, label = copied_text.other_report(window, window.current_entry(), f)
    assert other.unit == "西山镇人民政府" and b.name in label
    assert copied_text.show(window, f)
    dlg = window.marking.compare_dialog
    qtbot.waitExposed(dlg)
    assert dlg.pair.shared_ratio > 0.8 and dlg.pair.shared_now and dlg.pair.shared_before
    assert COPIED in dlg.text_this.toHtml() and COPIED in dlg.text_other.toHtml()
    assert "东山镇" in dlg.pair.now and "西山镇" in dlg.pair.before
    dlg.close()


def test_without_the_other_report_the_inspector_is_told(qtbot, window, tmp_path) -> None:
    drop_and_wait(qtbot, window, [write_report(tmp_path / "东山镇.txt", "东山镇", rows=CONSISTENT)])
    assert not copied_text.show(window)  # no COPIED-TEXT finding chosen
    assert window.last_message is not None and "内容雷同" in window.last_message.text()
