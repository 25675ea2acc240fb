#!/usr/bin/env python3
"""The reader's cost on a long converted text (issue 24: linear; a 500-page text in under 2 s).
Not a test: run it by hand.

    .venv/bin/python benchmarks/reader.py [--pages 500] [--runs 3]

Builds a report in the layouts converters write (tests/support/layouts.py: Markdown pipe tables
cut into pieces, a column-aligned pdftotext-like layout, one-cell-per-line) whose narrative is
padded to N pages of ~45 lines, and times reading it (importers.read_document) and recognising it
(recognise.recognise), best of --runs. Also at N/4 pages, so the ratio shows whether the cost
grows linearly (about 4×) or worse.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from importers import read_document  # noqa: E402
from recognise import recognise  # noqa: E402
from tests.support import layouts as L  # noqa: E402

LINES_PER_PAGE = 45
FILLER = "本机关持续推进政务公开标准化规范化建设，全年围绕重点领域信息公开、政策解读与回应关切开展工作，" \
         "及时更新政府信息公开专栏，确保公开内容准确完整。"


def long_text(pages: int, layout: str) -> str:
    ps = L.pieces()
    text = {"markdown": L.to_markdown, "columns": L.to_columns, "text": L.to_text}[layout](ps)
    lines = text.splitlines()
    pad = [FILLER] * max(0, pages * LINES_PER_PAGE - len(lines))
    at = next(k for k, line in enumerate(lines) if "五、存在的主要问题" in line) + 1
    return "\n".join(lines[:at] + pad + lines[at:])


def best(path: Path, runs: int) -> tuple[float, float, int]:
    """Best wall and CPU seconds of reading and recognising the file, and the cells read. The CPU
    time is the figure on a shared machine: other processes stretch the wall time, not it."""
    walls, cpus, cells = [], [], 0
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        report = recognise(read_document(path))
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
        cells = sum(1 for c in report.cells.values() if c.value is not None)
    return min(walls), min(cpus), cells


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=500)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        for layout in ("markdown", "columns", "text"):
            row = []
            for pages in (args.pages // 4, args.pages):
                p = Path(d) / f"{layout}-{pages}.txt"
                p.write_text(long_text(pages, layout), encoding="utf-8")
                row.append((pages, *best(p, args.runs)))
            (p1, w1, c1, _), (p2, w2, c2, n) = row
            print(f"{layout:9s} {p1:4d} pages {w1:5.2f} s (CPU {c1:5.2f} s) · {p2:4d} pages {w2:5.2f} s "
                  f"(CPU {c2:5.2f} s; ×{c2 / c1:.1f} for ×{p2 / p1:.0f} pages) · {n} cells read")


if __name__ == "__main__":
    main()
