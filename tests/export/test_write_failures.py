"""A failure while writing one output (issue 25): a Chinese line on stderr, exit status 3 (not 1,
not 2), and the JSON and the other outputs still there."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import export
from desktop import cli
from tests.support.cli import run
from tests.support.desk import WRONG_TOTAL, write_report


def _report(tmp_path: Path) -> Path:
    return write_report(tmp_path / "管头镇.txt", rows=WRONG_TOTAL)   # an error finding: alone, status 1


def test_a_checklist_that_cannot_be_written_is_status_3_and_the_notices_still_come(tmp_path: Path) -> None:
    notices = tmp_path / "通知"
    p = run("check", "--json", str(_report(tmp_path)), "--xlsx", str(tmp_path / "没有这个文件夹" / "清单.xlsx"),
            "--notices", str(notices))
    assert p.returncode == 3, p.stderr.decode()
    err = p.stderr.decode()
    assert "整改清单未能写入" in err and "不存在" in err and "Traceback" not in err
    [entry] = json.loads(p.stdout)
    assert entry["findings"] and "error" not in entry
    assert [f.name for f in notices.glob("整改通知_*")] == ["整改通知_管头镇人民政府_2024.docx"]  # (and its marked copy)


def test_notices_that_cannot_be_written_are_status_3_and_the_checklist_is_there(tmp_path: Path) -> None:
    blocker = tmp_path / "通知"
    blocker.write_text("一个同名文件，不是文件夹", encoding="utf-8")
    out = tmp_path / "清单.xlsx"
    p = run("check", str(_report(tmp_path)), "--xlsx", str(out), "--notices", str(blocker))
    assert p.returncode == 3 and "整改通知未能写入" in p.stderr.decode() and b"Traceback" not in p.stderr
    assert out.is_file() and "整改清单已写入" in p.stdout.decode()


def test_a_writer_bug_is_status_3_with_a_chinese_line_and_the_other_outputs(tmp_path: Path, monkeypatch,
                                                                             capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*_args: object, **_kw: object) -> None:
        raise OverflowError("int too large to convert to float")
    monkeypatch.setattr(export, "write_checklist", broken)
    notices = tmp_path / "通知"
    code = cli.main(["check", "--json", "--jobs", "1", str(_report(tmp_path)), "--xlsx", str(tmp_path / "清单.xlsx"),
                     "--notices", str(notices)])
    out, err = capsys.readouterr()
    assert code == 3
    assert "整改清单未能写入（程序内部错误：OverflowError）" in err and "Traceback" not in err
    assert json.loads(out)[0]["findings"]
    assert len(list(notices.glob("整改通知_*"))) == 1


def test_an_archive_that_cannot_be_written_is_status_3_and_the_json_is_printed(tmp_path: Path, monkeypatch,
                                                                              capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    import review.rounds

    def locked(*_args: object, **_kw: object) -> None:
        raise sqlite3.OperationalError("database is locked")
    monkeypatch.setattr(review.rounds, "check_with_archive", locked)
    code = cli.main(["check", "--json", "--jobs", "1", str(_report(tmp_path)), "--archive", str(tmp_path / "台账.sqlite3")])
    out, err = capsys.readouterr()
    assert code == 3 and "审校台账未能写入：database is locked" in err
    assert json.loads(out)[0]["findings"]


def test_without_a_failure_the_status_is_the_findings(tmp_path: Path) -> None:
    p = run("check", str(_report(tmp_path)), "--xlsx", str(tmp_path / "清单.xlsx"), "--notices", str(tmp_path / "通知"))
    assert p.returncode == 1, p.stderr.decode()


def test_a_writer_bug_inside_the_save_is_an_export_error_and_the_old_file_is_kept(tmp_path: Path) -> None:
    from export.atomic import ExportError, save_atomic
    target = tmp_path / "清单.xlsx"
    target.write_bytes(b"old")

    def overflow(stream: object) -> None:
        raise OverflowError("int too large to convert to float")
    with pytest.raises(ExportError) as e:
        save_atomic(overflow, target)
    assert "“清单.xlsx”未能写入（程序内部错误：OverflowError）" in e.value.message
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["清单.xlsx"]
