"""检查设置 holds the 整改通知's settings (issue 27): the issuing office, the 文号 template and its start
number, the time limit and the 审核通过函 option — shown as saved, taken back as typed, refused when unusable."""
from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from export.notice_settings import NoticeSettings
from review.settings import Settings
from ui.settings_dialog import SettingsDialog


def test_the_notice_fields_show_and_give_back_the_settings(qtbot) -> None:
    before = Settings(notices=NoticeSettings(notice_office="某县政务公开办", notice_number="公开〔{year}〕{n}号",
                                             notice_start_number=12, notice_deadline_days=20, notice_pass_letters=True))
    dialog = SettingsDialog(before)
    qtbot.addWidget(dialog)
    n = dialog.notice
    assert (n.office.text(), n.number.text(), n.start.value(), n.days.value(), n.pass_letters.isChecked()) == \
        ("某县政务公开办", "公开〔{year}〕{n}号", 12, 20, True)
    n.office.setText("青山县人民政府办公室")
    n.number.setText("青政公开〔{year}〕{n}号")
    n.start.setValue(30)
    n.days.setValue(10)
    n.pass_letters.setChecked(False)
    after = dialog.value().notices
    assert (after.notice_office, after.notice_number, after.notice_start_number, after.notice_deadline_days,
            after.notice_pass_letters) == ("青山县人民政府办公室", "青政公开〔{year}〕{n}号", 30, 10, False)
    assert dialog.value().rules == before.rules and dialog.value().problems() == []


def test_a_number_template_without_n_is_refused(qtbot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.notice.number.setText("政务公开〔{year}〕号")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.result() == 0
    assert "{n}" in dialog.refused
