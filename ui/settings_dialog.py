"""检查设置: the publication deadline, the body's level, the per-file time budget, the 整改通知 (issuing
office, 文号 template and start number, 整改时限, 审核通过函), which rules run.

Edits a review.settings.Settings; the window saves it to settings.json in the app-data folder
(the same keys as resources/settings.json and the command line's --config file)."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from checks.catalogue import CATALOGUE, GROUPS
from export.notice_settings import NOTICE_DAYS_RANGE, NOTICE_START_RANGE, NoticeSettings
from review.settings import Settings

from .view_tools import stacked

LEVELS = [("auto", "自动识别（按单位名称）"), ("township", "乡镇、街道"), ("county", "县（区）人民政府及其部门"),
          ("municipal", "设区的市"), ("provincial", "省级")]


def all_rule_ids() -> list[str]:
    """Every rule of the catalogue, in its order (grouped as the findings tree groups them)."""
    return list(CATALOGUE)


def _month_day(month: int, day: int) -> tuple[QSpinBox, QSpinBox]:
    return (QSpinBox(minimum=1, maximum=12, value=month, suffix=" 月"),
            QSpinBox(minimum=1, maximum=31, value=day, suffix=" 日"))


def _deadline_row(month: QSpinBox, day: QSpinBox, who: str) -> QWidget:
    """报告年度的次年 [月] [日] and whose reports the date is for."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(QLabel("报告年度的次年"))
    row.addWidget(month)
    row.addWidget(day)
    row.addWidget(QLabel(who))
    row.addStretch(1)
    holder = QWidget()
    holder.setLayout(row)
    return holder


def _with_hint(field: QWidget, hint: QLabel) -> QWidget:
    """A field with a line under it for what is wrong with what was typed."""
    return stacked(field, hint, spacing=2, grow=False)


class NoticeFields:
    """The 整改通知 part of the form: who issues it, its 文号 and first number, the time limit, and
    whether a body with nothing to correct gets a 审核通过 letter."""

    def __init__(self, settings: NoticeSettings, form: QFormLayout) -> None:
        self.office = QLineEdit(settings.notice_office)
        self.office.setPlaceholderText("如：某某县人民政府办公室")
        form.addRow("发文机关：", self.office)
        self.number = QLineEdit(settings.notice_number)
        self.number.setToolTip("{year} 为报告年度，{n} 为当年的通知序号，如“政务公开〔{year}〕{n}号”")
        self.start = QSpinBox(minimum=NOTICE_START_RANGE[0], maximum=NOTICE_START_RANGE[1], value=settings.notice_start_number)
        self.start.setToolTip("当年第一份通知的序号（已发出的通知之后继续编号）")
        form.addRow("文号：", _side_by_side(self.number, QLabel("起始序号"), self.start))
        self.days = QSpinBox(minimum=NOTICE_DAYS_RANGE[0], maximum=NOTICE_DAYS_RANGE[1], value=settings.notice_deadline_days,
                             suffix=" 天")
        form.addRow("整改时限：", _side_by_side(self.days, QLabel("（自发文之日起）")))
        self.pass_letters = QCheckBox("为无需整改的单位写审核通过函（占用文号）")
        self.pass_letters.setChecked(settings.notice_pass_letters)
        form.addRow("整改通知：", self.pass_letters)

    def values(self) -> dict[str, object]:
        return {"notice_office": self.office.text().strip(), "notice_number": self.number.text().strip(),
                "notice_start_number": self.start.value(), "notice_deadline_days": self.days.value(),
                "notice_pass_letters": self.pass_letters.isChecked()}


def _side_by_side(*widgets: QWidget) -> QWidget:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        row.addWidget(w)
    row.addStretch(1)
    holder = QWidget()
    holder.setLayout(row)
    return holder


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("检查设置")
        self._base = settings
        self.refused = ""  # why OK was last refused
        self.typed_hints: list[QLabel] = []
        form = QFormLayout()
        self.month, self.day = _month_day(settings.rules.deadline_month, settings.rules.deadline_day)
        form.addRow("公布期限：", _deadline_row(self.month, self.day, "（乡镇、街道和各部门）"))
        self.gov_month, self.gov_day = _month_day(settings.rules.government_deadline_month,
                                                 settings.rules.government_deadline_day)
        form.addRow("", _deadline_row(self.gov_month, self.gov_day, "（县级以上人民政府本级报告，条例第四十九条）"))
        self.level = QComboBox()
        for key, label in LEVELS:
            self.level.addItem(label, key)
        self.level.setCurrentIndex(max(0, [k for k, _ in LEVELS].index(settings.rules.body_level)
                                       if settings.rules.body_level in dict(LEVELS) else 0))
        form.addRow("报送单位层级：", self.level)
        self.budget = QSpinBox(minimum=5, maximum=3600, value=int(settings.reading.time_budget or 120), suffix=" 秒")
        self.budget_hint = QLabel()
        form.addRow("单个文件读取时限：", _with_hint(self.budget, self.budget_hint))
        self._typed: dict[QSpinBox, str] = {}  # a number typed outside the range, not yet told
        for spin, hint, what in ((self.month, None, "月份"), (self.day, None, "日期"), (self.gov_month, None, "月份"),
                                 (self.gov_day, None, "日期"), (self.budget, self.budget_hint, "单个文件读取时限")):
            self._check_typed(spin, hint, what)
        self.ocr = QCheckBox("识别扫描件（盖章扫描的 PDF 与图片，离线 OCR，每页约 5 秒）")
        self.ocr.setChecked(settings.reading.ocr)
        form.addRow("扫描件：", self.ocr)
        self.notice = NoticeFields(settings.notices, form)
        self.rules = QListWidget()
        for group in GROUPS:
            head = QListWidgetItem(group)
            head.setFlags(Qt.ItemFlag.NoItemFlags)
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            self.rules.addItem(head)
            for info in (r for r in CATALOGUE.values() if r.group == group):
                item = QListWidgetItem(f"　{info.name}")
                item.setToolTip(f"{info.id}\n依据：{info.basis}")
                item.setData(Qt.ItemDataRole.UserRole, info.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = info.id not in settings.rules.disabled_rules
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self.rules.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for hint in self.typed_hints:
            layout.addWidget(hint)
        layout.addWidget(QLabel("启用的检查规则（去掉勾选即不再检查）："))
        layout.addWidget(self.rules, 1)
        layout.addWidget(buttons)
        self.resize(560, 640)

    def _check_typed(self, spin: QSpinBox, hint: QLabel | None, what: str) -> None:
        """A number typed outside the spin box's range is refused where it is typed, with the range:
        said while it is typed, and said again when Qt puts the earlier value back (never silently)."""
        hint = hint or QLabel()
        hint.setStyleSheet("color:#c5221f;")
        hint.setVisible(False)
        unit = spin.suffix().strip()

        def edited(text: str) -> None:
            bad = not spin.hasAcceptableInput()
            if bad:
                self._typed[spin] = text.replace(spin.suffix(), "").strip()
            else:
                self._typed.pop(spin, None)
            hint.setText(f"{what}须在 {spin.minimum()}–{spin.maximum()} {unit}之间" if bad else "")
            hint.setVisible(bad)

        def finished() -> None:
            typed = self._typed.pop(spin, None)
            if typed is not None:
                hint.setText(f"输入的“{typed}”不在 {spin.minimum()}–{spin.maximum()} {unit}之间，"
                             f"仍为 {spin.value()} {unit}")
                hint.setVisible(True)

        spin.lineEdit().textEdited.connect(edited)
        spin.editingFinished.connect(finished)
        if spin is not self.budget:  # the month and day share a row: their hint goes under the form
            self.typed_hints.append(hint)

    def typed_problems(self) -> list[str]:
        """Numbers typed outside their range that are still in their boxes."""
        names = {self.month: "月份", self.day: "日期", self.gov_month: "政府本级报告的月份", self.gov_day: "政府本级报告的日期",
                 self.budget: "单个文件读取时限"}
        return [f"{names[spin]}“{text}”不在允许的 {spin.minimum()}–{spin.maximum()}{spin.suffix().strip()}之间。"
                for spin, text in self._typed.items() if not spin.hasAcceptableInput()]

    def _accept_if_valid(self) -> None:
        """OK only with settings that can be used; otherwise say what is wrong and stay open."""
        problems = self.typed_problems() or self.value().problems()
        if problems:
            self.refused = "\n".join(problems)
            box = QMessageBox(QMessageBox.Icon.Warning, "检查设置", self.refused, QMessageBox.StandardButton.Ok, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()  # not exec(): the dialog stays usable
            return
        self.refused = ""
        self.accept()

    def value(self) -> Settings:
        items = [self.rules.item(i) for i in range(self.rules.count())]
        disabled = [it.data(Qt.ItemDataRole.UserRole) for it in items
                    if it.data(Qt.ItemDataRole.UserRole) and it.checkState() != Qt.CheckState.Checked]
        rules = replace(self._base.rules, deadline_month=self.month.value(), deadline_day=self.day.value(),
                        government_deadline_month=self.gov_month.value(), government_deadline_day=self.gov_day.value(),
                        body_level=self.level.currentData(), disabled_rules=disabled)
        reading = replace(self._base.reading, time_budget=float(self.budget.value()), ocr=self.ocr.isChecked())
        notices = replace(self._base.notices, **self.notice.values())  # type: ignore[arg-type]
        return replace(self._base, rules=rules, reading=reading, notices=notices)
