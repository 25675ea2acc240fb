"""右键 → 更正单位名称: the archive keeps the corrected name of a body and the name read wrongly as
its alias; the list, the checks and every later export (checklist, overview, notices) use it."""
from __future__ import annotations

from docx import Document

from archive import Archive
from archive.overview import overview
from desktop import body_name
from desktop.appdata import archive_path
from export.checklist import build_workbook
from tests.desktop.gui import WAIT_MS, data, drop_and_wait, make_window
from tests.support.desk import WRONG_TOTAL, write_report

WRONG = "请与淮安市人民政府办公室"   # a clause of the contact line read as the body
RIGHT = "淮安市人民政府办公室"


def test_the_archive_keeps_a_corrected_name_and_the_wrong_one_as_its_alias(tmp_path) -> None:
    with Archive(tmp_path / "a.sqlite3") as a:
        v = a.record(sha256="x", file="a.docx", unit=WRONG, year=2024, format="docx", cells={}, sentences=[], findings=[])
        assert a.corrected_name(WRONG) is None  # nothing corrected yet
        assert a.rename_body(v.body_id, RIGHT) == v.body_id
        assert a.corrected_name(WRONG) == RIGHT and a.corrected_name(RIGHT) is None
        assert a.find_body(WRONG) == a.find_body(RIGHT) == v.body_id
        assert a.body_name(v.body_id) == RIGHT and a.version(v.id).body == RIGHT
        other = a.record(sha256="y", file="b.docx", unit="东山镇人民政府", year=2024, format="docx", cells={},
                         sentences=[], findings=[])
        assert a.rename_body(other.body_id, RIGHT) == v.body_id  # the name of a known body: the two are one
        assert a.corrected_name("东山镇人民政府") == RIGHT and len(a.bodies()) == 1


def test_a_corrected_name_is_used_by_the_list_and_every_later_export(qtbot, appdata, tmp_path) -> None:
    report = write_report(tmp_path / "办公室2024.txt", WRONG, rows=WRONG_TOTAL)
    w = make_window(qtbot, appdata)
    drop_and_wait(qtbot, w, [report])
    qtbot.waitUntil(lambda: w.current_entry() is not None and w.current_entry().version is not None, timeout=WAIT_MS)
    e = w.current_entry()
    assert e.result.report.unit == WRONG
    w.files.reports_menu(w.report_view.visualRect(w.reports.index(0, 0)).center())  # right-click on the report
    action = next(a for a in w.files.last_menu.actions() if a.text() == "更正单位名称…")
    assert action.isEnabled()
    w.files.last_menu.close()
    assert body_name.rename(w, e, f"  {RIGHT} ")
    qtbot.waitUntil(lambda: w.current_entry().version.body == RIGHT, timeout=WAIT_MS)  # archived again under it
    assert data(w.reports.index(0, 0)).startswith(RIGHT)
    w.close()

    later = make_window(qtbot, appdata)  # another day: the file read again, the wrong name read again
    drop_and_wait(qtbot, later, [report])
    qtbot.waitUntil(lambda: later.current_entry() is not None and later.current_entry().version is not None,
                    timeout=WAIT_MS)
    e = later.current_entry()
    assert e.result.report.unit == RIGHT and data(later.reports.index(0, 0)).startswith(RIGHT)
    wb = build_workbook([e.result])
    cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert any(RIGHT in c for c in cells) and not any(WRONG in c for c in cells)
    with Archive(archive_path(appdata)) as a:
        assert [r.body for r in overview(a, 2024).rows] == [RIGHT]
    with qtbot.waitSignal(later.runner.written, timeout=WAIT_MS) as done:
        later.exports.write_notices(str(tmp_path / "通知"))
    assert [p.name for p in done.args[0].notices] == [f"整改通知_{RIGHT}_2024.docx"]
    text = "\n".join(p.text for p in Document(str(done.args[0].notices[0])).paragraphs)
    assert f"{RIGHT}：" in text and WRONG not in text  # the notice's address
    later.close()


def test_the_command_line_with_the_archive_reads_the_corrected_name(tmp_path) -> None:
    from pipeline import check_file
    from review.rounds import check_with_archive, with_corrected_name
    report = write_report(tmp_path / "办公室2024.txt", WRONG, rows=WRONG_TOTAL)
    with Archive(tmp_path / "a.sqlite3") as a:
        first = check_file(str(report))
        [v] = check_with_archive([first], a)
        a.rename_body(v.body_id, RIGHT)
        again = check_file(str(report))
        assert again.report.unit == WRONG and with_corrected_name(a, again).report.unit == RIGHT
        results = [again]
        [v2] = check_with_archive(results, a)
        assert results[0].report.unit == RIGHT and again.report.unit == WRONG  # what was read is kept
        assert v2.body == RIGHT and v2.id == v.id
