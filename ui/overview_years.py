"""A body's two years side by side: the standard cells of both years (changes highlighted, the
上年结转 relation first) and both narratives with the passages they share word for word marked."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from archive.compare import CellChange, YearPair

CHANGED = "#c6dafc"   # a cell whose value changed (blue: not the yellow of what stayed the same)
BROKEN = "#f4c7c3"    # 上年结转 that does not match last year's 结转下年度
SHARED = "#fde293"    # a passage both years share word for word


def legend() -> str:
    """What each colour means, shown above the table and the texts."""
    def swatch(colour: str, text: str) -> str:
        return f'<span style="background-color:{colour}">&nbsp;&nbsp;&nbsp;&nbsp;</span>&nbsp;{text}'
    return "　　".join((swatch(CHANGED, "数值有变化"), swatch(BROKEN, "与上年“结转下年度”不衔接"),
                       swatch(SHARED, "正文与上年逐字相同")))


def marked_html(text: str, spans: list[tuple[int, int]]) -> str:
    """The text as HTML with the spans on a yellow ground (the shared passages)."""
    out, at = [], 0
    for a, b in sorted(spans):
        out.append(html.escape(text[at:a]))
        out.append(f'<span style="background-color:{SHARED}">{html.escape(text[a:b])}</span>')
        at = b
    out.append(html.escape(text[at:]))
    return "<div style='line-height:150%'>" + "".join(out).replace("\n", "<br>") + "</div>"


def _fmt(v: object) -> str:
    if v is None:
        return "—"
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


class YearsDialog(QDialog):
    def __init__(self, pair: YearPair, before: str, now: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("与上年对比")
        self.pair = pair
        self.only_changed = QCheckBox("只看有变化的单元格")
        self.only_changed.setChecked(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["单元格", "上年", "本年"])
        for col, tip in ((1, before), (2, now)):
            if (head := self.table.horizontalHeaderItem(col)) is not None:
                head.setToolTip(tip)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.text_before, self.text_now = QTextBrowser(), QTextBrowser()
        self.text_before.setHtml(marked_html(pair.before, pair.shared_before))
        self.text_now.setHtml(marked_html(pair.now, pair.shared_now))
        texts = QSplitter(Qt.Orientation.Horizontal)
        for title, view in ((before, self.text_before), (now, self.text_now)):
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(QLabel(f"<b>{html.escape(title)}</b>"))
            lay.addWidget(view)
            texts.addWidget(box)
        self.summary = QLabel(f"本年正文中 {pair.shared_ratio:.0%} 与上年逐字相同（黄色标出）；"
                              f"表格中 {sum(c.changed for c in pair.cells)} 个单元格数值有变化（蓝色标出）。")
        self.legend = QLabel(legend())
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.only_changed)
        tl.addWidget(self.table)
        split.addWidget(top)
        split.addWidget(texts)
        split.setSizes([300, 420])
        buttons = QDialogButtonBox()
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.legend)
        lay.addWidget(split, 1)
        lay.addWidget(buttons)
        self.only_changed.toggled.connect(self.fill)
        self.resize(1100, 760)
        self.fill()

    def rows(self) -> list[tuple[CellChange, str | None]]:
        """(cell, colour) as listed: the 上年结转 relation first, then the cells (changed only, if so chosen)."""
        out: list[tuple[CellChange, str | None]] = []
        for c in self.pair.carry:
            if (c.before is not None or c.now is not None) and (c.changed or not self.only_changed.isChecked()):
                out.append((CellChange(c.key, f"上年“结转下年度” → 本年{c.label.split('·', 1)[-1]}", c.before, c.now),
                            BROKEN if c.changed else None))
        for c in self.pair.cells:
            if c.changed or not self.only_changed.isChecked():
                out.append((c, CHANGED if c.changed else None))
        return out

    def fill(self, *_args: object) -> None:
        rows = self.rows()
        self.table.setRowCount(len(rows))
        for r, (c, colour) in enumerate(rows):
            for col, text in enumerate((c.label, _fmt(c.before), _fmt(c.now))):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if colour:
                    item.setBackground(QBrush(QColor(colour)))
                self.table.setItem(r, col, item)
