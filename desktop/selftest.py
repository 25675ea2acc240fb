"""`nianbao-check --self-test`: proves a build works on the machine it runs on.

Imports every importer, reads one small sample per format from resources/, runs every rule,
writes a checklist to a temporary folder, creates the main window offscreen, and exits non-zero
with the reason on the first failure. Used by the bundle test and the Windows CI workflow.
"""
from __future__ import annotations

import importlib
import os
import sys
import tempfile
import traceback
from pathlib import Path

import resources

SAMPLES = {  # file → (format it must be read as, a cell and its value)
    "sample_report.docx": ("docx", "t3.new.total", 37),
    "sample.pdf": ("pdf", "t3.new.total", 14),
    "sample.xlsx": ("xlsx", "t3.new.total", 11),
    "sample.txt": ("txt", "t2.penalty.decisions", 1),
    "sample.html": ("html", "t3.new.total", 37),
    "sample.doc": ("doc", "t3.total.total", 32),
    "sample.xls": ("xls", "t2.licensing.decisions", 486),
}
IMPORTERS = ("text_file", "docx_file", "xlsx_file", "pdf_file", "html_file", "ole2", "doc_file", "xls_file",
             "rtf_file")


def run_self_test() -> int:
    steps: list[tuple[str, object]] = []
    try:
        for name in IMPORTERS:
            importlib.import_module(f"importers.{name}")
        steps.append(("导入全部读取模块", "ok"))

        from checks import RULES
        from pipeline import check_files
        paths = [str(resources.path("samples", n)) for n in SAMPLES]
        results = check_files(paths)
        fired = set()
        for (name, (fmt, key, value)), r in zip(SAMPLES.items(), results):
            if r.error:
                raise AssertionError(f"{name}: {r.error}")
            assert r.report.format == fmt, f"{name}: format {r.report.format} != {fmt}"
            got = r.report.value(key)
            assert got == value, f"{name}: {key} = {got}, expected {value}"
            fired |= {f.rule for f in r.findings}
        steps.append((f"读取 {len(SAMPLES)} 种格式的样例并运行 {len(RULES)} 组规则", f"{len(fired)} 种规则有发现"))

        from export import write_checklist
        with tempfile.TemporaryDirectory() as tmp:
            out = write_checklist(results, Path(tmp) / "整改清单.xlsx")
            assert out.stat().st_size > 0
        steps.append(("导出整改清单", "ok"))

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from desktop.app import self_test_window
        steps.append(("创建主窗口", self_test_window(paths[0])))
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
