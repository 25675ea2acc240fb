"""The review desk in the window: the archive in the app-data folder, rounds per report, the
report-list filter, 两份同年度报告, bulk marking, 导出整改通知 and the county overview."""
from __future__ import annotations

from docx import Document
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt

from archive import Archive
from archive.overview import FIXED, MISSING, NEEDS_FIX
from checks.settings import RuleSettings
from desktop.appdata import archive_path
from review.settings import Settings
from tests.desktop.gui import WAIT_MS, data, drop_and_wait, make_window
from tests.support.desk import CONSISTENT, WRONG_TOTAL, write_report


def test_a_corrected_version_shows_its_round_and_the_archive_keeps_it(qtbot, appdata, tmp_path) -> None:
    v1 = write_report(tmp_path / "东山镇初稿.txt", "东山镇", rows=WRONG_TOTAL)
    v2 = write_report(tmp_path / "东山镇修改稿.txt", "东山镇", rows=CONSISTENT)
    w = make_window(qtbot, appdata)
    drop_and_wait(qtbot, w, [v1])
    first = w.current_entry()
    assert first.version is not None and first.version.round == 1 and first.round_summary() == ""
    w.close()
    again = make_window(qtbot, appdata)   # another start: only the archive remembers round 1
    drop_and_wait(qtbot, again, [v2])
    e = again.current_entry()
    assert e.version.round == 2 and e.result.previous.file == v1.name
    resolved, still, new = e.round_counts()
    assert resolved >= 1 and new == 0 and still == len(e.active_findings())
    assert f"已整改 {resolved} · 未整改 {still} · 新问题 0" in data(again.reports.index(0, 0))
    tip = data(again.reports.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert f"上一轮（{v1.name}）的问题已整改：表三办理结果合计" in tip
    again.close()
    with Archive(archive_path(appdata)) as a:
        assert [(v.file, v.round) for v in a.versions(2024)] == [(v1.name, 1), (v2.name, 2)]


def test_the_archived_year_before_is_checked_against(qtbot, appdata, tmp_path) -> None:
    y23 = write_report(tmp_path / "2023.txt", "西山镇", 2023, rows={"new": 2, "carry_forward": 2})
    y24 = write_report(tmp_path / "2024.txt", "西山镇", 2024, rows=CONSISTENT)
    w = make_window(qtbot, appdata)
    drop_and_wait(qtbot, w, [y23])
    w.close_all()
    drop_and_wait(qtbot, w, [y24])
    e = w.current_entry()
    carry = [f for f in e.findings if f.rule == "PREV-YEAR-CARRY"]
    assert sorted(c for f in carry for c in f.cells) == ["t3.carried.natural", "t3.carried.total"]
    assert all("审校台账" in f.message and y23.name in f.message for f in carry)


def _archived(qtbot, window) -> None:
    """The checks across reports run in the pool after the reading: wait until each is archived."""
    qtbot.waitUntil(lambda: all(e.version is not None for e in window.session.entries.finished()), timeout=20_000)


def test_filter_search_and_two_reports_of_one_year(qtbot, window, tmp_path) -> None:
    a = write_report(tmp_path / "a.txt", "东山镇", rows=WRONG_TOTAL)
    a2 = write_report(tmp_path / "a2.txt", "东山镇", rows=CONSISTENT)
    b = write_report(tmp_path / "b.txt", "西山镇", rows=CONSISTENT)
    drop_and_wait(qtbot, window, [a, a2, b])
    _archived(qtbot, window)
    rows = {window.reports.entry(r).name: r for r in range(window.reports.rowCount())}
    assert window.reports.entry(rows["a.txt"]).duplicate and not window.reports.entry(rows["b.txt"]).duplicate
    assert "两份同年度报告" in data(window.reports.index(rows["a2.txt"], 0))
    bar = window.report_filter
    bar.search.setText("西山")
    assert bar.visible_rows() == [rows["b.txt"]]
    bar.search.setText("")
    bar.set_filter("rule:T3-RESULT-TOTAL")
    assert bar.visible_rows() == [rows["a.txt"]]
    bar.set_filter("duplicate")
    assert bar.visible_rows() == sorted([rows["a.txt"], rows["a2.txt"]])
    bar.set_filter("all")
    assert len(bar.visible_rows()) == 3


def test_bulk_marking_a_group_then_the_next_unmarked_is_current(qtbot, window, tmp_path) -> None:
    drop_and_wait(qtbot, window, [write_report(tmp_path / "a.txt", "东山镇", rows=WRONG_TOTAL)])
    e = window.current_entry()
    model, view = window.findings, window.findings_view
    warning_group = next(model.index(r, 0) for r in range(model.rowCount()) if not model.finding(model.index(r, 0))
                         and all(f.severity == "warning" for f in _children(model, model.index(r, 0))))
    warnings = _children(model, warning_group)
    assert len(warnings) >= 2
    view.selectionModel().select(warning_group, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                 | QItemSelectionModel.SelectionFlag.Rows)
    window.marking.mark_current("dismissed", "本单位无此项工作")
    assert all(e.marks[f.fingerprint].reason == "本单位无此项工作" for f in warnings)
    assert e.count("warning") == 0
    cur = window.current_finding()
    assert cur is not None and cur.fingerprint not in e.marks
    with Archive(archive_path(window.appdata)) as a:
        assert {fp for fp, m in a.marks(e.version.id).items() if m.state == "dismissed"} == {f.fingerprint for f in warnings}


def _children(model, idx: QModelIndex) -> list:
    out = []
    for r in range(model.rowCount(idx)):
        child = model.index(r, 0, idx)
        f = model.finding(child)
        out.extend([f] if f is not None else _children(model, child))
    return out


def test_notices_from_the_window_one_per_body(qtbot, window, tmp_path) -> None:
    files = [write_report(tmp_path / f"{b}.txt", b, rows=WRONG_TOTAL) for b in ("东山镇", "西山镇")]
    drop_and_wait(qtbot, window, files)
    _archived(qtbot, window)
    with qtbot.waitSignal(window.runner.written, timeout=WAIT_MS) as done:  # written by a worker
        window.exports.write_notices(str(tmp_path / "通知"))
    written = done.args[0].notices
    assert sorted(p.name for p in written) == ["整改通知_东山镇人民政府_2024.docx", "整改通知_西山镇人民政府_2024.docx"]
    for p in written:
        doc = Document(str(p))
        text = "\n".join(x.text for x in doc.paragraphs)
        mine, other = ("东山镇", "西山镇") if "东山镇" in p.name else ("西山镇", "东山镇")
        assert f"{mine}人民政府：" in text and other not in text + str([c.text for t in doc.tables for r in t.rows for c in r.cells])
        assert any(r.cells[2].text.startswith("表三办理结果合计") for r in doc.tables[0].rows[1:])
    with Archive(archive_path(window.appdata)) as a:
        assert len(a.notices(2024)) == 2


def test_the_county_overview(qtbot, window, tmp_path) -> None:
    # the sample's warnings
    quiet = Settings(rules=RuleSettings(disabled_rules=["OVERVIEW-PARTS", "PRIOR-YEAR-REVIEW-MISSING", "COPIED-TEXT"]))
    window.session.settings = window.runner.settings = quiet
    with Archive(archive_path(window.appdata)) as a:
        a.record(sha256="old", file="南山镇2023.txt", unit="南山镇人民政府", year=2023, format="txt", cells={},
                 sentences=[], findings=[])
    a1 = write_report(tmp_path / "a.txt", "东山镇", rows=WRONG_TOTAL)
    drop_and_wait(qtbot, window, [a1])
    drop_and_wait(qtbot, window, [write_report(tmp_path / "b1.txt", "西山镇", rows=WRONG_TOTAL)])
    drop_and_wait(qtbot, window, [write_report(tmp_path / "b2.txt", "西山镇", rows=CONSISTENT)])
    _archived(qtbot, window)
    window.exports.show_overview()
    dlg = window.exports.overview_dialog
    qtbot.waitExposed(dlg)
    m = dlg.model
    status = {m.cell(r, 0): m.cell(r, 1) for r in range(m.rowCount())}
    assert status == {"东山镇人民政府": NEEDS_FIX, "南山镇人民政府": MISSING, "西山镇人民政府": FIXED}
    assert dlg.by_body.bars and dlg.by_body.bars[0][0] == "东山镇人民政府"
    assert any(label == "表三办理结果合计" for label, _ in dlg.by_rule.bars)
    assert "需整改 1" in dlg.summary.text()
    dlg.close()


def test_a_broken_archive_leaves_the_window_working(qtbot, appdata, tmp_path) -> None:
    archive_path(appdata).write_bytes(b"not a database" * 200)
    w = make_window(qtbot, appdata)
    assert w.session.archive is None and w.session.archive_error
    drop_and_wait(qtbot, w, [write_report(tmp_path / "a.txt", "东山镇", rows=WRONG_TOTAL)])
    assert w.current_entry().findings and w.current_entry().version is None


def test_two_years_side_by_side(qtbot, appdata, tmp_path) -> None:
    y23 = write_report(tmp_path / "2023.txt", "西山镇", 2023, rows={"new": 2, "carry_forward": 2})
    y24 = write_report(tmp_path / "2024.txt", "西山镇", 2024, rows=CONSISTENT)
    w = make_window(qtbot, appdata)
    drop_and_wait(qtbot, w, [y23])
    w.close_all()
    drop_and_wait(qtbot, w, [y24])
    w.commands.years.trigger()
    dlg = w.exports.years_dialog
    rows = [(dlg.table.item(r, 0).text(), dlg.table.item(r, 1).text(), dlg.table.item(r, 2).text())
            for r in range(dlg.table.rowCount())]
    carry = [r for r in rows if r[0].startswith("上年“结转下年度”")]
    assert ("自然人" in carry[0][0], carry[0][1:]) == (True, ("2", "0"))
    assert dlg.table.item(0, 1).background().color().name() == "#f4c7c3"
    assert any("本年新收" in r[0] and r[1:] == ("2", "3") for r in rows)
    changed = next(r for r, row in enumerate(rows) if "本年新收" in row[0])
    from ui.overview_years import CHANGED, SHARED
    assert dlg.table.item(changed, 1).background().color().name() == CHANGED != SHARED  # two colours
    assert CHANGED in dlg.legend.text() and SHARED in dlg.legend.text() and "逐字相同" in dlg.legend.text()
    assert "审校台账" in dlg.table.horizontalHeaderItem(1).toolTip()
    assert dlg.pair.shared_ratio > 0.9 and "background-color" in dlg.text_now.toHtml().lower()
    dlg.only_changed.setChecked(False)
    assert dlg.table.rowCount() > len(rows)
    dlg.close()


def test_two_windows_on_one_archive(qtbot, appdata, tmp_path) -> None:
    one, two = make_window(qtbot, appdata), make_window(qtbot, appdata)
    drop_and_wait(qtbot, one, [write_report(tmp_path / "a.txt", "东山镇", rows=WRONG_TOTAL)])
    drop_and_wait(qtbot, two, [write_report(tmp_path / "b.txt", "西山镇", rows=WRONG_TOTAL)])
    e1 = one.current_entry()
    f = e1.findings[0]
    one.session.mark_many(e1, [f.fingerprint], "confirmed")
    with Archive(archive_path(appdata)) as a:
        assert {v.file for v in a.versions(2024)} == {"a.txt", "b.txt"}
        assert a.marks(e1.version.id)[f.fingerprint].state == "confirmed"
    two.session.archive.set_mark(e1.version.id, f.fingerprint, "dismissed", "第二个窗口")
    assert one.session.archive.marks(e1.version.id)[f.fingerprint].reason == "第二个窗口"


def test_the_report_list_sorts_by_a_click_and_keeps_the_current_report(qtbot, window, tmp_path) -> None:
    files = [write_report(tmp_path / "a.txt", "西山镇", rows=CONSISTENT),
             write_report(tmp_path / "b.txt", "东山镇", rows=WRONG_TOTAL),
             write_report(tmp_path / "c.txt", "南山镇", rows={"new": 4, "granted": 4, "total": 5, "carried": 1})]
    drop_and_wait(qtbot, window, files)
    _archived(qtbot, window)
    window.sync.select_row(window.reports.row_of(str(files[0])))
    shown = window.current_entry()
    view = window.report_view
    view._sort_by(1)   # 错误: most first
    names = [window.reports.entry(r).name for r in range(3)]
    counts = [window.reports.entry(r).count("error") for r in range(3)]
    assert counts == sorted(counts, reverse=True) and names[-1] == "a.txt"
    assert window.current_entry() is shown and view.currentIndex().row() == names.index("a.txt")
    view._sort_by(0)
    units = [window.reports.entry(r).result.report.unit for r in range(3)]
    assert units == sorted(units)


def test_a_group_row_selected_enables_marking_and_ctrl1_marks_its_findings(qtbot, window, tmp_path) -> None:
    drop_and_wait(qtbot, window, [write_report(tmp_path / "a.txt", "东山镇", rows=WRONG_TOTAL)])
    e = window.current_entry()
    model, view = window.findings, window.findings_view
    err = model.index(0, 0)  # 错误（1）
    rule_group = model.index(0, 0, err)  # 表三办理结果合计（1）
    assert model.finding(rule_group) is None and data(rule_group).endswith("（1）")
    view.selectionModel().setCurrentIndex(rule_group, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                          | QItemSelectionModel.SelectionFlag.Rows)
    assert window.commands.confirm.isEnabled()
    inside = _children(model, rule_group)
    window.commands.confirm.trigger()
    assert [e.marks[f.fingerprint].state for f in inside] == ["confirmed"]
    view.selectionModel().clearSelection()
    view.selectionModel().setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
    assert not window.commands.confirm.isEnabled()
