"""Batches of reports built in code for the checks across reports: many bodies, several years, and
the copies a county really sees — one template filled in by many bodies (names and numbers
changed), copies reworded a little, a body's own year before kept with a few sentences new, the
same report twice, reports without a body, narratives too short to compare, unreadable files.
Seeded: the same seed gives the same batch."""
from __future__ import annotations

import random

from model.document import Location
from model.report import Report, Sentence
from tests.support.reports import clean_report, set_cell

_SUBJECTS = ("主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障", "政策解读", "舆情回应", "保密审查",
             "公开指南", "基层政务公开", "重点领域信息", "财政预决算", "规范性文件", "政务新媒体", "专区建设",
             "业务培训", "考核评议", "社会评议", "信息发布", "网站栏目", "办理流程", "答复文书", "归档管理", "标准目录")
_VERBS = ("扎实推进", "持续加强", "认真落实", "不断完善", "进一步规范", "全面提升", "稳步开展", "切实做好", "深入推进",
          "有序开展", "严格执行", "积极探索")
_ENDS = ("工作成效明显", "群众满意度不断提升", "形成长效机制", "各项任务全面完成", "取得积极进展", "制度体系更加健全",
         "回应社会关切更加及时", "公开质量稳步提高", "办理时限全部达标", "未发生泄密事件")
_PLACES = ("白马", "桃源", "青山", "河西", "城关", "柳林", "石桥", "平山", "新河", "东明", "安平", "大块", "官头", "康义",
           "阿嘎", "清河", "龙泉", "凤凰", "金沙", "玉溪", "长乐", "永安", "太平", "兴隆", "双龙", "三合", "五里", "七星")
_KINDS = ("镇人民政府", "乡人民政府", "街道办事处", "县自然资源局", "县教育局", "县市场监督管理局", "县卫生健康局")


def body(k: int) -> str:
    """The k-th body name (enough distinct ones for any batch)."""
    place = _PLACES[k % len(_PLACES)] + ("" if k < len(_PLACES) else str(k // len(_PLACES)))
    return place + _KINDS[(k // 3) % len(_KINDS)]


_WORDS = "".join(dict.fromkeys("".join(_SUBJECTS + _VERBS + _ENDS + _PLACES) + "水田林路桥村社区园站港湖山河库堤渠井院校馆"
                                                                              "场厂市街巷楼台亭"))


def sentence(rng: random.Random, short: str) -> str:
    """One narrative sentence: set phrases, what the body itself did (a project's name), its name
    and counts in it, as reports write them."""
    own = "".join(rng.choice(_WORDS) for _ in range(rng.randint(4, 8)))
    return (f"{short}{rng.choice(_VERBS)}{rng.choice(_SUBJECTS)}工作，围绕{own}项目"
            f"{rng.choice(_VERBS)}{rng.choice(_SUBJECTS)}，全年完成{rng.randint(1, 400)}项，{rng.choice(_ENDS)}。")


def narrative(rng: random.Random, short: str, n: int) -> list[str]:
    return [sentence(rng, short) for _ in range(n)]


def report(unit: str | None, year: int | None, text: list[str], path: str, counts: int | None = None) -> Report:
    """A consistent report with this narrative; `counts` seeds its carried-over and in-force
    counts (so that consecutive years may or may not agree), else they are 0."""
    r = clean_report()
    r.unit, r.year, r.path = unit, year, path
    r.sentences = [Sentence(t, [Location(line=k + 1)], 1 + k % 6) for k, t in enumerate(text)]
    if counts is not None:
        rng = random.Random(counts)
        for key in ("t3.carried", "t3.carry_forward"):
            n = rng.choice((0, 0, 1, 2))
            set_cell(r, f"{key}.natural", n)
            set_cell(r, f"{key}.total", n)
        set_cell(r, "t2.normative.in_force", rng.choice((0, 3, 9)))
    return r


def _short(unit: str | None) -> str:
    return (unit or "本单位").removesuffix("人民政府").removesuffix("办事处")


def refill(rng: random.Random, text: list[str], old: str, new: str) -> list[str]:
    """The same sentences with another body's name and other numbers in them."""
    out = []
    for t in text:
        head, _, tail = t.replace(old, new).partition("全年完成")
        out.append(f"{head}全年完成{rng.randint(1, 400)}{tail[tail.index('项'):]}" if tail else head)
    return out


def reword(rng: random.Random, text: list[str], k: int, short: str) -> list[str]:
    """`k` of the sentences replaced by new ones."""
    out = list(text)
    for i in rng.sample(range(len(out)), min(k, len(out))):
        out[i] = sentence(rng, short)
    return out


def generated_batch(n: int, seed: int, years: tuple[int, ...] = (2023, 2024)) -> list[Report | None]:
    """`n` entries: about a third from a few templates (some reworded by 0–4 sentences of 20),
    the rest the bodies' own texts, with their year before reworded a little or a lot, duplicates,
    unitless and short reports and a few unreadable files (None)."""
    rng = random.Random(seed)
    templates = [narrative(rng, "模板镇", 20) for _ in range(max(1, n // 40))]
    out: list[Report | None] = []
    k = 0
    while len(out) < n:
        k += 1
        unit = body(k) if rng.random() > 0.04 else None
        short = _short(unit)
        roll = rng.random()
        if roll < 0.35:
            text = reword(rng, refill(rng, rng.choice(templates), "模板镇", short), rng.choice((0, 0, 1, 2, 3, 4)), short)
        elif roll < 0.38:
            text = narrative(rng, short, 2)  # too short to compare
        else:
            text = narrative(rng, short, 20)
        year = rng.choice(years)
        out.append(report(unit, year, text, f"{k:05d}_{unit or '无名'}{year}.txt", rng.randrange(10**6)))
        extra = rng.random()
        if extra < 0.25:  # the body's year before: a little or a lot rewritten
            before = reword(rng, refill(rng, text, short, short), rng.choice((2, 5, 8, 12, 16)), short)
            out.append(report(unit, year - 1, before, f"{k:05d}_{unit or '无名'}{year - 1}.txt", rng.randrange(10**6)))
        elif extra < 0.30:  # the same report again (another format)
            out.append(report(unit, year, list(text), f"{k:05d}_{unit or '无名'}{year}.docx"))
        elif extra < 0.32:
            out.append(None)
    return out[:n]
