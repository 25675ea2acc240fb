"""The pictures of what leaves the office, from the sample corpus, through LibreOffice:

    python docs/output_pictures.py [../shared/corpus]

checks the corpus's 33 reports into a fresh archive (with a county's notice settings), writes both
checklists, the notices and the overview, converts them to PDF with `soffice --headless` and the pages
shown in the README and docs/review-desk.md to PNG with pdftoppm; prints the 整改清单 sheets' page counts."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.checklist_pages import pages, sheet_pdf  # noqa: E402

SETTINGS = {"notice_office": "青山县人民政府办公室（政务公开办）", "notice_number": "青政公开〔{year}〕{n}号",
            "notice_start_number": 21, "notice_pass_letters": True}


def soffice_pdf(src: Path, out_dir: Path) -> Path:
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), str(src)],
                   check=True, capture_output=True, timeout=300)
    return out_dir / f"{src.stem}.pdf"


def png(pdf: Path, page: int, out: Path, width: int) -> None:
    subprocess.run(["pdftoppm", "-png", "-scale-to", str(width), "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(out.with_suffix(""))], check=True)


def main(argv: list[str]) -> int:
    corpus = Path(argv[0]) if argv else ROOT.parent / "shared" / "corpus"
    files = sorted(str(p) for p in corpus.iterdir() if p.is_file() and not p.name.endswith(".json") and p.name != "README.md")
    docs = ROOT / "docs"
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "设置.json").write_text(json.dumps(SETTINGS, ensure_ascii=False), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "desktop", "check", *files, "--config", str(t / "设置.json"),
                        "--archive", str(t / "台账.sqlite3"), "--xlsx", str(t / "整改清单.xlsx"),
                        "--township-xlsx", str(t / "发报送单位.xlsx"), "--notices", str(t / "通知"),
                        "--overview", str(t / "总览.xlsx")], cwd=ROOT, check=False, capture_output=True)
        for name, picture in (("整改清单", "checklist_page1.png"), ("发报送单位", "checklist_township_page1.png")):
            pdf = sheet_pdf(t / f"{name}.xlsx", "整改清单", t)
            print(f"{name}.xlsx 整改清单: {pages(pdf)} pages")
            png(pdf, 1, docs / picture, 1100)
        for body, picture in (("石桥乡人民政府", "notice_page1.png"), ("管头镇人民政府", "notice_review.png")):
            png(soffice_pdf(t / "通知" / f"整改通知_{body}_2024.docx", t), 1, docs / picture, 800)
        overview = soffice_pdf(t / "总览.xlsx", t)
        for page, picture in ((1, "overview_print.png"), (2, "overview_chart_print.png"), (3, "overview_rules_print.png")):
            png(overview, page, docs / picture, 1000)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
