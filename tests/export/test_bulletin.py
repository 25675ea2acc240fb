"""The county's 通报: made from the overview, its numbers are the overview's; the bodies named per
status; problems ranked as the overview counts them, each example naming no body; rounds; times."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from docx import Document

from archive import Archive
from archive.overview import MISSING, NEEDS_FIX, UNKNOWN_BODY, Overview, overview
from archive.roster import import_roster
from archive.store import RosterEntry
from checks.catalogue import rule_info
from checks.settings import RuleSettings
from export.bulletin import BulletinContent, anonymise, bulletin_content, bulletin_facts, write_bulletin
from export.notice_settings import NoticeSettings
from model.bodies import body_key

ISSUED = dt.date(2025, 3, 3)
BODIES = ("东山镇人民政府", "西山镇人民政府", "南山乡人民政府", "北山街道办事处", "青山县财政局", "青山县教育局", "青山县水利局")


def _f(rule: str, severity: str, message: str) -> tuple[str, dict[str, object]]:
    return f"{rule}|{message[:6]}|", {"rule": rule, "severity": severity, "message": message}


def _county(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Archive:
    from archive import store
    a = Archive(tmp_path / "county.db")
    import_roster(a, [RosterEntry(b, "县水利局" if b == "青山县水利局" else "") for b in BODIES], "名单.xlsx")

    def rec(sha: str, unit: str | None, findings: list[tuple[str, dict[str, object]]], at: str, signed: str | None = None,
            error: str | None = None, file: str = "") -> None:
        monkeypatch.setattr(store, "now", lambda: at)
        a.record(sha256=sha, file=file or f"{unit}2024年报.pdf", unit=unit, year=2024, format="pdf", cells={}, sentences=[],
                 findings=findings, error=error, signed=signed)

    rec("e1", "东山镇人民政府", [_f("T3-BALANCE", "error", "表三收支不平衡：东山镇（东山镇2024年报.pdf）合计 12 件"),
                            _f("UNIT-MISMATCH", "warning", "正文写为“西山镇”，与东山镇人民政府不符")], "2025-01-10T09:00:00",
        "2025-01-08")
    rec("w1", "西山镇人民政府", [_f("T3-BALANCE", "error", "表三收支不平衡：合计 3 件"),
                            _f("COPIED-TEXT", "warning", "正文与“南山乡人民政府”的报告相似度 92%（南山乡2024年报.pdf）")],
        "2025-01-12T10:00:00", "2025-01-10")
    rec("w2", "西山镇人民政府", [_f("COPIED-TEXT", "warning", "正文与“南山乡人民政府”的报告相似度 92%（南山乡2024年报.pdf）")],
        "2025-02-20T10:00:00", "2025-02-18")                             # round 2: T3 corrected, copy still open
    rec("s1", "南山乡人民政府", [_f("VAGUE-NUMBER", "info", "“若干”不是确切的数")], "2025-02-05T08:30:00", "2025-02-04")
    rec("n1", "北山街道", [], "2025-01-30T16:00:00", "2025-01-29")       # 北山街道办事处, written without 办事处
    rec("f1", None, [], "2025-01-31T11:00:00", error="文件已损坏", file="青山县财政局2024年报.pdf")
    rec("x1", None, [], "2025-01-31T11:00:00", error="文件已损坏", file="报告.pdf")       # no body in its name
    rec("j1", "县水利局", [_f("T3-BALANCE", "error", "表三收支不平衡")], "2025-01-20T08:00:00", "2025-01-20")
    a.add_notice(a.find_body("西山镇"), 2024, "政务公开〔2025〕1号", "x.docx", 2, [])
    return a                                                             # 青山县教育局 sent nothing


@pytest.fixture
def county(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    with _county(tmp_path, monkeypatch) as a:
        yield a, overview(a, 2024, rules=RuleSettings())


def _content(a: Archive, ov: Overview) -> BulletinContent:
    return bulletin_content(bulletin_facts(a, ov), NoticeSettings(notice_office="青山县政务公开办"), ISSUED)


def _section(c: BulletinContent, head: str) -> list[str]:
    return next(paras for h, paras in c.sections if h.endswith(head))


def test_its_counts_are_the_overviews(county) -> None:
    a, ov = county
    c = _content(a, ov)
    assert c.counts == ov.status_counts()
    printed = {m.group(1): int(m.group(2)) for p in _section(c, "审核结果") if (m := re.match(r"(\S+) (\d+) (?:份|个单位)", p))}
    assert printed == {s: n for s, n in ov.status_counts().items() if n}
    assert c.ranked == list(ov.by_rule.items())
    problems = _section(c, "存在的主要问题")
    assert f"审核共发现问题 {sum(ov.by_rule.values())} 个" in problems[0]
    for i, (rule, n) in enumerate(ov.by_rule.items(), start=1):
        head = f"（{'一二三四五六七八'[i - 1]}）{rule_info(rule).name}。"
        assert problems[i].startswith(f"{head}共 {n} 个，涉及 {ov.bodies_by_rule[rule]} 个单位")
    reported = sum(n for s, n in ov.status_counts().items() if s != MISSING)
    assert f"共收到2024年度政府信息公开工作年度报告 {reported} 份" in _section(c, "基本情况")[0]
    assert len(c.annex_rows) == len(ov.rows) and [r[1] for r in c.annex_rows] == [r.body for r in ov.rows]


def test_the_result_names_the_bodies_of_each_status(county) -> None:
    a, ov = county
    c = _content(a, ov)
    lines = {p.split(" ", 1)[0]: p for p in _section(c, "审核结果")}
    for status in {r.status for r in ov.rows}:
        named = lines[status].split("：", 1)[1].rstrip("。").split("，另有")[0].split("、")
        assert named == [r.body for r in ov.rows if r.status == status and r.body != UNKNOWN_BODY]
    assert lines[MISSING] == "未报送 1 个单位：青山县教育局。"
    assert lines[NEEDS_FIX].startswith(f"需整改 {ov.status_counts()[NEEDS_FIX]} 份：东山镇人民政府、青山县水利局")
    assert "另有 1 份无法识别报送单位" in lines["无法读取"]


def test_examples_name_no_body_and_no_file(county) -> None:
    a, ov = county
    c = _content(a, ov)
    problems = "\n".join(_section(c, "存在的主要问题"))
    assert problems.count("如：“") == len(ov.by_rule)
    names = {n for b in a.bodies() for n in (b.name, b.key, *b.aliases)} | {v.file for v in a.versions()}
    for n in names:
        assert n not in problems, n
    assert "某单位" in problems and ".pdf" not in problems
    assert "正文与“某单位”的报告相似度 92%" in problems


def test_rounds_times_and_requirements(county) -> None:
    a, ov = county
    c = _content(a, ov)
    assert _section(c, "整改情况") == ["已向有关单位发出整改通知 1 份；1 个单位报送了整改后的报告，"
                                     "经复核，上一轮所提问题已整改 1 项、仍未整改 1 项。"]
    basics = _section(c, "基本情况")
    assert basics[0].startswith("截至2025年2月20日，") and "对照单位名单" in basics[0]
    # deadline 2025-01-31: 南山乡 came late and is signed late; 西山镇's corrected version came later, its report in time
    assert "逾期报送 1 份（南山乡人民政府）" in basics[1]
    assert "落款日期晚于公布期限的 1 份（南山乡人民政府）" in basics[1]
    req = _section(c, "下一步工作要求")
    assert req[0] == ("1. 请需整改的单位对照整改通知逐项整改，于 2025年3月18日 前将整改后的年度报告报送青山县政务公开办，"
                      "并在原发布渠道同步更新。")
    assert any("未报送的单位" in r for r in req) and any("无法读取" in r for r in req)
    west = next(r for r in c.annex_rows if r[1] == "西山镇人民政府")
    assert west[5:] == ["2025-01-12\n10:00\n整改稿\n2025-02-20", "2025-01-10", "按期"]
    south = next(r for r in c.annex_rows if r[1] == "南山乡人民政府")
    assert south[5:] == ["2025-02-05\n08:30", "2025-02-04", "逾期报送 5 天；落款晚于期限 4 天"]


def test_the_docx_in_official_layout(county, tmp_path: Path) -> None:
    a, ov = county
    out = write_bulletin(a, ov, tmp_path / "通报.docx", NoticeSettings(notice_office="青山县政务公开办"), issued=ISSUED)
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "关于2024年度政府信息公开工作年度报告审核情况的通报"
    assert "一、基本情况" in texts and "五、下一步工作要求" in texts and "2025年3月3日" in texts
    sec = doc.sections[0]
    assert (round(sec.top_margin.cm, 1), round(sec.left_margin.cm, 1), round(sec.page_width.cm, 1)) == (3.7, 2.8, 21.0)
    table = doc.tables[0]
    assert len(table.rows) == len(ov.rows) + 1 and table.rows[0].cells[1].text == "单位"
    assert [r.cells[1].text for r in table.rows[1:]] == [r.body for r in ov.rows]
    assert texts[0] and doc.core_properties.title == texts[0]


def test_anonymise_takes_longer_names_first() -> None:
    names = sorted({"青山县城关镇人民政府", body_key("青山县城关镇人民政府"), "城关镇2024.docx"}, key=lambda n: -len(n))
    assert anonymise("城关镇写为“青山县城关镇人民政府”（城关镇2024.docx）", names) == "某单位写为“某单位”"


def test_a_quoted_name_of_a_body_the_archive_does_not_know_is_left_out() -> None:
    text = "报告单位是“东山镇人民政府”，文中却自称“黄河乡”，可能套用了其他单位的报告：“表三”填写有误"
    assert anonymise(text, ["东山镇人民政府"]) == "报告单位是“某单位”，文中却自称“某单位”，可能套用了其他单位的报告：“表三”填写有误"
