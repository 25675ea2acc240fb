"""A DOCX is read by what it contains, not by assuming its root element (issue 25's fuzz class 4)."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from importers import ReadError, read_document

TRANSITIONAL = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT = b"http://purl.oclc.org/ooxml/wordprocessingml/main"


def _docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("青山镇2024年政府信息公开工作年度报告")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "本年新收"
    t.cell(0, 1).text = "3"
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    return out.getvalue()


def _edit(edit) -> bytes:
    return _zip([(n, edit(d) if n == "word/document.xml" else d) for n, d in _members(_docx())])


def _texts(path: Path) -> list[str]:
    doc = read_document(str(path))
    out = []
    for b in doc.blocks:
        out += [c.text for row in b.rows for c in row] if hasattr(b, "rows") else [b.text]
    return out


def _write(tmp_path: Path, data: bytes) -> Path:
    p = tmp_path / "报告.docx"
    p.write_bytes(data)
    return p


def test_strict_ooxml_namespace_is_read(tmp_path: Path) -> None:
    p = _write(tmp_path, _edit(lambda d: d.replace(TRANSITIONAL, STRICT)))
    assert _texts(p) == ["青山镇2024年政府信息公开工作年度报告", "本年新收", "3"]


def test_a_duplicated_document_member_whose_last_copy_is_bogus_reads_the_real_one(tmp_path: Path) -> None:
    members = _members(_docx())
    with pytest.warns(UserWarning):  # zipfile warns of the duplicate name it is told to write
        data = _zip([*members, ("word/document.xml", b'<?xml version="1.0"?><other xmlns="urn:x"><p>x</p></other>')])
    assert _texts(_write(tmp_path, data)) == ["青山镇2024年政府信息公开工作年度报告", "本年新收", "3"]


@pytest.mark.parametrize("xml", [
    b'<?xml version="1.0"?><root xmlns="urn:other"><body/></root>',
    b'<?xml version="1.0"?><w:document xmlns:w="' + TRANSITIONAL + b'"/>',   # no w:body
    b'<?xml version="1.0"?><w:body xmlns:w="' + TRANSITIONAL + b'"><w:p/></w:body>',
], ids=["other-namespace", "no-body", "body-as-root"])
def test_a_main_part_that_is_no_word_document_is_a_read_error_in_chinese(tmp_path: Path, xml: bytes) -> None:
    p = _write(tmp_path, _edit(lambda d: xml))
    with pytest.raises(ReadError) as e:
        read_document(str(p))
    assert "Word" in e.value.message and "损坏" in e.value.message
