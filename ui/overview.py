"""The county overview window: the year's bodies with their status and counts, and two painted
bar charts (findings per body by severity, findings per rule) — the pictures of a 通报. QtCharts
is not in PySide6-Essentials, so the bars are drawn here."""
from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from archive import Archive
from archive.overview import overview
from checks import SEVERITIES, SEVERITY_NAMES

from .overview_model import SEVERITY_COLOURS, OverviewModel

BAR_H, GAP, LABEL_W, VALUE_W = 18, 6, 150, 34


class BarChart(QWidget):
    """Horizontal bars, one per label, stacked by series; a title and a legend on top."""

    def __init__(self, title: str, series: list[tuple[str, str]], parent=None) -> None:
        super().__init__(parent)
        self.title = title
        self.series = series  # (name, colour)
        self.bars: list[tuple[str, list[int]]] = []
        self.setMinimumWidth(360)

    def set_bars(self, bars: list[tuple[str, list[int]]]) -> None:
        self.bars = bars
        self.updateGeometry()
        self.setMinimumHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, 56 + max(1, len(self.bars)) * (BAR_H + GAP))

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        f = p.font()
        f.setBold(True)
        p.setFont(f)
        p.drawText(QRectF(8, 4, self.width() - 16, 20), int(Qt.AlignmentFlag.AlignLeft), self.title)
        f.setBold(False)
        p.setFont(f)
        x = 8.0
        if len(self.series) > 1:
            for name, colour in self.series:
                p.fillRect(QRectF(x, 30, 12, 12), QColor(colour))
                p.drawText(QRectF(x + 16, 27, 60, 18), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), name)
                x += 70
        if not self.bars:
            p.drawText(QRectF(8, 50, self.width() - 16, 20), int(Qt.AlignmentFlag.AlignLeft), "没有问题")
            p.end()
            return
        top = 50.0
        most = max(sum(v) for _, v in self.bars) or 1
        span = max(40.0, self.width() - LABEL_W - VALUE_W - 16)
        for i, (label, values) in enumerate(self.bars):
            y = top + i * (BAR_H + GAP)
            p.setPen(QColor("#202124"))
            p.drawText(QRectF(8, y, LABEL_W - 12, BAR_H), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                       p.fontMetrics().elidedText(label, Qt.TextElideMode.ElideMiddle, LABEL_W - 12))
            bx = float(LABEL_W)
            for v, (_, colour) in zip(values, self.series):
                w = span * v / most
                p.fillRect(QRectF(bx, y, w, BAR_H), QColor(colour))
                bx += w
            p.drawText(QRectF(bx + 4, y, VALUE_W, BAR_H), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                       str(sum(values)))
        p.end()


def _scrolled(w: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(w)
    return area


class OverviewDialog(QDialog):
    """县域总览 of one year of the archive; 导出总览工作簿 writes the same table and charts to Excel,
    导出通报 the county's 通报 from the same overview (`bulletin(ov)`), 导入单位名单 the county's roster."""

    def __init__(self, archive: Archive, year: int | None = None, parent=None, export=None, undated=(), bulletin=None,
                 rules=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("县域总览")
        self.archive = archive
        self.undated = list(undated)  # the opened files that could not be read and name no year: counted too
        self.rules = rules  # checks.settings.RuleSettings: the deadlines of 时限
        self._export = export
        self._bulletin = bulletin
        self.model = OverviewModel(self)
        self.year = QComboBox()
        for y in reversed(archive.years()):
            self.year.addItem(f"{y}年度", y)
        if year is not None and self.year.findData(year) >= 0:
            self.year.setCurrentIndex(self.year.findData(year))
        self.summary = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.by_body = BarChart("各单位问题数", [(SEVERITY_NAMES[s], SEVERITY_COLOURS[s]) for s in SEVERITIES])
        self.by_rule = BarChart("各类问题数", [("问题数", "#4f81bd")])
        charts = QSplitter(Qt.Orientation.Vertical)
        charts.addWidget(_scrolled(self.by_body))
        charts.addWidget(_scrolled(self.by_rule))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(charts)
        split.setSizes([560, 520])
        head = QHBoxLayout()
        head.addWidget(QLabel("年度："))
        head.addWidget(self.year)
        head.addWidget(self.summary, 1)
        buttons = QDialogButtonBox()
        self.export_button = QPushButton("导出总览工作簿…")
        self.merge_button = QPushButton("合并为同一单位")
        self.merge_button.setToolTip("所选的两个单位是同一单位的不同写法：后选的并入先选的（报告、通知、别名一并转入）")
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.roster_button = QPushButton("导入单位名单…")
        self.roster_button.setToolTip("导入全县应报送单位的名单（Excel 或 CSV：单位名称，可有简称、层级）；未报送按名单统计")
        self.bulletin_button = QPushButton("导出通报…")
        self.bulletin_button.setToolTip("按本总览写出审核情况通报（Word，公文格式）")
        buttons.addButton(self.roster_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.bulletin_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.roster_button.clicked.connect(self.ask_roster)
        self.bulletin_button.clicked.connect(lambda: self._bulletin and self._bulletin(self.model.overview))
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(lambda: self._export and self._export(self.model.overview))
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        self.roster_label = QLabel()
        lay.addWidget(self.roster_label)
        lay.addWidget(split, 1)
        lay.addWidget(buttons)
        self.year.currentIndexChanged.connect(self.refresh)
        self.merge_button.clicked.connect(self.merge_selected)
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.resize(1180, 700)
        self.refresh()

    def selected_rows(self) -> list[int]:
        return [i.row() for i in self.table.selectionModel().selectedRows(0)]

    def _selection_changed(self, *_args) -> None:
        self.merge_button.setEnabled(len(self.selected_rows()) == 2)

    def merge_selected(self) -> None:
        """The two selected bodies are one: the second selected goes into the first."""
        rows = self.selected_rows()
        if len(rows) != 2:
            return
        keep, other = (self.model.rows[r].body_id for r in rows)
        if keep is None or other is None:
            return
        self.archive.merge_bodies(keep, other)
        self.refresh()

    def refresh(self, *_args) -> None:
        y = self.year.currentData()
        ov = overview(self.archive, int(y), self.undated, rules=self.rules) if y is not None else None
        self.model.set_overview(ov)
        self.export_button.setEnabled(ov is not None and bool(ov.rows))
        self.bulletin_button.setEnabled(ov is not None and bool(ov.rows) and self._bulletin is not None)
        self._show_roster()
        self.merge_button.setEnabled(False)
        self.by_body.set_bars(self.model.body_series())
        self.by_rule.set_bars(self.model.rule_series())
        if ov is None:
            self.summary.setText("审校台账中还没有检查过的报告。")
            return
        self.summary.setText(ov.summary())
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def ask_roster(self) -> None:
        from .file_dialog import ask_open_files
        paths = ask_open_files(self, "导入单位名单", "", "单位名单 (*.xlsx *.xls *.et *.csv *.txt)")
        if paths:
            self.import_roster(paths[0])

    def import_roster(self, path: str) -> str:
        """Make the list in `path` the archive's roster, refresh, and say what was done (also returned)."""
        from review.roster import RosterError, import_roster_file
        try:
            done = import_roster_file(self.archive, path)
        except RosterError as e:
            QMessageBox.warning(self, "导入单位名单", str(e))
            return str(e)
        merged = f"其中 {done.merged} 个单位原以简称记录，已合并。" if done.merged else ""
        text = f"已导入 {len(done.entries)} 个单位。{merged}" + "".join(n for n in done.notes)
        self.refresh()
        self.roster_label.setText(f"{self.roster_label.text()}　{text}")
        return text

    def _show_roster(self) -> None:
        roster, source = self.archive.roster(), self.archive.roster_source()
        if not roster or source is None:
            self.roster_label.setText("未导入单位名单：未报送按上年度报送的单位统计。")
            return
        self.roster_label.setText(f"单位名单：{len(roster)} 个单位（{source[0]}，{source[1].replace('T', ' ')[:16]} 导入）")
