"""Word 2007+ (.docx): body paragraphs and tables in reading order, merged cells once."""
from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.text.paragraph import Paragraph

from model.document import Document, Location, RawTable, TableCell, TextBlock

from .errors import corrupt
from .formats import Format
from .limits import MAX_NESTING, MAX_SPAN, MAX_TABLE_CELLS, check_zip
from .options import DEFAULT_OPTIONS, ReadOptions

W_P, W_TBL, W_TR, W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
W_TCPR, W_GRIDSPAN, W_VMERGE, W_VAL = qn("w:tcPr"), qn("w:gridSpan"), qn("w:vMerge"), qn("w:val")
W_TRPR, W_GRIDBEFORE, W_SDT, W_SDTCONTENT = qn("w:trPr"), qn("w:gridBefore"), qn("w:sdt"), qn("w:sdtContent")
W_DOCUMENT, W_BODY = qn("w:document"), qn("w:body")
# Word's "Strict Open XML" names the same elements in another namespace.
STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
TRANSITIONAL_W = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NOT_A_BODY = "正文部分不是 Word 文档正文"


def read_docx(path: Path, fmt: Format, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
    check_zip(path, "Word 文档")
    try:
        wd = open_docx(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise corrupt("Word 文档", type(e).__name__) from e
    except MemoryError:
        raise
    except Exception as e:  # lxml syntax errors and the like: a damaged part inside the zip
        raise corrupt("Word 文档", type(e).__name__) from e
    doc = fmt.document(path)
    block_index = 0
    table_index = 0
    for child in _body_children(_main_body(path, wd)):
        if child.tag == W_P:
            text = Paragraph(child, wd).text.strip()
            doc.blocks.append(TextBlock(text, Location(paragraph=block_index)))
            block_index += 1
        elif child.tag == W_TBL:
            doc.blocks.append(_read_table(child, wd, table_index, block_index))
            table_index += 1
            block_index += 1
    return doc


# lxml elements of python-docx's oxml layer (untyped): Any
def _main_body(path: Path, wd: Any) -> Any:
    """The w:body of the main document part, found by what the part holds, not by assuming its root:
    a Strict-namespace part is read as the same elements; of a member name the zip holds more than
    once (python-docx reads the last copy), the last copy that is a Word body."""
    root = wd.element
    body = root.find(W_BODY) if root.tag == W_DOCUMENT else None
    if body is not None:
        return body
    name = str(wd.part.partname).lstrip("/")
    with zipfile.ZipFile(path) as z:
        copies = [z.read(info) for info in z.infolist() if info.filename == name]
    for data in reversed(copies):
        body = _body_of(data)
        if body is not None:
            return body
    raise corrupt("Word 文档", NOT_A_BODY)


def _body_of(xml: bytes) -> Any:
    try:
        root = parse_xml(xml.replace(STRICT_W, TRANSITIONAL_W))
    except Exception:  # lxml syntax errors and the like: not this copy
        return None
    return root.find(W_BODY) if root.tag == W_DOCUMENT else None


def _body_children(body: Any, depth: int = 0) -> Iterator[Any]:  # content controls (w:sdt) wrap paragraphs and tables
    for child in body.iterchildren():
        if child.tag == W_SDT:
            content = child.find(W_SDTCONTENT)
            if content is not None and depth < MAX_NESTING:
                yield from _body_children(content, depth + 1)
        else:
            yield child


def _cell_text(tc: Any, parent: Any) -> str:
    texts = [Paragraph(p, parent).text for p in tc.iter(W_P)]
    return "\n".join(t for t in texts if t.strip()).strip()


def _read_table(tbl: Any, parent: Any, table_index: int, block_index: int) -> RawTable:
    rows: list[list[TableCell]] = []
    n_cols = 0
    cells = 0
    for r, tr in enumerate(tbl.iterchildren(W_TR)):
        if cells >= MAX_TABLE_CELLS:
            break  # far beyond a report's table
        col = _grid_before(tr)
        row: list[TableCell] = []
        for tc in row_cells(tr):
            span, continuation = _cell_span(tc)
            if not continuation:
                loc = Location(table=table_index, row=r, col=col, paragraph=block_index)
                row.append(TableCell(_cell_text(tc, parent), r, col, loc))
                cells += 1
            col += span
        n_cols = max(n_cols, col)
        rows.append(row)
    return RawTable(rows, Location(table=table_index, paragraph=block_index), n_cols)


def _grid_before(tr: Any) -> int:
    """Grid columns a row leaves out before its first cell."""
    trpr = tr.find(W_TRPR)
    before = trpr.find(W_GRIDBEFORE) if trpr is not None else None
    return _count(before.get(W_VAL) if before is not None else None, 0)


def _count(v: str | None, default: int) -> int:
    """A grid count of the XML, clipped to MAX_SPAN; junk (a damaged file) counts as the default."""
    try:
        return max(0, min(int(v), MAX_SPAN)) if v else default
    except ValueError:
        return default


def _cell_span(tc: Any) -> tuple[int, bool]:
    """Grid columns the cell spans, and whether it continues a vertical merge (shown once, above)."""
    tcpr = tc.find(W_TCPR)
    if tcpr is None:
        return 1, False
    gs = tcpr.find(W_GRIDSPAN)
    span = max(1, _count(gs.get(W_VAL) if gs is not None else None, 1))
    vm = tcpr.find(W_VMERGE)
    return span, vm is not None and vm.get(W_VAL, "continue") == "continue"


def row_cells(tr: Any) -> Iterator[Any]:
    """A table row's cells, those inside content controls (w:sdt) too."""
    for child in tr.iterchildren():
        if child.tag == W_TC:
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDTCONTENT)
            if content is not None:
                yield from content.iterchildren(W_TC)
