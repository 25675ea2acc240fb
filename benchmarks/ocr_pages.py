#!/usr/bin/env python3
"""Seconds per page of reading scanned reports by OCR (issue 15 aims at ≤ 5 s per page on a
2-core machine). Not a test: run it by hand.

    .venv/bin/python benchmarks/ocr_pages.py [SCAN.pdf|DIR ...]   (default: ../shared/scans)

Prints, per file: pages, the time to read it into a Document (render, deskew, grid, OCR, re-reads),
seconds per page, and the share of the whole check (recognise + rules) the reading takes. The
models load once, before the first file, and that time is printed apart.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checks import run_checks  # noqa: E402
from importers import ocr, read_document  # noqa: E402
from recognise import recognise  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "scans"


def files(args: list[str]) -> list[Path]:
    out: list[Path] = []
    for a in args or [str(DEFAULT)]:
        p = Path(a)
        out += sorted(p.glob("*.pdf")) if p.is_dir() else [p]
    return out


def main() -> None:
    t = time.perf_counter()
    ocr.engine()
    print(f"models loaded in {time.perf_counter() - t:.2f} s · {os.cpu_count()} cores")
    total_pages, total_s = 0, 0.0
    print(f"{'file':44} {'pages':>5} {'read s':>7} {'s/page':>7} {'check s':>8}")
    for f in files(sys.argv[1:]):
        t0 = time.perf_counter()
        doc = read_document(f, time_budget=None)
        t1 = time.perf_counter()
        run_checks(recognise(doc))
        t2 = time.perf_counter()
        pages = doc.page_count or 1
        total_pages += pages
        total_s += t1 - t0
        print(f"{f.name:44} {pages:5d} {t1 - t0:7.2f} {(t1 - t0) / pages:7.2f} {t2 - t1:8.3f}")
    if total_pages:
        print(f"all: {total_pages} pages, {total_s / total_pages:.2f} s per page")


if __name__ == "__main__":
    main()
