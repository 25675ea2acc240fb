"""The Qt models over one checked report: Qt's model tester, and the roles the views read."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from checks.finding import SUSPECTS_LEAD
from model.marks import Mark
from model.rounds import RoundState
from pipeline import check_file
from review.session import EntryList
from tests.support.corpus import corpus_file
from ui.common import Role, item_data, rule_title, severity_brush
from ui.findings_model import MARK_COLUMN, ROUND_COLUMN, FindingsModel
from ui.report_list_model import ReportListModel
from ui.table_model import TABLES, ReportTableModel


def data(index, role: int = Qt.ItemDataRole.DisplayRole):
    """What the views see (read through the model: see ui.common.item_data)."""
    return item_data(index, role)


pytestmark = pytest.mark.usefixtures("qapp")  # icons are pixmaps: they need the application


@pytest.fixture(scope="module")
def baima():
    return check_file(corpus_file("v10_baima_zhen.docx"))


@pytest.fixture(scope="module")
def qinghe():
    return check_file(corpus_file("v01_qinghe_scjgj.docx"))


@pytest.fixture(scope="module")
def shiqiao():
    return check_file(corpus_file("v05_shiqiao_xiang.docx"))


@pytest.mark.parametrize("table", TABLES)
def test_table_models_pass_qt_model_tester(qtmodeltester, shiqiao, table) -> None:
    model = ReportTableModel(table)
    model.set_report(shiqiao.report, shiqiao.findings, {})
    qtmodeltester.check(model)
    empty = ReportTableModel(table)
    empty.set_report(None, [], {})  # an unreadable file: blank tables
    qtmodeltester.check(empty)


def test_findings_and_report_list_pass_qt_model_tester(qtmodeltester, shiqiao, baima) -> None:
    findings = FindingsModel()
    findings.set_findings(shiqiao.findings, {})
    qtmodeltester.check(findings)
    reports = ReportListModel(EntryList())
    reports.add_pending("/tmp/a.docx")
    reports.set_result(baima.path, baima, "0" * 64, {})
    qtmodeltester.check(reports)


def test_the_wrong_cell_is_coloured_with_a_shaped_marker_and_a_tooltip(baima) -> None:
    model = ReportTableModel("t3")
    model.set_report(baima.report, baima.findings, {})
    idx = model.index_of_key("t3.total.total")
    assert idx.isValid()
    assert data(idx, Role.SEVERITY) == "error"
    assert data(idx, Role.PRIMARY) is True
    assert data(idx, Qt.ItemDataRole.DisplayRole) == "32"
    assert data(idx, Qt.ItemDataRole.DecorationRole) is not None  # the marker, not colour alone
    assert data(idx, Qt.ItemDataRole.BackgroundRole).color() == severity_brush("error").color()
    tip = data(idx, Qt.ItemDataRole.ToolTipRole)
    assert "应改为：表三·“（七）总计”行·“总计”列 23" in tip and "依据：" in tip
    assert [f.rule for f in data(idx, Role.FINDINGS)] == ["T3-RESULT-TOTAL"]
    # a cell of the broken relations that is right: linked to the finding, but neither tinted nor
    # marked (only the cell to change is); an untouched cell: nothing
    other = model.index_of_key("t3.granted.total")
    assert data(other, Role.SEVERITY) is None and data(other, Role.PRIMARY) is False
    assert data(other, Qt.ItemDataRole.DecorationRole) is None
    assert [f.rule for f in data(other, Role.FINDINGS)] == ["T3-RESULT-TOTAL"]
    clean = model.index_of_key("t3.new.natural")
    assert data(clean, Role.SEVERITY) is None and data(clean, Qt.ItemDataRole.BackgroundRole) is None


def test_suspects_are_all_marked_and_the_innocent_total_is_not(qinghe) -> None:
    model = ReportTableModel("t3")
    model.set_report(qinghe.report, qinghe.findings, {})
    [f] = [f for f in qinghe.findings if f.rule == "T3-BALANCE"]
    assert f.suspects and f.fix is None
    for key in f.suspects:
        idx = model.index_of_key(key)
        assert data(idx, Role.SEVERITY) == "error" and data(idx, Role.PRIMARY) is True
        assert data(idx, Qt.ItemDataRole.DecorationRole) is not None
        assert SUSPECTS_LEAD in data(idx, Qt.ItemDataRole.ToolTipRole)
    total = model.index_of_key("t3.total.natural")  # equals its result rows: never a suspect
    assert "t3.total.natural" not in f.suspects
    assert data(total, Role.SEVERITY) is None and data(total, Qt.ItemDataRole.DecorationRole) is None


def test_official_labels_and_every_cell_has_a_place() -> None:
    t3 = ReportTableModel("t3")
    labels = [data(t3.index(r, 0)) for r in range(t3.rowCount())]
    assert "　（三）不予公开" in labels and "　　1.属于国家秘密" in labels
    assert t3.headerData(1, Qt.Orientation.Horizontal) == "自然人"
    assert "法律服务机构" in t3.headerData(5, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    t2 = ReportTableModel("t2")
    assert data(t2.index(0, 0)) == "第二十条第（一）项" and data(t2.index(0, 1)) == "本年制发件数"
    from model.standard import all_keys
    placed = sum(1 for k in all_keys() if any(ReportTableModel(t).has_key(k) for t in TABLES))
    assert placed == len(all_keys()) == 200


def test_a_dismissed_finding_no_longer_colours_its_cell(shiqiao) -> None:
    f = next(f for f in shiqiao.findings if f.cells == ["t3.denied.secret.natural"])
    model = ReportTableModel("t3")
    model.set_report(shiqiao.report, shiqiao.findings, {})
    idx = model.index_of_key("t3.denied.secret.natural")
    assert data(idx, Role.SEVERITY) == "error"
    model.set_marks({f.fingerprint: Mark("dismissed", "经核实确为 0")})
    assert data(idx, Role.SEVERITY) is None
    assert "已忽略：经核实确为 0" in data(idx, Qt.ItemDataRole.ToolTipRole)


def test_findings_tree_groups_by_severity_then_rule_with_counts(shiqiao) -> None:
    model = FindingsModel()
    model.set_findings(shiqiao.findings, {})
    tops = [data(model.index(r, 0)) for r in range(model.rowCount())]
    n_err = shiqiao.count("error")
    assert tops[0] == f"错误（{n_err}）"
    err = model.index(0, 0)
    rules = [data(model.index(r, 0, err)) for r in range(model.rowCount(err))]
    assert any(r.startswith(f"{rule_title('CELL-VALUE')}（") for r in rules)
    leaf = model.index(0, 0, model.index(0, 0, err))
    f = data(leaf, Role.FINDING)
    assert f is not None and model.index_of(f.fingerprint) == leaf
    model.set_marks({f.fingerprint: Mark("confirmed")})
    assert data(model.index(0, MARK_COLUMN, model.index(0, 0, err))) == "已核实"
    assert "已核实 1" in data(model.index(0, MARK_COLUMN))
    assert data(model.index(0, ROUND_COLUMN, model.index(0, 0, err))) == ""  # a first round: no round tag


def test_report_list_shows_unit_year_format_counts_and_an_unreadable_message(baima) -> None:
    bad = check_file(corpus_file("u02_scanned.pdf"))
    model = ReportListModel(EntryList())
    model.set_result(baima.path, baima, "a" * 64, {})
    model.set_result(bad.path, bad, "b" * 64, {})
    title = data(model.index(0, 0))
    assert title.startswith("白马镇人民政府\n2024年 · DOCX · v10_baima_zhen.docx")
    assert [data(model.index(0, c)) for c in (1, 2, 3)] == [str(baima.count(s)) for s in ("error", "warning", "info")]
    assert data(model.index(0, 0), Role.STATUS) == "error"
    assert data(model.index(1, 0), Role.STATUS) == "unreadable"
    assert "扫描件" in data(model.index(1, 0))
    assert data(model.index(1, 0), Qt.ItemDataRole.DecorationRole) is not None
    # the list draws the file name on a line of its own (seen whole), the tooltip gives its path
    assert model.lines(0) == ("白马镇人民政府", "2024年 · DOCX", "v10_baima_zhen.docx")
    assert data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole).startswith(baima.path)
    assert model.lines(1)[0] == "u02_scanned.pdf" and model.lines(1)[2] == ""


def test_many_repaints_and_signals_do_not_exhaust_none(tmp_path) -> None:
    """PySide6 6.12.0 on Python < 3.12 drops a reference to None / True / False per delegate paint
    and per signal, and the interpreter aborts within a few dozen repaints (pyproject pins < 6.12).
    This guards the pinned Qt binding against that fault coming back."""
    import os
    import subprocess
    import sys
    code = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication
app = QApplication([])
from pipeline import check_file
from ui.tables_panel import TablesPanel
r = check_file(sys.argv[1])
panel = TablesPanel(); panel.set_report(r.report, r.findings, {}); panel.resize(700, 900); panel.show()
for _ in range(300):
    panel.views["t3"].viewport().repaint()
class O(QObject):
    sig = Signal(object)
o = O(); o.sig.connect(lambda v: None)
for _ in range(5000):
    o.sig.emit(None)
print("ok")
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    p = subprocess.run([sys.executable, "-c", code, str(corpus_file("v10_baima_zhen.docx"))], env=env,
                       capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert p.returncode == 0 and "ok" in p.stdout, p.stderr[-2000:]


def test_findings_tree_tags_a_later_round_and_lists_the_corrected_findings(shiqiao) -> None:
    model = FindingsModel()
    first, *rest = shiqiao.findings
    rounds = {first.fingerprint: RoundState.OPEN}  # the others are new (not in the round before)
    gone = {"rule": "T3-BALANCE", "message": "表三收支不平衡", "cells": ["t3.total.total"]}
    model.set_findings(shiqiao.findings, {}, rounds, [gone])
    tag = {f.fingerprint: data(model.index_of(f.fingerprint).siblingAtColumn(ROUND_COLUMN)) for f in shiqiao.findings}
    assert tag[first.fingerprint] == "未整改" and rest and all(tag[f.fingerprint] == "新问题" for f in rest)
    assert "轮次：未整改" in data(model.index_of(first.fingerprint), Qt.ItemDataRole.ToolTipRole)
    last = model.index(model.rowCount() - 1, 0)
    assert data(last) == "上一轮已整改（1）" and model.finding(last) is None
    row = model.index(0, 0, last)
    assert (data(row), data(row.siblingAtColumn(ROUND_COLUMN)), model.finding(row)) == ("表三收支不平衡", "已整改", None)
    assert model.count() == len(shiqiao.findings) and model.all_findings() == list(shiqiao.findings)
