"""Pictures of the review desk for docs/ (run under Xvfb, as a user sees it):

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python docs/desk_screenshots.py docs/

Builds a small county in a fresh app-data folder — last year's reports of nine bodies, this year's
of seven (one unreadable, one body missing, one corrected in a second round) made from the bundled
sample — checks them through the archive as the command line does, then saves the county overview
window (overview.png), 城关镇's two years side by side (years.png) and the first page of one
body's 整改通知 rendered by LibreOffice (notice_page1.png).
The sample's narrative is the same for every body, so the rules its text alone decides (QUIET) are off here."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUIET = ["COPIED-TEXT", "OVERVIEW-PARTS", "PRIOR-YEAR-REVIEW-MISSING"]  # what the sample's own text gives every body
COUNTY = {  # body -> this year's 表三 rows (None: sent nothing this year)
    "东山镇": {"new": 3, "granted": 3, "total": 2},
    "西山镇": {"new": 3, "granted": 2, "total": 3},
    "南山镇": {"new": 4, "granted": 4, "total": 5},
    "北山镇": {"new": 6, "granted": 6, "total": 6, "carried": 1},
    "城关镇": {"new": 2, "granted": 2, "total": 2},
    "柳林镇": {"new": 5, "granted": 4, "total": 5},
    "河口乡": {"new": 1, "granted": 1, "total": 1},
    "青石乡": None,
}


def build(folder: Path) -> tuple[Path, Path]:
    from archive import Archive
    from checks.settings import RuleSettings
    from pipeline import check_files
    from review.rounds import check_with_archive
    from tests.support.desk import write_report

    settings = RuleSettings(disabled_rules=QUIET)
    last, now = folder / "2023", folder / "2024"
    last.mkdir(parents=True)
    now.mkdir()
    for body in [*COUNTY, "石桥乡"]:
        write_report(last / f"{body}2023年报.txt", body, 2023, {"new": 2, "carry_forward": 2 if body == "城关镇" else 0,
                                                            "granted": 0 if body == "城关镇" else 2,
                                                            "total": 0 if body == "城关镇" else 2})
    for body, rows in COUNTY.items():
        if rows is not None:
            write_report(now / f"{body}2024年报.txt", body, 2024, rows)
    (now / "石桥乡2024年报.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00" * 300)  # arrived damaged
    arc_path = folder / "archive.sqlite3"
    with Archive(arc_path) as arc:
        for year_dir in (last, now):
            paths = sorted(str(p) for p in year_dir.iterdir())
            check_with_archive(check_files(paths, settings, batch=False), arc, settings)
        fixed = now / "西山镇2024年报（修改稿）.txt"
        write_report(fixed, "西山镇", 2024, {"new": 3, "granted": 3, "total": 3})
        results = check_files([str(now / "东山镇2024年报.txt"), str(fixed)], settings, batch=False)
        check_with_archive(results, arc, settings)
    return arc_path, now / "东山镇2024年报.txt"


def overview_png(arc_path: Path, out: Path) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    from archive import Archive
    from desktop.app import _application
    from ui.overview import OverviewDialog

    _application()
    with Archive(arc_path) as arc:
        dlg = OverviewDialog(arc, 2024)
        dlg.resize(1280, 640)
        dlg.show()
        loop = QEventLoop()
        QTimer.singleShot(500, loop.quit)
        loop.exec()
        dlg.grab().save(str(out))
        dlg.close()


def years_png(arc_path: Path, out: Path) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    from archive import Archive
    from archive.compare import compare_years
    from desktop.app import _application
    from ui.overview_years import YearsDialog

    _application()
    with Archive(arc_path) as arc:
        now = next(v for v in arc.versions(2024) if v.file.startswith("城关镇"))
        before = arc.previous_year(now.unit, 2024)
        assert before is not None
        a, b = arc.report(before.id), arc.report(now.id)
        assert a is not None and b is not None
        dlg = YearsDialog(compare_years(a, b), f"2023年度：{before.file}（审校台账）", f"2024年度：{now.file}")
        dlg.resize(1100, 700)
        dlg.show()
        loop = QEventLoop()
        QTimer.singleShot(500, loop.quit)
        loop.exec()
        dlg.grab().save(str(out))
        dlg.close()


def notice_png(report: Path, out: Path) -> None:
    from checks.settings import RuleSettings
    from export.notice_settings import NoticeSettings
    from export.notices import group_entries, write_notices
    from pipeline import check_files

    settings = NoticeSettings(notice_office="示例县人民政府办公室（政务公开办）", notice_number="示政公开〔{year}〕{n}号")
    tmp = Path(tempfile.mkdtemp(prefix="nianbao-notice-"))
    results = check_files([str(report)], RuleSettings(disabled_rules=QUIET))
    [docx] = write_notices(group_entries(results), tmp, settings, ["示政公开〔2024〕3号"])
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(docx)], check=True,
                   capture_output=True, timeout=180)
    pdf = next(tmp.glob("*.pdf"))
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(tmp / "page")], check=True)
    shutil.copyfile(tmp / "page.png", out)


def main(argv: list[str]) -> int:
    docs = Path(argv[0]) if argv else ROOT / "docs"
    folder = Path(tempfile.mkdtemp(prefix="nianbao-county-"))
    os.environ.setdefault("NIANBAO_APPDATA", str(folder))
    arc_path, report = build(folder)
    overview_png(arc_path, docs / "overview.png")
    years_png(arc_path, docs / "years.png")
    notice_png(report, docs / "notice_page1.png")
    print(docs / "overview.png", docs / "years.png", docs / "notice_page1.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
