"""One identity for a body, however a report, a file name or an inspector writes its name: the
batch checks, the archive, the window and the notices all ask this module whether two names are
one body.

“淮安市洪泽区人民政府” ≡ “洪泽区人民政府” ≡ “洪泽区 政府”; “青山县青山镇” ≡ “青山镇人民政府”;
“城关街道办事处” ≡ “城关街道”; but “淮安市财政局” ≢ “财政局” (the rest must still name a place)."""
from __future__ import annotations

import functools
import re

from .textnorm import norm

# What a name may end with or not: 人民政府, 政府 (简称), 办事处 (a 街道 is named by its 街道).
_SUFFIX = re.compile(r"(人民政府|政府|办事处)$")
# A leading division a name may or may not carry: a province, a prefecture-level city, a county…
_DIVISION = re.compile(r"^[^省市州盟县区旗]{2,8}?(?:省|自治区|市|自治州|地区|盟|县|区|旗)")
# What is left after a division is taken off must still be a place (洪泽区, 青山镇, 城关街道) or begin
# with one (洪泽区财政局): “清河县市场监督管理局” keeps its county, “市场监督管理局” names no place.
_PLACE = re.compile(r"^.{2,10}?(?:区|县|市|旗|镇|乡|街道)$")


@functools.lru_cache(maxsize=1 << 14)
def body_key(name: str) -> str:
    """The body's normal form: width and spaces folded, the trailing 人民政府/政府/办事处 taken off,
    leading divisions taken off while what is left still names a place. Idempotent."""
    key = _SUFFIX.sub("", norm(name or ""))
    while (m := _DIVISION.match(key)) and m.end() < len(key):
        rest = key[m.end():]
        if not (_PLACE.match(rest) or ((d := _DIVISION.match(rest)) and d.end() < len(rest))):
            break
        key = rest
    return key


def same_body(a: str | None, b: str | None) -> bool:
    """Whether two names (or keys) name one body; a missing name names none."""
    if not a or not b:
        return False
    ka, kb = body_key(a), body_key(b)
    return bool(ka) and ka == kb
