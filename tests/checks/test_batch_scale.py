"""The checks across reports at scale: the indexed joins give exactly the pairwise loop's findings,
and a template shared by many reports gives one finding per report, not one per pair."""
from __future__ import annotations

import pickle
import random
import re
from collections.abc import Sequence

import pytest

from checks import RuleSettings, batch
from checks.batch import ArchivedReport, run_batch_checks
from checks.copied_index import compact, similar_pairs
from checks.finding import Finding
from model.report import Report
from tests.support.batches import body, generated_batch, narrative, refill, report, reword


def pairwise_copied(reports: Sequence[Report | None], out: list[list[Finding]]) -> None:
    """COPIED-TEXT as it was before the index: every ordered pair compared (the reference)."""
    sh = [batch.shingles(r) if r is not None else frozenset[int]() for r in reports]
    for i, a in enumerate(reports):
        if a is None or len(sh[i]) < 15:
            continue
        for j, b in enumerate(reports):
            if j == i or b is None or len(sh[j]) < 15:
                continue
            same_body = batch._body_key(a) == batch._body_key(b)
            if same_body and not (a.year and b.year and b.year == a.year - 1):
                continue
            out[i].extend(batch._copied_pair(sh[i], sh[j], b, same_body, batch._name(b)))


def reference(reports: list[Report | None], previous: list[ArchivedReport | None] | None = None) -> list[list[Finding]]:
    saved = batch._copied
    batch._copied = pairwise_copied  # type: ignore[assignment]
    try:
        return run_batch_checks(reports, RuleSettings(), previous)
    finally:
        batch._copied = saved  # type: ignore[assignment]


def archived(reports: list[Report | None], seed: int) -> list[ArchivedReport | None]:
    """For about half the reports, an archived year before (a reworded copy of it)."""
    rng = random.Random(seed)
    out: list[ArchivedReport | None] = []
    for r in reports:
        if r is None or not r.year or rng.random() < 0.5:
            out.append(None)
            continue
        text = reword(rng, [s.text for s in r.sentences], rng.choice((3, 8, 14)), "本单位")
        out.append(ArchivedReport(report(r.unit, r.year - 1, text, f"archived/{r.path}"), "2025-01-05T10:00:00"))
    return out


def copied(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.rule == "COPIED-TEXT"]


@pytest.mark.parametrize("threshold", [0.5, 0.8])
@pytest.mark.parametrize("seed", range(4))
def test_the_join_finds_every_pair_over_the_threshold_and_no_other(seed: int, threshold: float) -> None:
    rng = random.Random(seed)
    base = [frozenset(rng.sample(range(3000), rng.randint(15, 400))) for _ in range(25)]
    sets = []
    for _ in range(160):  # variants of a few bases: every similarity from 0 to 1, identical sets too
        b = list(rng.choice(base))
        drop = rng.choice((0, 0, 1, 3, len(b) // 10, len(b) // 5, len(b) // 3))
        kept = rng.sample(b, len(b) - drop) + rng.sample(range(3000, 6000), rng.choice((0, drop, drop // 2)))
        sets.append(frozenset(kept))
    sets += [frozenset(), frozenset({1})]
    brute = {(i, j, len(a & b) / len(a | b)) for i, a in enumerate(sets) for j, b in enumerate(sets)
             if i < j and a and b and len(a & b) / len(a | b) > threshold}
    assert len(brute) > 100
    assert similar_pairs([compact(s) for s in sets], threshold) == brute


@pytest.mark.parametrize("seed", range(3))
def test_indexed_checks_equal_the_pairwise_loop(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    reports = generated_batch(260, seed)
    previous = archived(reports, seed)
    want = reference(reports, previous)
    monkeypatch.setattr(batch, "CLUSTER_MIN", 10**9)  # a finding per pair, as the loop gave
    got = run_batch_checks(reports, RuleSettings(), previous)
    assert got == want
    n = sum(len(copied(f)) for f in want)
    own = sum("本单位" in f.message for found in want for f in copied(found))
    assert n > 250 and own > 50  # many copies of both kinds were there to find (own: the batch's and the archive's)


@pytest.mark.parametrize("seed", range(3))
def test_a_report_like_many_others_gets_one_finding_naming_them(seed: int) -> None:
    reports = generated_batch(260, seed)
    want = reference(reports)
    got = run_batch_checks(reports)
    clusters = 0
    for w, g in zip(want, got, strict=True):
        others = [f for f in copied(w) if "本单位" not in f.message]
        assert [f for f in w if f.rule != "COPIED-TEXT"] == [f for f in g if f.rule != "COPIED-TEXT"]
        assert [f for f in copied(g) if "本单位" in f.message] == [f for f in copied(w) if "本单位" in f.message]
        if len(others) < batch.CLUSTER_MIN:
            assert g == w
            continue
        clusters += 1
        [one] = [f for f in copied(g) if "本单位" not in f.message]
        assert (one.severity, one.subject) == ("warning", batch.CLUSTER_SUBJECT)
        m = re.fullmatch(r"正文与以下 (\d+) 份报告正文高度相似（相似度 ([\d%–]+)）：(.+?)(等?)，可能套用了其他单位的报告或同一模板",
                         one.message)
        assert m and int(m.group(1)) == len(others)
        shares = sorted({int(re.search(r"相似度 (\d+)%", f.message).group(1)) for f in others})  # type: ignore[union-attr]
        assert m.group(2) == (f"{shares[0]}%" if len(shares) == 1 else f"{shares[0]}%–{shares[-1]}%")
        named = [(re.search(r"（([^（）]+)）$", x) or re.match(".*", x)).group(1 if "（" in x else 0)  # type: ignore[union-attr]
                 for x in m.group(3).split("、")]  # “unit”（file）, or the file alone for a report without a body
        partners = [re.search(r"（([^（）]+)）$", f.message).group(1) for f in others]  # type: ignore[union-attr]
        assert len(named) == min(len(others), batch.CLUSTER_NAMES) and set(named) <= set(partners)
        assert m.group(4) == ("等" if len(others) > batch.CLUSTER_NAMES else "")
        best = max(int(re.search(r"相似度 (\d+)%", f.message).group(1)) for f in others)  # type: ignore[union-attr]
        first = next(f for f in others if named[0] in f.message)
        assert f"相似度 {best}%" in first.message  # the most similar named first
    assert clusters >= 15


def test_three_hundred_template_copies_give_one_finding_each_not_one_per_pair() -> None:
    rng = random.Random(7)
    template = narrative(rng, "模板镇", 20)
    reports: list[Report | None] = [
        report(body(k), 2024, refill(rng, template, "模板镇", body(k).removesuffix("人民政府")), f"{k}.txt") for k in range(300)]
    found = run_batch_checks(reports)
    assert [len(copied(f)) for f in found] == [1] * 300
    first = found[0][0].message
    assert re.match(r"正文与以下 299 份报告正文高度相似（相似度 \d+%–100%）：", first) and first.count("、") == batch.CLUSTER_NAMES - 1
    assert "等，" in first and "“" + body(1) + "”（1.txt）" in first and "（0.txt）" not in first


def test_two_similar_reports_keep_the_finding_per_pair() -> None:
    rng = random.Random(3)
    template = narrative(rng, "模板镇", 20)
    reports: list[Report | None] = [report(body(k), 2024, refill(rng, template, "模板镇", body(k)), f"{k}.txt") for k in range(3)]
    found = run_batch_checks(reports)
    assert [[f.message for f in copied(x)] for x in found] == [
        [f"正文与“{body(j)}”的报告相似度 100%，可能套用了其他单位的报告（{j}.txt）" for j in range(3) if j != i] for i in range(3)]


def test_the_same_body_in_the_same_year_is_not_a_copy_of_itself() -> None:
    rng = random.Random(5)
    text = narrative(rng, "白马镇", 20)
    reports: list[Report | None] = [report("白马镇人民政府", 2024, text, f"a{k}.txt") for k in range(5)]
    reports.append(report("白马镇人民政府", 2023, text, "b.txt"))
    found = run_batch_checks(reports)
    assert [len(copied(f)) for f in found] == [1, 1, 1, 1, 1, 0]
    assert all("本单位 2023 年度报告有 100% 相同" in copied(f)[0].message for f in found[:5])


def test_a_report_kept_for_the_batch_only_gives_the_same_findings() -> None:
    reports = generated_batch(200, 11)
    previous = archived(reports, 11)
    slim: list[Report | None] = [batch.for_batch(r) if r is not None else None for r in reports]
    assert run_batch_checks(slim, RuleSettings(), previous) == run_batch_checks(reports, RuleSettings(), previous)
    kept = next(r for r in slim if r is not None)
    assert isinstance(kept, batch.BatchReport) and kept.sentences == [] and kept.cells == {}
    whole = next(r for r in reports if r is not None)
    assert [kept.value(k) for k in batch.BATCH_CELLS] == [whole.value(k) for k in batch.BATCH_CELLS]
    assert None not in kept.values and kept.value("t1.rules.issued") is None
    again = pickle.loads(pickle.dumps(kept))  # as it crosses from a reader process
    assert again == kept and again.cell_location(batch.BATCH_CELLS[0]) == kept.cell_location(batch.BATCH_CELLS[0])
    assert len(pickle.dumps(kept)) < 1200
    found = [f.rule for fs in run_batch_checks(slim, RuleSettings(), previous) for f in fs]
    assert found.count("PREV-YEAR-CARRY") > 10 and found.count("PREV-YEAR-IN-FORCE") > 5
