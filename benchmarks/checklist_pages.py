"""Pages an exported workbook's sheet prints on (A4, LibreOffice): each asked sheet alone is
converted to PDF by `soffice --headless` and its pages counted by pdfinfo; `--png` also renders the
first page of each to PNG (pdftoppm) for looking at.

    python benchmarks/checklist_pages.py 整改清单.xlsx --sheet 整改清单 [--png docs/x.png]
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook


def sheet_pdf(xlsx: Path, sheet: str, out_dir: Path) -> Path:
    """The one sheet of `xlsx` (the others removed) as a PDF in `out_dir`."""
    wb = load_workbook(xlsx)
    for ws in list(wb.worksheets):
        if ws.title != sheet:
            wb.remove(ws)
    only = out_dir / f"{xlsx.stem}-{sheet}.xlsx"
    wb.save(only)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), str(only)],
                   check=True, capture_output=True, timeout=300)
    return only.with_suffix(".pdf")


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return int(m.group(1)) if m else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("xlsx", type=Path)
    ap.add_argument("--sheet", action="append", required=True)
    ap.add_argument("--png", type=Path, help="first page of the (first) sheet as PNG")
    ap.add_argument("--page", type=int, default=1)
    args = ap.parse_args(argv)
    if shutil.which("soffice") is None:
        print("soffice not found", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        for i, sheet in enumerate(args.sheet):
            pdf = sheet_pdf(args.xlsx, sheet, Path(tmp))
            print(f"{sheet}: {pages(pdf)} pages")
            if args.png is not None and i == 0:
                stem = args.png.with_suffix("")
                subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(args.page), "-l", str(args.page), "-singlefile",
                                str(pdf), str(stem)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
