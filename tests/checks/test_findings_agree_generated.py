"""Generated reports: consistent tables and a narrative that states their counts, then one error
injected — a number in the text, a cell typed wrong, or two cells of a row swapped. The text–table
findings and the table findings must agree on the cells they share, and the text–table finding must
say which side to change."""
from __future__ import annotations

import random
import re

from checks import RuleSettings, run_checks
from checks.finding import Finding
from model.document import Location
from model.report import Report, Sentence
from model.standard import T3_APPLICANT_COLUMNS, all_keys
from tests.checks.test_corrections_generated import clean_values
from tests.support.reports import clean_report, set_cell

CASES = 80
TABLE_RULES = {"T3-BALANCE", "T3-RESULT-TOTAL", "T3-ROW-TOTAL", "T4-TOTAL"}
ORDER = {k: i for i, k in enumerate(all_keys())}
# What each stated count reads, as checks.stated reads it: 收到 = 新收, or 新收 + 上年结转.
READINGS = {
    "received": (("t3.new.total",), ("t3.new.total", "t3.carried.total")),
    "done": (("t3.total.total",),),
    "carry_forward": (("t3.carry_forward.total",),),
    "review": (("t4.review.total",),),
    "suit": (("t4.suit_direct.total", "t4.suit_after_review.total"),),
}


def _said(v: dict[str, int]) -> dict[str, int]:
    return {"received": v["t3.new.total"], "done": v["t3.total.total"], "carry_forward": v["t3.carry_forward.total"],
            "review": v["t4.review.total"], "suit": v["t4.suit_direct.total"] + v["t4.suit_after_review.total"]}


def _sentences(said: dict[str, int]) -> list[Sentence]:
    return [Sentence(f"本年度新收政府信息公开申请{said['received']}件，办结{said['done']}件，"
                     f"结转下年度继续办理{said['carry_forward']}件。", [Location(line=1)], 3),
            Sentence(f"全年发生政府信息公开行政复议{said['review']}件、行政诉讼{said['suit']}件。", [Location(line=2)], 4)]


def _report(v: dict[str, int], said: dict[str, int]) -> Report:
    r = clean_report()
    for k, x in v.items():
        set_cell(r, k, x)
    r.sentences.extend(_sentences(said))
    return r


def _inject(v: dict[str, int], said: dict[str, int], rng: random.Random) -> str:
    kind = rng.choice(["text", "text", "stated cell", "cell", "swap"])
    if kind == "text":
        what = rng.choice(sorted(said))
        taken = {sum(v[c] for c in alt) for alt in READINGS[what]}
        said[what] = min(x for x in range(said[what] + rng.randint(1, 3), 10_000) if x not in taken)
    elif kind == "stated cell":  # a cell the text states, typed wrong
        key = rng.choice([c for alts in READINGS.values() for alt in alts for c in alt])
        v[key] += rng.choice([1, 2, 5])
    elif kind == "cell":
        key = rng.choice(sorted(v))
        v[key] += rng.choice([1, 3])
    else:
        row = rng.choice(["new", "granted", "carry_forward", "total"])
        options = [(a, b) for a in T3_APPLICANT_COLUMNS for b in T3_APPLICANT_COLUMNS
                   if a < b and v[f"t3.{row}.{a}"] != v[f"t3.{row}.{b}"]]
        if not options:
            return "none"
        a, b = rng.choice(options)
        v[f"t3.{row}.{a}"], v[f"t3.{row}.{b}"] = v[f"t3.{row}.{b}"], v[f"t3.{row}.{a}"]
    return kind


def _kind(f: Finding) -> str:
    return next(k for k, alts in READINGS.items() if alts[0][0] == f.cells[0])


def _fixed(v: dict[str, int], table: list[Finding]) -> dict[str, float]:
    out: dict[str, float] = dict(v)
    for f in table:
        out.update(f.fix or {})
    return out


def _check_one_case(v: dict[str, int], said: dict[str, int], kind: str, truth: dict[str, int]) -> None:
    found = run_checks(_report(v, said), RuleSettings())
    table = [f for f in found if f.rule in TABLE_RULES]
    text = [f for f in found if f.rule == "TEXT-TABLE-MISMATCH"]
    fixed = _fixed(v, table)
    fixes = {c: x for f in table for c, x in (f.fix or {}).items()}
    suspects = {c for f in table for c in (f.suspects or [])}
    for f in text:
        what = _kind(f)
        readings = READINGS[what]
        assert f.amend in ("text", ""), f
        if f.amend == "text" and f.expected is not None:
            # the number the text should state is what the (corrected) tables give: never a cell's
            # value that a table finding changes
            assert f.expected == sum(fixed[c] for c in readings[0]) and f.actual == said[what], f
            assert f"应将正文改为 {f.expected}" in f.summary
        if f.amend == "":
            # the tables cannot tell: their findings name suspects there, or no relation holds the cells
            assert any(c in suspects for alt in readings for c in alt), f
        # once the tables are corrected as their findings say, the text must still be wrong: else
        # the table finding alone is the cause
        determined = not any(c in suspects for alt in readings for c in alt)
        if determined:
            assert all(sum(fixed[c] for c in alt) != said[what] for alt in readings), f
    if kind == "text":  # the tables hold: the sentence is what must change, to the tables' number
        assert table == [] and len(text) == 1
        [f] = text
        assert f.amend == "text" and f.expected == sum(truth[c] for c in READINGS[_kind(f)][0])
    if fixes and all(truth.get(c) == x for c, x in fixes.items()):
        # the tables' own correction restores the truth, which the text states: no text finding
        assert text == [], (fixes, text)
    for f in found:
        _assert_reads_well(f)


def _assert_reads_well(f: Finding) -> None:
    assert f.message.startswith(f.summary) and f.summary
    parts = [p for p in re.split(r"[。；]", f.message) if p]
    assert len(parts) == len(set(parts)), f.message  # no sentence twice
    if f.quote:
        assert f.quote not in f.summary and f.message.count(f.quote[:20]) <= 1, f.message
    for keys in (list(f.fix or {}), list(f.suspects or [])):
        assert keys == sorted(keys, key=ORDER.__getitem__), f  # table order


def test_text_and_table_findings_agree_on_generated_reports() -> None:
    rng = random.Random(27)
    kinds: dict[str, int] = {}
    for case in range(CASES):
        v = clean_values(rng)
        said = _said(v)
        clean = run_checks(_report(v, said), RuleSettings())
        assert [f for f in clean if f.rule in TABLE_RULES | {"TEXT-TABLE-MISMATCH"}] == [], case
        truth = dict(v)
        kind = _inject(v, said, rng)
        kinds[kind] = kinds.get(kind, 0) + 1
        _check_one_case(v, said, kind, truth)
    print("generated cases:", kinds)
    assert kinds.get("text", 0) > 10 and kinds.get("stated cell", 0) > 5 and kinds.get("swap", 0) > 5
