"""The format registry: one row per format the tool reads.

A row names the content kind `sniff` reports, the format's name (`Document.format`, the JSON
`format`), the file extensions it goes by, its reader ("module:function", imported only when a
file of that kind is read) and its layout. Dispatch, the report extensions, the folder filter,
the self-test, the bundle's hidden imports and the source view's choice all derive from it:
adding an importer is its module plus one row here.

Every reader has the same signature, `read(path, fmt, options) -> Document` (options: the
reading settings, importers.options.ReadOptions), and makes its
Document with `fmt.document(...)`, so the name and the layout always come from the row.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from model.document import Document, Layout

from .options import DEFAULT_OPTIONS, ReadOptions


@dataclass(frozen=True)
class Format:
    kind: str  # the content kind sniff.sniff reports
    name: str  # Document.format: keep these values, the JSON contract and the scorer read them
    extensions: tuple[str, ...]  # lower case, with the dot; the first row of a kind is its default
    reader: str  # "module:function"
    layout: Layout
    binary: bool = True  # plain text under this extension is worth a note
    # For a kind sniff does not know: whether a file (its first 4096 bytes) is of this format. A
    # format added by `register` says so itself; the built-in ones are told apart by importers.sniff.
    detect: Callable[[bytes], bool] | None = None

    @property
    def module(self) -> str:
        return self.reader.partition(":")[0]

    def read(self, path: Path, options: ReadOptions = DEFAULT_OPTIONS) -> Document:
        module, _, function = self.reader.partition(":")
        reader = cast(Reader, getattr(importlib.import_module(module), function))
        return reader(path, self, options)

    def document(self, path: Path | str, **fields: Any) -> Document:
        """An empty Document of this format, for the reader to fill."""
        return Document(path=str(path), format=self.name, layout=self.layout, **fields)


Reader = Callable[[Path, Format, ReadOptions], Document]

FORMATS: list[Format] = [
    Format("pdf", "pdf", (".pdf",), "importers.pdf_file:read_pdf", Layout.PAGED),
    Format("ofd", "ofd", (".ofd",), "importers.ofd_file:read_ofd", Layout.PAGED),
    Format("docx", "docx", (".docx",), "importers.docx_file:read_docx", Layout.FLOW),
    Format("xlsx", "xlsx", (".xlsx",), "importers.xlsx_file:read_xlsx", Layout.SHEET),
    Format("text", "txt", (".txt", ".text", ".md", ".markdown"), "importers.text_file:read_text", Layout.LINES, binary=False),
    Format("html", "html", (".html", ".htm"), "importers.html_file:read_html", Layout.FLOW, binary=False),
    Format("mhtml", "html", (".mht", ".mhtml"), "importers.html_file:read_mhtml", Layout.FLOW, binary=False),
    Format("doc", "doc", (".doc",), "importers.doc_file:read_doc", Layout.FLOW),
    Format("doc", "wps", (".wps",), "importers.doc_file:read_doc", Layout.FLOW),
    Format("xls", "xls", (".xls",), "importers.xls_file:read_xls", Layout.SHEET),
    Format("xls", "et", (".et",), "importers.xls_file:read_xls", Layout.SHEET),
    Format("rtf", "rtf", (".rtf",), "importers.rtf_file:read_rtf", Layout.FLOW, binary=False),
    Format("image", "image", (".jpg", ".jpeg", ".png", ".tif", ".tiff"), "importers.scan_file:read_image", Layout.PAGED),
]

REPORT_EXTENSIONS: set[str] = {e for f in FORMATS for e in f.extensions}


def register(fmt: Format) -> None:
    """Add a format (its reader module need not be one of ours: a plug-in, or a test). Its `detect`
    tells its files from the others; its extensions join the folder filter and the dialogs."""
    if fmt.detect is None:
        raise ValueError(f"a registered format needs detect: {fmt.name}")
    FORMATS.append(fmt)
    REPORT_EXTENSIONS.update(fmt.extensions)


def detected(head: bytes) -> Format | None:
    """The registered format whose `detect` takes this content, if any."""
    return next((f for f in FORMATS if f.detect is not None and f.detect(head)), None)


def for_kind(kind: str, path: Path | str) -> Format | None:
    """The row that reads content of this kind: the one the extension names, else the kind's first."""
    rows = [f for f in FORMATS if f.kind == kind]
    ext = Path(path).suffix.lower()
    return next((f for f in rows if ext in f.extensions), rows[0] if rows else None)


def for_extension(path: Path | str) -> Format | None:
    """The row the file's extension names (what the file claims to be, not what it is)."""
    ext = Path(path).suffix.lower()
    return next((f for f in FORMATS if ext in f.extensions), None)


def named(name: str) -> Format:
    """The first row of this format name (e.g. "docx")."""
    for f in FORMATS:
        if f.name == name:
            return f
    raise LookupError(f"no format named {name!r}")


def is_report_file(name: str) -> bool:
    """A file a folder scan picks up: one of the registry's extensions."""
    return Path(name).suffix.lower() in REPORT_EXTENSIONS


def reader_modules(paths: Iterable[str | Path] | None = None) -> list[str]:
    """The reader modules, in registry order, each once (the bundle's hidden imports); given
    paths, those their extensions name (what a batch of them will most likely need)."""
    if paths is None:
        return list(dict.fromkeys(f.module for f in FORMATS))
    wanted = {f.module for f in (for_extension(p) for p in paths) if f is not None}
    return [m for m in dict.fromkeys(f.module for f in FORMATS) if m in wanted]
