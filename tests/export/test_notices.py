"""整改通知: one body's letter, A4, its findings only (only 已核实 ones when asked), read back from the .docx."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.shared import Cm

from checks.catalogue import rule_info
from checks.finding import Finding
from export.notice_settings import NoticeSettings
from export.notices import NoticeEntry, notice_number, write_notices
from model.rounds import RoundState

FIX = Finding(rule="T3-RESULT-TOTAL", severity="error", message="表三总计有误", cells=["t3.total.total"],
              fix={"t3.total.total": 3})
TEXT = Finding(rule="TEXT-TABLE-MISMATCH", severity="error", message="正文与表格不一致",
               quote="=HYPERLINK(\"http://x\")\x07 收到申请 5 件", subject="s1")
INFO = Finding(rule="VAGUE-NUMBER", severity="info", message="约数", quote="约 10 件", subject="s2")


def _read(path: Path) -> tuple[object, str, list[list[str]]]:
    doc = Document(str(path))
    return doc, "\n".join(p.text for p in doc.paragraphs), [[c.text for c in r.cells] for t in doc.tables for r in t.rows]


def test_a_notice_holds_its_findings_with_basis_fix_and_deadline(tmp_path: Path) -> None:
    settings = NoticeSettings(notice_office="某县政务公开办", notice_number="公开〔{year}〕{n}号", notice_deadline_days=10)
    entry = NoticeEntry("东山镇人民政府", 2024, ["东山镇.pdf"], [INFO, FIX, TEXT])
    [path] = write_notices([entry], tmp_path, settings, [notice_number(settings, 2024, 7)], issued=dt.date(2025, 3, 1))
    assert path.name == "整改通知_东山镇人民政府_2024.docx"
    doc, text, rows = _read(path)
    sec = doc.sections[0]  # type: ignore[attr-defined]
    assert (round(sec.page_width / Cm(1)), round(sec.page_height / Cm(1), 1)) == (21, 29.7)
    assert "公开〔2024〕7号" in text and "东山镇人民政府：" in text and "2025年3月11日" in text and "某县政务公开办" in text
    assert "东山镇.pdf" not in text and "3 个问题（错误 2 个、提示 1 个）" in text  # the report by its title, never its file
    assert [r[0] for r in rows] == ["序号", "1", "2", "3"]
    assert rows[1][2] == "表三办理结果合计（错误）" and rows[1][4] == "3" and rows[1][6] == "[1]"
    assert f"[1] {rule_info(INFO.rule).basis}" not in text  # 依据 once each, under the table, numbered as the rows cite them
    assert f"[1] {rule_info(FIX.rule).basis}" in text and text.count(rule_info(FIX.rule).basis) == 1
    assert rows[2][3].startswith("正文与表格不一致\n原文：“=HYPERLINK") and "\x07" not in rows[2][3]  # text, control char replaced
    assert rows[3][2] == "约数（提示）"


def test_only_confirmed_and_an_open_finding_of_a_later_round(tmp_path: Path) -> None:
    entry = NoticeEntry("西山镇人民政府", 2024, ["b.docx"], [FIX, TEXT], confirmed={FIX.fingerprint},
                        rounds={FIX.fingerprint: RoundState.OPEN, TEXT.fingerprint: RoundState.NEW}, resolved=2)
    [path] = write_notices([entry], tmp_path, NoticeSettings(), ["1号"], only_confirmed=True)
    _, text, rows = _read(path)
    assert len(rows) == 2 and rows[1][2] == "表三办理结果合计（错误）\n未整改"
    assert "复核情况：" in text and "已整改 2 项、仍未整改 1 项" in text and "新发现 0 项" in text


def test_a_body_without_findings_gets_a_pass_letter_without_a_table(tmp_path: Path) -> None:
    [path] = write_notices([NoticeEntry("南山镇人民政府", 2024, ["c.txt"], [])], tmp_path, NoticeSettings(), ["1号"])
    _, text, rows = _read(path)
    assert path.name == "审核通过函_南山镇人民政府_2024.docx"
    assert rows == [] and "审核通过" in text and "整改的通知" not in text and "c.txt" not in text
