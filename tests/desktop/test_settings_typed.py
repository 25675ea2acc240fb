"""Settings never change silently (issue 25): a number typed outside its range is refused where it is
typed, with the allowed range; a settings file that cannot be used is said at start."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from importers.options import ReadOptions
from review.settings import Settings
from tests.desktop.gui import make_window
from ui.settings_dialog import SettingsDialog


def _type(qtbot, spin, text: str) -> None:
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)


def test_a_budget_typed_below_its_range_is_refused_with_the_range(qtbot) -> None:
    dialog = SettingsDialog(Settings(ReadOptions(60.0)))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _type(qtbot, dialog.budget, "3")
    assert dialog.budget_hint.isVisible() and dialog.budget_hint.text() == "单个文件读取时限须在 5–3600 秒之间"
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.result() == 0  # not accepted
    assert dialog.refused == "单个文件读取时限“3”不在允许的 5–3600秒之间。"
    assert dialog.value().reading.time_budget == 60.0

    dialog.budget.editingFinished.emit()  # the field is left: Qt keeps the earlier value, and says so
    assert dialog.budget_hint.text() == "输入的“3”不在 5–3600 秒之间，仍为 60 秒"


def test_a_budget_typed_in_range_is_taken(qtbot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _type(qtbot, dialog.budget, "45")
    assert not dialog.budget_hint.isVisible()
    qtbot.keyClick(dialog.budget, Qt.Key.Key_Tab)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == 1 and dialog.value().reading.time_budget == 45.0


def test_a_settings_file_that_cannot_be_used_is_said_at_start(qtbot, appdata) -> None:
    (appdata / "settings.json").write_text(json.dumps({"file_time_budget_s": 3}), encoding="utf-8")
    window = make_window(qtbot, appdata)
    qtbot.waitUntil(lambda: window.last_message is not None and window.last_message.isVisible(), timeout=5000)
    text = window.last_message.text()
    assert "无法使用" in text and "5–3600 秒" in text and "默认设置" in text
    assert window.session.settings == Settings()


def test_both_deadlines_are_set_in_the_dialog(qtbot) -> None:
    """Townships and departments by the county's deadline; a 县级以上人民政府's own report by its own
    (条例第四十九条): both in 检查设置, both checked where typed."""
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert (dialog.gov_month.value(), dialog.gov_day.value()) == (3, 31)
    _type(qtbot, dialog.gov_month, "2")
    _type(qtbot, dialog.gov_day, "28")
    _type(qtbot, dialog.month, "1")
    _type(qtbot, dialog.day, "20")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    v = dialog.value().rules
    assert dialog.result() == 1
    assert (v.deadline_month, v.deadline_day, v.government_deadline_month, v.government_deadline_day) == (1, 20, 2, 28)
