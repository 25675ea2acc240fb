"""Finding: severities, a message-free identity, the JSON of fix and suspects."""
from __future__ import annotations

import dataclasses
import re

import pytest

from checks.batch import run_batch_checks
from checks.finding import SEVERITIES, SEVERITY_NAMES, Finding, Severity, sort_findings
from model.document import Location
from model.report import Sentence
from tests.support.reports import clean_report


def test_severity_order_labels_and_coercion() -> None:
    assert SEVERITIES == ("error", "warning", "info")
    assert SEVERITY_NAMES == {"error": "错误", "warning": "警告", "info": "提示"}
    assert [s.order for s in Severity] == [0, 1, 2] and Severity.WARNING.label == "警告"
    f = Finding(rule="X", severity="warning", message="m")
    assert f.severity is Severity.WARNING and f.severity == "warning"
    with pytest.raises(ValueError, match="unknown severity"):
        Finding(rule="X", severity="fatal", message="m")
    with pytest.raises(TypeError):
        Finding("X", "error", "m")  # type: ignore[misc]  # keywords only


def test_sort_keeps_reading_order_within_a_severity() -> None:
    fs = [Finding(rule=r, severity=s, message=r) for r, s in (("a", "info"), ("b", "error"), ("c", "info"), ("d", "error"))]
    assert [f.rule for f in sort_findings(fs)] == ["b", "d", "a", "c"]


def test_fingerprint_ignores_the_message_and_the_cell_order() -> None:
    f = Finding(rule="T3-BALANCE", severity="error", message="旧的说法", cells=["t3.new.total", "t3.total.total"],
                subject="T3-BALANCE:total")
    g = dataclasses.replace(f, message="新的说法", cells=["t3.total.total", "t3.new.total"], expected=9)
    assert f.fingerprint == g.fingerprint
    assert f.fingerprint != dataclasses.replace(f, subject="T3-BALANCE:natural").fingerprint
    # text findings without a subject are told apart by the sentence they quote
    a = Finding(rule="VAGUE-NUMBER", severity="info", message="m", quote="一句")
    assert a.fingerprint != dataclasses.replace(a, quote="另一句").fingerprint


def test_json_carries_fix_or_suspects_only_when_present() -> None:
    base = Finding(rule="T4-TOTAL", severity="error", message="m", cells=["t4.review.total"])
    assert "fix" not in base.to_json() and "suspects" not in base.to_json()
    assert dataclasses.replace(base, fix={"t4.review.total": 3}).to_json()["fix"] == {"t4.review.total": 3}
    assert dataclasses.replace(base, suspects=["t4.review.total"]).to_json()["suspects"] == ["t4.review.total"]
    assert base.to_json()["severity"] == "error" and type(base.to_json()["severity"]) is str


PHRASES = ("深入贯彻政府信息公开条例", "围绕中心工作主动公开财政预决算", "规范依申请公开办理流程", "完善政府信息管理制度",
           "加强政务公开平台建设", "健全监督保障机制", "组织业务培训提升队伍能力", "及时回应社会关切", "推进基层政务公开标准化",
           "做好政策解读与舆情回应", "落实保密审查要求", "更新政府信息公开指南")


def _narrative(report, text: str):
    for k, p in enumerate(PHRASES * 3):
        report.sentences.append(Sentence(f"{text}{p}，第{k}阶段成效明显。", [Location(line=k)], 1))
    return report


def _copied_pair(sim_tweak: str, other_path: str):
    a = _narrative(clean_report(), "本镇")
    b = _narrative(clean_report(), "本镇")
    b.unit, b.path = "邻近镇人民政府", other_path
    b.sentences[-1] = Sentence(sim_tweak, [Location(line=99)], 1)
    [found, _] = run_batch_checks([a, b])
    [f] = [f for f in found if f.rule == "COPIED-TEXT"]
    return f


def test_copied_text_identity_survives_a_renamed_file_and_a_changed_similarity() -> None:
    f = _copied_pair("本镇第39项工作按照要求扎实推进，群众满意度不断提升。", "a/邻镇2024.docx")
    g = _copied_pair("本镇第39项工作按照要求推进完成，群众满意度有所提升。", "b/邻镇 年报（改名）.pdf")
    share = re.compile(r"相似度 (\d+)%")
    assert share.search(f.message).group(1) != share.search(g.message).group(1)  # another share
    assert "邻镇2024.docx" in f.message and "改名" in g.message                 # another file name
    assert f.fingerprint == g.fingerprint
    assert "邻近镇" in f.fingerprint and "2024" in f.fingerprint


def test_summary_is_the_message_start_and_detail_the_rest() -> None:
    f = Finding(rule="T3-RESULT-TOTAL", message="表三某格填 32，按各项之和应为 23。表三“总计”列不符合……",
                summary="表三某格填 32，按各项之和应为 23", amend="table")
    assert f.detail == "表三“总计”列不符合……" and f.to_json()["summary"] == f.summary and f.to_json()["amend"] == "table"
    plain = Finding(rule="SECTION-MISSING", message="缺少第一部分“一、总体情况”")
    assert (plain.summary, plain.detail, plain.amend) == (plain.message, "", "") and "amend" not in plain.to_json()
    # a text finding's message ends with its sentence: the summary is what comes before it
    quoted = Finding(rule="VAGUE-NUMBER", message="文中“160余条”是约数：主动公开信息 160 余条。", quote="主动公开信息 160 余条。")
    assert quoted.summary == "文中“160余条”是约数" and quoted.detail == "主动公开信息 160 余条。"
    # a message replaced after the fact takes its summary with it; a note appended keeps it
    assert dataclasses.replace(f, message="另一种说法").summary == "另一种说法"
    noted = dataclasses.replace(f, message=f.message + "（转换件）")
    assert noted.summary == f.summary and noted.fingerprint == f.fingerprint
    with pytest.raises(ValueError, match="side to amend"):
        Finding(rule="X", message="m", amend="cells")
