"""What the models and views share: custom roles, severity colours and shaped icons; the marks
(model.marks) as the models read them."""
from __future__ import annotations

from enum import IntEnum
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from checks import SEVERITIES, SEVERITY_NAMES
from checks.arithmetic import ARITHMETIC_RULES as RELATION_RULES
from checks.catalogue import rule_info
from checks.finding import SUSPECTS_LEAD, Finding
from checks.verdict import LOOKS
from model.marks import Mark
from model.standard import describe_key

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
_PALETTE = {str(s): (look.strong, look.light, look.text) for s, look in LOOKS.items()}


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




def rule_title(rule: str) -> str:
    """The rule's name as the inspector sees it everywhere (the catalogue's)."""
    return rule_info(rule).name


def severity_name(severity: str) -> str:
    return SEVERITY_NAMES.get(severity, severity)


def format_number(v: int | float | None) -> str:
    if v is None:
        return "—"
    if isinstance(v, float) and not v.is_integer():
        return f"{v:g}"
    return str(int(v))


def correction_lines(f: Finding) -> list[str]:
    """应为 only where the tables determine one correction; otherwise the cells of which one is wrong."""
    if f.fix:
        return [f"应改为：{describe_key(k)} {format_number(v)}" for k, v in f.fix.items()]
    if f.suspects:
        return [SUSPECTS_LEAD + "、".join(describe_key(k) for k in f.suspects)]
    if f.amend == "text" and f.expected is not None:  # the tables are right: the sentence must change
        return [f"正文应改为：{format_number(f.expected)}" + (f"（现为 {format_number(f.actual)}）" if f.actual is not None else "")]
    if f.expected is not None and f.rule not in RELATION_RULES:
        return [f"应为：{format_number(f.expected)}" + (f"　实际：{format_number(f.actual)}" if f.actual is not None else "")]
    return []


def finding_tooltip(f: Finding, mark: Mark | None = None) -> str:
    lines = [f"【{severity_name(f.severity)}】{rule_title(f.rule)}：{f.message}", *correction_lines(f)]
    basis = rule_info(f.rule).basis
    if basis:
        lines.append(f"依据：{basis}")
    if mark is not None:
        lines.append(f"（{mark.label()}）")
    return "\n".join(lines)


def marked_cells(f: Finding) -> list[str]:
    """The cells a finding colours: those to change, else the suspects, else all its cells. An
    innocent total of a broken relation is not coloured (it is still linked to the finding)."""
    return f.cells_to_change or list(f.cells)


# ---- icons: each severity has its own shape, so the marker does not rely on colour alone ----

STATUS_NAMES = {
    "pending": "正在读取…",
    "unreadable": "无法读取",
    "missing": "原文件已删除或移动",
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
    colours = {**{str(s): look.mark for s, look in LOOKS.items()}, "clean": "#1e8e3e",
               "unreadable": "#6b6b6b", "missing": "#6b6b6b", "pending": "#8a8a8a", "dismissed": "#80868b"}
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

