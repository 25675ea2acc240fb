"""The ratchet: ruff and mypy pass with the project's own configuration (pyproject.toml), and no
function outside the tests has a cyclomatic complexity above 15 (radon), in any package."""
from __future__ import annotations

import subprocess
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sysconfig.get_path("scripts"))  # the console scripts: bin/ on Linux, Scripts\ on Windows
PACKAGES = ["model", "importers", "recognise", "checks", "pipeline", "archive", "export", "review", "ui", "desktop",
            "resources"]
MAX_COMPLEXITY = 15


def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / tool), *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_passes() -> None:
    p = run("ruff", "check", "--no-cache", ".")
    assert p.returncode == 0, p.stdout + p.stderr


def test_mypy_passes() -> None:
    # the configuration is the Linux one: on Windows, mypy would find the non-Windows branches unreachable
    p = run("mypy", "--no-incremental", "--platform", "linux")
    assert p.returncode == 0, p.stdout + p.stderr


def test_the_loosely_typed_modules_are_exactly_those_that_need_it(tmp_path: Path) -> None:
    """The overrides of pyproject.toml list module by module what does not pass strict mypy yet: a
    module that passes leaves the list (the ratchet only shrinks), and none outside it may fail."""
    import re
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = {m for o in config["tool"]["mypy"].get("overrides", []) if o.get("disallow_untyped_defs") is False
              for m in o["module"]}
    strict = re.sub(r"\[\[tool\.mypy\.overrides\]\].*?(?=\n\[|\Z)", "", (ROOT / "pyproject.toml").read_text(encoding="utf-8"),
                    flags=re.S)
    (tmp_path / "pyproject.toml").write_text(strict, encoding="utf-8")
    p = run("mypy", "--no-incremental", "--platform", "linux", "--config-file", str(tmp_path / "pyproject.toml"))
    failing = {f[:-3].replace("\\", "/").replace("/", ".")  # mypy names files with \ on Windows
               for f in re.findall(r"^([\w/\\]+\.py):\d+: error", p.stdout, flags=re.M)}
    assert failing == listed, f"pass strict now, leave the list: {sorted(listed - failing)}; fail, not listed: {sorted(failing - listed)}"


def test_no_function_above_complexity_15() -> None:
    from radon.complexity import cc_visit

    too_complex = []
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            for block in cc_visit(path.read_text(encoding="utf-8")):
                if block.complexity > MAX_COMPLEXITY:
                    too_complex.append(f"{path.relative_to(ROOT)}:{block.lineno} {block.name} ({block.complexity})")
    assert not too_complex, "\n".join(too_complex)


def non_ascii_date_formats(source: str) -> list[int]:
    """Lines where a date format holds a non-ASCII character: `x.strftime("%Y年")`, `f"{d:%Y年}"`,
    `format(d, "%Y年")`. On Windows, strftime encodes its format in the ANSI code page (cp1252 on
    GitHub's runner and many imaged PCs): UnicodeEncodeError. Dates are written from their fields."""
    import ast

    def has_non_ascii(node: ast.AST | None) -> bool:
        return any(isinstance(n, ast.Constant) and isinstance(n.value, str) and not n.value.isascii()
                   for n in ast.walk(node)) if node is not None else False

    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FormattedValue) and has_non_ascii(node.format_spec):
            lines.append(node.lineno)
        elif isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
            formats = node.args if name == "strftime" else node.args[1:] if isinstance(f, ast.Name) and name == "format" else []
            if any(has_non_ascii(a) for a in formats):
                lines.append(node.lineno)
    return sorted(lines)


def test_date_formats_are_ascii() -> None:
    found = [f"{path.relative_to(ROOT)}:{line}"
             for pkg in [*PACKAGES, "archive", "build_spec", "benchmarks", "docs", "tests"]
             for path in sorted((ROOT / pkg).rglob("*.py"))
             for line in non_ascii_date_formats(path.read_text(encoding="utf-8"))]
    assert not found, "date formats with Chinese (write the date from its fields):\n" + "\n".join(found)


def test_the_date_format_check_finds_each_form() -> None:
    src = ('a = d.strftime("%Y年%m月")\nb = f"{d:%Y年%m月%d日 %H:%M}"\nc = format(d, "%d日")\n'
           'ok = f"{d.year}年{d:%H:%M}" + d.strftime("%Y-%m-%d")\n')
    assert non_ascii_date_formats(src) == [1, 2, 3]
