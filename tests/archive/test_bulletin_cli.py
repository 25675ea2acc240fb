"""`check --archive A --roster 名单 --overview O --bulletin B`, as an inspector runs it: the roster's
未报送 are exactly the bodies without a report (names written otherwise in the reports still match),
and the 通报's numbers are the overview workbook's."""
from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from archive import Archive
from archive.overview import MISSING, overview
from tests.support.cli import run
from tests.support.desk import CONSISTENT, WRONG_TOTAL, write_report

ROSTER = "序号,单位名称,简称,层级\n1,青山县东山镇人民政府,,乡镇\n2,西山镇人民政府,,乡镇\n3,青山县财政局,县财政局,部门\n" \
         "4,南山乡人民政府,,乡镇\n5,青山县教育局,县教育局,部门\n"


def test_roster_overview_and_bulletin_from_the_command_line(tmp_path: Path) -> None:
    a, reports = tmp_path / "台账.sqlite3", tmp_path / "reports"
    reports.mkdir()
    write_report(reports / "东山镇.txt", "东山镇", rows=WRONG_TOTAL)      # without the county in front
    write_report(reports / "西山镇.txt", "西山 镇", rows=CONSISTENT)     # a space in the name
    write_report(reports / "财政局.txt", "县财政局", rows=CONSISTENT)    # 简称
    (tmp_path / "名单.csv").write_text(ROSTER, encoding="gbk")
    out_ov, out_b = tmp_path / "总览.xlsx", tmp_path / "通报.docx"
    p = run("check", str(reports), "--archive", str(a), "--roster", str(tmp_path / "名单.csv"),
            "--overview", str(out_ov), "--bulletin", str(out_b))
    err = p.stderr.decode()
    assert p.returncode in (0, 1), err
    assert "单位名单已导入：5 个单位" in err
    with Archive(a) as arc:
        ov = overview(arc, 2024)
        units = sorted(v.unit or "" for v in arc.versions(2024))
    assert sorted(r.body for r in ov.rows if r.status == MISSING) == ["南山乡人民政府", "青山县教育局"], units
    assert sorted(r.body for r in ov.rows if r.status != MISSING) == ["西山镇人民政府", "青山县东山镇人民政府", "青山县财政局"]
    assert all(r.timing is not None and r.timing.signed_text == "2025年1月24日" for r in ov.rows if r.status != MISSING)

    doc = Document(str(out_b))
    text = "\n".join(p.text for p in doc.paragraphs)
    printed = dict(re.findall(r"^(\S+) (\d+) (?:份|个单位)：", text, re.M))
    assert {s: int(n) for s, n in printed.items()} == {s: n for s, n in ov.status_counts().items() if n}
    assert "未报送 2 个单位：南山乡人民政府、青山县教育局。" in text
    annex = doc.tables[0]
    assert [r.cells[1].text for r in annex.rows[1:]] == [r.body for r in ov.rows]
    assert {r.cells[6].text for r in annex.rows[1:] if r.cells[2].text != MISSING} == {"2025-01-24"}

    ws = load_workbook(out_ov)["县域总览"]
    statuses = [ws.cell(row, 3).value for row in range(4, 4 + len(ov.rows))]
    assert {s: statuses.count(s) for s in set(statuses)} == {s: n for s, n in ov.status_counts().items() if n}


def test_a_roster_without_an_archive_or_unreadable_is_said(tmp_path: Path) -> None:
    report = write_report(tmp_path / "东山镇.txt", "东山镇", rows=CONSISTENT)
    p = run("check", str(report), "--roster", str(tmp_path / "名单.csv"))
    assert p.returncode == 2 and "导入单位名单需要审校台账（--archive）" in p.stderr.decode()
    (tmp_path / "坏.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    p = run("check", str(report), "--archive", str(tmp_path / "a.db"), "--roster", str(tmp_path / "坏.xlsx"), "--json")
    assert p.returncode == 2 and "单位名单未导入" in p.stderr.decode() and b'"file"' in p.stdout
