#!/usr/bin/env python3
"""OFD reading against PDF reading of the same reports. Not a test: run it by hand.

    .venv/bin/python benchmarks/ofd_read.py [CORPUS_DIR] [--runs 3]

Makes the OFD copy of each corpus PDF with a text layer (tests/support/ofd_writer: the same
characters and rules), then times, best of N, in this process: `read_document` of the OFDs and of
the PDFs (text, boxes, tables), and the OFD package's parsing alone (zip and XML → the objects of
every page, `importers.ofd_package`), in ms per file.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def best(fn: Callable[[Path], object], paths: list[Path], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        for p in paths:
            fn(p)
        times.append(time.perf_counter() - t)
    return min(times) / len(paths) * 1000


def parse(path: Path) -> None:
    from importers.ofd_package import OfdPackage
    with OfdPackage(path) as pkg:
        for i in range(len(pkg.page_parts)):
            pkg.page(i)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    from importers import read_document
    from tests.support.ofd_writer import from_pdf
    pdfs = []
    for p in sorted(Path(a.corpus).glob("*.pdf")):
        try:
            if read_document(p).ocr:
                continue
        except Exception:  # an unreadable sample: not a timing
            continue
        pdfs.append(p)
    with tempfile.TemporaryDirectory() as tmp:
        ofds = []
        for p in pdfs:
            out = Path(tmp) / f"{p.stem}.ofd"
            out.write_bytes(from_pdf(p))
            ofds.append(out)
        read_document(ofds[0])
        print(f"{len(pdfs)} reports, best of {a.runs}, ms per file")
        print(f"  read OFD   {best(read_document, ofds, a.runs):7.1f}")
        print(f"  read PDF   {best(read_document, pdfs, a.runs):7.1f}")
        print(f"  parse OFD  {best(parse, ofds, a.runs):7.1f}  (zip + XML → page objects, no table finding)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
