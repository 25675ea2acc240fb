"""Text normalisation shared by the recogniser: full-width forms, ordinals, numbers, similarity."""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

_SPACE = re.compile(r"\s+")
_CN_NUM = "一二三四五六七八九十"
ORDINAL = re.compile(
    r"^(?:(?P<cn>[一二三四五六七八九十]{1,3})[、.．]|\((?P<paren>[一二三四五六七八九十]{1,3})\)|"
    r"(?P<num>\d{1,2})(?:[.．、](?!\d)|\s))"
)
NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
NULL_MARKS = {"无", "-", "--", "—", "——", "–", "/", "\\", "空", "null", "none", "n/a", "暂无", "没有", "未", "×", "x"}


# CJK Radicals Supplement forms that PDF producers (WPS, Qt, some converters) map glyphs to: they
# look like, and stand for, these ideographs. NFKC already folds the Kangxi radicals (U+2F00…).
_RADICALS = str.maketrans(
    "⺁⺌⺍⺎⺒⺓⺔⺖⺗⺘⺙⺜⺝⺞⺟⺠⺡⺢⺣⺤⺦⺧⺨⺩⺪⺫⺬⺭⺮⺯⺰⺳⺶⺷⺹⺺⺻⺼⺽⺾⺿⻀⻁⻂⻃⻄⻅⻆⻈⻉⻊⻋⻌⻍⻎⻏⻐⻑⻒⻓⻔⻖⻗⻘⻙⻚⻛⻜⻝⻞⻟⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻱⻲⻳",
    "厂小小兀巳幺彐忄心扌攵日月歹母民氵氺灬爫丬牛犭王疋罒示礻竹糸纟网羊羊耂肀聿月臼艹艹艹虎衤西西见角讠贝足车辶辶辶阝金長镸长门阝雨青韦页风飞食食食饣马骨鬼鱼鸟卤麦黄黾齐齐齿齿龙龍龟龟龟",
)


def fold_radicals(text: str) -> str:
    """Radical-supplement look-alikes (⻘, ⺠) as the ideographs they stand for (青, 民)."""
    return text.translate(_RADICALS)


def norm(text: str) -> str:
    """NFKC (full-width digits and brackets to ASCII, Kangxi radicals to ideographs), radical
    look-alikes folded, no white space, unified quotes."""
    t = arabic_dates(unicodedata.normalize("NFKC", text.translate(_RADICALS)))
    t = t.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'").replace("其它", "其他")
    return _SPACE.sub("", t)


_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_CN_YEAR = re.compile(r"([〇○零Ｏ一二三四五六七八九]{4})(?=年)")
_CN_MONTH_DAY = re.compile(r"(?<![一二三四五六七八九十])([一二三四五六七八九十]{1,3})(?=月[一二三四五六七八九十\d]{1,3}日)"
                           r"|(?<=月)([一二三四五六七八九十]{1,3})(?=日)")


def arabic_dates(text: str) -> str:
    """Years and dates written in Chinese numerals as digits: '二〇二五年一月二十日' → '2025年1月20日'."""
    if "年" not in text:
        return text
    t = _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGITS[c]) for c in m.group(1)), text).replace("年元月", "年1月")
    return _CN_MONTH_DAY.sub(lambda m: str(cn_to_int(m.group(1) or m.group(2))), t)


def split_ordinal(n: str) -> tuple[tuple[str, int] | None, str]:
    """'(三)不予公开' -> (('paren', 3), '不予公开'); '1.属于国家秘密' -> (('num', 1), ...)."""
    m = ORDINAL.match(n)
    if not m:
        return None, n
    if m.group("cn"):
        return ("cn", cn_to_int(m.group("cn"))), n[m.end():]
    if m.group("paren"):
        return ("paren", cn_to_int(m.group("paren"))), n[m.end():]
    return ("num", int(m.group("num"))), n[m.end():]


def cn_to_int(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN_NUM.index(s[1]) + 1
    if s.endswith("十"):
        return (_CN_NUM.index(s[0]) + 1) * 10
    if "十" in s:
        a, b = s.split("十")
        return (_CN_NUM.index(a) + 1) * 10 + _CN_NUM.index(b) + 1
    return _CN_NUM.index(s) + 1


def parse_number(text: str) -> int | float | None:
    """A printed cell value as a number, or None when it is not one ('无', '', '3件')."""
    n = norm(text).replace(",", "").replace("，", "")
    n = n.replace("−", "-")
    if not NUMBER.match(n):
        return None
    v = float(n)
    return int(v) if v.is_integer() and "." not in n else v


def is_value_text(text: str) -> bool:
    """A token that stands in a value cell: a number, or a placeholder such as '无' or '-'."""
    return is_value_norm(norm(text))


def is_value_norm(n: str) -> bool:
    """is_value_text of a text already normalised (norm)."""
    n = n.replace(",", "")
    return bool(NUMBER.match(n.replace("−", "-"))) or n.lower() in NULL_MARKS


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """difflib ratio; 0.0 early when the cheap upper bounds already fall below `floor`."""
    if a == b:
        return 1.0
    sm = SequenceMatcher(None, a, b, autojunk=False)
    if floor and (sm.real_quick_ratio() < floor or sm.quick_ratio() < floor):
        return 0.0
    return sm.ratio()
