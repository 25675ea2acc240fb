"""A seeded hostile corpus (generated here, never committed): the constructions of issue #17 and,
for every format, truncations at many offsets and random byte mutations. Every file gets an
answer — read, or a specific Chinese message — within the budget, under the memory cap, and the
inputs are byte-identical afterwards. "内部错误" never appears: a damaged file is not a bug."""
from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest

from importers.options import ReadOptions
from pipeline import check_files
from pipeline.check import CheckResult
from tests.support import hostile
from tests.support.corpus import corpus_file
from tests.support.hostile import check_unchanged
from tests.support.platform import under_wine

BUDGET_S = 10.0
MEMORY_MB = 768

# construction -> a piece of its expected message, or None: read (the spans or merges clipped)
EXPECTED: dict[str, str | None] = {
    "整表合并.xlsx": None,
    "四十张稀疏表.xlsx": None,
    "未知压缩方式.xlsx": "不支持的压缩方式",
    "加密标志.xlsx": "已加密",
    "跨度千格.html": None,
    "自指内容流.pdf": "循环引用",
    "互指内容流.pdf": "循环引用",
    "自指资源.pdf": None,  # PDFium reads its one line (it does not follow the cycle); pdfminer would loop
    "超长长度.pdf": None,  # PDFium finds the stream's end itself; pdfminer would allocate the /Length
    "自含对象流.pdf": "",
    "乱写跨列.docx": None,
    "截断.xls": "不完整",
    "未知字符集.mht": None,
    "深层嵌套.mht": "嵌套过深",
    "二十万片段.doc": "文本片段",
}


def _batch(paths: list[Path]) -> tuple[list[CheckResult], float]:
    return check_unchanged(paths, BUDGET_S, MEMORY_MB)


def _assert_answered(results: list[CheckResult], paths: list[Path]) -> None:
    assert [r.path for r in results] == [str(p) for p in paths]
    for r in results:
        assert (r.report is None) == (r.error is not None), r.path
        if r.error is not None:
            assert "内部错误" not in r.error, f"{Path(r.path).name}: {r.error}"
            assert "已取消" not in r.error
            assert any("\u4e00" <= ch <= "\u9fff" for ch in r.error)
            assert "Errno" not in r.error and "No such file" not in r.error, r.error


def test_constructions_each_get_their_answer(tmp_path: Path) -> None:
    paths = hostile.constructions(tmp_path)
    good = tmp_path / "好报告.docx"
    good.write_bytes(corpus_file("seed0_dongming.docx").read_bytes())
    results, elapsed = _batch([*paths, good])
    _assert_answered(results, [*paths, good])
    by_name = {Path(r.path).name: r for r in results}
    for name, expect in EXPECTED.items():
        r = by_name[name]
        if expect is None:
            assert r.report is not None, f"{name}: {r.error}"
        else:
            assert r.error is not None and expect in r.error, f"{name}: {r.error}"
            assert "读取超过" not in r.error, f"{name} hung until the clock: {r.error}"
    assert by_name["好报告.docx"].report is not None and by_name["好报告.docx"].report.cells
    clipped = by_name["整表合并.xlsx"]
    assert clipped.report is not None
    assert elapsed < 60


def _format_samples() -> dict[str, bytes]:
    samples = hostile.SAMPLES
    return {
        "pdf": corpus_file("seed0_dongming.pdf").read_bytes(),
        "docx": corpus_file("seed1_aga.docx").read_bytes(),
        "xlsx": corpus_file("seed1_aga.xlsx").read_bytes(),
        "txt": corpus_file("seed2_kangyi.txt").read_bytes(),
        "xls": (samples / "v03_liulin_zhen.xls").read_bytes(),
        "doc": (samples / "v05_shiqiao_xiang.doc").read_bytes(),
        "rtf": gzip.decompress((samples / "v10_baima_zhen.rtf.gz").read_bytes())[:60_000],
        "html": hostile.span_table_html(30, 2),
        "mht": hostile.mhtml_unknown_charset(),
    }


def _damaged(tmp_path: Path, fmt: str, truncations: int, mutations: int) -> list[Path]:
    data = _format_samples()[fmt]
    out: list[Path] = []
    for cut, part in hostile.truncations(data, truncations, seed=len(fmt)):
        p = tmp_path / f"截断{cut}.{fmt}"
        p.write_bytes(part)
        out.append(p)
    for i, mutated in hostile.mutations(data, mutations, seed=17 + len(fmt)):
        p = tmp_path / f"变异{i}.{fmt}"
        p.write_bytes(mutated)
        out.append(p)
    return out


FORMATS = ["pdf", "docx", "xlsx", "txt", "xls", "doc", "rtf", "html", "mht"]


@pytest.mark.corpus
@pytest.mark.parametrize("fmt", FORMATS)
def test_truncated_and_mutated_files_get_an_answer(tmp_path: Path, fmt: str) -> None:
    paths = _damaged(tmp_path, fmt, truncations=12, mutations=12)
    results, elapsed = _batch(paths)
    _assert_answered(results, paths)
    assert elapsed < BUDGET_S * len(paths) / 2 + 10


@pytest.mark.slow
@pytest.mark.corpus
@pytest.mark.parametrize("fmt", FORMATS)
def test_many_truncations_and_200_mutations(tmp_path: Path, fmt: str) -> None:
    paths = _damaged(tmp_path, fmt, truncations=40, mutations=200)
    results, _elapsed = _batch(paths)
    _assert_answered(results, paths)


@pytest.mark.slow
def test_forty_megabyte_text_is_stopped(tmp_path: Path) -> None:
    """By whichever comes first on this machine: the clock, the memory cap, or (a fast machine
    reads that far in time) the size no annual report has."""
    p = tmp_path / "四十兆.txt"
    p.write_bytes(hostile.big_text(40))
    started = time.monotonic()
    (r,) = check_files([str(p)], reading=ReadOptions(5), memory_mb=MEMORY_MB)
    assert time.monotonic() - started < 5 + 5
    assert r.error is not None and ("读取超过 5 秒" in r.error or "内存" in r.error or "文件过大：文字约" in r.error), r.error


def _truncation(name: str, count: int, seed: int, cut: int) -> bytes:
    data = (hostile.SAMPLES / name).read_bytes()
    return dict(hostile.truncations(data, count, seed=seed))[cut]


def test_a_calamine_panic_is_a_damaged_workbook(tmp_path: Path) -> None:
    """python-calamine's PanicException is a BaseException: caught at the reader, never an escape."""
    from python_calamine import CalamineWorkbook

    from importers import ReadError, read_document
    p = tmp_path / "下载中断.xls"
    p.write_bytes(_truncation("v03_liulin_zhen.xls", 300, 3, 18186))
    with pytest.raises(BaseException) as raw:  # the library itself panics on it
        wb = CalamineWorkbook.from_path(str(p))
        for i in range(len(wb.sheet_names)):
            wb.get_sheet_by_index(i).to_python()
    assert type(raw.value).__name__ == "PanicException" and not isinstance(raw.value, Exception)
    with pytest.raises(ReadError) as e:
        read_document(p)
    assert e.value.kind == "corrupt" and "不完整" in e.value.message


@pytest.mark.skipif(under_wine(), reason="Wine does not enforce a Job Object's memory limit: the reader runs "
                    "to the time budget instead of dying at the cap")
def test_a_workbook_that_makes_calamine_abort_costs_only_its_own_file(tmp_path: Path) -> None:
    """A seeded mutation that makes calamine allocate without bound: under the cap the reader
    aborts (SIGABRT); the file gets its message and the good report beside it is read."""
    data = (hostile.SAMPLES / "v03_liulin_zhen.xls").read_bytes()
    mutated = dict(hostile.mutations(data, 189, seed=5))[188]
    bad, good = tmp_path / "失控.xls", tmp_path / "好报告.xls"
    bad.write_bytes(mutated)
    good.write_bytes(data)
    results = check_files([str(bad), str(good)], reading=ReadOptions(BUDGET_S), jobs=2, memory_mb=512)
    assert results[0].error is not None and ("读取进程意外终止" in results[0].error or "内存" in results[0].error)
    assert results[1].report is not None


@pytest.mark.parametrize("objs,said", [
    ([hostile._CATALOG, b"<< /Type /Pages /Kids [9 0 R] /Count 1 >>"], "文件结构不完整"),
    ([hostile._CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", b"42"], "找不到任何页面"),
    ([hostile._CATALOG, b"7"], "找不到任何页面"),
    ([hostile._CATALOG, hostile._PAGES, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 9 0 R >>"],
     "文件结构不完整"),
])
def test_a_damaged_page_tree_keeps_its_own_message(tmp_path: Path, objs: list[bytes], said: str) -> None:
    """The message about the page tree is not masked by closing the file (pdfplumber's close walks
    the tree again), and a tree without pages is not called a scan."""
    from importers import ReadError, read_document
    p = tmp_path / "页面树.pdf"
    p.write_bytes(hostile._pdf(objs))
    with pytest.raises(ReadError) as e:
        read_document(p)
    assert e.value.kind == "corrupt" and said in e.value.message, e.value.message
