"""A random consistent report rendered by each real converter available here reads into the same
cells as the clean copy, or leaves cells empty with a warning that the copy cannot tell — never a
different number, never a table error against the author.

The converters are those inspectors' colleagues use (../shared/converted/make.sh): pandoc (DOCX →
GFM / plain text / HTML), lynx and w3m (HTML → text), pdftotext (PDF → text, with and without
-layout), LibreOffice (DOCX → text), markitdown and pymupdf4llm (in the venv named by CONV_VENV).
Each one that is not installed is skipped with its name, so a run says what it did not cover.
"""
from __future__ import annotations

import os
import random
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from checks import COPY_NOTE
from pipeline import check_file
from tests.support import layouts as L

SEEDS = (1, 2, 3)
TABLE_ERRORS = {"T3-BALANCE", "T3-RESULT-TOTAL", "T3-ROW-TOTAL", "T4-TOTAL", "CELL-VALUE", "TABLE-SHAPE", "TABLE-MISSING"}


def _run(argv: list[str], out: Path | None = None) -> None:
    done = subprocess.run(argv, capture_output=True, timeout=120, check=True)
    if out is not None:
        out.write_bytes(done.stdout)


def _venv_tool(name: str) -> str | None:
    venv = os.environ.get("CONV_VENV")
    if venv and Path(venv, "bin", name).exists():
        return str(Path(venv, "bin", name))
    return None


def _docx(ps: list[L.Piece], d: Path) -> Path:
    return L.to_docx(ps, d / "src.docx")


def _pdf(ps: list[L.Piece], d: Path) -> Path:
    return L.to_pdf(ps, d / "src.pdf")


def _pandoc(to: str) -> Callable[[list[L.Piece], Path], Path]:
    def convert(ps: list[L.Piece], d: Path) -> Path:
        out = d / f"pandoc-{to}.txt"
        _run(["pandoc", "-f", "docx", "-t", to, str(_docx(ps, d)), "-o", str(out)])
        return out
    return convert


def _html_dump(tool: str) -> Callable[[list[L.Piece], Path], Path]:
    def convert(ps: list[L.Piece], d: Path) -> Path:
        page = d / "page.html"
        _run(["pandoc", "-s", "-f", "docx", "-t", "html", str(_docx(ps, d)), "-o", str(page)])
        out = d / f"{tool}.txt"
        if tool == "lynx":
            _run(["lynx", "-dump", "-nolist", "-display_charset=utf-8", str(page)], out)
        else:
            _run(["w3m", "-dump", "-T", "text/html", "-O", "UTF-8", str(page)], out)
        return out
    return convert


def _pdftotext(layout: bool) -> Callable[[list[L.Piece], Path], Path]:
    def convert(ps: list[L.Piece], d: Path) -> Path:
        out = d / ("pdftotext-layout.txt" if layout else "pdftotext.txt")
        _run(["pdftotext", *(["-layout"] if layout else []), str(_pdf(ps, d)), str(out)])
        return out
    return convert


def _lo_txt(ps: list[L.Piece], d: Path) -> Path:
    _run(["soffice", "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(d / "lo"), str(_docx(ps, d))])
    return (d / "lo" / "src.txt").rename(d / "lo-txt.txt")


def _markitdown(source: str) -> Callable[[list[L.Piece], Path], Path]:
    def convert(ps: list[L.Piece], d: Path) -> Path:
        src = _pdf(ps, d) if source == "pdf" else _docx(ps, d)
        out = d / f"markitdown-{source}.txt"
        _run([str(_venv_tool("markitdown")), str(src), "-o", str(out)])
        return out
    return convert


def _pymupdf4llm(ps: list[L.Piece], d: Path) -> Path:
    out = d / "pymupdf4llm.txt"
    code = "import sys,pymupdf4llm; open(sys.argv[2],'w',encoding='utf-8').write(pymupdf4llm.to_markdown(sys.argv[1]))"
    _run([str(_venv_tool("python")), "-c", code, str(_pdf(ps, d)), str(out)])
    return out


def _has_pdf_writer() -> bool:
    try:
        import PySide6  # noqa: F401
    except ImportError:
        return False
    return True


def _venv_module(name: str) -> bool:
    py = _venv_tool("python")
    return py is not None and subprocess.run([py, "-c", f"import {name}"], capture_output=True, timeout=120).returncode == 0


def _needs(*tools: str) -> str | None:
    """Why the converter cannot run here, or None."""
    def absent(t: str) -> bool:
        if t == "qt":
            return not _has_pdf_writer()
        if t.startswith("venv:"):
            return _venv_tool(t[5:]) is None
        if t.startswith("module:"):
            return not _venv_module(t[7:])
        return shutil.which(t) is None
    missing = [t for t in tools if absent(t)]
    return f"未安装 {'、'.join(missing)}（CONV_VENV={os.environ.get('CONV_VENV', '未设')}）" if missing else None


CONVERTERS: dict[str, tuple[Callable[[list[L.Piece], Path], Path], tuple[str, ...]]] = {
    "pandoc-gfm": (_pandoc("gfm"), ("pandoc",)),
    "pandoc-plain": (_pandoc("plain"), ("pandoc",)),
    "html-lynx": (_html_dump("lynx"), ("pandoc", "lynx")),
    "html-w3m": (_html_dump("w3m"), ("pandoc", "w3m")),
    "pdftotext": (_pdftotext(False), ("qt", "pdftotext")),
    "pdftotext-layout": (_pdftotext(True), ("qt", "pdftotext")),
    "lo-txt": (_lo_txt, ("soffice",)),
    "markitdown-docx": (_markitdown("docx"), ("venv:markitdown",)),
    "markitdown-pdf": (_markitdown("pdf"), ("qt", "venv:markitdown")),
    "pymupdf4llm": (_pymupdf4llm, ("qt", "module:pymupdf4llm")),
}


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("converter", list(CONVERTERS))
def test_a_converted_copy_reads_the_same_cells_or_says_it_cannot(converter: str, seed: int, tmp_path: Path) -> None:
    convert, tools = CONVERTERS[converter]
    why = _needs(*tools)
    if why is not None:
        pytest.skip(f"转换工具 {converter}：{why}，此项未测")
    truth = L.random_cells(random.Random(seed))
    out = convert(L.pieces(values=truth), tmp_path)
    result = check_file(out)
    assert result.report is not None
    got = {k: c.value for k, c in result.report.cells.items()}
    wrong = {k: (got[k], truth[k]) for k in truth if got.get(k) is not None and got[k] != truth[k]}
    assert wrong == {}
    table_errors = [f.rule for f in result.findings if f.severity == "error" and f.rule in TABLE_ERRORS]
    assert table_errors == []
    empty = [k for k in truth if got.get(k) is None]
    said = any(f.message.endswith(COPY_NOTE) for f in result.findings)
    assert said == bool(empty), empty  # what the copy lost is said, never silently left out; nothing said when whole
    assert (result.report.unit, result.report.year) == (L.UNIT, L.YEAR)
