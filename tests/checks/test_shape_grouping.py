"""TABLE-SHAPE and LABEL-DEVIATION word the recogniser's facts: one finding per cause."""
from __future__ import annotations

from checks import RuleSettings
from checks.shape import label_deviation, table_shape
from model.document import Location
from model.report import LabelDeviation, ShapeIssue
from model.standard import T3_COLUMNS, t3_rows
from pipeline import check_file
from tests.support.corpus import corpus_file
from tests.support.reports import clean_report

S = RuleSettings()
DENIED_TO_OTHER = [r.row for r in t3_rows() if r.row.split(".")[0] in ("denied", "unable", "rejected", "other")
                   and "." in r.row]


def _row_cells(row: str) -> list[str]:
    return [f"t3.{row}.{c}" for c in T3_COLUMNS]


def _short(row: str, expected: int = 6, actual: int = 5) -> ShapeIssue:
    return ShapeIssue("t3", "short_row", _row_cells(row), Location(line=len(row)), row=row, expected=expected, actual=actual)


def test_a_missing_column_is_one_finding_naming_all_its_cells() -> None:
    r = clean_report()
    cells = [f"t3.{x.row}.total" for x in t3_rows()]
    r.shape_issues = [ShapeIssue("t3", "missing_column", cells, Location(line=3), columns=("total",))]
    (f,) = table_shape(r, S)
    assert (f.rule, f.severity, f.cells, f.location) == ("TABLE-SHAPE", "error", cells, Location(line=3))
    assert f.message == "表三缺少“总计”列（共 25 行）"


def test_the_same_short_row_in_whole_groups_is_one_finding() -> None:
    r = clean_report()
    r.shape_issues = [_short(row) for row in DENIED_TO_OTHER]
    (f,) = table_shape(r, S)
    assert f.cells == [k for row in DENIED_TO_OTHER for k in _row_cells(row)]
    assert f.message == "表三“（三）不予公开”至“（六）其他处理”下共 19 行各应有 6 个数值，实有 5 个"
    assert f.location == r.shape_issues[0].location


def test_scattered_short_rows_name_the_first_and_count() -> None:
    r = clean_report()
    rows = ["denied.third_party", "unable.not_held", "rejected.petition", "other.no_correction"]
    r.shape_issues = [_short(row) for row in rows]
    (f,) = table_shape(r, S)
    assert f.message == "表三“（三）不予公开”中的“4.保护第三方合法权益”等 4 行各应有 6 个数值，实有 5 个"
    assert len(f.cells) == 28


def test_different_faults_are_different_findings() -> None:
    r = clean_report()
    r.shape_issues = [_short("granted"), _short("partial", 6, 4), _short("new", 6, 7),
                      ShapeIssue("t3", "duplicate_row", _row_cells("carried"), Location(line=9), row="carried"),
                      ShapeIssue("t2", "missing_row", ["t2.fees.amount"], Location(line=1), row="fees"),
                      ShapeIssue("t4", "short_row", ["t4.review.upheld"], Location(line=2), expected=15, actual=0),
                      ShapeIssue("t3", "unreadable_run", _row_cells("total"), Location(line=4), row="total", raw="1011")]
    messages = [f.message for f in table_shape(r, S)]
    assert messages == ["表三“（一）予以公开”行应有 6 个数值，实有 5 个",
                        "表三“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”行应有 6 个数值，实有 4 个",
                        "表三“一、本年新收政府信息公开申请数量”行应有 6 个数值，实有 7 个",
                        "表三“二、上年结转政府信息公开申请数量”行重复出现",
                        "表二缺少“行政事业性收费”行",
                        "表四没有数值"]                      # unreadable digits: CELL-VALUE reports the cells


def test_the_same_reworded_label_is_one_finding() -> None:
    r = clean_report()
    r.label_deviations = [LabelDeviation("t3", row, "3.其它", "3.其他", Location(line=k))
                          for k, row in enumerate(("other.other", "other.other"))]
    r.label_deviations.append(LabelDeviation("t3", "unable.not_held", "1.本机关不掌握该政府信息", "1.本机关不掌握相关政府信息",
                                             Location(line=5)))
    found = list(label_deviation(r, S))
    assert [f.message for f in found] == ["表三行名“3.其它”与标准“3.其他”不一致（共 2 处）",
                                          "表三行名“1.本机关不掌握该政府信息”与标准“1.本机关不掌握相关政府信息”不一致"]
    assert found[0].cells == _row_cells("other.other") and found[0].severity == "warning"


def test_seed0_gives_one_finding_per_cause_naming_every_cell() -> None:
    result = check_file(corpus_file("seed0_dongming.txt"))
    shape = [f for f in result.findings if f.rule == "TABLE-SHAPE"]
    assert len(shape) == 2
    column, rows = shape
    assert "总计" in column.message and len(column.cells) == 25
    assert "19 行" in rows.message and set(rows.cells) == {k for row in DENIED_TO_OTHER for k in _row_cells(row)}
