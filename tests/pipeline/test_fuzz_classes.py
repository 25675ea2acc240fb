"""Issue 25's fuzz classes, end to end: each a minimal file that once gave 内部错误 or a crash."""
from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from pipeline import check_file
from tests.support.cli import run
from tests.support.desk import report_text

STATEMENT_AT = "现将2024年工作开展情况总结如下"


def _with_statement(count: str) -> str:
    text = report_text(rows={"new": 3, "granted": 3, "total": 3})
    assert STATEMENT_AT in text
    return text.replace(STATEMENT_AT, f"全年共收到政府信息公开申请{count}件，{STATEMENT_AT}")


def test_a_cell_of_hundreds_of_digits_is_a_cell_value_finding(tmp_path: Path) -> None:
    p = tmp_path / "格.txt"
    p.write_text(report_text(rows={"new": int("9" * 400), "granted": 3, "total": 3}), encoding="utf-8")
    res = check_file(p)
    assert res.error is None and res.report is not None
    assert res.report.cells["t3.new.natural"].value is None       # unread, not a number
    [cv] = [f for f in res.findings if f.rule == "CELL-VALUE" and "t3.new.natural" in f.cells]
    assert "超过9位" in cv.message
    json.loads(json.dumps(res.to_json(), allow_nan=False))         # strict JSON: no Infinity


def test_a_statement_with_a_5000_digit_count_is_read_without_it(tmp_path: Path) -> None:
    p = tmp_path / "句.txt"
    p.write_text(_with_statement("9" * 5000), encoding="utf-8")
    res = check_file(p)
    assert res.error is None
    assert not [f for f in res.findings if f.rule == "TEXT-TABLE-MISMATCH"]


def test_a_400_digit_count_with_xlsx_writes_the_checklist(tmp_path: Path) -> None:
    p = tmp_path / "四百位.txt"
    p.write_text(_with_statement("9" * 400), encoding="utf-8")
    out = tmp_path / "清单.xlsx"
    r = run("check", "--json", str(p), "--xlsx", str(out))
    assert r.returncode == 0, r.stderr.decode()
    assert b"Traceback" not in r.stderr
    [entry] = json.loads(r.stdout)
    assert "error" not in entry
    assert openpyxl.load_workbook(out).sheetnames[0] == "汇总"


def test_half_a_surrogate_pair_from_rtf_is_stored_everywhere(tmp_path: Path) -> None:
    """RTF's \\u-10240? is a lone surrogate: UTF-8 cannot hold it (stdout, SQLite, file names)."""
    p = tmp_path / "半个.rtf"
    p.write_bytes(b"{\\rtf1\\ansi\\ansicpg936 \\u-10240?\\par}")
    r = run("check", "--json", str(p), "--archive", str(tmp_path / "台账.sqlite3"), "--xlsx", str(tmp_path / "清单.xlsx"))
    assert b"Traceback" not in r.stderr and r.returncode in (0, 1, 2), r.stderr.decode()
    [entry] = json.loads(r.stdout)
    assert "内部错误" not in entry.get("error", "")
    assert (tmp_path / "清单.xlsx").is_file()
    res = check_file(p)   # the text itself: U+FFFD where half a pair stood, so any writer stores it
    assert res.document is not None and "\ufffd" in res.document.blocks[0].text  # type: ignore[union-attr]
    json.dumps(res.to_json(), ensure_ascii=False).encode("utf-8")
