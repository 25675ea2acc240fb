"""Reading the inspector's list of bodies: a header says which column is which; without one, the
names come first and a level word is told from a 简称; a list that cannot be read is said in Chinese."""
from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from archive import Archive
from archive.store import RosterEntry
from review.roster import RosterError, import_roster_file, read_roster


def test_an_xlsx_with_a_header_in_any_column_order(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["序号", "层级", "单位名称", "简称"])
    ws.append([1, "部门", "青山县财政局", "县财政局"])
    ws.append([2, "乡镇", "城关镇人民政府", None])
    ws.append([None, None, None, None])
    ws.append([3, "", "  东山街道办事处 ", ""])
    wb.save(tmp_path / "名单.xlsx")
    assert read_roster(tmp_path / "名单.xlsx") == [RosterEntry("青山县财政局", "县财政局", "部门"),
                                                RosterEntry("城关镇人民政府", "", "乡镇"), RosterEntry("东山街道办事处")]


def test_a_csv_without_a_header_in_gbk(tmp_path: Path) -> None:
    text = "1\t青山县财政局\t县财政局\t部门\n2\t城关镇人民政府\t乡镇\n青山县教育局\n"
    (tmp_path / "名单.csv").write_bytes(text.encode("gbk"))
    assert read_roster(tmp_path / "名单.csv") == [RosterEntry("青山县财政局", "县财政局", "部门"),
                                               RosterEntry("城关镇人民政府", "", "乡镇"), RosterEntry("青山县教育局")]


def test_a_plain_list_of_names_one_a_line(tmp_path: Path) -> None:
    (tmp_path / "名单.txt").write_text("\ufeff东山镇人民政府\n\n西山镇人民政府\n", encoding="utf-8")
    assert [e.name for e in read_roster(tmp_path / "名单.txt")] == ["东山镇人民政府", "西山镇人民政府"]


@pytest.mark.parametrize(("name", "content", "says"), [
    ("坏.xlsx", b"PK\x03\x04 broken", "不是可读取的 Excel 工作簿"),
    ("空.csv", "序号,备注\n1,\n".encode(), "没有找到单位名称"),
    ("乱码.csv", "单位名称\n东山镇".encode() + b"\x81 \xff", "编码无法识别"),
])
def test_a_list_that_cannot_be_read_is_said(tmp_path: Path, name: str, content: bytes, says: str) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(RosterError, match=says):
        read_roster(tmp_path / name)


def test_a_missing_file_is_said(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="无法读取"):
        read_roster(tmp_path / "没有.csv")


def test_imported_into_the_archive(tmp_path: Path) -> None:
    (tmp_path / "名单.csv").write_text("单位名称,简称\n青山县财政局,县财政局\n", encoding="utf-8")
    with Archive(tmp_path / "a.db") as a:
        done = import_roster_file(a, tmp_path / "名单.csv")
        assert [e.name for e in done.entries] == ["青山县财政局"] and a.roster_source() is not None
        assert a.find_body("县财政局") == done.entries[0].body_id
