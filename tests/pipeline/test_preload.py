"""Reader processes import the readers the batch's extensions name, and still read a file whose
content turns out to be another format."""
from __future__ import annotations

from pathlib import Path

from pipeline.check import check_file
from pipeline.sandbox import ReaderPool, preload_modules
from tests.support import layouts as L


def test_a_batch_preloads_the_readers_its_extensions_name() -> None:
    assert preload_modules(["a.pdf", "b.PDF", "c.txt", "d.unknown"]) == ["pipeline.check", "importers.pdf_file",
                                                                         "importers.text_file"]
    everything = preload_modules()
    assert everything[0] == "pipeline.check" and {"importers.pdf_file", "importers.docx_file", "importers.xlsx_file"} <= set(everything)


def test_a_reader_without_a_format_preloaded_imports_its_reader_when_the_file_comes(tmp_path: Path) -> None:
    docx = L.to_docx(L.pieces(), tmp_path / "report.txt")  # a Word file named .txt: the text reader's batch
    # (under forkserver the process's first pool decides what the server imports: this one's
    # reader may have more, never less, than its own list)
    with ReaderPool(1, preload=preload_modules([str(docx)])) as pool:
        answer = pool.run(check_file, (str(docx),), 60, str(docx))
    assert answer.ok and answer.value.report is not None and answer.value.report.unit == L.UNIT
