"""The format registry is the one place a format is declared: every row's reader imports, every
extension names one row, every bundled sample is read by the row its extension names, and the
bundle, the self-test and the source view follow the registry."""
from __future__ import annotations

import importlib
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import resources
from importers import REPORT_EXTENSIONS, formats, read_document
from importers.formats import FORMATS, Format
from importers.sniff import sniff
from model.document import Layout

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = Path(__file__).resolve().parent / "samples"


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_every_reader_imports(fmt: Format) -> None:
    module, _, function = fmt.reader.partition(":")
    assert module.startswith("importers.") and callable(getattr(importlib.import_module(module), function))


def test_every_extension_names_one_row() -> None:
    extensions = [e for f in FORMATS for e in f.extensions]
    assert len(extensions) == len(set(extensions))
    assert all(e.startswith(".") and e == e.lower() for e in extensions)
    assert set(extensions) == REPORT_EXTENSIONS


def test_format_names_and_extensions_are_kept() -> None:
    # the JSON contract and the scorer read these names; the folder filter these extensions
    assert {f.name for f in FORMATS} == {"pdf", "ofd", "docx", "xlsx", "txt", "html", "doc", "wps", "xls", "et", "rtf", "image"}
    assert {".pdf", ".ofd", ".docx", ".xlsx", ".txt", ".text", ".md", ".markdown", ".doc", ".xls", ".wps", ".et", ".rtf", ".htm",
            ".html", ".mht", ".mhtml", ".jpg", ".jpeg", ".png", ".tif", ".tiff"} == REPORT_EXTENSIONS
    assert formats.is_report_file("报告.DOCX") and not formats.is_report_file("报告.zip")


def test_the_extension_picks_among_rows_of_one_kind() -> None:
    assert formats.for_kind("doc", "a.wps").name == "wps"
    assert formats.for_kind("doc", "a.doc").name == "doc"
    assert formats.for_kind("doc", "a.bin").name == "doc"  # the kind's first row
    assert formats.for_kind("xls", "a.et").name == "et"
    assert formats.for_kind("xls", "a.doc").name == "xls"  # content decides, the extension only picks a row
    assert formats.for_kind("zip", "a.docx") is None


@pytest.mark.parametrize("name", sorted(p.name for p in resources.path("samples").iterdir() if formats.for_extension(p)))
def test_every_bundled_sample_is_read_by_the_row_its_extension_names(name: str) -> None:
    path = resources.path("samples", name)
    row = formats.for_extension(path)
    assert row is not None and formats.for_kind(sniff(path), path) == row
    doc = read_document(path)
    assert (doc.format, doc.layout) == (row.name, row.layout)
    assert doc.notes == []


def test_every_format_of_the_self_test_is_a_sample() -> None:
    from desktop.selftest import CELLS, samples
    wanted = samples()
    assert set(CELLS) <= set(wanted)
    assert wanted["sample.pdf"] == "pdf" and wanted["sample_report.docx"] == "docx" and wanted["sample.xls"] == "xls"


@pytest.mark.parametrize(("source", "name", "fmt", "layout"), [
    (SAMPLES / "seed2_kangyi.xls", "x.et", "et", Layout.SHEET),
    (SAMPLES / "v10_baima_zhen.doc", "x.wps", "wps", Layout.FLOW),
    (resources.path("samples", "sample.txt"), "x.text", "txt", Layout.LINES),
    (resources.path("samples", "sample.html"), "x.htm", "html", Layout.FLOW),
    (resources.path("samples", "sample.pdf"), "x.pdf", "pdf", Layout.PAGED),
])
def test_layout_comes_with_the_row(tmp_path: Path, source: Path, name: str, fmt: str, layout: Layout) -> None:
    p = tmp_path / name
    shutil.copy(source, p)
    doc = read_document(p)
    assert (doc.format, doc.layout) == (fmt, layout)


def test_rtf_under_a_doc_extension_is_read_by_the_rtf_row(tmp_path: Path) -> None:
    import gzip
    p = tmp_path / "报告.doc"
    p.write_bytes(gzip.decompress((SAMPLES / "v10_baima_zhen.rtf.gz").read_bytes()))
    assert sniff(p) == "rtf"
    doc = read_document(p)
    assert (doc.format, doc.layout) == ("rtf", Layout.FLOW) and doc.tables()


def test_adding_a_row_is_all_a_new_format_needs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    row = Format("text", "rst", (".rst",), "importers.text_file:read_text", Layout.LINES, binary=False)
    monkeypatch.setattr(formats, "FORMATS", (*FORMATS, row))
    p = tmp_path / "报告.rst"
    p.write_text("一、总体情况\n本机关主动公开信息 12 条。\n", encoding="utf-8")
    doc = read_document(p)
    assert (doc.format, doc.layout) == ("rst", Layout.LINES)
    assert [b.text for b in doc.text_blocks()] == ["一、总体情况", "本机关主动公开信息 12 条。"]


def test_every_layout_has_a_source_view() -> None:
    from model.document import Document
    from ui.source_view import view_kind
    views = {layout: view_kind(Document(path="x", format="x", layout=layout)) for layout in Layout}
    assert views == {Layout.PAGED: "pdf", Layout.SHEET: "sheet", Layout.LINES: "text", Layout.FLOW: "rich"}


def test_the_bundle_hides_exactly_the_registry_readers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the PyInstaller spec with stand-ins for PyInstaller's build classes."""
    seen: dict[str, Any] = {}

    def analysis(*args: Any, **kwargs: Any) -> SimpleNamespace:
        seen.update(kwargs)
        return SimpleNamespace(binaries=[], datas=[], pure=[], scripts=[])

    spec = ROOT / "build_spec" / "nianbao-check.spec"
    monkeypatch.setattr(sys, "path", list(sys.path))
    namespace: dict[str, Any] = {"SPECPATH": str(spec.parent), "Analysis": analysis,
                                 "PYZ": lambda *a, **k: None, "EXE": lambda *a, **k: None, "COLLECT": lambda *a, **k: None}
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), namespace)
    modules = [m for m in seen["hiddenimports"] if m.startswith("importers.")]
    assert modules == formats.reader_modules()
    assert set(modules) == {f.reader.partition(":")[0] for f in FORMATS}
