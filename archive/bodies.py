"""Body names: one key per body, however the report wrote it (“淮安市洪泽区人民政府” ≡ “洪泽区人民政府”)."""
from __future__ import annotations

import re

from model.textnorm import norm

_SUFFIX = re.compile(r"(人民政府|街道办事处|办事处|政府)$")
# Leading divisions a body's name may or may not carry: a province, a prefecture-level city…
_PREFIX = re.compile(r"^(?:[^省市州盟]{2,8}?(?:省|自治区|市|自治州|地区|盟))")
_PLACE = re.compile(r"(区|县|市|旗|镇|乡|街道)")


def body_key(name: str) -> str:
    """The normalised name: width and spaces folded, the trailing 人民政府/办事处 taken off."""
    return _SUFFIX.sub("", re.sub(r"\s+", "", norm(name)))


def same_body(a: str, b: str) -> bool:
    """Two keys name one body when equal, or when one is the other behind leading divisions
    (淮安市洪泽区 and 洪泽区) and still names a place of its own (so 淮安市财政局 ≠ 财政局)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if not short or not long_.endswith(short) or not _PLACE.search(short):
        return False
    head = long_[: -len(short)]
    while head:
        m = _PREFIX.match(head)
        if not m:
            return False
        head = head[m.end():]
    return True
