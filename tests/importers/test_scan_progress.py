"""A scan tells its pages as they are read (importers.progress), so reading a 6-page scan (~4 s a
page) shows its progress; the OCR itself is replaced here (fast)."""
from __future__ import annotations

from pathlib import Path

import pytest

from importers import ReadError, progress, read_document, scan
from importers.progress import PageRead


def _pages(out: Path, n: int, fmt: str) -> Path:
    from PIL import Image

    frames = [Image.new("RGB", (1240, 1754), "white") for _ in range(n)]  # A4 at 150 dpi
    if fmt == "PDF":
        frames[0].save(out, "PDF", resolution=150, save_all=True, append_images=frames[1:])
    else:
        frames[0].save(out, fmt, dpi=(150, 150), save_all=True, append_images=frames[1:])
    return out


@pytest.mark.parametrize(("name", "fmt"), [("扫描件.pdf", "PDF"), ("扫描件.tif", "TIFF")])
def test_each_page_of_a_scan_is_told_as_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    name: str, fmt: str) -> None:
    heard: list[PageRead] = []
    read_pages: list[int] = []

    def fake_read_page(page: scan.Page, _tables: int) -> list:
        read_pages.append(page.index)
        assert heard[-1] == PageRead(page.index, 3, True)  # told before the page is read: 第 n/3 页
        return []

    monkeypatch.setattr(scan, "read_page", fake_read_page)
    path = _pages(tmp_path / name, 3, fmt)
    with progress.reporting(heard.append), pytest.raises(ReadError) as e:
        read_document(path)
    assert e.value.kind == "scanned"  # blank pages: no text, after every page was read
    assert read_pages == [0, 1, 2]
    assert heard == [PageRead(n, 3, True) for n in range(4)]
