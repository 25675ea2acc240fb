"""Findings say what to change: the side of a text–table mismatch, the table findings' short
sentence first, swaps named, suspects in table order — and the two kinds agree on shared cells."""
from __future__ import annotations

from checks import RuleSettings, run_checks
from checks.finding import Finding
from model.document import Location
from model.report import Report, Sentence
from pipeline.check import check_file
from tests.support.corpus import corpus_file
from tests.support.reports import clean_report, set_cell

S = RuleSettings()


def _with(r: Report, *texts: str) -> Report:
    for k, t in enumerate(texts):
        r.sentences.append(Sentence(t, [Location(line=k + 1)], 4))
    return r


def _of(found: list[Finding], *rules: str) -> list[Finding]:
    return [f for f in found if f.rule in rules]


def test_a_cell_that_already_holds_the_number_asks_to_change_the_text() -> None:
    r = clean_report()
    set_cell(r, "t4.review.upheld", 3)
    set_cell(r, "t4.review.total", 3)   # table 4 holds: 3 reviews
    found = run_checks(_with(r, "全年未发生因政府信息公开引起的行政复议。"), S)
    [f] = _of(found, "TEXT-TABLE-MISMATCH")
    assert f.amend == "text" and (f.expected, f.actual) == (3, 0)  # the sentence: says 0, should say 3
    assert f.fix is None and f.suspects is None and f.cells_to_change == []  # no cell to change
    assert f.summary == "正文称未发生行政复议，而表四填有行政复议 3 件，应将正文改为“行政复议 3 件”"
    assert f.to_json()["amend"] == "text" and f.to_json()["summary"] == f.summary
    assert _of(found, "T4-TOTAL") == []


def _suit_typed_as_5() -> Report:
    """A resubmission: 未经复议直接起诉 parts 2 + 2, its total typed as 5."""
    r = clean_report()
    for k, v in (("t4.suit_direct.upheld", 2), ("t4.suit_direct.pending", 2), ("t4.suit_direct.total", 5)):
        set_cell(r, k, v)
    return r


def test_the_text_and_the_rows_parts_giving_4_decide_the_total_is_4() -> None:
    found = run_checks(_with(_suit_typed_as_5(), "全年发生政府信息公开行政诉讼4件。"), S)
    assert _of(found, "TEXT-TABLE-MISMATCH") == []  # the text is right; the table finding says so
    [t4] = _of(found, "T4-TOTAL")  # the total or any part could change: the text says which
    assert t4.fix == {"t4.suit_direct.total": 4} and t4.amend == "table" and t4.suspects is None
    assert t4.summary == "表四“未经复议直接起诉”行“总计”列填 5，按正文所述应为 4"


def test_a_text_no_way_of_correcting_agrees_with_asks_to_change_the_text() -> None:
    found = run_checks(_with(_suit_typed_as_5(), "全年发生政府信息公开行政诉讼3件。"), S)
    [t4] = _of(found, "T4-TOTAL")
    [text] = _of(found, "TEXT-TABLE-MISMATCH")
    assert t4.fix is None and "t4.suit_direct.total" in (t4.suspects or [])
    # 4 or 5 once table 4 is corrected, never 3: the sentence must change, the value is the table's
    assert text.amend == "text" and (text.expected, text.actual) == (None, 3)
    assert text.summary == "正文所述行政诉讼件数为 3，而表四填 5（表四本身勾稽有误，更正后为 4 或 5），应按表格修改正文"


def _done_typed_as_4() -> Report:
    r = clean_report()
    set_cell(r, "t3.total.total", 4)  # 3 done: its column, its row and the balance all say 3
    return r


def test_a_text_that_agrees_with_the_tables_correction_is_no_second_finding() -> None:
    found = run_checks(_with(_done_typed_as_4(), "本年度办结政府信息公开申请3件。"), S)
    assert _of(found, "TEXT-TABLE-MISMATCH") == []
    [t3] = _of(found, "T3-RESULT-TOTAL")
    assert t3.fix == {"t3.total.total": 3} and t3.summary == "表三“（七）总计”行“总计”列填 4，按各项之和应为 3"
    assert "改后与正文所述（“办结政府信息公开申请3件”）一致" in t3.detail


def test_text_and_table_findings_on_one_cell_propose_the_same_value() -> None:
    found = run_checks(_with(_done_typed_as_4(), "本年度办结政府信息公开申请5件。"), S)
    [t3] = _of(found, "T3-RESULT-TOTAL")
    [text] = _of(found, "TEXT-TABLE-MISMATCH")
    assert t3.fix == {"t3.total.total": 3}
    # the text must say what the corrected table says: 3, never the 4 typed
    assert text.amend == "text" and (text.expected, text.actual) == (3, 5)
    assert text.summary == "正文所述办结申请数为 5，而表三填 4（按表三勾稽关系应为 3），应将正文改为 3"


def test_where_no_relation_decides_the_finding_takes_no_side() -> None:
    r = clean_report()
    set_cell(r, "t2.normative.issued", 2)
    [f] = _of(run_checks(_with(r, "本年度印发行政规范性文件5件。"), S), "TEXT-TABLE-MISMATCH")
    assert f.amend == "" and f.expected is None and f.actual == 5
    assert f.summary.endswith("请核实后改正有误的一方")


def test_a_text_the_tables_cannot_settle_says_so() -> None:
    """The text agrees with one of several ways to correct table 4: neither side is certain."""
    r = clean_report()
    for k, v in (("t4.review.upheld", 2), ("t4.review.corrected", 1), ("t4.review.total", 2)):
        set_cell(r, k, v)
    # ways: 维持 1, 纠正 0 or 总计 3; the text's 3 agrees with one of them, 2 with the others
    found = run_checks(_with(r, "全年发生政府信息公开行政复议3件。", "另有行政复议2件。"), S)
    [t4] = _of(found, "T4-TOTAL")
    assert t4.fix is None and t4.suspects == ["t4.review.upheld", "t4.review.corrected", "t4.review.total"]
    [f] = _of(found, "TEXT-TABLE-MISMATCH")  # the 3 (the 2 is what the table holds now)
    assert f.amend == "" and (f.expected, f.actual) == (None, 3) and "请先核实表格" in f.summary


def test_corpus_review_denied_asks_to_change_the_text() -> None:
    result = check_file(corpus_file("v04_anping_zrzyj.txt"))
    [text] = _of(result.findings, "TEXT-TABLE-MISMATCH")
    [t4] = _of(result.findings, "T4-TOTAL")
    assert text.amend == "text" and text.expected is None and text.summary.endswith("应按表格修改正文")
    assert "行政复议 3 件（表四本身勾稽有误，更正后为 3 或 4 件）" in text.summary
    assert t4.suspects == ["t4.review.upheld", "t4.review.corrected", "t4.review.total"]  # table order
    assert t4.summary == "表四“行政复议”总计填 3，各项之和为 4，无法确定哪一格有误"
    ways = t4.detail.split("：", 1)[1].split("；")
    assert ways == ["①表四“行政复议”行“结果维持”列填 3，应为 2", "②表四“行政复议”行“结果纠正”列填 1，应为 0",
                    "③表四“行政复议”行“总计”列填 3，应为 4"]


def test_corpus_swapped_pair_is_named_as_a_swap() -> None:
    result = check_file(corpus_file("v02_chengguan_jd.pdf"))
    [f] = _of(result.findings, "T3-ROW-TOTAL")
    assert f.summary == "表三“（一）予以公开”行总计填 0，各项之和为 5，疑为两格数字填反，无法确定是哪两格"
    assert f.suspects == ["t3.granted.natural", "t3.granted.total", "t3.partial.natural", "t3.partial.total"]
    assert ("①表三“（一）予以公开”行“自然人”列（5）与“（二）部分公开”行“自然人”列（0）的数字填反了，应分别为 0 和 5"
            in f.detail)
    assert ("②表三“（一）予以公开”行“总计”列（0）与“（二）部分公开”行“总计”列（5）的数字填反了，应分别为 5 和 0"
            in f.detail)


def test_corpus_short_sentence_first() -> None:
    result = check_file(corpus_file("v10_baima_zhen.docx"))
    [f] = _of(result.findings, "T3-RESULT-TOTAL")
    assert f.summary == "表三“（七）总计”行“总计”列填 32，按各项之和应为 23"
    assert f.message == f"{f.summary}。{f.detail}" and f.detail.startswith("表三“总计”列不符合")


def test_every_corpus_finding_reads_short_sentence_first_and_says_nothing_twice() -> None:
    from tests.checks.test_findings_agree_generated import _assert_reads_well
    from tests.support.corpus import CORPUS

    n = 0
    for path in sorted(CORPUS.glob("*.*")):
        if path.suffix == ".json" or path.name == "README.md":
            continue
        for f in check_file(path).findings:
            _assert_reads_well(f)
            n += 1
    assert n >= 60
