"""The body is the report's own name: its title (a body line above the year's line too), else its
signature; never a sentence fragment, never a name the report does not write."""
from __future__ import annotations

from pathlib import Path

import pytest

from importers import read_document
from recognise import recognise
from tests.support import layouts as L

PLACEHOLDER = "某某单位"


def _read(tmp_path: Path, head: list[str], signature: str = "", before_signature: tuple[str, ...] = ()) -> tuple[str | None, int | None]:
    lines = L.to_text(L.pieces(unit=PLACEHOLDER)).splitlines()
    sig = max(k for k, line in enumerate(lines) if line.strip() == PLACEHOLDER)
    lines[sig:sig + 1] = [*before_signature, signature]
    lines[0:1] = head
    p = tmp_path / "r.txt"
    p.write_text("\n".join(lines), encoding="utf-8")
    r = recognise(read_document(p))
    return r.unit, r.year


@pytest.mark.parametrize("head", [["淮安市洪泽区人民政府", "2024年政府信息公开工作年度报告"],
                                  ["淮安市洪泽区人民政府", "2024年政府信息公开工作", "年度报告"]])
def test_a_body_line_above_the_year_s_title_line_is_the_body(tmp_path: Path, head: list[str]) -> None:
    assert _read(tmp_path, head) == ("淮安市洪泽区人民政府", 2024)


@pytest.mark.parametrize("contact", [("如对本报告有疑问，请与淮安市洪泽区人民政府办公室联系。",),
                                     ("如对本报告有疑问，请与淮安市洪", "泽区人民政府办公室联系。")])
def test_whom_to_contact_is_not_who_reports(tmp_path: Path, contact: tuple[str, ...]) -> None:
    unit, year = _read(tmp_path, ["2024年政府信息公开工作年度报告"], before_signature=contact)
    assert unit is None and year == 2024


def test_the_signature_names_the_body_when_the_title_does_not(tmp_path: Path) -> None:
    got = _read(tmp_path, ["2024年政府信息公开工作年度报告"], signature="青山县教育局",
                before_signature=("如有疑问，请与青山县人民政府办公室联系。",))
    assert got == ("青山县教育局", 2024)


def test_a_name_is_never_completed_into_one_the_report_does_not_write(tmp_path: Path) -> None:
    assert _read(tmp_path, ["平潭综合实验区2024年政府信息公开工作年度报告"]) == ("平潭综合实验区", 2024)
    # a township is its government: the short form in the title names it in full
    assert _read(tmp_path, ["青山县青山镇2024年政府信息公开工作年度报告"]) == ("青山镇人民政府", 2024)
