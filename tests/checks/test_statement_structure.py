"""The text rules read a count by its structure — a number and its measure word, the noun it counts
in its clause, negations — not by a list of phrasings. Paraphrases written here, none from a sample."""
from __future__ import annotations

from pathlib import Path

import pytest

from checks.stated import counts_in
from model.textnorm import norm
from pipeline.check import check_file
from tests.support import layouts as L


@pytest.mark.parametrize(("sentence", "counts"), [
    ("本年度新收政府信息公开申请共计21件，上年结转3件，结转下年度3件。",
     [("received", 21), ("carried", 3), ("carry_forward", 3)]),
    ("共收到群众通过网络、信函等方式提出的政府信息公开申请21件，均已按时答复。", [("received", 21)]),
    ("我局2024年收到的政府信息公开申请数量为21件。", [("received", 21)]),            # a year inside the clause
    ("2024年1月1日至12月31日，共收到申请21件。", [("received", 21)]),
    ("受理政府信息公开申请（含上年结转）24件，办结21件。", [("received", 24), ("done", 21)]),
    ("本机关在法定期限内共受理依申请公开21件。", [("received", 21)]),
    ("全年发生1起行政复议案件，2起行政诉讼案件。", [("review", 1), ("suit", 2)]),       # the count before the noun
    ("因政府信息公开被申请行政复议1件、提起行政诉讼2件。", [("review", 1), ("suit", 2)]),
    ("被申请行政复议的案件数量为3件。", [("review", 3)]),                             # the count after the noun
    ("涉及政府信息公开的行政复议案件共计1件，较上年减少2件。", [("review", 1)]),         # a change is not a count
    ("本机关共收到申请21件，同比增加5件。", [("received", 21)]),
    ("本年度印发行政规范性文件3件，废止1件。", [("normative", 3)]),
    ("结转至下一年度办理的申请2件。", [("carry_forward", 2)]),
    ("政府网站发布信息85条，其中政策文件12条。", []),                                 # not a count of the tables
    ("申请人通过网络提交申请15件，信函6件。", []),                                    # parts by channel, not the total
])
def test_counts_are_read_by_their_structure(sentence: str, counts: list[tuple[str, int]]) -> None:
    assert [(c.kind, c.value) for c in counts_in(norm(sentence))] == counts


def _check_with(paragraph: str, section: int, tmp_path: Path):
    """The layouts report with one more paragraph in a section; its findings."""
    ps = L.pieces()
    at = next(i for i, p in enumerate(ps) if p.text and p.text.startswith(("一、", "二、", "三、", "四、", "五、", "六、")[section - 1]))
    ps.insert(at + 1, L.Piece(paragraph))
    path = tmp_path / "r.txt"
    path.write_text(L.to_text(ps), encoding="utf-8")
    result = check_file(path)
    assert result.report is not None
    return [f for f in result.findings if f.rule == "TEXT-TABLE-MISMATCH"]


# The tables hold: 新收 21, 上年结转 3, 办结 21, 结转下年度 3, 行政复议 3, 行政诉讼 2, 制发规范性文件 3.
@pytest.mark.parametrize(("paragraph", "cells"), [
    ("本年度共收到群众通过网络、信函等方式提出的政府信息公开申请23件。", ["t3.new.total", "t3.carried.total"]),
    ("本机关于2024年度共受理政府信息公开申请20件。", ["t3.new.total", "t3.carried.total"]),
    ("全年发生1起政府信息公开行政复议案件。", ["t4.review.total"]),
    ("被申请行政复议的案件数量为2件。", ["t4.review.total"]),
    ("本机关未发生因政府信息公开引起的行政复议和行政诉讼。", ["t4.review.total", "t4.suit_direct.total",
                                                          "t4.suit_after_review.total"]),
    ("行政复议和行政诉讼案件均为零。", ["t4.review.total", "t4.suit_direct.total", "t4.suit_after_review.total"]),
    ("结转至下一年度继续办理的申请2件。", ["t3.carry_forward.total"]),
    ("本年度印发行政规范性文件5件。", ["t2.normative.issued"]),
])
def test_a_paraphrase_that_disagrees_with_the_tables_is_found(paragraph: str, cells: list[str], tmp_path: Path) -> None:
    found = _check_with(paragraph, 1, tmp_path)
    assert [f.cells for f in found] == [cells]


@pytest.mark.parametrize("paragraph", [
    "本年度共收到群众通过网络、信函等方式提出的政府信息公开申请21件。",
    "全年受理政府信息公开申请（含上年结转）24件。",
    "本机关于2024年度共受理政府信息公开申请21件，同比增加5件。",
    "全年发生3起政府信息公开行政复议案件、2起行政诉讼案件。",
    "被申请行政复议的案件数量为3件。",
    "结转至下一年度继续办理的申请3件。",
    "2023年收到申请16件。",                # another year's count, in a comparison
])
def test_a_paraphrase_that_agrees_gives_nothing(paragraph: str, tmp_path: Path) -> None:
    assert _check_with(paragraph, 1, tmp_path) == []


def test_a_label_written_with_qita_reads_as_qita(tmp_path: Path) -> None:
    text = L.to_text(L.pieces()).replace("\t其他\t", "\t其它\t").replace("3.其他", "3.其它")
    assert "3.其它" in text and "其它\t" in text
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    result = check_file(path)
    assert result.report is not None
    assert {k: c.value for k, c in result.report.cells.items()} == L.cells()
    assert [f.rule for f in result.findings] == []
