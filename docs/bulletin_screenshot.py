"""The first page of a county's 通报 for docs/ (LibreOffice renders it):

    .venv/bin/python docs/bulletin_screenshot.py docs/

Builds a small county — a roster of nine bodies, this year's reports of seven made from the bundled
sample (two with table errors, one corrected in a second round, one arriving after the deadline) —
checks them through the archive as the command line does, writes the 通报 and renders its first page
(bulletin_page1.png) and its annex (bulletin_annex.png). The archive's clock is set to the days the
reports would have come in January/February, so the times against the deadline read as in a real round."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUIET = ["COPIED-TEXT", "OVERVIEW-PARTS", "PRIOR-YEAR-REVIEW-MISSING"]  # what the sample's own text gives every body
ROSTER = ["青山县东山镇人民政府", "青山县西山镇人民政府", "青山县南山镇人民政府", "青山县北山镇人民政府", "青山县城关镇人民政府",
          "青山县柳林镇人民政府", "青山县河口乡人民政府", "青山县青石乡人民政府", "青山县财政局"]
COUNTY = {  # body as its report writes it -> (表三 rows, the day it came)
    "东山镇": ({"new": 3, "granted": 3, "total": 2}, "2025-01-20T09:12:00"),
    "西山镇": ({"new": 3, "granted": 2, "total": 3}, "2025-01-22T15:40:00"),
    "南山镇": ({"new": 4, "granted": 4, "total": 4}, "2025-01-23T10:05:00"),
    "北山镇": ({"new": 6, "granted": 6, "total": 6}, "2025-01-24T11:30:00"),
    "城关镇": ({"new": 2, "granted": 2, "total": 2}, "2025-01-27T08:50:00"),
    "柳林镇": ({"new": 5, "granted": 5, "total": 5}, "2025-02-06T16:20:00"),
    "县财政局": ({"new": 1, "granted": 1, "total": 1}, "2025-01-21T14:00:00"),
}


def build(folder: Path) -> Path:
    from archive import Archive, store
    from archive.overview import overview
    from archive.roster import import_roster
    from archive.store import RosterEntry
    from checks.settings import RuleSettings
    from export.bulletin import write_bulletin
    from export.notice_settings import NoticeSettings
    from pipeline import CheckResult, check_files
    from review.rounds import check_with_archive
    from tests.support.desk import write_report

    rules = RuleSettings(disabled_rules=QUIET)
    arc = Archive(folder / "archive.sqlite3")
    import_roster(arc, [RosterEntry(n, "县财政局" if n.endswith("财政局") else "") for n in ROSTER], "单位名单.xlsx")

    def check(path: Path, at: str) -> None:
        store.now = lambda: at  # the day the report came (this script's clock only)
        results: list[CheckResult] = check_files([str(path)], rules, batch=False)
        check_with_archive(results, arc, rules)

    for body, (rows, at) in COUNTY.items():
        check(write_report(folder / f"{body}2024年报.txt", body, 2024, rows), at)
    check(write_report(folder / "西山镇2024年报（修改稿）.txt", "西山镇", 2024, {"new": 3, "granted": 3, "total": 3}),
          "2025-02-12T09:30:00")
    arc.add_notice(arc.find_body("东山镇"), 2024, "青政公开〔2025〕1号", "整改通知_东山镇.docx", 2, [])
    arc.add_notice(arc.find_body("西山镇"), 2024, "青政公开〔2025〕2号", "整改通知_西山镇.docx", 2, [])
    out = folder / "通报.docx"
    write_bulletin(arc, overview(arc, 2024, rules=rules), out, NoticeSettings(notice_office="青山县人民政府办公室"),
                   issued=dt.date(2025, 2, 14))
    arc.close()
    return out


def render(docx: Path, out_dir: Path) -> None:
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)], check=True,
                   capture_output=True, timeout=180)
    pdf = docx.with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True, timeout=60).stdout
    last = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    for page, name in ((1, "bulletin_page1"), (last, "bulletin_annex")):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                        str(out_dir / name)], check=True, timeout=60)


def main() -> None:
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs").resolve()
    work = Path(tempfile.mkdtemp(prefix="bulletin-"))
    try:
        render(build(work), out_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"written: {out_dir / 'bulletin_page1.png'}, {out_dir / 'bulletin_annex.png'}")


if __name__ == "__main__":
    main()
