"""What the models and views share: custom roles, severity colours and shaped icons; the marks
(pipeline.marks) as the models read them."""
from __future__ import annotations

from enum import IntEnum
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from checks import SEVERITIES, SEVERITY_NAMES
from checks.finding import Finding
from pipeline.marks import Mark

# The box drawn around a place in the original, in every source view (PDF, text, sheet).
BOX_PEN = QPen(QColor("#d93025"), 2.5)
BOX_FILL = QColor(217, 48, 37, 40)
HIGHLIGHT = QColor(255, 214, 102, 150)


class Role(IntEnum):
    """Custom item data roles, shared by every model here."""

    FINDINGS = Qt.ItemDataRole.UserRole + 1   # list[Finding] naming this cell (dismissed included)
    SEVERITY = Qt.ItemDataRole.UserRole + 2   # worst severity of the active findings, or None
    KEY = Qt.ItemDataRole.UserRole + 3        # cell key, e.g. 't3.total.total'
    PRIMARY = Qt.ItemDataRole.UserRole + 4    # the cell is the one to fix first of some finding
    FINDING = Qt.ItemDataRole.UserRole + 5    # the Finding of a findings-tree row
    MARK = Qt.ItemDataRole.UserRole + 6       # Mark of a finding, or None
    STATUS = Qt.ItemDataRole.UserRole + 7     # report status: pending/unreadable/error/warning/info/clean
    ENTRY = Qt.ItemDataRole.UserRole + 8      # the report-list entry
    LOCATION = Qt.ItemDataRole.UserRole + 9   # Location of a cell in the source


def item_data(index, role: int):
    """index.model().data(index, role), for use from Python. Do not call QModelIndex.data() from
    Python where the answer may be None: PySide6 6.12 on Python 3.11 then drops a reference to
    None each time (a delegate doing so on every paint ends in "deallocating None")."""
    return index.model().data(index, role) if index.isValid() else None


SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}

# Strong tint for the cell to fix, light tint for the other cells the rule involves, and a
# border colour dark enough to read on both.
_PALETTE = {
    "error": ("#f6b8b1", "#fde4e1", "#b3261e"),
    "warning": ("#ffd97a", "#fff3cf", "#9a5b00"),
    "info": ("#bcd6fb", "#e7f0fd", "#1c4fa0"),
}


def worst(severities) -> str | None:
    """The most severe of the given severities, or None for none."""
    best: str | None = None
    for s in severities:
        if best is None or SEVERITY_ORDER[s] < SEVERITY_ORDER[best]:
            best = s
    return best


def severity_brush(severity: str, primary: bool = True) -> QBrush:
    strong, light, _ = _PALETTE[severity]
    return QBrush(QColor(strong if primary else light))


def severity_color(severity: str) -> QColor:
    return QColor(_PALETTE[severity][2])




# Short Chinese names of the rules of resources/format/rules.md, for group headings.
RULE_TITLES = {
    "T3-BALANCE": "表三新收结转与办理结果不平衡",
    "T3-RESULT-TOTAL": "表三办理结果合计不符",
    "T3-ROW-TOTAL": "表三申请人合计不符",
    "T4-TOTAL": "表四合计不符",
    "CELL-VALUE": "单元格填写不规范",
    "SECTION-MISSING": "缺少部分",
    "SECTION-TITLE": "部分标题不规范",
    "OVERVIEW-PARTS": "总体情况内容不全",
    "TABLE-MISSING": "缺少表格",
    "TABLE-SHAPE": "表格行列不全",
    "LABEL-DEVIATION": "行列名称与标准不一致",
    "OUTDATED-FORMAT": "沿用旧版格式",
    "BASIS-OUTDATED": "引用已废止的通知",
    "ENUMERATION": "序号不连续",
    "TEXT-TABLE-MISMATCH": "正文与表格不一致",
    "TEXT-SUM": "正文分项之和不符",
    "TEXT-PERCENT": "正文百分比不符",
    "IN-FORCE-LOW": "现行有效件数偏少",
    "REGULATIONS-LEVEL": "无规章制定权却填报规章",
    "YEAR-MISMATCH": "年份不符",
    "DATE-MALFORMED": "日期或统计期间不规范",
    "UNIT-MISMATCH": "单位名称不符",
    "PUBLISH-LATE": "发布晚于期限",
    "FEE-STATEMENT-MISSING": "未说明收费情况",
    "PRIOR-YEAR-REVIEW-MISSING": "未说明上年问题整改",
    "GOV-EVALUATION-MISSING": "未说明考核评议追究",
    "VAGUE-NUMBER": "数字不确切",
    "PREV-YEAR-CARRY": "与上年结转数不衔接",
    "PREV-YEAR-IN-FORCE": "与上年现行有效件数不衔接",
    "COPIED-TEXT": "正文疑似照抄",
}


def rule_title(rule: str) -> str:
    return RULE_TITLES.get(rule, rule)


def severity_name(severity: str) -> str:
    return SEVERITY_NAMES.get(severity, severity)


def format_number(v: int | float | None) -> str:
    if v is None:
        return "—"
    if isinstance(v, float) and not v.is_integer():
        return f"{v:g}"
    return str(int(v))


def finding_tooltip(f: Finding, mark: Mark | None = None) -> str:
    lines = [f"【{severity_name(f.severity)}】{f.message}"]
    if f.expected is not None:
        lines.append(f"应为：{format_number(f.expected)}" + (f"　实际：{format_number(f.actual)}" if f.actual is not None else ""))
    if mark is not None:
        lines.append(f"（{mark.label()}）")
    return "\n".join(lines)


# ---- icons: each severity has its own shape, so the marker does not rely on colour alone ----

STATUS_NAMES = {
    "pending": "正在读取…",
    "unreadable": "无法读取",
    "error": "有错误",
    "warning": "有警告",
    "info": "有提示",
    "clean": "未发现问题",
}


@cache
def icon(kind: str, size: int = 16) -> QIcon:
    """Shaped icons drawn in code: error = red disc with ×, warning = amber triangle with !,
    info = blue disc with i, clean = green disc with ✓, unreadable = grey square with ×,
    pending = grey ring, dismissed = grey disc with −."""
    ic = QIcon()
    for scale in (1, 2):
        ic.addPixmap(_draw(kind, size, scale))
    return ic


def _draw(kind: str, size: int, scale: int) -> QPixmap:
    pm = QPixmap(size * scale, size * scale)
    pm.setDevicePixelRatio(scale)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    r = QRectF(1, 1, s - 2, s - 2)
    white = QPen(QColor("white"), max(1.6, s / 9), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    colours = {"error": "#c5221f", "warning": "#e8a100", "info": "#1a63c7", "clean": "#1e8e3e",
               "unreadable": "#6b6b6b", "pending": "#8a8a8a", "dismissed": "#80868b"}
    col = QColor(colours.get(kind, "#8a8a8a"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(col)
    if kind == "warning":
        tri = QPolygonF([QPointF(s / 2, 1), QPointF(s - 1, s - 1.5), QPointF(1, s - 1.5)])
        p.drawPolygon(tri)
        p.setPen(QPen(QColor("#3a2a00"), max(1.6, s / 9), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(QPointF(s / 2, s * 0.38), QPointF(s / 2, s * 0.66))
        p.drawPoint(QPointF(s / 2, s * 0.80))
    elif kind == "unreadable":
        p.drawRoundedRect(r, 2, 2)
        p.setPen(white)
        p.drawLine(QPointF(s * 0.32, s * 0.32), QPointF(s * 0.68, s * 0.68))
        p.drawLine(QPointF(s * 0.68, s * 0.32), QPointF(s * 0.32, s * 0.68))
    elif kind == "pending":
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(col, max(1.5, s / 8)))
        p.drawEllipse(r.adjusted(1, 1, -1, -1))
        path = QPainterPath()
        path.moveTo(s / 2, s / 2)
        path.lineTo(s / 2, s * 0.25)
        path.moveTo(s / 2, s / 2)
        path.lineTo(s * 0.70, s / 2)
        p.drawPath(path)
    else:
        p.drawEllipse(r)
        p.setPen(white)
        if kind == "error":
            p.drawLine(QPointF(s * 0.33, s * 0.33), QPointF(s * 0.67, s * 0.67))
            p.drawLine(QPointF(s * 0.67, s * 0.33), QPointF(s * 0.33, s * 0.67))
        elif kind == "info":
            p.drawLine(QPointF(s / 2, s * 0.45), QPointF(s / 2, s * 0.74))
            p.drawPoint(QPointF(s / 2, s * 0.28))
        elif kind == "dismissed":
            p.drawLine(QPointF(s * 0.30, s / 2), QPointF(s * 0.70, s / 2))
        elif kind == "clean":
            p.drawPolyline(QPolygonF([QPointF(s * 0.28, s * 0.52), QPointF(s * 0.44, s * 0.68), QPointF(s * 0.72, s * 0.34)]))
    p.end()
    return pm

