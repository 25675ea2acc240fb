"""Issue 5 in the window: text findings select their sentence in the source, the settings dialog
re-checks what is open, and the checks across the opened reports show up."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt

from checks.settings import RuleSettings
from review.settings import Settings
from tests.desktop.gui import WAIT_MS, click_finding, copy_as, drop_and_wait, entry_named, select_report
from ui.settings_dialog import SettingsDialog


def test_a_text_finding_highlights_its_sentence_in_a_text_report(qtbot, window, tmp_path) -> None:
    path = copy_as(tmp_path, "v04_anping_zrzyj.txt", "安平县 2024.txt")
    drop_and_wait(qtbot, window, [path])
    window.source.text.verticalScrollBar().setValue(0)
    f = click_finding(qtbot, window, "TEXT-TABLE-MISMATCH")
    raw = path.read_text(encoding="utf-8").splitlines()[f.location.line]
    assert "未发生因政府信息公开引起的行政复议" in raw
    assert window.source.kind == "text" and window.source.text.current_line() == f.location.line
    assert window.source.text.viewport().rect().intersects(window.source.text.box_rect().toRect())
    assert "t4.review.total" in f.cells and set(window.tables.selected_keys()) == set(f.cells)  # 复议 and 诉讼: one finding


def test_a_text_finding_boxes_the_whole_sentence_on_the_pdf_page(qtbot, window, tmp_path) -> None:
    path = copy_as(tmp_path, "v02_chengguan_jd.pdf", "城关街道 2024.pdf")
    drop_and_wait(qtbot, window, [path])
    pdf = window.source.pdf
    qtbot.waitUntil(lambda: bool(pdf.sizes), timeout=WAIT_MS)
    f = click_finding(qtbot, window, "TEXT-SUM")
    assert f.location.page == 0 and f.location.bbox is not None
    _x0, top, _x1, bottom = f.location.bbox
    assert bottom - top > 20  # the sentence wraps over two lines: both are inside the box
    assert window.source.kind == "pdf" and pdf.highlight == f.location and pdf.page_in_view() == 0


def test_settings_dialog_reads_back_what_was_changed(qtbot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.month.setValue(3)
    dialog.day.setValue(15)
    dialog.level.setCurrentIndex(2)
    for i in range(dialog.rules.count()):
        item = dialog.rules.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == "VAGUE-NUMBER":
            item.setCheckState(item.checkState().__class__.Unchecked)
    assert dialog.ocr.isChecked()
    dialog.ocr.setChecked(False)
    s = dialog.value()
    assert (s.rules.deadline_month, s.rules.deadline_day, s.rules.body_level, s.rules.disabled_rules) == (3, 15, "county", ["VAGUE-NUMBER"])
    assert s.reading.ocr is False


def test_new_settings_are_saved_and_the_opened_reports_rechecked(qtbot, window, appdata, tmp_path) -> None:
    path = copy_as(tmp_path, "v06_pingshan_zjj.pdf", "平山县 住建局.pdf")
    drop_and_wait(qtbot, window, [path])
    assert "PUBLISH-LATE" in {f.rule for f in window.current_entry().result.findings}
    with qtbot.waitSignal(window.runner.idle, timeout=WAIT_MS):
        window.prefs.apply_settings(Settings(rules=RuleSettings(deadline_month=2, deadline_day=28)))
    assert "PUBLISH-LATE" not in {f.rule for f in entry_named(window, path.name).result.findings}
    saved = json.loads((appdata / "settings.json").read_text(encoding="utf-8"))
    assert (saved["deadline_month"], saved["deadline_day"]) == (2, 28)


def test_checks_across_the_opened_reports(qtbot, window, tmp_path) -> None:
    src = copy_as(tmp_path, "v04_anping_zrzyj.txt", "x.txt").read_text(encoding="utf-8")
    prev = src.replace("2024", "2023").replace("四、结转下年度继续办理\t\t\t2\t0\t0\t0\t0\t0\t2",
                                               "四、结转下年度继续办理\t\t\t3\t0\t0\t0\t0\t0\t3")
    a, b = tmp_path / "安平 2023.txt", tmp_path / "安平 2024.txt"
    a.write_text(prev, encoding="utf-8")
    b.write_text(src, encoding="utf-8")
    drop_and_wait(qtbot, window, [a, b])
    qtbot.waitUntil(lambda: any(f.rule == "PREV-YEAR-CARRY" for f in entry_named(window, b.name).result.findings),
                    timeout=WAIT_MS)
    select_report(window, b.name)
    f = click_finding(qtbot, window, "PREV-YEAR-CARRY")
    assert f.cells[0] in window.tables.selected_keys()
