"""`nianbao-check --self-test`: proves a build works on the machine it runs on.

Imports every reader the format registry names, reads every sample in resources/samples (each
as the format its extension names in the registry), runs every rule, writes a checklist to a
temporary folder, creates the main window offscreen, and exits non-zero with the reason on the
first failure. Used by the bundle test and the Windows CI workflow.
"""
from __future__ import annotations

import importlib
import os
import sys
import tempfile
import traceback
from pathlib import Path

import resources

CELLS = {  # sample → a cell it must yield and its value (the format comes from the registry)
    "sample_report.docx": ("t3.new.total", 37),
    "sample.pdf": ("t3.new.total", 14),
    "sample.ofd": ("t3.new.total", 14),
    "sample.xlsx": ("t3.new.total", 11),
    "sample.txt": ("t2.penalty.decisions", 1),
    "sample.html": ("t3.new.total", 37),
    "sample.doc": ("t3.total.total", 32),
    "sample.xls": ("t2.licensing.decisions", 486),
}

WINDOW_SAMPLE = "sample_report.docx"  # the report the offscreen main window opens


def samples() -> dict[str, str]:
    """Every bundled sample a reader takes, with the format its extension names in the registry."""
    from importers import formats
    out: dict[str, str] = {}
    for p in sorted(resources.path("samples").iterdir()):
        fmt = formats.for_extension(p)
        if fmt is not None:
            out[p.name] = fmt.name
    return out


def _check_sample(name: str, fmt: str, r) -> set[str]:
    if r.error:
        raise AssertionError(f"{name}: {r.error}")
    assert r.report.format == fmt, f"{name}: format {r.report.format} != {fmt}"
    if name in CELLS:
        key, value = CELLS[name]
        got = r.report.value(key)
        assert got == value, f"{name}: {key} = {got}, expected {value}"
    return {f.rule for f in r.findings}


SCAN_SOURCE, SCAN_PAGE, SCAN_CELL = "sample.pdf", 1, ("t3.new.total", 14)  # the page of table 3


def make_scan(src: Path, out: Path, page: int, dpi: int = 150) -> Path:
    """An image-only PDF of one page of a text PDF, as a scanner makes it (JPEG inside)."""
    import io

    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument(str(src))
    try:
        img = pdf[page].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        pdf.close()
    buf = io.BytesIO()
    img.rotate(-0.8, fillcolor=(255, 255, 255)).save(buf, "JPEG", quality=70)
    Image.open(io.BytesIO(buf.getvalue())).save(out, "PDF", resolution=dpi)
    return out


def _read_a_scan() -> str:
    """The OCR models are in the bundle and read a scan with the network off."""
    from pipeline import check_file

    with tempfile.TemporaryDirectory() as tmp:
        scan = make_scan(resources.path("samples", SCAN_SOURCE), Path(tmp) / "扫描件.pdf", SCAN_PAGE)
        r = check_file(scan)
        if r.error:
            raise AssertionError(f"扫描件: {r.error}")
        key, value = SCAN_CELL
        got = r.report.value(key) if r.report else None
        assert got == value, f"扫描件: {key} = {got}, expected {value}"
        cells = sum(1 for c in r.report.cells.values() if c.value is not None) if r.report else 0
    return f"识别出 {cells} 格"


def run_self_test() -> int:
    steps: list[tuple[str, object]] = []
    try:
        from importers import formats
        for module in formats.reader_modules():
            importlib.import_module(module)
        steps.append(("导入全部读取模块", "ok"))

        from checks import RULES
        from pipeline import check_files
        wanted = samples()
        paths = [str(resources.path("samples", n)) for n in wanted]
        results = check_files(paths)
        fired: set[str] = set()
        for (name, fmt), r in zip(wanted.items(), results):
            fired |= _check_sample(name, fmt, r)
        steps.append((f"读取 {len(wanted)} 个样例并运行 {len(RULES)} 组规则", f"{len(fired)} 种规则有发现"))

        steps.append(("读取扫描件（离线文字识别）", _read_a_scan()))

        from export import write_checklist
        with tempfile.TemporaryDirectory() as tmp:
            out = write_checklist(results, Path(tmp) / "整改清单.xlsx")
            assert out.stat().st_size > 0
        steps.append(("导出整改清单", "ok"))

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from desktop.app import self_test_window
        steps.append(("创建主窗口", self_test_window(str(resources.path("samples", WINDOW_SAMPLE)))))
    except Exception as e:
        for label, res in steps:
            print(f"  ✓ {label}：{res}")
        print(f"  ✗ 自检失败：{type(e).__name__}: {e}", file=sys.stderr)
        traceback.print_exc()
        return 1
    for label, res in steps:
        print(f"  ✓ {label}：{res}")
    print("自检通过")
    return 0
