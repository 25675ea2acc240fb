"""The tables read by their fixed shape (recognise/align.py): numbers in reading order aligned to
the standard's rows, blanks kept as cells, and no reading where two remain."""
from __future__ import annotations

from pathlib import Path

from importers import read_document
from model.report import Report
from model.standard import T3_COLUMNS, t3_rows
from recognise import recognise
from tests.support import layouts as L

TRUTH = L.cells()
T3_ROWS = list(t3_rows())


def _read(tmp_path: Path, text: str, name: str = "r.txt") -> Report:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return recognise(read_document(p))


def _t3_values(row: str) -> list[str]:
    return [str(TRUTH[f"t3.{row}.{c}"]) for c in T3_COLUMNS]


def _head() -> list[str]:
    return ["青山镇人民政府2024年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", "申请人情况"]


def _tail() -> list[str]:
    return ["四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "青山镇人民政府", "2025年1月20日"]


def test_numbers_before_their_labels_read_by_rows_of_seven(tmp_path: Path) -> None:
    """A value line then its label (markitdown, pdftotext): each run of seven is the next row."""
    lines = _head()
    for r in T3_ROWS:
        lines += ["  ".join(_t3_values(r.row)), r.label]
    report = _read(tmp_path, "\n".join(lines + _tail()))
    got = {k: c.value for k, c in report.cells.items() if k.startswith("t3.")}
    assert got == {k: v for k, v in TRUTH.items() if k.startswith("t3.")}
    assert not [i for i in report.shape_issues if i.table == "t3"]


def test_numbers_printed_by_column_are_never_read_by_row(tmp_path: Path) -> None:
    """Every label first, then the numbers column by column (a PDF's text): two readings remain,
    so no cell is read — unless every number is 0, where both give the same cells."""
    by_column = [TRUTH[f"t3.{r.row}.{c}"] for c in T3_COLUMNS for r in T3_ROWS]
    lines = _head() + [r.label for r in T3_ROWS] + [str(v) for v in by_column]
    report = _read(tmp_path, "\n\n".join(lines + _tail()))
    wrong = {k: c.value for k, c in report.cells.items() if c.value is not None and c.value != TRUTH[k]}
    assert wrong == {}
    assert not any(report.cells.get(f"t3.new.{c}") for c in T3_COLUMNS)
    zeros = _head() + [r.label for r in T3_ROWS] + ["0"] * 175
    report = _read(tmp_path, "\n\n".join(zeros + _tail()), "zeros.txt")
    assert [report.cells[f"t3.{r.row}.{c}"].value for r in T3_ROWS for c in T3_COLUMNS] == [0] * 175


def test_empty_lines_are_cells_only_where_cells_stand_on_adjacent_lines(tmp_path: Path) -> None:
    """One cell per line: LibreOffice's text writes an empty cell as an empty line; lynx parts every
    cell by an empty line, so there an empty line is no cell."""
    dense = _head()
    for r in T3_ROWS:
        vals = _t3_values(r.row)
        if r.row == "new":
            vals[2] = ""  # a blank cell
        dense += [r.label, *vals]
    report = _read(tmp_path, "\n".join(dense + _tail()))
    assert report.cells["t3.new.research"].value is None
    assert report.cells["t3.new.nonprofit"].value == TRUTH["t3.new.nonprofit"]
    assert report.cells["t3.carried.natural"].value == TRUTH["t3.carried.natural"]
    sparse = _head()
    for r in T3_ROWS:
        sparse += [r.label, "", *[x for v in _t3_values(r.row) for x in (v, "")]]
    report = _read(tmp_path, "\n".join(sparse + _tail()), "sparse.txt")
    assert {k: c.value for k, c in report.cells.items() if k.startswith("t3.")} == \
        {k: v for k, v in TRUTH.items() if k.startswith("t3.")}


def test_blank_pipe_cells_are_cells_and_gap_columns_are_not(tmp_path: Path) -> None:
    text = L.to_markdown(L.pieces()).replace("| 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| 0 | 0 |  |  | 0 | 0 | 0 |", 1)
    report = _read(tmp_path, text, "r.md")
    blank = [k for k, c in report.cells.items() if c.value is None]
    assert len(blank) == 2 and all(TRUTH[k] == 0 for k in blank)
    layout = "\n".join(["二、主动公开政府信息情况", "第二十条第（一）项", "信息内容 本年制发件数 本年废止件数 现行有效件数",
                        "| 规章 |  |  | 0 |  | 0 |  |  | 0 |  |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
                        "| 行政规范性文件 |  |  | 3 |  | 1 |  |  | 12 |  |"])
    report = _read(tmp_path, layout, "layout.md")
    assert [report.cells[f"t2.normative.{c}"].value for c in ("issued", "repealed", "in_force")] == [3, 1, 12]


def test_table_two_under_its_headers_reads_only_what_one_reading_gives(tmp_path: Path) -> None:
    """pdftotext prints table 二's row labels first, then each header with its numbers."""
    lines = ["二、主动公开政府信息情况", "信息内容", "规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制",
             "行政事业性收费", "第二十条第（一）项", "本年制发件数", "本年废止件数", "{a}", "{b}", "{c}", "{d}",
             "第二十条第（五）项", "本年处理决定数量", "46", "第二十条第（六）项", "本年处理决定数量", "17", "2",
             "第二十条第（八）项", "本年收费金额（单位：万元）", "0", "现行有效件数", "0", "12", *_head()[1:]]
    text = "\n\n".join(lines).format(a=0, b=0, c=0, d=0)
    report = _read(tmp_path, text)
    got = {k: c.value for k, c in report.cells.items() if k.startswith("t2.")}
    assert got == {"t2.regulations.issued": 0, "t2.regulations.repealed": 0, "t2.normative.issued": 0,
                   "t2.normative.repealed": 0, "t2.licensing.decisions": 46, "t2.penalty.decisions": 17,
                   "t2.coercion.decisions": 2, "t2.fees.amount": 0, "t2.regulations.in_force": 0,
                   "t2.normative.in_force": 12}
    report = _read(tmp_path, "\n\n".join(lines).format(a=0, b=3, c=0, d=1), "by_column.txt")
    got = {k: c.value for k, c in report.cells.items() if k.startswith("t2.")}
    assert "t2.normative.issued" not in got and got["t2.licensing.decisions"] == 46  # 0 3 0 1: by row or by column?


def test_a_misread_glyph_leaves_its_cell_empty_and_shifts_nothing(tmp_path: Path) -> None:
    lines = _head()
    for r in T3_ROWS:
        vals = _t3_values(r.row)
        if r.row == "new":
            vals[1] = "工"   # OCR's reading of a full-width １
        lines.append(f"{r.label}        {'     '.join(vals)}")
    report = _read(tmp_path, "\n".join(lines + _tail()))
    assert report.cells["t3.new.commercial"].value is None
    assert [report.cells[f"t3.new.{c}"].value for c in ("natural", "research", "nonprofit", "legal", "other", "total")] == \
        [TRUTH[f"t3.new.{c}"] for c in ("natural", "research", "nonprofit", "legal", "other", "total")]
    glued = _head() + [f"{r.label}     {'  '.join(_t3_values(r.row))}" for r in T3_ROWS]
    glued[3] = glued[3].replace(f"  {TRUTH['t3.new.research']}  ", "  加  ", 1) + "  5"  # eight tokens
    report = _read(tmp_path, "\n".join(glued + _tail()), "eight.txt")
    wrong = {k: c.value for k, c in report.cells.items() if c.value is not None and c.value != TRUTH[k]}
    assert wrong == {}


def test_a_garbled_label_between_two_read_ones_throws_no_values_onto_its_neighbour(tmp_path: Path) -> None:
    """OCR garbled one row's label: the runs of seven between the labels on either side are those
    rows in the standard order, the garbled one included."""
    lines = _head()
    for r in T3_ROWS:
        label = "开      2 其他法律彳亍正文法规基上" if r.row == "denied.prohibited" else r.label
        lines.append(f"{label}     {'     '.join(_t3_values(r.row))}")
    report = _read(tmp_path, "\n".join(lines + _tail()))
    for row in ("denied.secret", "denied.prohibited", "denied.security"):
        assert [report.cells[f"t3.{row}.{c}"].value for c in T3_COLUMNS] == [TRUTH[f"t3.{row}.{c}"] for c in T3_COLUMNS]
    assert not [i for i in report.shape_issues if i.table == "t3"]


def test_table_four_blanks_printed_as_spaces_are_placed_under_their_header(tmp_path: Path) -> None:
    """A column-aligned page (w3m, pandoc's plain tables) prints blank cells as spaces: each number
    stands under its header word, in display columns (a CJK character is two wide)."""
    header = ["四、政府信息公开行政复议、行政诉讼情况",
              "  行政复议                               行政诉讼",
              "  结果       结果   其他   尚未   总计   未经复议直接起诉                               复议后起诉",
              "  维持       纠正   结果   审结",
              "",
              " " * 41 + "结果               结果   其他   尚未   总计   结果         结果   其他   尚未   总计",
              " " * 41 + "维持               纠正   结果   审结          维持         纠正   结果   审结",
              ""]
    values = "  1          0      0      2      3      0                  1      0      0      1                                        "
    report = _read(tmp_path, "\n".join(["青山镇人民政府2024年政府信息公开工作年度报告", *header, values, "", *_tail()[1:]]))
    got = [report.cells[f"t4.{g}.{c}"].value for g in ("review", "suit_direct", "suit_after_review")
           for c in ("upheld", "corrected", "other", "pending", "total")]
    assert got == [1, 0, 0, 2, 3, 0, 1, 0, 0, 1, None, None, None, None, None]
    shifted = values.replace("  1          0      0      2      3", "  1     0      0      2      3")  # under no header word
    report = _read(tmp_path, "\n".join(["青山镇人民政府2024年政府信息公开工作年度报告", *header, shifted, "", *_tail()[1:]]), "x.txt")
    assert not any(k.startswith("t4.") and c.value is not None for k, c in report.cells.items())
