"""The review desk from the command line, run as the issue measures it: rounds, years, notices."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from docx import Document

from archive import Archive
from tests.support.cli import run
from tests.support.desk import CONSISTENT, WRONG_TOTAL, write_report

TABLE_RULES = {"T3-BALANCE", "T3-RESULT-TOTAL", "T3-ROW-TOTAL", "T4-TOTAL", "CELL-VALUE"}


def _json(*args: str) -> list[dict]:
    p = run("check", "--json", *args)
    assert p.returncode in (0, 1), p.stderr.decode()
    return json.loads(p.stdout)


def test_a_corrected_version_is_the_next_round(tmp_path: Path) -> None:
    a = tmp_path / "A"
    v1 = write_report(tmp_path / "东山镇_初稿.txt", "东山镇", rows=WRONG_TOTAL)
    v2 = write_report(tmp_path / "东山镇_修改稿.txt", "东山镇", rows=CONSISTENT)
    [first] = _json(str(v1), "--archive", str(a))
    table = [f for f in first["findings"] if f["rule"] in TABLE_RULES]
    assert table and all(f["round"] == "new" for f in first["findings"]) and "previous" not in first
    [second] = _json(str(v2), "--archive", str(a))
    prev = second["previous"]
    assert prev["file"] == v1.name and prev["checked_at"] and prev["round"] == 1
    assert [f["rule"] for f in prev["resolved"]] == [f["rule"] for f in table]
    assert prev["resolved"][0]["cells"] == table[0]["cells"] and prev["resolved"][0]["fix"] == table[0]["fix"]
    assert not any(f["rule"] in TABLE_RULES for f in second["findings"])
    assert prev["open"] == sum(f["round"] == "open" for f in second["findings"]) == len(first["findings"]) - len(table)
    with sqlite3.connect(a) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT file, round FROM versions ORDER BY round").fetchall() == [(v1.name, 1), (v2.name, 2)]
    # the same corrected file checked again stays round 2, against round 1
    [third] = _json(str(v2), "--archive", str(a))
    assert third["previous"]["file"] == v1.name


def test_marks_of_open_findings_carry_into_the_next_round(tmp_path: Path) -> None:
    a = tmp_path / "A"
    v1 = write_report(tmp_path / "v1.txt", "东山镇", rows=WRONG_TOTAL)
    v2 = write_report(tmp_path / "v2.txt", "东山镇", rows=CONSISTENT)
    _json(str(v1), "--archive", str(a))
    with Archive(a) as arc:
        [ver] = arc.versions()
        fps = [fp for fp, f in arc.findings(ver.id)]
        arc.set_marks(ver.id, fps, "confirmed", who="审核人")
    _json(str(v2), "--archive", str(a))
    with Archive(a) as arc:
        later = arc.latest(ver.body_id, 2024)  # type: ignore[arg-type]
        assert later is not None and later.round == 2
        still = {fp for fp, _ in arc.findings(later.id)}
        assert set(arc.marks(later.id)) == still and still < set(fps)


def test_next_year_is_checked_against_the_archived_year(tmp_path: Path) -> None:
    c = tmp_path / "C"
    y23 = write_report(tmp_path / "西山镇2023.txt", "西山镇", 2023, rows={"new": 2, "carry_forward": 2})
    y24 = write_report(tmp_path / "西山镇2024.txt", "西山镇", 2024, rows=CONSISTENT)
    [alone] = _json(str(y23), "--archive", str(c))
    assert not any(f["rule"].startswith("PREV-YEAR") for f in alone["findings"])
    [later] = _json(str(y24), "--archive", str(c))
    carry = [f for f in later["findings"] if f["rule"] == "PREV-YEAR-CARRY"]
    assert sorted(c for f in carry for c in f["cells"]) == ["t3.carried.natural", "t3.carried.total"]
    assert all(f["expected"] == 2 and f["actual"] == 0 for f in carry)
    assert all(y23.name in f["message"] and "审校台账" in f["message"] for f in carry)
    copied = [f for f in later["findings"] if f["rule"] == "COPIED-TEXT"]
    assert len(copied) == 1 and "本单位 2023 年度报告" in copied[0]["message"]
    # exactly as if both had been given together (the archived file named, and when checked)
    together = _json(str(y23), str(y24))[1]
    assert [(f["rule"], f["cells"], f["expected"]) for f in together["findings"]] == \
           [(f["rule"], f["cells"], f["expected"]) for f in later["findings"]]


def test_an_alias_finds_the_archived_year(tmp_path: Path) -> None:
    c = tmp_path / "C"
    y23 = write_report(tmp_path / "2023.txt", "洪泽区", 2023, rows={"new": 2, "carry_forward": 2})
    y24 = write_report(tmp_path / "2024.txt", "淮安市洪泽区", 2024, rows=CONSISTENT)
    _json(str(y23), "--archive", str(c))
    [later] = _json(str(y24), "--archive", str(c))
    assert any(f["rule"] == "PREV-YEAR-CARRY" for f in later["findings"])


def _notice_rows(path: Path) -> tuple[str, list[list[str]]]:
    doc = Document(str(path))
    text = "\n".join(p.text for p in doc.paragraphs)
    rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    return text, rows


def test_bodies_with_an_error_get_a_notice_each_its_own(tmp_path: Path) -> None:
    n, out = tmp_path / "N", tmp_path / "通知"
    folder = tmp_path / "reports"
    folder.mkdir()
    bodies = {"东山镇": WRONG_TOTAL, "西山镇": CONSISTENT, "南山镇": {"new": 4, "granted": 4, "total": 5}}
    for body, rows in bodies.items():
        write_report(folder / f"{body}.txt", body, rows=rows)
    results = _json(str(folder), "--archive", str(n), "--notices", str(out))
    files = sorted(out.glob("*.docx"))
    with_error = [b for b in bodies if any(f["severity"] == "error" for r in results if r["unit"] == f"{b}人民政府"
                                           for f in r["findings"])]
    assert sorted(with_error) == ["东山镇", "南山镇"]  # 西山镇 has nothing to correct: no 整改通知, no 文号
    assert len(files) == 2 and not any("西山镇" in f.name for f in files)
    for body in with_error:
        [path] = [f for f in files if body in f.name]
        text, rows = _notice_rows(path)
        assert f"{body}人民政府：" in text and "政务公开〔2024〕" in text
        assert f"{body}.txt" not in text and "台账" not in text  # the report by its title, no internal words
        others = [b for b in bodies if b != body]
        assert not any(o in text or o in str(rows) for o in others)
        [res] = [r for r in results if r["unit"] == f"{body}人民政府"]
        assert rows[0][:4] == ["序号", "位置", "问题类别", "问题说明"]
        assert len(rows) - 1 == len(res["findings"])
        assert all(r[6] for r in rows[1:])  # every finding with its 依据
    east = _notice_rows(next(f for f in files if "东山镇" in f.name))[1]
    assert any(r[2].startswith("表三办理结果合计") and "应改为" not in r[4] and "3" in r[4] for r in east[1:])
    with Archive(n) as arc:
        assert sorted(x["number"] for x in arc.notices()) == [f"政务公开〔2024〕{i}号" for i in (1, 2)]
    # asked for, the body with nothing to correct gets a 审核通过 letter with the next number; the others keep theirs
    config = tmp_path / "设置.json"
    config.write_text(json.dumps({"notice_pass_letters": True}), encoding="utf-8")
    again = tmp_path / "通知2"
    _json(str(folder), "--archive", str(n), "--notices", str(again), "--config", str(config))
    [letter] = [f for f in again.glob("*.docx") if "西山镇" in f.name]
    text, rows = _notice_rows(letter)
    assert letter.name.startswith("审核通过函") and "审核通过" in text and "政务公开〔2024〕3号" in text
    assert "整改的通知" not in text and all("（错误）" not in r[2] for r in rows[1:])  # its warnings listed as 建议完善
    with Archive(n) as arc:
        assert {x["number"] for x in arc.notices()} == {f"政务公开〔2024〕{i}号" for i in (1, 2, 3)}  # written again: same 文号


def test_bodies_are_listed_and_merged(tmp_path: Path) -> None:
    a = tmp_path / "A"
    with Archive(a) as arc:
        for sha, unit in (("h1", "高良涧街道办事处"), ("h2", "高良涧办事处")):
            arc.record(sha256=sha, file=f"{sha}.txt", unit=unit, year=2024, format="txt", cells={}, sentences=[], findings=[])
        ids = [b.id for b in arc.bodies()]
    assert len(ids) == 2  # not told apart by their names: the inspector merges them
    listed = run("bodies", str(a)).stdout.decode()
    assert f"{ids[0]:>4}  高良涧街道办事处　2024" in listed and "高良涧办事处" in listed
    p = run("bodies", str(a), "--merge", str(ids[0]), str(ids[1]))
    assert p.returncode == 0 and "并入" in p.stdout.decode() and "又名：高良涧" in p.stdout.decode()
    with Archive(a) as arc:
        assert [b.id for b in arc.bodies()] == [ids[0]]
        assert sorted(v.round for v in arc.versions(2024)) == [1, 2]
    assert run("bodies", str(a), "--merge", str(ids[0]), "99").returncode == 2


def test_the_overview_workbook_from_the_command_line(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    folder = tmp_path / "r"
    folder.mkdir()
    write_report(folder / "东山镇.txt", "东山镇", rows=WRONG_TOTAL)
    write_report(folder / "西山镇.txt", "西山镇", rows=CONSISTENT)
    out = tmp_path / "总览.xlsx"
    _json(str(folder), "--archive", str(tmp_path / "N"), "--overview", str(out))
    ws = load_workbook(out)["县域总览"]
    assert ws.cell(1, 1).value == "2024年度政府信息公开工作年度报告审校总览"
    assert {ws.cell(r, 2).value for r in (4, 5)} == {"东山镇人民政府", "西山镇人民政府"}
    assert len(ws.parent["各单位问题数"]._charts) == 1  # the chart on a page of its own
    assert run("check", str(folder), "--overview", str(out)).returncode == 2  # needs the archive


def test_notices_of_confirmed_findings_only(tmp_path: Path) -> None:
    n, out = tmp_path / "N", tmp_path / "通知"
    folder = tmp_path / "r"
    folder.mkdir()
    for body in ("东山镇", "西山镇"):
        write_report(folder / f"{body}.txt", body, rows=WRONG_TOTAL)
    _json(str(folder), "--archive", str(n))
    with Archive(n) as arc:
        east = next(v for v in arc.versions(2024) if v.body == "东山镇人民政府")
        table_fp = next(fp for fp, f in arc.findings(east.id) if f["rule"] == "T3-RESULT-TOTAL")
        arc.set_mark(east.id, table_fp, "confirmed", who="审核人")
    p = run("check", str(folder), "--archive", str(n), "--notices", str(out), "--confirmed-only")
    assert p.returncode == 1 and "1 个单位没有需要整改的问题或没有已核实的错误" in p.stderr.decode()
    [notice] = list(out.glob("*.docx"))
    assert "东山镇" in notice.name
    rows = _notice_rows(notice)[1]
    assert len(rows) == 2 and rows[1][2].startswith("表三办理结果合计")
