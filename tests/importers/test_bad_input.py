"""Bad input: every broken file gets a clear Chinese message, the batch goes on, nothing is modified."""
from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from importers import ReadError, read_document
from importers.options import ReadOptions
from importers.text_file import lines_to_blocks
from model.document import Document
from pipeline import check_file, check_files
from recognise import recognise
from tests.support.corpus import corpus_file
from tests.support.pdfgen import make_pdf


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _unreadable(path: Path, kind: str, **kw) -> str:
    with pytest.raises(ReadError) as e:
        read_document(path, **kw)
    assert e.value.kind == kind, e.value.message
    assert _chinese(e.value.message)
    result = check_file(path)
    assert result.report is None and result.error
    return e.value.message


def test_encrypted_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter
    w = PdfWriter(clone_from=PdfReader(corpus_file("seed0_dongming.pdf")))
    w.encrypt(user_password="secret", owner_password="owner")
    p = tmp_path / "加密.pdf"
    with open(p, "wb") as f:
        w.write(f)
    assert "密码" in _unreadable(p, "encrypted")


def test_password_protected_xlsx(tmp_path: Path) -> None:
    import msoffcrypto
    from msoffcrypto.format.ooxml import OOXMLFile
    out = io.BytesIO()
    with open(corpus_file("seed1_aga.xlsx"), "rb") as f:
        OOXMLFile(f).encrypt("secret", out)
    p = tmp_path / "加密.xlsx"
    p.write_bytes(out.getvalue())
    assert msoffcrypto.olefile.isOleFile(str(p))
    assert "密码" in _unreadable(p, "encrypted")


def test_truncated_xlsx(tmp_path: Path) -> None:
    data = corpus_file("v03_liulin_zhen.xlsx").read_bytes()
    p = tmp_path / "cut.xlsx"
    p.write_bytes(data[: len(data) * 2 // 3])
    _unreadable(p, "corrupt")


def test_corrupt_xml_inside_docx(tmp_path: Path) -> None:
    src = corpus_file("seed1_aga.docx")
    p = tmp_path / "bad.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(p, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            zout.writestr(item, data)
    _unreadable(p, "corrupt")


@pytest.mark.parametrize("name,part", [("bomb.docx", "word/document.xml"), ("bomb.xlsx", "xl/worksheets/sheet1.xml")])
def test_zip_bomb_refused_before_unpacking(tmp_path: Path, name: str, part: str) -> None:
    p = tmp_path / name
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml" if name.endswith("xlsx") else "word/styles.xml", "<x/>")
        with z.open(part, "w") as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(40):  # 40 MB of zeros packs to ~40 KB
                f.write(chunk)
    assert p.stat().st_size < 1_000_000
    _unreadable(p, "too_large")


BOMB = """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>"""


def _replace_part(src: Path, dst: Path, part: str, data: bytes) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, data if item.filename == part else zin.read(item.filename))


def test_xml_entity_bomb_in_xlsx(tmp_path: Path) -> None:
    p = tmp_path / "lol.xlsx"
    sheet = BOMB + ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
    _replace_part(corpus_file("seed1_aga.xlsx"), p, "xl/worksheets/sheet1.xml", sheet.encode())
    _unreadable(p, "corrupt")  # defusedxml refuses the entity declarations


def test_xml_entity_bomb_in_docx_is_not_expanded(tmp_path: Path) -> None:
    src = corpus_file("seed1_aga.docx")
    with zipfile.ZipFile(src) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    body_start = xml.index("<w:document")
    xml = BOMB + xml[body_start:].replace("<w:body>", "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", 1)
    p = tmp_path / "lol.docx"
    _replace_part(src, p, "word/document.xml", xml.encode("utf-8"))
    result = check_file(p)  # python-docx does not resolve entities: read, but never a billion 'lol's
    assert result.error is not None or all(len(b.text) < 10_000 for b in result.document.text_blocks())


def test_thousand_page_pdf_stops_at_the_time_budget(tmp_path: Path) -> None:
    p = tmp_path / "千页.pdf"
    p.write_bytes(make_pdf([[(100, f"Page {i} of a very long appendix"), (400, "0 0 0")] for i in range(1000)]))
    with pytest.raises(ReadError) as e:
        read_document(p, time_budget=0.3)
    assert e.value.kind == "too_large" and "时限" in e.value.message
    result = check_file(p, reading=ReadOptions(0.3))
    assert result.error and "时限" in result.error


@pytest.mark.parametrize("name", ["random.txt", "random.pdf", "random.docx", "random.xlsx"])
def test_random_bytes(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    p.write_bytes(os.urandom(20_000))
    result = check_file(p)
    assert result.report is None and _chinese(result.error or "")


def test_unreadable_for_permissions(tmp_path: Path, monkeypatch) -> None:
    p = tmp_path / "locked.txt"
    p.write_text("x", encoding="utf-8")
    import sys
    sniff = sys.modules["importers.sniff"]

    def deny(*a, **k):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(sniff, "open", deny, raising=False)
    assert "权限" in _unreadable(p, "io")


def test_one_five_megabyte_line(tmp_path: Path) -> None:
    p = tmp_path / "一行.txt"
    p.write_text("政府信息公开" * 900_000, encoding="utf-8")  # ~16 MB as UTF-8, 5.4 M characters
    result = check_file(p)
    assert result.error is None
    assert result.report.cells == {}
    assert {f.rule for f in result.findings} >= {"TABLE-MISSING", "SECTION-MISSING"}


def test_batch_goes_on_and_inputs_are_unchanged(tmp_path: Path) -> None:
    names = ["u01_truncated.pdf", "seed1_aga.docx", "u02_scanned.pdf", "v04_anping_zrzyj.txt"]
    folder = tmp_path / "含 空格 的目录"
    folder.mkdir()
    paths = []
    for n in names:
        shutil.copy(corpus_file(n), folder / n)
        paths.append(str(folder / n))
    (folder / "empty.docx").write_bytes(b"")
    paths.append(str(folder / "empty.docx"))
    before = {p: hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in paths}
    results = check_files(paths, jobs=2)
    assert [bool(r.error) for r in results] == [True, False, True, False, True]
    assert all(_chinese(r.error) for r in results if r.error)
    assert results[3].report.unit == "安平县自然资源局"
    assert before == {p: hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in paths}


# --- fuzzing ---------------------------------------------------------------------------------

LABELS = ["一、本年新收政府信息公开申请数量", "（七）总计", "3.其他", "行政复议", "总计", "自然人", "第二十条第（一）项",
          "规章", "行政许可", "四、结转下年度继续办理", "三、收到和处理政府信息公开申请情况", "（三）不予公开", "无", "-"]
token = st.one_of(st.sampled_from(LABELS), st.integers(-5, 10**9).map(str), st.text(max_size=12))
line = st.lists(token, max_size=8).map(lambda ts: st.sampled_from(["\t", " | ", "\n"]).example().join(ts)
                                       if False else "\t".join(ts))


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(line, st.text(max_size=40)), max_size=80))
def test_fuzz_text_importer_and_recogniser(lines: list[str]) -> None:
    doc = Document(path="fuzz.txt", format="txt")
    doc.blocks.extend(lines_to_blocks("\n".join(lines)))
    report = recognise(doc)
    from checks import run_checks
    run_checks(report)
    json.dumps({k: c.value for k, c in report.cells.items()})
