"""Two rounds of one body's report for the rounds screenshots (docs/window_rounds_*.png):

    .venv/bin/python docs/round_files.py OUT_DIR
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python docs/screenshots.py docs/window_rounds_1366.png \
        1366 768 --select 第2次 OUT_DIR/石桥乡_第1次报送.docx OUT_DIR/石桥乡_第2次报送.docx

The first round is the sample 石桥乡 report as it came; the second is the same file with two cells the
township corrected (表二 行政事业性收费 “无” → 0, 表三 属于国家秘密 “无” → 0) and one it got wrong
anew (表三 上年结转 自然人 0 → 2), as a resubmission does. Opened together, they are rounds 1 and 2."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from docx import Document

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "corpus" / "v05_shiqiao_xiang.docx"
EDITS = ((0, 13, 1, "0"), (1, 7, 3, "0"), (1, 4, 3, "2"))  # (table, row, column, new text)


def _set(cell, text: str) -> None:
    """The cell's text replaced, its first run's format kept."""
    para = cell.paragraphs[0]
    runs = para.runs
    runs[0].text = text
    for r in runs[1:]:
        r.text = ""


def make(out: Path) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    first, second = out / "石桥乡_第1次报送.docx", out / "石桥乡_第2次报送.docx"
    shutil.copyfile(SAMPLE, first)
    doc = Document(str(SAMPLE))
    for t, r, c, text in EDITS:
        _set(doc.tables[t].rows[r].cells[c], text)
    doc.save(str(second))
    return first, second


if __name__ == "__main__":
    print(*make(Path(sys.argv[1] if len(sys.argv) > 1 else "rounds")), sep="\n")
