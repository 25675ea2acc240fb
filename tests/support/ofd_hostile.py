"""Damaged and hostile OFD files, made at test time: a zip bomb, entities (a "billion laughs" and an
external one), reference cycles through composite units, nesting, a page of 250,000 objects,
parts outside the package, a document that names itself, a page that is not XML."""
from __future__ import annotations

from collections.abc import Callable

from tests.support.ofd_writer import NS, package

_TEXT = '<ofd:TextObject ID="5" Boundary="20 30 100 10" Size="4"><ofd:TextCode X="0" Y="4">政府信息公开</ofd:TextCode></ofd:TextObject>'


def one_page(content: str = _TEXT, *, res: str = "", page_loc: str = "Pages/P0.xml", doc_root: str = "Doc_0/Document.xml",
             page_xml: str | bytes | None = None, extra: dict[str, bytes | str] | None = None) -> bytes:
    """An OFD of one page with `content` in its layer (a page's XML may be given whole)."""
    parts: dict[str, bytes | str] = {
        "OFD.xml": f'<ofd:OFD xmlns:ofd="{NS}"><ofd:DocBody><ofd:DocRoot>{doc_root}</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
        "Doc_0/Document.xml": (f'<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData><ofd:PublicRes>Pub.xml</ofd:PublicRes>'
                               f'</ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="{page_loc}"/></ofd:Pages></ofd:Document>'),
        "Doc_0/Pub.xml": f'<ofd:Res xmlns:ofd="{NS}">{res}</ofd:Res>',
        "Doc_0/Pages/P0.xml": page_xml if page_xml is not None else (
            f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="1">{content}</ofd:Layer></ofd:Content></ofd:Page>'),
    }
    parts.update(extra or {})
    return package(parts)


def bomb() -> bytes:
    """A page part of 40 MB of blanks, packed a thousand to one."""
    return one_page(extra={"Doc_0/Pages/P0.xml": f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content>' + " " * 40_000_000
                           + "</ofd:Content></ofd:Page>"})


def billion_laughs() -> bytes:
    ents = '<!ENTITY a0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    page = (f'<?xml version="1.0"?><!DOCTYPE ofd:Page [{ents}]><ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="1">'
            '<ofd:TextObject ID="5" Boundary="0 0 10 10" Size="4"><ofd:TextCode X="0" Y="4">&a9;</ofd:TextCode>'
            "</ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>")
    return one_page(page_xml=page)


def external_entity() -> bytes:
    page = (f'<?xml version="1.0"?><!DOCTYPE ofd:Page [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="1"><ofd:TextObject ID="5" Boundary="0 0 10 10" Size="4">'
            '<ofd:TextCode X="0" Y="4">&x;</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>')
    return one_page(page_xml=page)


def _unit(uid: int, inner: int) -> str:
    return (f'<ofd:CompositeGraphicUnit ID="{uid}" Width="10" Height="10"><ofd:Content>'
            f'<ofd:CompositeObject ID="{uid + 100}" Boundary="0 0 10 10" ResourceID="{inner}"/>'
            "</ofd:Content></ofd:CompositeGraphicUnit>")


def self_composite() -> bytes:
    return one_page(_TEXT + '<ofd:CompositeObject ID="8" Boundary="0 0 10 10" ResourceID="9"/>',
                    res=f"<ofd:CompositeGraphicUnits>{_unit(9, 9)}</ofd:CompositeGraphicUnits>")


def mutual_composites() -> bytes:
    return one_page(_TEXT + '<ofd:CompositeObject ID="8" Boundary="0 0 10 10" ResourceID="9"/>',
                    res=f"<ofd:CompositeGraphicUnits>{_unit(9, 10)}{_unit(10, 9)}</ofd:CompositeGraphicUnits>")


def deep_blocks(depth: int = 200) -> bytes:
    return one_page('<ofd:PageBlock ID="2">' * depth + _TEXT + "</ofd:PageBlock>" * depth)


def many_objects(count: int = 250_000) -> bytes:
    """A page of a quarter of a million (empty) page blocks: 4 MB unpacked, under the bomb bound."""
    return one_page(_TEXT + '<ofd:PageBlock ID="7"/>' * count)


def outside_the_package() -> bytes:
    return one_page(page_loc="../../../../etc/passwd")


def document_names_itself() -> bytes:
    return one_page(doc_root="OFD.xml")


def page_is_the_document() -> bytes:
    return one_page(page_loc="/Doc_0/Document.xml")


def page_not_xml() -> bytes:
    return one_page(page_xml=b"\x00\x01PK garbage <ofd:Page")


def no_ofd_xml() -> bytes:
    return package({"Doc_0/Document.xml": "<Document/>"})


# file name -> (maker, a piece of the expected message)
CONSTRUCTIONS: dict[str, tuple[Callable[[], bytes], str]] = {
    "压缩炸弹.ofd": (bomb, "解压后异常庞大"),
    "实体膨胀.ofd": (billion_laughs, "实体"),
    "外部实体.ofd": (external_entity, "实体"),
    "自含组合.ofd": (self_composite, "循环引用"),
    "互含组合.ofd": (mutual_composites, "循环引用"),
    "深层嵌套.ofd": (deep_blocks, "嵌套过深"),
    "廿五万对象.ofd": (many_objects, "页面对象异常之多"),
    "包外路径.ofd": (outside_the_package, "缺少"),
    "文档指向自身.ofd": (document_names_itself, "没有任何页面"),
    "页面即文档.ofd": (page_is_the_document, "内容不是页面"),
    "页面非XML.ofd": (page_not_xml, "不是完整的 XML"),
    "缺少入口.ofd": (no_ofd_xml, "压缩包内缺少文档内容"),
}
