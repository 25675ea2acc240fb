"""The table readers return what they read; read_tables writes it into the Report in table order."""
from __future__ import annotations

from model.report import Report
from model.standard import T3_COLUMNS, all_keys, t3_rows
from recognise.locate import locate_t3
from recognise.table3 import read_t3
from recognise.tables import read_tables
from tests.recognise.build import NARRATIVE, items_of, report_lines, t3_lines


def _read(lines: list[str]) -> tuple[Report, set[int]]:
    report = Report(path="built.txt", format="txt")
    consumed = read_tables(items_of(lines), report)
    return report, consumed


def test_a_standard_report_reads_all_cells_and_no_narrative() -> None:
    lines = report_lines()
    report, consumed = _read(lines)
    assert list(report.cells) == list(all_keys())                    # table order
    assert report.value("t3.new.total") == 1 and report.value("t4.review.total") == 4
    assert report.tables_found == {"t2", "t3", "t4"}
    assert report.shape_issues == [] and report.label_deviations == [] and report.outdated == []
    items = items_of(lines)
    assert not any(items[i].text == NARRATIVE for i in consumed)
    assert {items[i].text for i in consumed} >= {"规章", "1.属于国家秘密", "结果维持"}


def test_the_reader_returns_a_value_and_leaves_the_report_alone() -> None:
    items = items_of(t3_lines(columns=T3_COLUMNS[:-1], twice=["granted"], drop=["other.no_fee"]))
    span = locate_t3(items)
    assert span is not None
    read = read_t3(items, span)
    kinds = [(i.kind, i.row) for i in read.shape]
    assert kinds == [("missing_column", None), ("duplicate_row", "granted"), ("missing_row", "other.no_fee")]
    missing = read.shape[0]
    assert missing.columns == ("total",) and missing.cells == [f"t3.{r.row}.total" for r in t3_rows()]
    assert "t3.new.natural" in {c.key for c in read.cells} and "t3.new.total" not in {c.key for c in read.cells}
    assert read.consumed == range(span.start, span.stop)


def test_short_rows_reworded_labels_and_the_2019_other_row() -> None:
    table = t3_lines(values={"denied.secret": ["0"] * 5})
    table = [ln.replace("1.本机关不掌握相关政府信息", "1.本机关不掌握该政府信息") for ln in table]
    at = next(k for k, ln in enumerate(table) if ln.startswith("（六）其他处理"))
    table = [*table[:at], "（六）其他处理\t0\t0\t0\t0\t0\t0\t0",
             *(ln for ln in table[at:] if not ln.startswith(("（六）", "\t2.申请人逾期", "\t3.其他")))]
    report, _ = _read(report_lines(t3=table))
    short = [i for i in report.shape_issues if i.kind == "short_row"]
    assert [(i.row, i.expected, i.actual) for i in short] == [("denied.secret", 7, 5)]
    assert [(d.row, d.found) for d in report.label_deviations] == [("unable.not_held", "1.本机关不掌握该政府信息")]
    assert [o.table for o in report.outdated] == ["t3"]
    assert not any(i.kind == "missing_row" for i in report.shape_issues)  # the 2019 row stands for its group


def test_table4_missing_values_is_one_fact() -> None:
    report, _ = _read(report_lines(t4=["3", "1", "0"]))
    (issue,) = report.shape_issues
    assert (issue.table, issue.kind, issue.row, issue.expected, issue.actual) == ("t4", "short_row", None, 15, 3)
