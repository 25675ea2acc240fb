"""What an importer makes of a file: text blocks and raw tables, each with its source location.

A Document knows nothing of the annual-report format; the recogniser turns it into a Report.
Positions are 0-based everywhere inside; human positions (第 3 页, A1) are made only for display.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True, slots=True)
class Location:
    """Where something is in the source file. Unset fields are None; all indices are 0-based.

    PDF: page (+ bbox in points: x0, top, x1, bottom). DOCX: paragraph (body block index) or
    table/row/col. XLSX: sheet/row/col. TXT/HTML: line. An empty Location is "the whole document".
    A scanned page (OCR) is located as a PDF page, and carries the reading's confidence.
    """

    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    line: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    sheet: str | None = None
    confidence: float | None = None  # OCR'd text: the engine's confidence (0..1); None when not OCR'd

    @property
    def is_document(self) -> bool:
        return all(getattr(self, f) is None for f in self.__dataclass_fields__ if f != "confidence")

    def a1(self) -> str | None:
        """Excel-style cell name for sheet locations, e.g. 'D6'."""
        if self.sheet is None or self.row is None or self.col is None:
            return None
        return f"{column_letter(self.col)}{self.row + 1}"

    def to_json(self) -> dict[str, object]:
        """Human (1-based) positions for the JSON contract; page and line are always present."""
        out: dict[str, object] = {
            "page": None if self.page is None else self.page + 1,
            "line": None if self.line is None else self.line + 1,
        }
        if self.paragraph is not None:
            out["paragraph"] = self.paragraph + 1
        if self.table is not None:
            out["table"] = self.table + 1
        if self.row is not None:
            out["row"] = self.row + 1
        if self.col is not None:
            out["col"] = self.col + 1
        if self.sheet is not None:
            out["sheet"] = self.sheet
            out["cell"] = self.a1()
        if self.bbox is not None:
            out["bbox"] = [round(v, 1) for v in self.bbox]
        return out

    def describe(self) -> str:
        """Short Chinese description: 第 3 页 / 第 12 行 / 表格 2 第 3 行 / 工作表“表三”D6."""
        if self.sheet is not None:
            cell = self.a1()
            return f"工作表“{self.sheet}”{cell or ''}"
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"第 {self.page + 1} 页")
        if self.line is not None:
            parts.append(f"第 {self.line + 1} 行")
        if self.table is not None and self.page is None:
            parts.append(f"表格 {self.table + 1}")
            if self.row is not None:
                parts.append(f"第 {self.row + 1} 行")
        elif self.paragraph is not None:
            parts.append(f"第 {self.paragraph + 1} 段")
        return " ".join(parts) or "全文"


def column_letter(col: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        name = chr(65 + rem) + name
    return name


@dataclass
class TextBlock:
    """A paragraph or a line of text. `parts` splits a line into cells where the source did
    (tabs, ' |' separators, wide gaps in a PDF line); each part keeps its own location."""

    text: str
    location: Location
    parts: list[tuple[str, Location]] | None = None
    raw: str | None = None   # a text file's line as printed, indentation kept (its columns' positions)

    def cells(self) -> list[tuple[str, Location]]:
        return self.parts if self.parts is not None else [(self.text, self.location)]


@dataclass
class TableCell:
    text: str
    row: int
    col: int
    location: Location
    blank_is_cell: bool = True  # a blank here is a real empty cell (grid sources)


@dataclass
class RawTable:
    """A table as the source laid it out. Cells covered by a merge are left out, so each
    origin cell appears once; `rows[i]` lists the cells of grid row i in column order."""

    rows: list[list[TableCell]]
    location: Location
    n_cols: int = 0


Block = TextBlock | RawTable


class Layout(Enum):
    """How the source lays out its content, which decides how the original is shown."""

    PAGED = "paged"  # fixed pages (PDF)
    SHEET = "sheet"  # workbook grids (XLSX, XLS, ET)
    LINES = "lines"  # plain text lines (TXT)
    FLOW = "flow"  # paragraphs and tables that reflow (Word, WPS, HTML, RTF)


@dataclass
class Document:
    path: str
    format: str  # the format's name in importers.formats: pdf, docx, xlsx, txt, html ...
    blocks: list[Block] = field(default_factory=list)
    page_count: int | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)  # importer remarks (e.g. "按内容识别为文本")
    title: str | None = None  # the file's own title (HTML <title>, document properties), if any
    ocr: bool = False         # read from page images by OCR (a scan): its words may be misread
    layout: Layout = Layout.FLOW  # set by the reader from its row in importers.formats

    def text_blocks(self) -> list[TextBlock]:
        return [b for b in self.blocks if isinstance(b, TextBlock)]

    def tables(self) -> list[RawTable]:
        return [b for b in self.blocks if isinstance(b, RawTable)]

    def has_text(self) -> bool:
        for b in self.blocks:
            if isinstance(b, TextBlock) and b.text.strip():
                return True
            if isinstance(b, RawTable) and any(c.text.strip() for r in b.rows for c in r):
                return True
        return False
