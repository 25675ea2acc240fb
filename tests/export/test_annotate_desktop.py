"""The marked copies from the command line (`--annotate DIR`, and with `--notices DIR` into the
notices' folder) and from the window (导出整改通知 writes them beside the notices; a report's
right-click writes its own)."""
from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest

from desktop.cli import main
from tests.desktop.gui import WAIT_MS, drop_and_wait, make_window
from tests.support.corpus import corpus_file
from tests.support.desk import WRONG_TOTAL, write_report

SUFFIX = "（审核标注）"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def comments(docx: Path) -> int:
    with zipfile.ZipFile(docx) as z:
        return z.read("word/comments.xml").count(b"<w:comment ")


@pytest.mark.corpus
def test_check_annotate_writes_a_marked_copy_of_every_file_and_leaves_the_inputs(tmp_path: Path, capsys) -> None:
    files = [corpus_file(n) for n in ("v10_baima_zhen.docx", "v02_chengguan_jd.pdf", "v03_liulin_zhen.xlsx",
                                      "v04_anping_zrzyj.txt")]
    before = [sha(f) for f in files]
    code = main(["check", *map(str, files), "--annotate", str(tmp_path / "标注")])
    assert code == 1   # error findings, every output written
    assert [sha(f) for f in files] == before
    names = sorted(p.name for p in (tmp_path / "标注").iterdir())
    assert names == sorted([f"白马镇人民政府2024年政府信息公开工作年度报告{SUFFIX}.docx",
                            f"城关街道办事处2024年政府信息公开工作年度报告{SUFFIX}.pdf",
                            f"柳林镇人民政府2024年政府信息公开工作年度报告{SUFFIX}.xlsx",
                            f"安平县自然资源局2024年政府信息公开工作年度报告{SUFFIX}.pdf"]), names
    assert "审核标注副本 4 份已写入" in capsys.readouterr().out
    assert comments(tmp_path / "标注" / names[[n.endswith(".docx") for n in names].index(True)]) == 2


@pytest.mark.corpus
def test_notices_bring_the_marked_copies_into_their_folder(tmp_path: Path) -> None:
    src = corpus_file("v01_qinghe_scjgj.docx")
    code = main(["check", str(src), "--notices", str(tmp_path / "通知"), "--json"])
    assert code == 1
    names = sorted(p.name for p in (tmp_path / "通知").iterdir())
    assert names == ["整改通知_清河县市场监督管理局_2024.docx", f"清河县市场监督管理局2024年政府信息公开工作年度报告{SUFFIX}.docx"]


def test_a_copy_that_cannot_be_written_is_said_and_the_exit_status_says_so(tmp_path: Path, capsys) -> None:
    report = write_report(tmp_path / "东山镇.txt", "东山镇", rows=WRONG_TOTAL)
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("x", encoding="utf-8")
    code = main(["check", str(report), "--annotate", str(blocker)])
    assert code == 3
    assert "审核标注副本未能写入" in capsys.readouterr().err


def test_the_window_writes_the_copies_with_the_notices_and_one_from_the_context_menu(qtbot, tmp_path, monkeypatch) -> None:
    appdata = tmp_path / "应用数据"
    appdata.mkdir()
    monkeypatch.setenv("NIANBAO_APPDATA", str(appdata))
    window = make_window(qtbot, appdata)
    files = [write_report(tmp_path / f"{b}.txt", b, rows=WRONG_TOTAL) for b in ("东山镇", "西山镇")]
    before = [sha(f) for f in files]
    drop_and_wait(qtbot, window, files)
    qtbot.waitUntil(lambda: all(e.version is not None for e in window.session.entries.finished()), timeout=20_000)
    with qtbot.waitSignal(window.runner.written, timeout=WAIT_MS):
        window.exports.write_notices(str(tmp_path / "通知"))
    names = sorted(p.name for p in (tmp_path / "通知").iterdir())
    assert [n for n in names if SUFFIX in n] == [f"东山镇人民政府2024年政府信息公开工作年度报告{SUFFIX}.pdf",
                                                 f"西山镇人民政府2024年政府信息公开工作年度报告{SUFFIX}.pdf"]
    assert "审核标注副本 2 份" in window.last_message.text()
    one = tmp_path / "一份"
    one.mkdir()
    monkeypatch.setattr("ui.file_dialog.ask_folder", lambda *a, **k: str(one))
    view = window.report_view
    window.files.reports_menu(view.visualRect(window.reports.index(0, 0)).center())   # the first report's right-click
    (action,) = [a for a in window.files.last_menu.actions() if a.text() == "导出审核标注副本…"]
    with qtbot.waitSignal(window.runner.written, timeout=WAIT_MS):  # written by the runner's writer thread
        action.trigger()
    window.files.last_menu.close()
    unit = window.reports.entry(0).result.report.unit
    assert [p.name for p in one.iterdir()] == [f"{unit}2024年政府信息公开工作年度报告{SUFFIX}.pdf"]
    assert "已在报告原文中标注" in window.last_message.text()
    assert [sha(f) for f in files] == before
    window.close()
    shutil.rmtree(one)
