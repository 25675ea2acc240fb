"""The inspector's list of the county's bodies (单位名单), read from an .xlsx / .xls / .et / .csv / .txt
file, and imported into the archive (archive.roster) once — from the command line (`--roster`) and
the overview window (导入单位名单) alike.

The list's first sheet is read: a header row naming 单位名称 (or 名称/单位), 简称 and 层级 (or 级别/类别)
says which column is which (a 序号 column is skipped); without one, the first column of names is the
name, and a further cell is the 层级 when it reads as one (乡镇, 街道, 部门, 县级…), else the 简称."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from archive import Archive
from archive.roster import RosterImport, import_roster
from archive.store import RosterEntry
from model.textnorm import norm

__all__ = ["MAX_ROWS", "RosterError", "import_roster_file", "read_roster"]

MAX_ROWS = 5000   # a county has some hundred bodies: a longer list is not a roster
SPREADSHEETS = {".xlsx", ".xlsm", ".xls", ".et", ".ods"}
_NAME = ("单位名称", "单位全称", "全称", "名称", "单位", "机关名称", "报送单位")
_SHORT = ("简称", "单位简称", "别名")
_LEVEL = ("层级", "级别", "类别", "类型", "单位类型", "单位层级")
_SKIP = ("序号", "编号", "备注")
_LEVEL_WORD = re.compile(r"^(?:乡镇|乡|镇|街道|部门|县直|县直部门|县级|县级部门|县政府|本级政府"
                         r"|[县市区省]直.*|.{1,4}级)$")


class RosterError(ValueError):
    """The list cannot be read; the message is Chinese."""


def read_roster(path: str | Path) -> list[RosterEntry]:
    """The bodies of the list in `path`, in its order (RosterError when there are none, or it cannot be read)."""
    p = Path(path)
    try:
        rows = _sheet_rows(p) if p.suffix.lower() in SPREADSHEETS else _text_rows(p.read_bytes())
    except OSError as e:
        raise RosterError(f"单位名单 {p.name} 无法读取：{e.strerror or e}") from e
    entries = _entries([[_cell(c) for c in row] for row in rows[: MAX_ROWS + 1]])
    if not entries:
        raise RosterError(f"单位名单 {p.name} 中没有找到单位名称（第一列或“单位名称”一列应为单位的全称）。")
    if len(entries) > MAX_ROWS:
        raise RosterError(f"单位名单 {p.name} 超过 {MAX_ROWS} 行，不像一个县的单位名单，未导入。")
    return entries


def import_roster_file(archive: Archive, path: str | Path) -> RosterImport:
    """Read the list and make it the archive's roster."""
    return import_roster(archive, read_roster(path), Path(path).name)


def _sheet_rows(p: Path) -> list[list[object]]:
    from python_calamine import CalamineWorkbook
    try:
        sheet = CalamineWorkbook.from_path(str(p)).get_sheet_by_index(0)
        return [list(r) for r in sheet.to_python(skip_empty_area=True, nrows=MAX_ROWS + 2)]
    except BaseException as e:  # calamine's errors, and its PanicException (a BaseException)
        if isinstance(e, (KeyboardInterrupt, SystemExit, MemoryError)):
            raise
        raise RosterError(f"单位名单 {p.name} 不是可读取的 Excel 工作簿（文件损坏或格式不符）。") from e


def _text_rows(data: bytes) -> list[list[object]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise RosterError("单位名单的文字编码无法识别（请另存为 UTF-8 或 GBK 编码的 CSV）。")
    first = text.split("\n", 1)[0]
    delimiter = max((",", "\t", "，", ";", "；"), key=first.count)
    return [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header(row: list[str]) -> dict[str, int] | None:
    """Which column holds the name, 简称 and 层级 (and which to skip), when `row` is a header row."""
    cols: dict[str, int] = {}
    for i, cell in enumerate(norm(c) for c in row):
        for what, words in (("short", _SHORT), ("level", _LEVEL), ("name", _NAME), ("skip", _SKIP)):
            if cell in words and what not in cols:
                cols[what] = i
                break
    return cols or None


def _entries(rows: list[list[str]]) -> list[RosterEntry]:
    rows = [r for r in rows if any(r)]
    if not rows:
        return []
    cols = _header(rows[0])
    if cols is None:
        return [e for r in rows if (e := _by_guess(r)) is not None]
    if "name" not in cols:  # a header row without a column of names
        return []
    return [e for r in rows[1:] if (e := _by_header(r, cols)) is not None]


def _at(row: list[str], i: int | None) -> str:
    return row[i] if i is not None and i < len(row) else ""


def _by_header(row: list[str], cols: dict[str, int]) -> RosterEntry | None:
    name = _at(row, cols["name"])
    return RosterEntry(name, _at(row, cols.get("short")), _at(row, cols.get("level"))) if _is_name(name) else None


def _by_guess(row: list[str]) -> RosterEntry | None:
    cells = [c for c in row if c]
    while cells and not _is_name(cells[0]):  # a number in front (序号)
        cells.pop(0)
    if not cells:
        return None
    short = level = ""
    for c in cells[1:]:
        if not level and _LEVEL_WORD.match(norm(c)):
            level = c
        elif not short and _is_name(c):
            short = c
    return RosterEntry(cells[0], short, level)


def _is_name(text: str) -> bool:
    """A cell that can be a body's name: some Chinese, not a number or a note."""
    return bool(re.search(r"[\u4e00-\u9fff]{2}", text)) and not re.fullmatch(r"[\d\s.、]+", text)
