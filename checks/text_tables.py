"""TEXT-TABLE-MISMATCH: numbers the narrative states against the tables.

"收到/受理 N 件" is often written for 新收 + 上年结转, so either reading is accepted.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from model.report import Report, Sentence
from model.standard import T3_APPLICANT_COLUMNS
from model.textnorm import norm

from .finding import Finding
from .registry import rule
from .settings import Settings

_NUM = r"(\d+)(?:件|条|个|起|宗|次)"
_RECEIVED = re.compile(rf"(?:收到|受理|新收|接收)[^，,。；;\d]{{0,16}}?申请[^，,。；;\d]{{0,8}}?{_NUM}")
_NONE_RECEIVED = re.compile(r"(?:未|没有|无)(?:收到|受理|接到)[^，,。；;]{0,16}?申请|(?:收到|受理)[^，,。；;\d]{0,16}?申请[^，,。；;\d]{0,4}?0(?:件|条|个)")
_CARRIED = re.compile(rf"上年(?:度)?结转[^，,。；;\d]{{0,10}}?{_NUM}")
_CARRY_FORWARD = re.compile(rf"结转(?:至)?下(?:一)?年度?[^，,。；;\d]{{0,10}}?{_NUM}")
_DONE = re.compile(rf"(?:办结|办理完毕|答复)[^，,。；;\d]{{0,8}}?{_NUM}")
_ALL_DONE = re.compile(r"(?:均已|全部|均)(?:按时|依法|在法定期限内)?(?:办结|办理完毕|答复完毕)")
_REVIEW = re.compile(rf"行政复议[^，,。；;\d]{{0,8}}?{_NUM}")
_SUIT = re.compile(rf"行政诉讼[^，,。；;\d]{{0,8}}?{_NUM}")
_NO_REVIEW = re.compile(r"(?:未发生|没有发生|无|未出现|未收到|没有)[^，,。；;]{0,20}?行政复议")
_NO_SUIT = re.compile(r"(?:未发生|没有发生|无|未出现|没有)[^，,。；;]{0,24}?行政诉讼")
_NORMATIVE = re.compile(rf"(?:制发|印发|出台|制定)[^，,。；;\d]{{0,10}}?规范性文件[^，,。；;\d]{{0,4}}?{_NUM}")


def _row_total(report: Report, row: str) -> int | None:
    v = report.value(f"t3.{row}.total")
    if v is not None:
        return int(v)
    parts = [report.value(f"t3.{row}.{c}") for c in T3_APPLICANT_COLUMNS if f"t3.{row}.{c}" in report.cells]
    if not parts or any(p is None for p in parts):
        return None
    return int(sum(parts))  # type: ignore[arg-type]


def _t4(report: Report, *groups: str) -> int | None:
    vals = [report.value(f"t4.{g}.total") for g in groups]
    if any(v is None for v in vals):
        return None
    return int(sum(vals))  # type: ignore[arg-type]


def _finding(s: Sentence, what: str, text_value, table_value, cells: list[str]) -> Finding:
    return Finding("TEXT-TABLE-MISMATCH", "error",
                   f"正文称{what}为 {text_value}，与统计表（{table_value}）不一致：{s.text[:120]}",
                   cells, table_value if isinstance(table_value, int) else None,
                   text_value if isinstance(text_value, int) else None, s.location, s.text)


@rule("TEXT-TABLE-MISMATCH")
def text_table_mismatch(report: Report, settings: Settings) -> Iterable[Finding]:
    new, carried = _row_total(report, "new"), _row_total(report, "carried")
    done, forward = _row_total(report, "total"), _row_total(report, "carry_forward")
    review, suit = _t4(report, "review"), _t4(report, "suit_direct", "suit_after_review")
    issued = report.value("t2.normative.issued")
    for s in report.sentences:
        if s.section in (5, 6):
            continue  # plans and other matters speak of other years
        n = norm(s.text)
        if re.search(r"上一?年度?[^结]|去年|同比|较上年|20\d\d年度?相比", n) and "上年结转" not in n:
            continue  # a comparison with last year
        if new is not None:
            if _NONE_RECEIVED.search(n):
                if new != 0:
                    yield _finding(s, "未收到政府信息公开申请", 0, new, ["t3.new.total"])
            else:
                m = _RECEIVED.search(n)
                if m:
                    v = int(m.group(1))
                    if v not in {new, new + (carried or 0)}:
                        yield _finding(s, "收到申请数", v, new, ["t3.new.total", "t3.carried.total"])
        m = _DONE.search(n)
        if m and done is not None and int(m.group(1)) != done:
            yield _finding(s, "办结申请数", int(m.group(1)), done, ["t3.total.total"])
        m = _CARRIED.search(n)
        if m and carried is not None and int(m.group(1)) != carried:
            yield _finding(s, "上年结转申请数", int(m.group(1)), carried, ["t3.carried.total"])
        m = _CARRY_FORWARD.search(n)
        if m and forward is not None and int(m.group(1)) != forward:
            yield _finding(s, "结转下年度办理数", int(m.group(1)), forward, ["t3.carry_forward.total"])
        elif forward and _ALL_DONE.search(n) and "申请" in n and not m:
            yield _finding(s, "申请“均已办结”", "均已办结", f"结转下年度 {forward} 件", ["t3.carry_forward.total"])
        for what, value, none_said, count_said, cells in (
                ("行政复议", review, _NO_REVIEW, _REVIEW, ["t4.review.total"]),
                ("行政诉讼", suit, _NO_SUIT, _SUIT, ["t4.suit_direct.total", "t4.suit_after_review.total"])):
            if value is None:
                continue
            if none_said.search(n):
                if value != 0:
                    yield _finding(s, f"没有{what}", 0, value, cells)
            else:
                m = count_said.search(n)
                if m and int(m.group(1)) != value:
                    yield _finding(s, f"{what}数", int(m.group(1)), value, cells)
        m = _NORMATIVE.search(n)
        if m and issued is not None and int(m.group(1)) != issued:
            yield _finding(s, "制发规范性文件数", int(m.group(1)), int(issued), ["t2.normative.issued"])
