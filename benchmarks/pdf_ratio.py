#!/usr/bin/env python3
"""PDF reading against pdfplumber alone, as issue 18 measures it. Not a test: run it by hand.

    .venv/bin/python benchmarks/pdf_ratio.py [CORPUS_DIR] [--runs 3]

Whole processes over the corpus PDFs that have a text layer, best of N, run in turn:
  pdfplumber:  one process that opens each file and extracts every page's text and tables;
  our reading: one process that reads each file into its Document (`importers.read_document`:
               text, boxes, tables) — the like-for-like figure;
  our check:   `python -m desktop check --json` on the same files (reading in reader processes,
               recognising, every rule, the JSON).
Then, in this process, the reader alone (`importers.pdf_file.read_pdf`) against pdfplumber's
extraction file by file, and the pdfminer-based reader the PDFium one replaced.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"

FLOOR = """
import sys, pdfplumber
for f in sys.argv[1:]:
    with pdfplumber.open(f) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.close()
"""

READ = """
import sys
from pathlib import Path
from importers import read_document
for f in sys.argv[1:]:
    read_document(Path(f))
"""


def wall(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=ROOT)
    return time.perf_counter() - t


def best(fn, runs: int) -> float:
    return min(fn() for _ in range(runs))


def text_pdfs(corpus: Path) -> list[Path]:
    import pypdfium2 as pdfium
    out = []
    for p in sorted(corpus.glob("*.pdf")):
        try:
            doc = pdfium.PdfDocument(str(p))
        except pdfium.PdfiumError:
            continue
        if any(doc[i].get_textpage().count_chars() for i in range(len(doc))):
            out.append(p)
        doc.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    files = text_pdfs(Path(a.corpus))
    names = [str(f) for f in files]
    py = sys.executable
    floor_t: list[float] = []
    read_t: list[float] = []
    ours_t: list[float] = []
    for _ in range(a.runs):  # in turn, so all see the same machine
        floor_t.append(wall([py, "-c", FLOOR, *names]))
        read_t.append(wall([py, "-c", READ, *names]))
        ours_t.append(wall([py, "-m", "desktop", "check", "--json", *names]))
    print(f"{len(files)} PDFs with a text layer, best of {a.runs}, whole processes")
    print(f"  pdfplumber text+tables       {min(floor_t):6.2f} s")
    print(f"  our reading (read_document)  {min(read_t):6.2f} s   ratio {min(read_t) / min(floor_t):.2f} (target ≤ 0.5)")
    print(f"  our check --json, all rules  {min(ours_t):6.2f} s   ratio {min(ours_t) / min(floor_t):.2f}")

    from benchmarks.bench import pdfplumber_floor as floor_one
    from importers import pdf_file
    from importers.formats import named
    fmt = named("pdf")

    rows = []
    for f in files:
        fl = best(lambda f=f: _timed(floor_one, f), a.runs)
        new = best(lambda f=f: _timed(lambda p: pdf_file.read_pdf(p, fmt), f), a.runs)
        old = best(lambda f=f: _timed(lambda p: pdf_file.read_pdfplumber(p, fmt), f), a.runs)
        rows.append((f.name, fl, new, old))
    print(f"\n  reader alone, in one process (best of {a.runs})    pdfplumber   PDFium reader   pdfminer reader")
    for name, fl, new, old in rows:
        print(f"  {name:40} {fl * 1000:8.0f} ms {new * 1000:8.0f} ms ({new / fl:.2f}) {old * 1000:8.0f} ms ({old / fl:.2f})")
    tf, tn, to = (sum(r[i] for r in rows) for i in (1, 2, 3))
    print(f"  {'all':40} {tf * 1000:8.0f} ms {tn * 1000:8.0f} ms ({tn / tf:.2f}) {to * 1000:8.0f} ms ({to / tf:.2f})")
    return 0


def _timed(fn, f: Path) -> float:
    t = time.perf_counter()
    fn(f)
    return time.perf_counter() - t


if __name__ == "__main__":
    sys.exit(main())
