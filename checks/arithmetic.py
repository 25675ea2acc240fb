"""The arithmetic of the tables (勾稽关系): T3-BALANCE, T3-RESULT-TOTAL, T3-ROW-TOTAL, T4-TOTAL.

All relations are solved together (checks.table_system, on checks.corrections): the smallest sets
of cell changes that make every relation hold say which cell to correct. One finding per cause: the
cells of one correction (or of the suspects) and the broken relations they explain. Each finding
says first, in one short sentence, what to change; then the relations and the ways to correct them.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from model.report import Report

from . import table_system
from .catalogue import rule_ids
from .corrections import Correction, Relation
from .finding import SUSPECTS_LEAD, Finding, Severity
from .registry import rule
from .settings import RuleSettings
from .stated import Statement, stated_counts
from .table_system import Block, solve_tables
from .wording import cell_names, change_text, in_table_order, num, short_what, swapped

# The order a finding that explains several broken relations is named by: the total most likely
# wrong first (the same ids as the catalogue's table-arithmetic rules; a test holds them equal).
RULE_PRIORITY: tuple[str, ...] = ("T3-RESULT-TOTAL", "T3-ROW-TOTAL", "T3-BALANCE", "T4-TOTAL")
ARITHMETIC_RULES: frozenset[str] = frozenset(i for i in rule_ids("表格数据") if i != "CELL-VALUE")

MAX_NAMED = 8  # suspect cells a message names one by one
MAX_WAYS = 4   # ways to correct a message spells out one by one (more: the suspect cells)

# What each relation says, for the message.
RELATION_TEXT = {
    "T3-BALANCE": "“本年新收＋上年结转＝办理结果总计＋结转下年度”",
    "T3-RESULT-TOTAL": "“（七）总计＝（一）至（六）各项之和”",
    "T3-ROW-TOTAL": "“总计列＝各类申请人之和”",
    "T4-TOTAL": "“总计＝结果维持＋结果纠正＋其他结果＋尚未审结”",
}

BUILDERS = table_system.BUILDERS
relations = table_system.relations


@rule(*RULE_PRIORITY)
def arithmetic(report: Report, settings: RuleSettings) -> Iterable[Finding]:
    system = solve_tables(report, settings)
    statements = stated_counts(report)
    found: list[Finding] = []
    for block in system.blocks:
        if not block.outcome.broken:
            continue
        keys = in_table_order(block.fix if block.fix else block.outcome.suspects)
        for group, mine in group_causes(block.relations, block.outcome.broken, keys):
            cause = _Cause(system.values, group, mine, block)
            found.append(cause.finding(report, statements))
    return found


def group_causes(rels: Sequence[Relation], broken: Sequence[Relation],
                 keys: Sequence[str]) -> list[tuple[list[Relation], list[str]]]:
    """Broken relations grouped by cause: key cells (fix or suspect cells) sharing a relation are
    one cause, with the broken relations that hold them. A broken relation with no key cell is a
    cause of its own."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    keyset = set(keys)
    for r in rels:
        mine = [c for c in r.cells if c in keyset]
        for c in mine[1:]:
            parent[find(c)] = find(mine[0])
    groups: dict[str, tuple[list[Relation], list[str]]] = {}
    for r in sorted(broken, key=lambda r: RULE_PRIORITY.index(r.rule)):
        mine = [c for c in keys if c in r.cells]
        root = find(mine[0]) if mine else f"relation:{r.rule}:{r.subject}"
        groups.setdefault(root, ([], []))[0].append(r)
    for c in keys:
        if find(c) in groups:
            groups[find(c)][1].append(c)
    return list(groups.values())


@dataclass(frozen=True)
class _Cause:
    """One cause: the broken relations it explains and its key cells (of the fix, or suspects)."""
    values: Mapping[str, float]
    group: list[Relation]
    keys: list[str]
    block: Block

    @property
    def table(self) -> str:
        return "表四" if self.group[0].rule == "T4-TOTAL" else "表三"

    @property
    def fix(self) -> dict[str, int | float] | None:
        fix = self.block.fix
        return {c: fix[c] for c in self.keys} if fix else None

    def finding(self, report: Report, statements: Sequence[Statement]) -> Finding:
        main = self.group[0]
        total, parts = main.sides(self.values)
        fix = self.fix
        expected, actual = num(parts), num(total)
        if fix and len(fix) == 1:  # 现值 and 应为 then speak of the one cell to change
            [(cell, value)] = fix.items()
            expected, actual = value, num(self.values[cell])
        summary, detail = self._fix_words(statements) if fix else self._suspect_words() if self.keys \
            else self._unexplained_words()
        said = self.block.said
        return Finding(
            rule=main.rule, severity=Severity.ERROR, summary=summary, message=f"{summary}。{detail}",
            cells=list(dict.fromkeys([*self.keys, *(c for r in self.group for c in r.cells)])),
            expected=expected, actual=actual,
            location=report.cells[self.keys[0] if self.keys else main.total[0]].location,
            fix=fix, suspects=None if fix or not self.keys else list(self.keys),
            amend="table" if self.keys else "",
            quote=said.sentence.text if said and fix else None,  # the sentence that decided the fix
            subject=";".join(f"{r.rule}:{r.subject}" for r in self.group))

    def _broken(self) -> str:
        return "；".join(f"{'、'.join(r.what for r in self.group if r.rule == rid)}不符合{RELATION_TEXT[rid]}"
                        for rid in dict.fromkeys(r.rule for r in self.group))

    def _fix_words(self, statements: Sequence[Statement]) -> tuple[str, str]:
        fix = self.block.fix or {}
        mine = {c: fix[c] for c in self.keys}
        said = self.block.said
        main = self.group[0]
        why = "按正文所述" if said else "按各项之和" if main.rule != "T3-BALANCE" and mine.keys() <= set(main.total) \
            else "按勾稽关系"
        summary = change_text(self.values, mine, why)
        if len(mine) > 1 and swapped(self.values, mine) is None:
            summary = f"{why}，{summary}"
        detail = f"{self.table}{self._broken()}（{_detail(self.values, main)}）"
        if said:
            return summary, f"{detail}；按正文所述（“{said.text}”）可在几种改法中确定这一种"
        agreeing = [s.text for s in statements if _agrees_once_fixed(s, self.values, mine)]
        if agreeing:
            detail += f"；改后与正文所述（“{agreeing[0]}”）一致"
        return summary, detail

    def _suspect_words(self) -> tuple[str, str]:
        main = self.group[0]
        ways = self._ways()
        tail = "疑为两格数字填反，无法确定是哪两格" if ways and all(swapped(self.values, w) for w in ways) \
            else "无法确定哪一格有误" if ways and all(len(w) == 1 for w in ways) else "无法确定哪些格有误"
        summary = f"{self.table}{_short(self.values, main)}，{tail}"
        if ways and len(ways) <= MAX_WAYS:
            marks = "①②③④⑤⑥⑦⑧"
            listed = "；".join(f"{marks[i]}{change_text(self.values, w)}" for i, w in enumerate(ways))
            return summary, f"{self.table}{self._broken()}。可能的改法（只需其中一种，请核实后改正）：{listed}"
        named = "、".join(cell_names(self.keys[:MAX_NAMED]))
        more = f"等 {len(self.keys)} 格" if len(self.keys) > MAX_NAMED else ""
        return summary, f"{self.table}{self._broken()}。{SUSPECTS_LEAD}{named}{more}"

    def _ways(self) -> list[dict[str, int]]:
        """Each smallest correction, as far as it concerns this cause's cells (when all are determined)."""
        found: list[Correction] = self.block.outcome.corrections
        if not found or any(k.values is None for k in found):
            return []
        out: list[dict[str, int]] = []
        for k in found:
            way = {c: v for c, v in (k.values or {}).items() if c in self.keys}
            if way and way not in out:
                out.append(way)
        order = {c: i for i, c in enumerate(self.keys)}  # the keys are in table order
        return sorted(out, key=lambda w: sorted(order[c] for c in w))

    def _unexplained_words(self) -> tuple[str, str]:
        main = self.group[0]
        return (f"{self.table}{_short(self.values, main)}，请核对该处各项数据",
                f"{self.table}{self._broken()}（{_detail(self.values, main)}）")


def _agrees_once_fixed(s: Statement, values: Mapping[str, float], fix: Mapping[str, int | float]) -> bool:
    """A statement about a fixed cell that the table contradicts now and agrees with once fixed."""
    def says(v: Mapping[str, float]) -> bool:
        return any(all(c in v for c in alt) and sum(v[c] for c in alt) == s.value for alt in s.readings)
    touches = any(c in fix for alt in s.readings for c in alt)
    return touches and not says(values) and says({**values, **fix})


def _short(values: Mapping[str, float], r: Relation) -> str:
    """The broken relation in a few words, with its two sides."""
    total, parts = r.sides(values)
    what = short_what(r.what)
    if r.rule == "T3-BALANCE":
        return f"{what}“新收＋上年结转”为 {num(parts)}，“办结＋结转下年度”为 {num(total)}，两者不等"
    return f"{what}总计填 {num(total)}，各项之和为 {num(parts)}"


def _detail(values: Mapping[str, float], r: Relation) -> str:
    def v(c: str) -> str:
        return str(num(values[c]))
    if r.rule == "T3-BALANCE":
        new, carried = r.parts
        done, forward = r.total
        return (f"{r.what}本年新收 {v(new)} 件、上年结转 {v(carried)} 件，"
                f"办理结果总计 {v(done)} 件、结转下年度 {v(forward)} 件")
    total, parts = r.sides(values)
    return f"{r.what}总计填写为 {num(total)}，各项之和为 {num(parts)}"
