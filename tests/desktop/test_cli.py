"""The command line: the JSON contract, exit statuses, folders, the readable summary."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.support.cli import run
from tests.support.corpus import corpus_file

ROOT = Path(__file__).resolve().parents[2]


def test_json_contract_for_a_report_with_an_error() -> None:
    p = run("check", "--json", str(corpus_file("v10_baima_zhen.docx")))
    assert p.returncode == 1
    [obj] = json.loads(p.stdout)
    assert obj["file"].endswith("v10_baima_zhen.docx")
    assert (obj["format"], obj["unit"], obj["year"]) == ("docx", "白马镇人民政府", 2024)
    assert len(obj["cells"]) == 200 and obj["cells"]["t3.total.total"] == 32
    [f] = [x for x in obj["findings"] if x["severity"] == "error"]
    assert set(f) == {"rule", "severity", "cells", "message", "expected", "actual", "location", "fix", "summary", "amend"}
    assert f["message"].startswith(f["summary"]) and f["amend"] == "table"  # one short sentence first; the cells change
    assert f["fix"] == {"t3.total.total": 23}  # the one cell whose correction repairs every relation
    assert (f["rule"], f["severity"], f["cells"][0], f["expected"], f["actual"]) == ("T3-RESULT-TOTAL", "error", "t3.total.total", 23, 32)
    assert set(f["location"]) >= {"page", "line"}


def test_unreadable_file_does_not_stop_the_batch_and_exits_2() -> None:
    p = run("check", "--json", str(corpus_file("u02_scanned.pdf")), str(corpus_file("seed1_aga.txt")))
    assert p.returncode == 2
    a, b = json.loads(p.stdout)
    assert "扫描件" in a["error"] and "cells" not in a
    assert b["unit"] == "阿戛镇人民政府" and len(b["cells"]) == 200
    assert "Traceback" not in p.stderr.decode()


def test_clean_report_exits_0() -> None:
    p = run("check", "--json", str(corpus_file("seed4_guantou.docx")))
    assert p.returncode == 0, p.stdout


def test_folder_means_every_report_file_in_it(tmp_path: Path) -> None:
    for name in ("seed1_aga.docx", "v04_anping_zrzyj.txt"):
        shutil.copy(corpus_file(name), tmp_path / name)
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    sub = tmp_path / "子目录 一"
    sub.mkdir()
    shutil.copy(corpus_file("v10_baima_zhen.docx"), sub / "白马镇 2024.docx")
    p = run("check", "--json", str(tmp_path))
    names = [Path(o["file"]).name for o in json.loads(p.stdout)]
    assert names == ["seed1_aga.docx", "v04_anping_zrzyj.txt", "白马镇 2024.docx"]


def test_readable_summary_in_chinese() -> None:
    p = run("check", str(corpus_file("v01_qinghe_scjgj.docx")))
    out = p.stdout.decode("utf-8")
    assert "清河县市场监督管理局" in out and "错误 1" in out and "T3-BALANCE" in out


def test_version() -> None:
    p = run("--version")
    assert p.returncode == 0 and b"nianbao-check" in p.stdout


def test_a_folder_without_reports_says_so(tmp_path: Path) -> None:
    (tmp_path / "说明.json").write_text("{}", encoding="utf-8")
    p = run("check", "--json", str(tmp_path))
    assert p.returncode == 0 and json.loads(p.stdout) == []
    assert "没有找到报告文件" in p.stderr.decode("utf-8")


def test_the_command_line_starts_without_qt() -> None:
    """`--version`, `--help` and `check` load no Qt (it was most of the bundle's start-up)."""
    import subprocess
    import sys
    code = ("import sys, contextlib, io\n"
            "from desktop.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    for argv in (['--version'], ['check', '--help']):\n"
            "        try:\n"
            "            main(argv)\n"
            "        except SystemExit:\n"
            "            pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                       cwd=Path(__file__).resolve().parents[2])
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip().splitlines()[-1] == "[]"


def test_output_writes_utf8_to_the_file_and_nothing_to_the_console(tmp_path: Path) -> None:
    # PowerShell's `> file` re-encodes a program's output with the console's code page: --output does not
    sample = ROOT / "resources" / "samples" / "sample_report.docx"
    out = tmp_path / "结果 一.json"
    p = run("check", "--json", "--output", str(out), str(sample))
    assert p.returncode in (0, 1) and p.stdout == b""
    [obj] = json.loads(out.read_bytes().decode("utf-8"))
    assert obj["file"].endswith("sample_report.docx") and obj["unit"] == "清河县市场监督管理局"
    text = tmp_path / "摘要.txt"
    assert run("check", "-o", str(text), str(sample)).stdout == b""
    assert obj["unit"] in text.read_text(encoding="utf-8")
    bad = run("check", "--json", "--output", str(tmp_path / "没有的文件夹" / "x.json"), str(sample))
    assert bad.returncode == 2 and "输出文件无法写入" in bad.stderr.decode("utf-8")
