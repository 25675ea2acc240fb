"""Where the report itself stands in what the file holds.

A page saved from a government portal wraps the report in site chrome: navigation links, a
breadcrumb, the portal's info table (索引号, 发布机构, 成文日期 …) or a crawler's header (标题:,
发布时间:, 原文链接:), share buttons, related links and a footer (主办单位, 备案号). The report is
known by its structure: it opens with its title (… 年政府信息公开工作年度报告) and its six sections
follow. Lines before the title and after the end of the report are chrome; header lines anywhere
are metadata, not text.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .vocabulary import section_of_text

TITLE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?(?:的)?(?:政府|政务)?(?:信息)?(?:公开|政务公开|信息公开)(?:工作)?"
                   r"(?:年度报告|年度工作报告|工作年报|年报|报告)")
# 'key: value' lines of a portal's info table or a crawler's header
METADATA = re.compile(
    r"^(?:标题|题目|文章标题|信息名称|名称|发布时间|发布日期|发文日期|成文日期|生成日期|公开日期|发布机构|发布单位|发文机关|"
    r"来源|信息来源|文章来源|原文链接|原文地址|链接|网址|url|索引号|主题分类|体裁分类|组配分类|服务对象分类|文号|发文字号|"
    r"字号|浏览次数|访问量|点击数|阅读次数|作者|责任编辑|编辑|有效性|主题词|关键词|分类|公开方式|公开范围|时效|正文|内容|附件)\s*[:：]",
    re.I)
# site chrome that is never part of a report
CHROME = re.compile(
    r"^(?:当前位置|您的位置|您现在的位置|你的位置|所在位置)|分享到|打印本页|关闭窗口|【打印】|【关闭】|扫一扫|"
    r"主办单位|承办单位|主办[:：]|承办[:：]|技术支持|网站标识码|ICP备|icp备|公网安备|网站地图|联系我们|隐私声明|版权所有|"
    r"^相关(?:链接|文章|阅读|信息|推荐|附件)|^上一篇|^下一篇|无障碍浏览|长者模式|^字号[:：]?\[?大|\[大中小\]|^【字体|"
    r"^(?:首页|返回顶部|返回首页|登录|注册)$|"
    # what a browser prints on every page: the date and time with the page's title, its address, 1/5
    r"^(?:19|20)\d{2}/\d{1,2}/\d{1,4}:\d{2}|^(?:https?://|www\.)|^\d{1,3}/\d{1,3}$")
_TITLE_MAX = 80      # a title line is no longer than this
_HEAD_LINES = 120    # the title stands among the first lines of the file
_PARAGRAPH = 60      # a line this long is report text (a paragraph), not chrome


@dataclass(frozen=True)
class Title:
    index: int           # position among the lines given
    text: str            # normalised
    unit: str            # what stands before the year ('' if nothing)
    year: int


def is_metadata(n: str) -> bool:
    return bool(METADATA.match(n))


def is_chrome(n: str) -> bool:
    return bool(CHROME.search(n))


# the year after the title's words: “政府信息公开工作年度报告（2024年度）”
_TITLE_YEAR_AFTER = re.compile(r"(?:政府|政务)?信息公开(?:工作)?(?:年度报告|年度工作报告|年报|报告)"
                               r"[(（]?(?P<year>(?:19|20)\d{2})年?度?[)）]?$")


# the year before the body: “2024年度青山县教育局政府信息公开工作年度报告”
_TITLE_YEAR_FIRST = re.compile(r"^(?P<year>(?:19|20)\d{2})年度?(?P<unit>[\u4e00-\u9fa5()]{2,30}?)(?:政府|政务)?(?:信息)?公开(?:工作)?"
                               r"(?:年度报告|年度工作报告|工作年报|年报|报告)$")


def title_of(n: str) -> tuple[str, int] | None:
    """(the words before the year, the year) when the normalised line reads as a report's title."""
    if len(n) > _TITLE_MAX:
        return None
    first = _TITLE_YEAR_FIRST.match(n)
    if first is not None and first.group("unit") not in ("", "政府", "政务"):
        return first.group("unit"), int(first.group("year"))
    m = TITLE.search(n) or _TITLE_YEAR_AFTER.search(n)
    if m is None:
        return None
    before = n[:m.start()]
    if re.search(r"[，,。；;！!？?]", before) or re.search(r"[，,。；;]", n[m.end():]):
        return None  # a sentence that names the report, not its title
    return before, int(m.group("year"))


def find_title(lines: Sequence[str]) -> Title | None:
    """The report's title among normalised lines: the first that reads as one (a crawler's
    '标题:' line counts), or a title split over two lines (the body, then the year's words)."""
    head = list(lines[:_HEAD_LINES])
    for k, n in enumerate(head):
        text = METADATA.sub("", n) if n.startswith(("标题", "题目", "文章标题", "信息名称")) else n
        if is_chrome(text) or (is_metadata(n) and text == n):
            continue
        found = _title_at(head, k, text)
        if found is None:
            continue
        if not found[0] and k > 0 and _BODY_LINE.fullmatch(head[k - 1]):
            return Title(k - 1, head[k - 1] + text, head[k - 1], found[1])  # the body's line, then the year's
        return Title(k, text, found[0], found[1])
    return None


def _title_at(head: list[str], k: int, text: str) -> tuple[str, int] | None:
    """title_of the line k (as text), or of it joined with the next line when the title wraps over the two."""
    found = title_of(text)
    if found is None and k + 1 < len(head) and len(text) <= 30 and len(head[k + 1]) <= 30 \
            and not is_metadata(head[k + 1]) and title_of(head[k + 1]) is None:
        found = title_of(text + head[k + 1])  # a title wrapped over two lines
    return found


# a line that is a body's name alone, above a title line without one ('淮安市洪泽区人民政府' /
# '2024年政府信息公开工作年度报告')
_BODY_LINE = re.compile(r"[\u4e00-\u9fa5（）()]{2,28}(?:人民政府|办公室|办公厅|局|委员会|管委会|管理委员会|办事处|中心|院|厅|署|委)")


def report_bounds(lines: Sequence[str], title: Title | None) -> tuple[int, int]:
    """[start, stop) of the report among the normalised lines: from its title (without one, from
    the end of the chrome before its first sentence) to the first chrome line after its last
    sentence, heading or date (the signature stands between the two)."""
    anchors = [k for k, n in enumerate(lines) if _is_report_line(n)]
    if not anchors:
        return 0, len(lines)
    if title is not None:
        start = title.index
    else:
        start = next((k + 1 for k in range(anchors[0] - 1, -1, -1) if is_chrome(lines[k]) or is_metadata(lines[k])), 0)
    stop = next((k for k in range(max(anchors[-1], start) + 1, len(lines)) if is_chrome(lines[k])), len(lines))
    return start, stop


def _is_report_line(n: str) -> bool:
    """A sentence of the report, one of its headings, or its date — never chrome."""
    if is_chrome(n) or is_metadata(n):
        return False
    return (len(n) >= 12 and n.endswith(("。", "；", ";"))) or section_of_text(n) is not None or bool(
        re.fullmatch(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日", n))
