"""A tab-separated annual report built in code (like a Word table copied to text), for the
recogniser's unit tests: every table row can be given other values, dropped or printed twice."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from model.document import Document, Location, TextBlock
from model.standard import T3_COLUMNS, column_label, t2_rows, t3_column_name, t3_rows
from recognise.items import Item, flatten

NARRATIVE = "本年度，本机关认真贯彻落实政府信息公开条例，持续推进决策、执行、管理、服务、结果公开，取得了较好成效。"
T3_HEADER = ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况")
T4_HEADER = ("行政复议", "行政诉讼")
T4_VALUES = ("3", "1", "0", "0", "4", "0", "0", "1", "0", "1", "0", "0", "0", "0", "0")


def t3_values(row: str) -> list[str]:
    """A consistent table 3: one application from a natural person, granted."""
    one = row in ("new", "granted", "total")
    return [("1" if one else "0") if c in ("natural", "total") else "0" for c in T3_COLUMNS]


def t2_lines() -> list[str]:
    lines: list[str] = ["二、主动公开政府信息情况"]
    group = None
    for rd in t2_rows():
        if rd.group != group:
            group = rd.group
            lines += [f"{group}", "信息内容\t" + "\t".join(column_label("t2", rd.row, c) for c in rd.columns)]
        lines.append(f"{rd.label}\t" + "\t".join("0" for _ in rd.columns))
    return lines


def t3_lines(values: Mapping[str, Sequence[str]] | None = None, columns: Sequence[str] = T3_COLUMNS,
             drop: Sequence[str] = (), twice: Sequence[str] = ()) -> list[str]:
    """Table 3 with the given columns; `values` replaces a row's printed values (tokens)."""
    lines = ["三、收到和处理政府信息公开申请情况", "\t".join(T3_HEADER),
             "\t".join(t3_column_name(c) for c in columns)]
    group = None
    for rd in t3_rows():
        if rd.row in drop:
            continue
        vals = list((values or {}).get(rd.row, [v for c, v in zip(T3_COLUMNS, t3_values(rd.row)) if c in columns]))
        lead = [rd.group] if rd.group and rd.group != group else [""] if rd.group else []
        group = rd.group
        line = "\t".join([*lead, rd.label, *vals])
        lines += [line] * (2 if rd.row in twice else 1)
    return lines


def report_lines(t3: Sequence[str] | None = None, t4: Sequence[str] = T4_VALUES) -> list[str]:
    return ["测试镇人民政府2024年政府信息公开工作年度报告", "一、总体情况", NARRATIVE,
            *t2_lines(), *(t3_lines() if t3 is None else t3),
            "四、政府信息公开行政复议、行政诉讼情况", "\t".join(T4_HEADER), "结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
            "\t".join(t4), "五、存在的主要问题及改进情况", NARRATIVE, "六、其他需要报告的事项", NARRATIVE]


def document(lines: Sequence[str]) -> Document:
    blocks = []
    for i, line in enumerate(lines):
        parts = [(p, Location(line=i)) for p in line.split("\t")] if "\t" in line else None
        blocks.append(TextBlock(line, Location(line=i), parts))
    return Document(path="built.txt", format="txt", blocks=list(blocks))


def items_of(lines: Sequence[str]) -> list[Item]:
    return flatten(document(lines))
