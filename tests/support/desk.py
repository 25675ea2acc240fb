"""Text reports written in the test, from the bundled sample: another body, another year, and
chosen 表三 rows (the sample prints one value per line after each row label)."""
from __future__ import annotations

from pathlib import Path

import resources

ROWS = {  # row id -> the label line the sample prints
    "new": "一、本年新收", "carried": "二、上年结转", "granted": "（一）予以公开",
    "total": "（七）总计", "carry_forward": "四、结转下年度继续办理",
}


def report_text(body: str = "管头镇", year: int = 2024, rows: dict[str, int] | None = None) -> str:
    """The sample report for `body` and `year`; `rows` sets the 自然人 and 总计 column of 表三 rows."""
    text = resources.path("samples/sample.txt").read_text(encoding="utf-8")
    text = text.replace("2025年1月24日", f"{year + 1}年1月24日").replace("2024", str(year)).replace("管头镇", body)
    lines = text.split("\n")
    for row, value in (rows or {}).items():
        at = next(i for i, line in enumerate(lines) if line.strip().startswith(ROWS[row]))
        values = [i for i in range(at + 1, at + 12) if lines[i].strip()][:7]
        assert len(values) == 7, row
        lines[values[0]] = f"\t{value}"   # 自然人
        lines[values[6]] = f"\t{value}"   # 总计
    return "\n".join(lines)


def write_report(path: Path, body: str = "管头镇", year: int = 2024, rows: dict[str, int] | None = None) -> Path:
    path.write_text(report_text(body, year, rows), encoding="utf-8")
    return path


CONSISTENT = {"new": 3, "granted": 3, "total": 3}
WRONG_TOTAL = {"new": 3, "granted": 3, "total": 2}   # （七）总计 short by one: T3 relations broken
