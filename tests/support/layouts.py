"""One consistent report, written in the layouts reports really arrive in.

The report is built here from the standard (model.standard), not copied from a sample: its own
body, year, narrative and three tables whose every relation holds. Writers turn it into the classes
of input the engine must read into the same cells: a clean text copy, a saved portal page (site
chrome, breadcrumbs, a crawler's header), the whole report on one line, PDF→Markdown converter
output, DOCX and PDF. Each writer is deterministic, so a test can compare what was read with
`cells()` exactly.
"""
from __future__ import annotations

import html
import random
from dataclasses import dataclass, field
from pathlib import Path

from model.standard import SECTION_TITLES, T4_COLUMNS, T4_GROUPS, t2_rows, t3_rows

UNIT = "青山镇人民政府"
YEAR = 2024

# Table 3, per applicant column (natural, commercial, research, nonprofit, legal, other): new,
# carried and how each was settled; every relation of the table holds.
_T3_COLUMNS = ("natural", "commercial", "research", "nonprofit", "legal", "other")
_T3 = {
    "new": (14, 3, 0, 1, 2, 1),
    "carried": (2, 0, 0, 0, 1, 0),
    "granted": (6, 2, 0, 1, 1, 0),
    "partial": (2, 0, 0, 0, 0, 0),
    "denied.third_party": (1, 0, 0, 0, 0, 0),
    "denied.process": (0, 0, 0, 0, 1, 0),
    "unable.not_held": (3, 1, 0, 0, 0, 0),
    "rejected.duplicate": (1, 0, 0, 0, 0, 1),
    "other.other": (1, 0, 0, 0, 0, 0),
    "carry_forward": (2, 0, 0, 0, 1, 0),
}
_T2 = {"regulations": (0, 0, 0), "normative": (3, 1, 12), "licensing": (46,), "penalty": (17,),
       "coercion": (2,), "fees": (0,)}
_T4 = {"review": (1, 1, 0, 1), "suit_direct": (1, 0, 0, 0), "suit_after_review": (0, 0, 0, 1)}


def cells() -> dict[str, int]:
    """Every cell of the report's three tables."""
    out: dict[str, int] = {}
    for r in t2_rows():
        for col, v in zip(r.columns, _T2[r.row]):
            out[f"t2.{r.row}.{col}"] = v
    for r in t3_rows():
        vals = _T3.get(r.row, (0,) * 6)
        if r.row == "total":
            settled = [k for k in _T3 if k not in ("new", "carried", "carry_forward")]
            vals = tuple(sum(_T3[k][i] for k in settled) for i in range(6))
        for col, v in zip(_T3_COLUMNS, vals):
            out[f"t3.{r.row}.{col}"] = v
        out[f"t3.{r.row}.total"] = sum(vals)
    for g in T4_GROUPS:
        vals = _T4[g]
        for col, v in zip(T4_COLUMNS, (*vals, sum(vals))):
            out[f"t4.{g}.{col}"] = v
    return out


def random_cells(rng: random.Random, most: int = 30) -> dict[str, int]:
    """Every cell of a random consistent report: per applicant column, the new and carried
    applications are settled over random result rows or carried forward; every relation holds."""
    out: dict[str, int] = {}
    for r in t2_rows():  # a township makes no 规章
        for col in r.columns:
            out[f"t2.{r.row}.{col}"] = 0 if r.row == "regulations" else rng.choice((0, 0, rng.randint(0, most), rng.randint(0, 300)))
    results = [r.row for r in t3_rows() if r.row not in ("new", "carried", "total", "carry_forward")]
    rows: dict[str, list[int]] = {r.row: [0] * 6 for r in t3_rows()}
    for col in range(6):
        new, carried = rng.choice((0, rng.randint(0, most))), rng.choice((0, 0, rng.randint(0, 5)))
        rows["new"][col], rows["carried"][col] = new, carried
        for _ in range(new + carried):
            target = "carry_forward" if rng.random() < 0.1 else rng.choice(results[:rng.randint(1, len(results))])
            rows[target][col] += 1
    for col in range(6):
        rows["total"][col] = sum(rows[r][col] for r in results)
    for r in t3_rows():
        for col, v in zip(_T3_COLUMNS, rows[r.row]):
            out[f"t3.{r.row}.{col}"] = v
        out[f"t3.{r.row}.total"] = sum(rows[r.row])
    for g in T4_GROUPS:
        vals = [rng.choice((0, 0, rng.randint(0, 9))) for _ in range(4)]
        for col, v in zip(T4_COLUMNS, (*vals, sum(vals))):
            out[f"t4.{g}.{col}"] = v
    return out


def _t3_sum(row: str, c: dict[str, int] | None = None) -> int:
    return (c or cells())[f"t3.{row}.total"]


def narrative(year: int = YEAR, values: dict[str, int] | None = None) -> dict[int, list[str]]:
    """Paragraphs of each section, agreeing with the tables."""
    c = values or cells()
    return {
        1: [f"{year}年，青山镇认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。",
            "（一）主动公开。全年通过镇政府网站公开政府信息共85条，其中政策文件12条、工作动态73条。",
            f"（二）依申请公开。{year}年本机关共收到政府信息公开申请{_t3_sum('new', c)}件，"
            f"上年结转{_t3_sum('carried', c)}件，结转下年度{_t3_sum('carry_forward', c)}件。",
            "（三）政府信息管理。严格落实信息发布保密审查制度。",
            "（四）平台建设。持续优化政府网站政务公开专栏。",
            "（五）监督保障。将政务公开纳入年度绩效考核。"],
        2: [],
        3: [],
        4: [f"本年度发生政府信息公开行政复议{c['t4.review.total']}件，"
            f"行政诉讼{c['t4.suit_direct.total'] + c['t4.suit_after_review.total']}件。"],
        5: ["主要问题：公开内容的全面性有待提高。",
            f"上一年度报告所提问题已全部完成整改。{year + 1}年将进一步规范公开流程。"],
        6: [f"本机关{year}年度未收取信息处理费。",
            f"本报告数据统计期限为{year}年1月1日至{year}年12月31日。"],
    }


Row = list[str]


@dataclass
class Piece:
    """A paragraph (`text`) or a table (`rows`, a grid with empty strings for merged cells)."""
    text: str | None = None
    rows: list[Row] = field(default_factory=list)
    kind: str = "p"   # p: paragraph, h: heading or title, t: table


def _t2_rows(c: dict[str, int]) -> list[Row]:
    out: list[Row] = []
    groups: dict[str, list] = {}
    for r in t2_rows():
        groups.setdefault(r.group or "", []).append(r)
    heads = {"第二十条第（一）项": ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
             "第二十条第（五）项": ["信息内容", "本年处理决定数量", "", ""],
             "第二十条第（六）项": ["信息内容", "本年处理决定数量", "", ""],
             "第二十条第（八）项": ["信息内容", "本年收费金额（单位：万元）", "", ""]}
    for group, rows in groups.items():
        out.append([group, "", "", ""])
        out.append(heads[group])
        for r in rows:
            vals = [str(c[f"t2.{r.row}.{col}"]) for col in r.columns]
            out.append([r.label, *vals, *[""] * (3 - len(vals))])
    return out


def _t3_rows(c: dict[str, int]) -> list[Row]:
    """Ten columns as the standard draws it: 三、…, the group, the item, six applicants and 总计."""
    out: list[Row] = [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况", "", "", "", "", "", ""],
        ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
        ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
    ]
    seen: set[str] = set()
    for r in t3_rows():
        vals = [str(c[f"t3.{r.row}.{col}"]) for col in (*_T3_COLUMNS, "total")]
        if r.group is None and r.row != "total":
            out.append([r.label, "", "", *vals])
        elif r.row == "total":
            out.append(["", r.label, "", *vals])
        elif r.group == "三、本年度办理结果":
            out.append([r.group if r.group not in seen else "", r.label, "", *vals])
        else:
            out.append(["", r.group if r.group not in seen else "", r.label, *vals])
        if r.group:
            seen.add(r.group)
    return out


def _t4_rows(c: dict[str, int]) -> list[Row]:
    words = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        ["行政复议", "", "", "", "", "行政诉讼", "", "", "", "", "", "", "", "", ""],
        ["", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
        [*words, *words, *words],
        [str(c[f"t4.{g}.{col}"]) for g in T4_GROUPS for col in T4_COLUMNS],
    ]


def pieces(year: int = YEAR, unit: str = UNIT, titles: tuple[str, ...] = SECTION_TITLES,
           order: tuple[int, ...] = (1, 2, 3, 4, 5, 6), values: dict[str, int] | None = None) -> list[Piece]:
    """The report in reading order; `titles` may hold variant section titles, `order` reorders
    sections; `values` (all cells, e.g. random_cells) replaces the report's own numbers."""
    c = values or cells()
    text = narrative(year, c)
    tables = {2: _t2_rows(c), 3: _t3_rows(c), 4: _t4_rows(c)}
    out = [Piece(f"{unit}{year}年政府信息公开工作年度报告", kind="h"),
           Piece("本报告依据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号要求编制。")]
    for n in order:
        out.append(Piece(titles[n - 1], kind="h"))
        out.extend(Piece(p) for p in text[n])
        if n in tables:
            out.append(Piece(rows=tables[n], kind="t"))
    out += [Piece(unit), Piece(f"{year + 1}年1月20日")]
    return out


# --- writers ---------------------------------------------------------------------------------------

def to_text(ps: list[Piece], table_per_line: bool = False) -> str:
    """A clean text copy: paragraphs on their own lines, table rows tab-separated. With
    `table_per_line`, each table is one line of words and numbers (a page's table copied as text)."""
    lines: list[str] = []
    for p in ps:
        if p.kind == "t" and table_per_line:
            lines.append(" ".join(c for r in p.rows for c in r if c))
        elif p.kind == "t":
            lines += ["\t".join(r) for r in p.rows]
        else:
            lines.append(p.text or "")
        lines.append("")
    return "\n".join(lines)


_NAV = ["中华人民共和国国务院", "江苏省人民政府", "首页", "政务公开", "政务服务", "互动交流", "走进青山",
        "无障碍浏览", "长者模式", "登录", "注册"]
_FOOTER = ["相关链接", "2023年政府信息公开工作年度报告", "关于印发2025年政务公开工作要点的通知",
           "主办单位：青山县人民政府办公室  承办单位：青山县大数据管理中心",
           "网站标识码：3201000001  苏ICP备12345678号-1  苏公网安备 32010002000123号",
           "联系我们 | 网站地图 | 隐私声明"]


def portal_lines(ps: list[Piece], crawler: bool = True) -> list[str]:
    """Text of a saved portal page as a browser's 'select all, copy' gives it."""
    head = [*_NAV, "当前位置：首页 > 政务公开 > 政府信息公开年报 > 镇（街道）年报"]
    if crawler:
        head = [f"标题:{UNIT}", f"发布时间:{YEAR + 1}-01-21 09:30", "发布机构:青山县人民政府办公室",
                "原文链接:http://www.qingshan.gov.cn/art/2025/1/21/art_1_2.html", *head]
    meta = ["索引号：013920000/2025-00012", "发布机构：青山县人民政府办公室", f"成文日期：{YEAR + 1}-01-20",
            "字号：[ 大 中 小 ]", "分享到：微信 微博 QQ空间"]
    body = to_text(ps).splitlines()
    tail = ["【打印本页】 【关闭窗口】", "扫一扫在手机打开当前页", *_FOOTER]
    return [*head, *meta, *body, *tail]


def to_portal_text(ps: list[Piece], crawler: bool = True) -> str:
    return "\n".join(portal_lines(ps, crawler))


def to_portal_html(ps: list[Piece], crawler: bool = False, layout_table: bool = False) -> str:
    """A saved portal page: site chrome around the article, the tables as <table> grids. With
    `layout_table`, an old site's page: navigation and article laid out in cells of one table."""
    def cell_row(r: Row) -> str:
        return "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>"

    nav = "".join(f'<li><a href="http://www.gov.cn/">{html.escape(n)}</a></li>' for n in _NAV)
    body: list[str] = []
    for p in ps:
        if p.kind == "t":
            body.append('<table border="1">' + "".join(cell_row(r) for r in p.rows) + "</table>")
        elif p.kind == "h":
            body.append(f"<h2>{html.escape(p.text or '')}</h2>")
        else:
            body.append(f"<p>{html.escape(p.text or '')}</p>")
    crawl = "".join(f"<div>{html.escape(x)}</div>" for x in portal_lines([], True)[:4]) if crawler else ""
    footer = "".join(f"<p>{html.escape(x)}</p>" for x in _FOOTER)
    article = f'<div class="article">{"".join(body)}</div>'
    if layout_table:
        article = f'<table width="100%"><tr><td>导航</td><td>走进青山</td></tr><tr><td colspan="2">{article}</td></tr></table>'
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{UNIT}{YEAR}年政府信息公开工作年度报告_'
            f"青山县人民政府</title><script>var a=1;</script></head><body>{crawl}"
            f'<div class="header"><ul class="nav">{nav}</ul></div>'
            '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 年报</div>'
            '<div class="share">分享到：<a>微信</a><a>微博</a></div>'
            f'{article}<div class="footer">{footer}</div></body></html>')


def to_one_line(ps: list[Piece], run_together: bool = True) -> str:
    """The whole report on one line, as a page copied without its line breaks gives it. With
    `run_together`, the numbers of a row touch (`801000081`), as when table cells lose their tabs."""
    parts: list[str] = []
    for p in ps:
        if p.kind == "t":
            for r in p.rows:
                words = [c for c in r if c]
                labels = [w for w in words if not w.isdigit()]
                nums = [w for w in words if w.isdigit()]
                parts.append("".join(labels) + ("".join(nums) if run_together else " ".join(nums)))
        else:
            parts.append(p.text or "")
    return " ".join(parts)


def to_markdown(ps: list[Piece], chunk: int = 6, vertical_groups: bool = False) -> str:
    """PDF→Markdown converter output: pipe tables cut into small tables with their own `|---|`
    rows, table headings repeated as `## 表三：…`, long labels broken over two lines with the
    numbers on a third, table 4's numbers after its header words, and generic column names."""
    out: list[str] = []
    for p in ps:
        if p.kind == "h":
            out += [f"## {p.text}", ""]
        elif p.kind == "p":
            out += [p.text or "", ""]
        else:
            out += _markdown_table(_vertical(p.rows) if vertical_groups else p.rows, chunk)
    return "\n".join(out)


def _vertical(rows: list[Row]) -> list[Row]:
    """Table 3 as OCR reads a vertical group label: its characters spread over the group's rows
    (（三） / 不予 / 公开), each piece in the first cell of a row."""
    if len(rows[0]) != 10:
        return rows
    out = [list(r) for r in rows]
    k = 0
    while k < len(out):
        group = out[k][1]
        if group.startswith("（") and out[k][2]:
            close = group.index("）") + 1
            pieces = [group[:close], *(group[i:i + 2] for i in range(close, len(group), 2))]
            for j, piece in enumerate(pieces):
                if k + j < len(out):
                    out[k + j][1] = piece if out[k + j][1] in ("", group) else out[k + j][1]
        k += 1
    return out


def _markdown_table(rows: list[Row], chunk: int) -> list[str]:
    width = len(rows[0])
    out: list[str] = []
    if width == 15:  # table 4: header words, then its 15 numbers as a run of cells
        out += ["行政复议 行政诉讼 未经复议直接起诉 复议后起诉", " ".join(rows[2]), "", "| " + " | ".join(rows[3]) + " |", ""]
        return out
    is_t3 = width == 10
    for start in range(0, len(rows), chunk):
        part = rows[start:start + chunk]
        if is_t3 and start:
            out += ["## 表三：收到和处理政府信息公开申请情况（续）", ""]
        out.append("| " + " | ".join(["项目", "", *[f"数据{i}" for i in range(1, width - 1)]]) + " |")
        out.append("|" + "---|" * width)
        for r in part:
            labels = [c for c in r if c and not c.isdigit()]
            nums = [c for c in r if c.isdigit()]
            if is_t3 and labels and len(labels[-1]) > 24 and nums:
                # a long label wraps in its cell; its numbers come on a line of their own
                last = labels[-1]
                half = len(last) // 2
                out.append("| " + " | ".join([*labels[:-1], last[:half]]) + " |")
                out.append(f"| | {last[half:]} |")
                out.append("| | | " + " | ".join(nums) + " |")
            else:
                out.append("| " + " | ".join(r) + " |")
        out.append("")
    return out


def to_docx(ps: list[Piece], path: Path) -> Path:
    """The report as a Word file: headings and paragraphs, the tables as real Word tables."""
    import docx

    d = docx.Document()
    for p in ps:
        if p.kind == "t":
            t = d.add_table(rows=len(p.rows), cols=len(p.rows[0]))
            for i, r in enumerate(p.rows):
                for j, v in enumerate(r):
                    t.cell(i, j).text = v
        else:
            d.add_paragraph(p.text or "")
    d.save(str(path))
    return path


# Chinese fonts by platform: Windows' own first (Noto CJK there makes Qt's PDFs map ideographs to
# Kangxi radicals, 自 read back as ⾃), then Linux's
CJK_FAMILIES = ("Microsoft YaHei", "SimSun", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei")


def cjk_family() -> str:
    """The first of CJK_FAMILIES this computer has (a QGuiApplication must exist)."""
    import pytest
    from PySide6.QtGui import QFontDatabase

    from tests.support.platform import NO_FONTS

    have = set(QFontDatabase.families())
    if not have:
        pytest.skip(NO_FONTS)
    found = next((f for f in CJK_FAMILIES if f in have), None)
    assert found is not None, f"no Chinese font installed (one of {', '.join(CJK_FAMILIES)})"
    return found


def to_pdf(ps: list[Piece], path: Path) -> Path:
    """The report printed to PDF by Qt's text engine (a CJK font must be installed)."""
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument
    from PySide6.QtWidgets import QApplication

    # fonts need an application; a widget one, so that a window test after this one in the same run can start
    app = QApplication.instance() or QApplication([])  # noqa: F841
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setResolution(96)
    doc = QTextDocument()
    doc.setDefaultStyleSheet("td { padding: 1px; } table { border-collapse: collapse; }")
    # one CJK font for every glyph: a fallback font for some characters is embedded without its
    # character map, so their text would not come back out of the PDF
    font = QFont(cjk_family(), 8)
    doc.setDefaultFont(font)
    # each table starts a page, so no row is cut by a page break (Qt would print it on both pages)
    body = to_portal_html(ps).split('<div class="article">')[1].split('<div class="footer">')[0]
    doc.setHtml(body.replace('<table border="1">', '<table border="1" style="page-break-before: always">'))
    doc.setPageSize(QSizeF(writer.width(), writer.height()))
    doc.print_(writer)
    return path


def with_chrome(ps: list[Piece]) -> list[Piece]:
    """The report as a browser prints or copies its portal page into Word or PDF: the site's
    chrome, the portal's info lines and the footer around it."""
    lines = portal_lines([], crawler=False)
    body_at = lines.index("分享到：微信 微博 QQ空间") + 1
    head, tail = lines[:body_at], lines[body_at:]
    return [*(Piece(x) for x in head), *ps, *(Piece(x) for x in tail)]


def to_mhtml(page: str) -> bytes:
    """A page saved as 网页，单个文件 (.mht): the HTML as a quoted-printable MIME part."""
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["Subject"] = f"{UNIT}{YEAR}年政府信息公开工作年度报告"
    msg["MIME-Version"] = "1.0"
    msg.set_content(page, subtype="html", charset="gb18030", cte="quoted-printable")
    return bytes(msg)


def to_xlsx_sheets(ps: list[Piece], path: Path) -> Path:
    """The report as a workbook of four sheets: the narrative on 正文, each table on a sheet of its own."""
    import openpyxl

    wb = openpyxl.Workbook()
    text = wb.active
    assert text is not None
    text.title = "正文"
    tables = [p for p in ps if p.kind == "t"]
    for p in ps:
        if p.kind != "t":
            text.append([p.text])
    for name, t in zip(("表二 主动公开", "表三 依申请公开", "表四 复议诉讼"), tables):
        ws = wb.create_sheet(name)
        for row in t.rows:
            ws.append([int(v) if v.isdigit() else (v or None) for v in row])
    wb.save(str(path))
    return path


def to_xlsx(ps: list[Piece], path: Path, title_in_sheet_name: bool = False) -> Path:
    """The report as a workbook: the narrative down column A, each table as a grid below it.
    With `title_in_sheet_name`, the title line is left out and only the sheet's name carries it."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = f"{UNIT}{YEAR}年政府信息公开工作年度报告"[:31] if title_in_sheet_name else "年度报告"
    r = 1
    for k, p in enumerate(ps):
        if title_in_sheet_name and k == 0:
            continue
        if p.kind == "t":
            for row in p.rows:
                for c, v in enumerate(row, start=1):
                    if v:
                        ws.cell(r, c, int(v) if v.isdigit() else v)
                r += 1
        else:
            ws.cell(r, 1, p.text)
            r += 1
    wb.save(str(path))
    return path


def to_columns(ps: list[Piece], sep: str = "    ", wrap: int | None = None) -> str:
    """Text as a PDF-to-text converter lays it out: table cells parted by spaces (`sep`), and with
    `wrap`, each label wrapped in a column that wide — its values on its first line, the rest of
    the label on the lines below (as `pdftotext -layout` gives a table with narrow label cells)."""
    lines: list[str] = []
    for p in ps:
        if p.kind != "t":
            lines += [p.text or "", ""]
            continue
        for r in p.rows:
            labels = [c for c in r if c and not c.isdigit()]
            nums = [c for c in r if c.isdigit()]
            if wrap is None or not nums or not labels:
                lines.append(sep.join(c for c in r if c))
                continue
            label = labels[-1]
            chunks = [label[k:k + wrap] for k in range(0, len(label), wrap)]
            lines.append(sep.join([*labels[:-1], chunks[0], *nums]))
            lines += [" " * 12 + c for c in chunks[1:]]
        lines.append("")
    return "\n".join(lines)


def to_markdown_html_tables(ps: list[Piece]) -> str:
    """OCR→Markdown output: headings and paragraphs in Markdown, each table as one line of HTML
    with its merged cells as rowspan/colspan (table 3's group labels span their rows)."""
    out: list[str] = []
    for p in ps:
        if p.kind == "h":
            out += [f"# {p.text}", ""]
        elif p.kind == "p":
            out += [p.text or "", ""]
        else:
            out += [_html_table(p.rows), ""]
    return "\n".join(out)


def _html_table(rows: list[Row]) -> str:
    if len(rows[0]) != 10:
        return "<table>" + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>"
                                   for r in rows) + "</table>"
    # table 3: a column may hold a label over the rows below it until the next label there
    spans: dict[tuple[int, int], int] = {}
    for col in (0, 1):
        for i, r in enumerate(rows[3:], start=3):
            if r[col] and r[2 if col == 1 else 1]:  # a group label beside a row label
                n = 1
                while i + n < len(rows) and not rows[i + n][col] and rows[i + n][2 if col == 1 else 1] and \
                        not (col == 1 and rows[i + n][1]) and rows[i + n][0] == "":
                    n += 1
                spans[i, col] = n
    covered = {(i + k, col) for (i, col), n in spans.items() for k in range(1, n)}
    body = []
    for i, r in enumerate(rows):
        cells = []
        for j, c in enumerate(r):
            if (i, j) in covered:
                continue
            span = f' rowspan="{spans[i, j]}"' if spans.get((i, j), 1) > 1 else ""
            cells.append(f"<td{span}>{html.escape(c)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return "<table>" + "".join(body) + "</table>"
